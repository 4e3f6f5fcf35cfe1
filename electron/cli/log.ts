import { consoleLogger, type Logger } from '../core/ports/log.js';

/** The CLI keeps stdout for results; only warnings reach stderr unless OPSDECK_LOG asks for more. */
export function cliLogger(): Logger {
  const level = process.env.OPSDECK_LOG;
  return consoleLogger(level === 'debug' || level === 'info' ? level : 'warn');
}
