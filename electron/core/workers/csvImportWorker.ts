import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '@shared/errors.js';
import { openDatabase } from '../db/connection.js';
import { commitImport, type ImportRequest } from '../modules/csv/importer.js';

/**
 * Worker side of a CSV import: its own connection to the same database file (WAL: the app keeps
 * reading while this one writes), the same one-transaction commit, progress posted back.
 */
const { dbPath, now, device, userId, req, busyTimeoutMs } = workerData as {
  dbPath: string;
  now: number;
  device: string;
  userId: string | null;
  req: ImportRequest;
  busyTimeoutMs: number;
};
const db = openDatabase(dbPath);
// An import the user started waits for a background write (a forecast run, a sync round) to end
// instead of failing with "busy" after the app-wide 5 s: the screen shows its progress meanwhile.
// (commitImport takes the write lock up front, so this wait is what SQLite actually applies.)
db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
try {
  const result = commitImport(
    { db, now, device, userId, progress: (done, total) => parentPort!.postMessage({ type: 'progress', done, total }) },
    req,
  );
  parentPort!.postMessage({ type: 'done', result });
} catch (e) {
  // AppErrors travel as their shape; anything else (an SQLite constraint…) as code + message, so
  // the router maps it exactly as if it had been thrown on its own thread.
  if (e instanceof AppError) parentPort!.postMessage({ type: 'error', error: e.toShape() });
  else
    parentPort!.postMessage({
      type: 'raw',
      code: String((e as { code?: unknown }).code ?? ''),
      message: e instanceof Error ? e.message : String(e),
    });
} finally {
  db.close();
}
