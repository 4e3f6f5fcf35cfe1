import { z } from 'zod';

export const LANGUAGES = ['fr', 'en'] as const;
export const Language = z.enum(LANGUAGES);
export const Theme = z.enum(['light', 'dark', 'system']);
export const DeviceMode = z.enum(['office', 'installer', 'booth']);
/** Whose public holidays close the shop (forecasts read no demand into them and predict none): FR, GB or none. */
export const HolidayCountry = z.enum(['FR', 'GB', 'none']);
export type DeviceMode = z.infer<typeof DeviceMode>;

/** A quote numbering series: empty (the plain series) or a letter then up to two letters/digits. */
export const QuoteSeries = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^([A-Z][A-Z0-9]{0,2})?$/, 'A numbering series is a letter, then up to two letters or digits');

/** Every setting a user can change, with its validation. Stored one row per key. */
export const SettingsShape = {
  language: Language,
  theme: Theme,
  deviceName: z.string().trim().min(1, 'Le nom de l’appareil est requis').max(64),
  mode: DeviceMode,
  holidayCountry: HolidayCountry,
  /**
   * This device's quote numbering series: '' is the plain one (DEV-2026-0042), a short code (a
   * letter, then up to two letters or digits) numbers DEV-2026-B-0001. One series per device.
   */
  quoteSeries: QuoteSeries,
};
export const Settings = z.object(SettingsShape);
export type Settings = z.infer<typeof Settings>;
export const SettingsPatch = z.strictObject(SettingsShape).partial();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const DEFAULT_SETTINGS: Settings = {
  language: 'fr',
  theme: 'system',
  deviceName: 'OpsDeck',
  mode: 'office',
  holidayCountry: 'FR',
  quoteSeries: '',
};

/** Display preferences any signed-in person may change on this device (language, theme). */
export const DisplayPatch = z.strictObject({ language: Language, theme: Theme }).partial();
export type DisplayPatch = z.infer<typeof DisplayPatch>;
