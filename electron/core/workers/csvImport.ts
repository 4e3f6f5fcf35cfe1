import type { CsvImportResult } from '@shared/contract/csv.js';
import { AppError, type AppErrorShape } from '@shared/errors.js';
import { startWorker, workerExt } from './startWorker.js';
import type { ImportRequest } from '../modules/csv/importer.js';

export interface WorkerImport {
  dbPath: string;
  now: number;
  device: string;
  userId: string | null;
  req: ImportRequest;
  progress?: (done: number, total: number) => void;
  /** How long the import waits for another writer to let go of the database (tests shorten it). */
  busyTimeoutMs?: number;
}

/** An import waits this long for the write lock before it gives up with a clear error. */
export const IMPORT_BUSY_TIMEOUT_MS = 60_000;

/**
 * Commits an import on a worker thread so a million-row file never blocks the core's thread
 * (in Electron that is the main process: the window would stop responding). Same transaction,
 * same result or AppError as the inline commit.
 */
export function importInWorker(job: WorkerImport): Promise<CsvImportResult> {
  const { progress, req, busyTimeoutMs = IMPORT_BUSY_TIMEOUT_MS, ...rest } = job;
  // The file's bytes move to the worker instead of being copied.
  const bytes = req.bytes.buffer.byteLength === req.bytes.byteLength ? req.bytes : req.bytes.slice();
  const worker = startWorker(new URL('./csvImportWorker' + workerExt(import.meta.url), import.meta.url), {
    workerData: { ...rest, busyTimeoutMs, req: { ...req, bytes } },
    transferList: [bytes.buffer as ArrayBuffer],
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    type Msg =
      | { type: 'progress'; done: number; total: number }
      | { type: 'done'; result: CsvImportResult }
      | { type: 'error'; error: AppErrorShape }
      | { type: 'raw'; code: string; message: string };
    worker.on('message', (m: Msg) => {
      if (m.type === 'progress') return progress?.(m.done, m.total);
      settled = true;
      if (m.type === 'done') resolve(m.result);
      else if (m.type === 'error') reject(new AppError(m.error.code, m.error.message, m.error.details));
      else if (m.code.startsWith('SQLITE_BUSY'))
        reject(
          new AppError(
            'unavailable',
            `The database stayed busy for ${Math.round(busyTimeoutMs / 1000)} s (another task was writing); nothing was imported. Try the import again`,
            { sqlite: m.code },
          ),
        );
      // A constraint keeps SQLite's code (the router explains it); anything else is the import's own failure.
      else if (m.code.startsWith('SQLITE_CONSTRAINT')) reject(Object.assign(new Error(m.message), { code: m.code }));
      else reject(new AppError('internal', `The import failed: ${m.message}`, { sqlite: m.code }));
    });
    worker.on('error', (e) => {
      if (settled) return;
      settled = true;
      reject(new AppError('internal', `The import stopped: ${e.message}`));
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new AppError('internal', `The import stopped (worker exit ${code})`));
    });
  });
}
