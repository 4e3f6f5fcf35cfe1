import type { SpeedTest } from '@shared/model/booth.js';
import { AppError } from '@shared/errors.js';

/**
 * Downloads the URL (a file of a few MB on a server we control) and times it; ping is the time to
 * the response headers. Upload only when an upload URL is configured. Errors become a row with
 * `error`, so a failing connection is visible in history rather than silently missing.
 */
export async function runSpeedTest(
  url: string,
  opts: { uploadUrl?: string; uploadBytes?: number; timeoutMs?: number } = {},
): Promise<SpeedTest> {
  const testedAt = Date.now();
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? 30_000);
  try {
    const t0 = performance.now();
    const res = await fetch(url, { signal: timeout, headers: { 'cache-control': 'no-store' } });
    const tHeaders = performance.now();
    if (!res.ok || !res.body) throw new AppError('unavailable', `HTTP ${res.status}`);
    let bytes = 0;
    for await (const chunk of res.body) bytes += (chunk as Uint8Array).byteLength;
    const secs = Math.max((performance.now() - tHeaders) / 1000, 1e-3);
    let upMbps: number | null = null;
    if (opts.uploadUrl) {
      const body = new Uint8Array(opts.uploadBytes ?? 1_000_000);
      const u0 = performance.now();
      const up = await fetch(opts.uploadUrl, { method: 'POST', body, signal: timeout });
      await up.arrayBuffer();
      if (!up.ok) throw new AppError('unavailable', `upload HTTP ${up.status}`);
      upMbps = round((body.byteLength * 8) / 1e6 / Math.max((performance.now() - u0) / 1000, 1e-3));
    }
    return { testedAt, url, downMbps: round((bytes * 8) / 1e6 / secs), upMbps, pingMs: round(tHeaders - t0), error: null };
  } catch (e) {
    return { testedAt, url, downMbps: null, upMbps: null, pingMs: null, error: (e instanceof Error ? e.message : String(e)).slice(0, 500) };
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
