// Moved to renderer/src/api/fieldErrors.ts (every form uses it); kept here for existing imports.
export { fieldErrors } from '@renderer/api/fieldErrors';
