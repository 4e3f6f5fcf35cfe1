import type { HandlerMap } from '@core/router.js';
import type { HandlerContext } from '@core/context.js';
import type { csvChannels } from '@shared/contract/csv.js';
import { AppError } from '@shared/errors.js';
import { OFFICE_READ } from '@shared/model/roles.js';
import { newId } from '@core/db/ids.js';
import { importInWorker } from '@core/workers/csvImport.js';
import { commitImport, previewImport, type ImportContext, type ImportRequest } from './importer.js';
import { exportCsv } from './write.js';
import type { CsvKind, CsvMapping } from './headers.js';
import type { CsvSeparator } from './read.js';

function decodeFile(b64: string): Uint8Array {
  const buf = Buffer.from(b64, 'base64');
  if (buf.length === 0) throw new AppError('invalid_input', 'The file is empty');
  return buf;
}

/** The file's bytes: sent inline (base64), or uploaded to the bridge first (by this profile). */
function fileBytes(input: FileInput, ctx: HandlerContext): Uint8Array {
  if ((input.contentBase64 === undefined) === (input.uploadId === undefined))
    throw new AppError('invalid_input', 'Send the file either inline (contentBase64) or as an upload (uploadId)');
  if (input.contentBase64 !== undefined) return decodeFile(input.contentBase64);
  const bytes = ctx.uploads.get(input.uploadId!, ctx.caller.userId);
  if (bytes.length === 0) throw new AppError('invalid_input', 'The file is empty');
  return bytes;
}

type FileInput = {
  kind: CsvKind;
  contentBase64?: string;
  uploadId?: string;
  separator?: CsvSeparator;
  mapping?: CsvMapping;
  createLocations?: ImportRequest['createLocations'];
  confirmWarnings?: boolean;
  skipDuplicates?: boolean;
};

function request(input: FileInput, ctx: HandlerContext): ImportRequest {
  return {
    kind: input.kind,
    bytes: fileBytes(input, ctx),
    separator: input.separator,
    mapping: input.mapping,
    createLocations: input.createLocations,
    confirmWarnings: input.confirmWarnings,
    skipDuplicates: input.skipDuplicates,
  };
}

function progressFor(ctx: HandlerContext, kind: string, jobId: string | undefined) {
  const id = jobId ?? newId();
  return (done: number, total: number) => ctx.events.emit('job.progress', { jobId: id, kind: `csv.import.${kind}`, done, total });
}

/**
 * Commits on a worker thread with its own connection to the database file; an in-memory database
 * (some tests) has no file to share, so it commits inline.
 */
async function commit(ctx: HandlerContext, input: FileInput & { jobId?: string }) {
  const req = request(input, ctx);
  // An uploaded file moves to the import worker: the import gets a copy, the held file stays for a retry.
  if (input.uploadId && !ctx.db.memory) req.bytes = Buffer.from(req.bytes);
  const common = {
    now: ctx.clock.now(),
    device: ctx.deviceId,
    userId: ctx.caller.userId,
    progress: progressFor(ctx, input.kind, input.jobId),
  };
  const result = ctx.db.memory
    ? commitImport({ db: ctx.db, ...common } satisfies ImportContext, req)
    : await importInWorker({ dbPath: ctx.db.name, req, ...common });
  // Imported: the uploaded file is done with.
  if (input.uploadId) ctx.uploads.drop(input.uploadId);
  return result;
}

export const csvHandlers: Pick<HandlerMap, keyof typeof csvChannels> = {
  'csv.preview': (input, ctx) => {
    // A clients file is checked against every client on file (its duplicates name them): admins only, as the import.
    if (input.kind === 'clients' && ctx.caller.role !== 'admin')
      throw new AppError('forbidden', `Role "${ctx.caller.role}" may not import clients`);
    return previewImport(ctx.db, request(input, ctx), ctx.clock.now());
  },
  'csv.importCatalog': (input, ctx) => commit(ctx, input),
  'csv.importClients': (input, ctx) => commit(ctx, input),
  'csv.importMovements': (input, ctx) => commit(ctx, input),
  'csv.export': ({ kind, format }, ctx) => {
    // Installers read the clients of their events only (the hub's rule): the whole list is the office's.
    if (kind === 'clients' && !OFFICE_READ.includes(ctx.caller.role))
      throw new AppError('forbidden', `Role "${ctx.caller.role}" may not export clients`);
    return exportCsv(ctx.db, kind, format, ctx.clock.now());
  },
};
