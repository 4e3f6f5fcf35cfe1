import { CliError } from './errors.js';

export function parsePort(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new CliError(`--port must be an integer between 0 and 65535 (got "${raw}")`);
  return n;
}
