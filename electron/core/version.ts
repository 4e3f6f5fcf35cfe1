import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** Read once from package.json so the CLI, the core and the window title agree. */
export const APP_VERSION: string = (() => {
  for (const p of ['../../package.json', '../../../package.json']) {
    try {
      return (require(p) as { version: string }).version;
    } catch {
      /* try the next layout (source vs bundled) */
    }
  }
  return '0.0.0';
})();
