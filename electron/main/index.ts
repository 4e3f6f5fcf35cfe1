import { startShell } from './boot.js';

// Entry of the packaged app (package.json "main" → dist-electron/main/index.js).
// A failed start is already logged and shown in a dialog by startShell, which then exits.
startShell().ready?.catch(() => undefined);
