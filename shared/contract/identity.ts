import { z } from 'zod';
import { ADMIN_ONLY, ANY_ROLE, Role } from '../model/roles.js';
import { User } from '../model/user.js';
import { Language, Theme } from '../model/settings.js';
import { defineChannels } from './define.js';

/** A profile's credential on this device: a password (8+ characters) or a PIN (4 to 12 digits). */
export const CredentialKind = z.enum(['password', 'pin']);
export type CredentialKind = z.infer<typeof CredentialKind>;
export const PASSWORD_MIN = 8;
export const Password = z.string().min(PASSWORD_MIN, 'The password needs at least 8 characters').max(200);
export const ProfilePin = z.string().regex(/^\d{4,12}$/, 'PIN must be 4 to 12 digits');

export const ProfileSummary = z.object({
  id: z.string(),
  displayName: z.string(),
  role: Role,
  credential: CredentialKind.nullable(),
  /** Sign-in refused without checking until then (ms UTC). */
  lockedUntil: z.number().nullable(),
});
export type ProfileSummary = z.infer<typeof ProfileSummary>;

export const SessionStatus = z.object({
  /** needs_admin: no admin can sign in yet (first start) · signed_out · signed_in. */
  state: z.enum(['needs_admin', 'signed_out', 'signed_in']),
  /** user: a profile · kiosk: booth-mode device with nobody signed in · system: command line. */
  kind: z.enum(['user', 'kiosk', 'system']).nullable(),
  /** The signed-in profile, with its effective role (capped by the hub account's). */
  user: User.nullable(),
  /** The profile's own role before the hub cap. */
  localRole: Role.nullable(),
  /** The hub account's role while the device is signed in to the hub. */
  hubRole: z.string().nullable(),
  /** Demo database: profiles without a credential open in one click, marked as demo. */
  demo: z.boolean(),
  /** A fresh database: the demo may still be loaded in one click. */
  firstRun: z.boolean(),
  profiles: z.array(ProfileSummary),
  language: Language,
  theme: Theme,
});
export type SessionStatus = z.infer<typeof SessionStatus>;

export const SignInResult = z.object({
  ok: z.boolean(),
  status: SessionStatus,
  attemptsLeft: z.number().int().nullable(),
  retryAfterMs: z.number().int().nullable(),
});
export type SignInResult = z.infer<typeof SignInResult>;

const Empty = z.strictObject({});
const UserId = z.string().min(1).max(64);
const Secret = z.string().min(1, 'Enter the password or PIN').max(200);
const DisplayName = z.string().trim().min(1, 'Enter a name').max(120);
const Email = z.string().trim().email('Enter a valid email address').max(254);

export const identityChannels = defineChannels({
  'session.status': { kind: 'query', input: Empty, output: SessionStatus, roles: ANY_ROLE, public: true },
  // Sign in, or switch profile: always with the profile's password or PIN. Audited by the handler.
  'session.signIn': {
    kind: 'mutation',
    input: z.strictObject({ userId: UserId, secret: Secret }),
    output: SignInResult,
    roles: ANY_ROLE,
    public: true,
    redact: ['secret'],
    audit: false,
  },
  'session.signOut': { kind: 'mutation', input: Empty, output: SessionStatus, roles: ANY_ROLE },
  // Only while no admin can sign in on this device (first start, not demo).
  'session.createFirstAdmin': {
    kind: 'mutation',
    input: z.strictObject({ displayName: DisplayName, email: Email.nullable().default(null), password: Password }),
    output: SessionStatus,
    roles: ANY_ROLE,
    public: true,
    redact: ['password'],
  },
  // Demo databases only (or a fresh one, which it fills with the demo): one click, no password.
  'session.enterDemo': {
    kind: 'mutation',
    input: z.strictObject({ userId: UserId.optional() }),
    output: SessionStatus,
    roles: ANY_ROLE,
    public: true,
  },
  'users.create': {
    kind: 'mutation',
    input: z.strictObject({
      displayName: DisplayName,
      email: Email.nullable().default(null),
      role: Role,
      credential: CredentialKind,
      secret: Secret,
    }),
    output: User,
    roles: ADMIN_ONLY,
    redact: ['secret'],
  },
  // An admin sets anyone's; a profile changes its own with its current secret.
  'users.setCredential': {
    kind: 'mutation',
    input: z.strictObject({ userId: UserId, credential: CredentialKind, secret: Secret, currentSecret: Secret.optional() }),
    output: z.object({ userId: z.string(), credential: CredentialKind }),
    roles: ANY_ROLE,
    redact: ['secret', 'currentSecret'],
  },
});

export const identityEvents = {
  /** Someone signed in, switched or signed out on this device: every window reads session.status again. */
  'session.changed': z.object({ userId: z.string().nullable() }),
} as const;
