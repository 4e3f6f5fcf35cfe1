import { CliError } from '../errors.js';
import type { Command } from 'commander';

/** One dslrBooth session's triggers, in the order protocols §5 describes. */
export function sessionUrls(base: string, n: number, o: { shots: number; copies: number; mode: string }): string[] {
  const u = (type: string, ...params: string[]) => {
    const q = new URLSearchParams({ event_type: type });
    params.forEach((p, i) => q.set(`param${i + 1}`, p));
    return `${base}?${q.toString()}`;
  };
  const dir = `C:\\Users\\Booth\\Pictures\\dslrBooth\\Session_${String(n).padStart(4, '0')}`;
  const out = [u('session_start', o.mode)];
  for (let s = 1; s <= o.shots; s++) {
    out.push(
      u('countdown_start', '3'),
      u('countdown', '50'),
      u('countdown', '100'),
      u('capture_start'),
      u('file_download', `${dir}\\IMG_${s}.JPG`),
    );
  }
  const finalFile = o.mode === 'print' ? `${dir}\\Prints\\final.jpg` : `${dir}\\final.gif`;
  out.push(u('processing_start', finalFile), u('sharing_screen'));
  if (o.mode === 'print' && o.copies > 0) out.push(u('printing', finalFile, String(o.copies), 'DNP DS620'));
  out.push(u('session_end'));
  return out;
}

export function register(program: Command): void {
  program
    .command('simulate-booth')
    .description('Send a booth’s dslrBooth triggers to an agent (test a setup without a camera)')
    .requiredOption('--url <url>', 'the agent trigger URL, e.g. http://127.0.0.1:8787/dslrbooth')
    .option('--sessions <n>', 'sessions to play', '1')
    .option('--shots <n>', 'photos per session', '3')
    .option('--copies <n>', 'print copies per session (0 = no print)', '1')
    .option('--mode <mode>', 'print | gif | boomerang | video', 'print')
    .option('--interval-ms <n>', 'pause between triggers', '0')
    .action(async (o: { url: string; sessions: string; shots: string; copies: string; mode: string; intervalMs: string }) => {
      let base: URL;
      try {
        base = new URL(o.url);
      } catch {
        throw new CliError(`--url "${o.url}" is not a URL`);
      }
      const ints = { sessions: Number(o.sessions), shots: Number(o.shots), copies: Number(o.copies), interval: Number(o.intervalMs) };
      for (const [k, v] of Object.entries(ints)) if (!Number.isInteger(v) || v < 0) throw new CliError(`--${k} must be a whole number ≥ 0`);
      let sent = 0;
      for (let s = 1; s <= ints.sessions; s++) {
        for (const url of sessionUrls(`${base.origin}${base.pathname}`, s, { shots: ints.shots, copies: ints.copies, mode: o.mode })) {
          let res: Response;
          try {
            res = await fetch(url);
          } catch (e) {
            throw new CliError(`Agent unreachable at ${base.origin}: ${(e as Error).message}`);
          }
          if (res.status !== 200) throw new CliError(`Trigger refused (${res.status}): ${(await res.text()).trim()}`);
          sent++;
          if (ints.interval) await new Promise((r) => setTimeout(r, ints.interval));
        }
      }
      process.stdout.write(`Sent ${sent} triggers (${ints.sessions} sessions)\n`);
    });
}
