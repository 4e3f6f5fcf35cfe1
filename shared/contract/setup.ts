import { z } from 'zod';
import { ADMIN_ONLY, ANY_ROLE } from '../model/roles.js';
import { BusinessProfile, SetupStatus, SetupStepId } from '../model/business.js';
import { ExportedFile, PrintLang } from '../print.js';
import { defineChannels } from './define.js';

export const setupChannels = defineChannels({
  /** The business profile, or null before the set-up's first step. */
  'setup.business.get': { kind: 'query', input: z.strictObject({}), output: BusinessProfile.nullable(), roles: ANY_ROLE },
  'setup.business.set': { kind: 'mutation', input: BusinessProfile, output: BusinessProfile, roles: ADMIN_ONLY, redact: ['logo'] },
  /** What is set up and what is left: the dashboard checklist and the set-up wizard read it. */
  'setup.status': { kind: 'query', input: z.strictObject({}), output: SetupStatus, roles: ANY_ROLE },
  /** Skip an optional step (it stays reachable from Settings) or bring it back to the checklist. */
  'setup.skip': {
    kind: 'mutation',
    input: z.strictObject({ step: SetupStepId, skipped: z.boolean().default(true) }),
    output: SetupStatus,
    roles: ADMIN_ONLY,
  },
  /** A one-page PDF of the header every printed document starts with (Settings → Business → preview). */
  'setup.letterhead.pdf': { kind: 'query', input: z.strictObject({ lang: PrintLang.optional() }), output: ExportedFile, roles: ANY_ROLE },
});
