export const SUPPORTED_ELECTRON_MAJORS: readonly number[];
export function electronMajor(spec: unknown): number | null;
export function checkElectronVersion(v: { declared: string | undefined; installed?: string }, supported?: readonly number[]): string[];
