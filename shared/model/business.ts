import { z } from 'zod';
import { Language } from './settings.js';

export const CURRENCIES = ['EUR', 'CHF', 'GBP', 'USD', 'CAD'] as const;
export const Currency = z.enum(CURRENCIES);

/** A logo as the set-up step reads it from a file: a PNG, JPEG, WebP or SVG data URL, 200 KB at most. */
export const Logo = z
  .string()
  .max(280_000, 'The logo is too large (200 KB at most)')
  .regex(/^data:image\/(png|jpeg|webp|svg\+xml);base64,[A-Za-z0-9+/=]+$/, 'The logo must be a PNG, JPEG, WebP or SVG image');

/** "FR 12 345678901" → "FR12345678901": two letters, then 2 to 13 letters or digits (EU VAT numbers and the like). */
export const VatNumber = z
  .string()
  .transform((s) => s.replace(/[\s.-]/g, '').toUpperCase())
  .pipe(
    z.union([
      z.literal(''),
      z.string().regex(/^[A-Z]{2}[0-9A-Z]{2,13}$/, 'VAT number: two letters then 2 to 13 letters or digits (FR12345678901)'),
    ]),
  );

/** Who the business is: shown on screens and exports, set at first start, changed in Settings. Business-wide (synced). */
export const BusinessProfile = z.strictObject({
  name: z.string().trim().min(1, 'Enter the business name').max(120, 'Business name: 120 characters at most'),
  address: z.string().trim().max(500, 'Address: 500 characters at most').default(''),
  vatNumber: VatNumber.default(''),
  logo: Logo.nullable().default(null),
  currency: Currency.default('EUR'),
  language: Language.default('fr'),
});
export type BusinessProfile = z.infer<typeof BusinessProfile>;

/** The set-up checklist: required steps first, then the optional ones (each skippable, reachable later). */
export const SETUP_STEPS = [
  'business',
  'admin',
  'locations',
  'products',
  'services',
  'openingStock',
  'sales',
  'hub',
  'notion',
  'booths',
] as const;
export const SetupStepId = z.enum(SETUP_STEPS);
export type SetupStepId = z.infer<typeof SetupStepId>;
export const OPTIONAL_STEPS: readonly SetupStepId[] = ['products', 'services', 'openingStock', 'sales', 'hub', 'notion', 'booths'];

export const SetupStep = z.object({
  id: SetupStepId,
  optional: z.boolean(),
  done: z.boolean(),
  skipped: z.boolean(),
  /** What is there already (products, locations, booths…), when the step counts something. */
  count: z.number().int().nullable(),
});
export type SetupStep = z.infer<typeof SetupStep>;

export const SetupStatus = z.object({
  steps: z.array(SetupStep),
  /** Steps neither done nor skipped. */
  remaining: z.number().int(),
  /** How this database started: the checklist is for a business that started empty. */
  start: z.enum(['demo', 'empty', 'join']).nullable(),
});
export type SetupStatus = z.infer<typeof SetupStatus>;
