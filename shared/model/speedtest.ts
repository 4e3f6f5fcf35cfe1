import { z } from 'zod';

/**
 * Where speed tests download from and upload to, the warning thresholds (a test under them raises
 * "slow network"), and each booth's schedule. Works out of the box: the defaults need no setting.
 */
export const DEFAULT_SPEED_DOWNLOAD_URL = 'https://speed.cloudflare.com/__down?bytes=10000000';
export const DEFAULT_SPEED_UPLOAD_URL = 'https://speed.cloudflare.com/__up';
export const DEFAULT_SPEED_EVERY_MIN = 30;

const HttpUrl = z
  .string()
  .trim()
  .url('Not a URL')
  .refine((u) => /^https?:\/\//.test(u), 'The URL must start with https:// (or http://)');

export const SpeedConfig = z.strictObject({
  downloadUrl: HttpUrl,
  uploadUrl: HttpUrl.nullable(),
  warnDownMbps: z.number().min(0).max(10_000),
  warnUpMbps: z.number().min(0).max(10_000),
  warnPingMs: z.number().min(1).max(60_000),
  /** Minutes between a booth agent's tests, per booth id (0: off); booths not listed use the default. */
  everyMin: z.record(z.string(), z.number().int().min(0).max(1440)),
});
export type SpeedConfig = z.infer<typeof SpeedConfig>;

export const DEFAULT_SPEED_CONFIG: SpeedConfig = {
  downloadUrl: DEFAULT_SPEED_DOWNLOAD_URL,
  uploadUrl: DEFAULT_SPEED_UPLOAD_URL,
  warnDownMbps: 10,
  warnUpMbps: 2,
  warnPingMs: 150,
  everyMin: {},
};

/** Is this result under the thresholds (or failed)? Null when it is fine. */
export function slowReason(
  t: { downMbps: number | null; upMbps: number | null; pingMs: number | null; error: string | null },
  c: Pick<SpeedConfig, 'warnDownMbps' | 'warnUpMbps' | 'warnPingMs'>,
): 'failed' | 'down' | 'up' | 'ping' | null {
  if (t.error) return 'failed';
  if (t.downMbps !== null && t.downMbps < c.warnDownMbps) return 'down';
  if (t.upMbps !== null && t.upMbps < c.warnUpMbps) return 'up';
  if (t.pingMs !== null && t.pingMs > c.warnPingMs) return 'ping';
  return null;
}
