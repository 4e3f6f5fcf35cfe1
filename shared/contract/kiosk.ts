import { z } from 'zod';
import { ADMIN_ONLY, ANY_ROLE } from '../model/roles.js';
import { defineChannels } from './define.js';

/** Digits only, so the kiosk's on-screen keypad can enter it. */
export const KioskPin = z.string().regex(/^\d{4,12}$/, 'PIN must be 4 to 12 digits');

export const KioskStatus = z.object({
  pinSet: z.boolean(),
  failedAttempts: z.number().int(),
  /** While set and in the future, unlock attempts are refused without checking the PIN. */
  lockedUntil: z.number().nullable(),
  /** The window may be closed until this time (ms UTC). */
  exitAllowedUntil: z.number().nullable(),
});
export type KioskStatus = z.infer<typeof KioskStatus>;

export const KioskUnlockResult = z.object({
  allowed: z.boolean(),
  exitAllowedUntil: z.number().nullable(),
  retryAfterMs: z.number().int().nullable(),
  attemptsLeft: z.number().int().nullable(),
});
export type KioskUnlockResult = z.infer<typeof KioskUnlockResult>;

export const kioskChannels = defineChannels({
  'kiosk.status': { kind: 'query', input: z.strictObject({}), output: KioskStatus, roles: ANY_ROLE, public: true },
  'kiosk.setPin': {
    kind: 'mutation',
    input: z.strictObject({ pin: KioskPin }),
    output: z.object({ pinSet: z.literal(true) }),
    roles: ADMIN_ONLY,
    redact: ['pin'],
  },
  // Anyone at the booth may try; the PIN is the credential. Audited by the handler (refusals too).
  'kiosk.unlock': {
    kind: 'mutation',
    input: z.strictObject({ pin: z.string().max(64) }),
    output: KioskUnlockResult,
    roles: ANY_ROLE,
    public: true,
    redact: ['pin'],
    audit: false,
  },
});

export const kioskEvents = {
  'kiosk.exitGranted': z.object({ until: z.number() }),
} as const;
