import { z } from 'zod';

export const LANGUAGES = ['fr', 'en'] as const;
export const Language = z.enum(LANGUAGES);
export const Theme = z.enum(['light', 'dark', 'system']);
export const DeviceMode = z.enum(['office', 'installer', 'booth']);
/** Whose public holidays close the shop (forecasts read no demand into them and predict none): FR, GB or none. */
export const HolidayCountry = z.enum(['FR', 'GB', 'none']);
export type DeviceMode = z.infer<typeof DeviceMode>;

/** Every setting a user can change, with its validation. Stored one row per key. */
export const SettingsShape = {
  language: Language,
  theme: Theme,
  deviceName: z.string().trim().min(1, 'Le nom de l’appareil est requis').max(64),
  mode: DeviceMode,
  holidayCountry: HolidayCountry,
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
};

/** Display preferences any signed-in person may change on this device (language, theme). */
export const DisplayPatch = z.strictObject({ language: Language, theme: Theme }).partial();
export type DisplayPatch = z.infer<typeof DisplayPatch>;
