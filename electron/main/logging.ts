import fs from 'node:fs';
import path from 'node:path';
import { redactFields, type Logger, type LogLevel } from '../core/ports/log.js';

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export interface FileLoggerOptions {
  dir: string;
  min?: LogLevel;
  /** Rotate when the current file would pass this size. */
  maxBytes?: number;
  /** Rotated files kept (opsdeck.1.log … opsdeck.N.log). */
  keep?: number;
  /** Also echo to stderr (unpackaged runs). */
  echo?: boolean;
  now?: () => Date;
}

/**
 * The desktop app's log: JSON lines in userData/logs, rotated, secret-looking fields masked by the
 * core's redactFields. Packaged Windows apps have no console, so a booth's history lives here.
 */
export function rotatingFileLogger(opts: FileLoggerOptions): Logger & { file: string } {
  const min = opts.min ?? 'info';
  const maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
  const keep = opts.keep ?? 3;
  const now = opts.now ?? (() => new Date());
  fs.mkdirSync(opts.dir, { recursive: true });
  const file = path.join(opts.dir, 'opsdeck.log');
  const rotated = (n: number) => path.join(opts.dir, `opsdeck.${n}.log`);
  let size = fs.existsSync(file) ? fs.statSync(file).size : 0;

  const rotate = () => {
    fs.rmSync(rotated(keep), { force: true });
    for (let n = keep - 1; n >= 1; n--) if (fs.existsSync(rotated(n))) fs.renameSync(rotated(n), rotated(n + 1));
    if (fs.existsSync(file)) fs.renameSync(file, rotated(1));
    size = 0;
  };

  const emit = (level: LogLevel) => (msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < ORDER[min]) return;
    const line = JSON.stringify({ t: now().toISOString(), level, msg, ...redactFields(fields) }) + '\n';
    const bytes = Buffer.byteLength(line);
    try {
      if (size > 0 && size + bytes > maxBytes) rotate();
      fs.appendFileSync(file, line);
      size += bytes;
    } catch {
      // A full or read-only disk must not take the app down with it; stderr still gets the line.
    }
    if (opts.echo) process.stderr.write(line);
  };
  return { file, debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
