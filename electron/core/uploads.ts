import crypto from 'node:crypto';
import { AppError } from '@shared/errors.js';

/** The largest file the browser shell uploads (the CSV contract's limit). */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
/** Files held at once; a new upload evicts the oldest beyond this. */
export const MAX_HELD_UPLOADS = 2;
/** An upload not used for this long is dropped. */
export const UPLOAD_TTL_MS = 30 * 60_000;

/**
 * Files the browser shell streamed in (POST /upload/csv on the bridge), held in memory for the
 * CSV channels to read by id: a 64 MB sales file does not fit a JSON request (the bridge reads 5 MiB
 * at most). Each file belongs to the profile that uploaded it; ids are random and unguessable.
 */
export interface UploadStore {
  put(bytes: Buffer, owner: string): { uploadId: string; size: number };
  /** The file's bytes, for its owner only; an unknown, expired or foreign id is not found. */
  get(uploadId: string, owner: string): Buffer;
  drop(uploadId: string): void;
  /** How many files are held (tests). */
  size(): number;
}

export function createUploadStore(now: () => number): UploadStore {
  const held = new Map<string, { bytes: Buffer; owner: string; usedAt: number }>();
  const sweep = () => {
    for (const [id, u] of held) if (now() - u.usedAt > UPLOAD_TTL_MS) held.delete(id);
  };
  return {
    put(bytes, owner) {
      sweep();
      if (bytes.length > MAX_UPLOAD_BYTES) throw new AppError('invalid_input', 'The file is too large (64 MB at most)');
      while (held.size >= MAX_HELD_UPLOADS) held.delete(held.keys().next().value!);
      const uploadId = crypto.randomBytes(24).toString('base64url');
      held.set(uploadId, { bytes, owner, usedAt: now() });
      return { uploadId, size: bytes.length };
    },
    get(uploadId, owner) {
      sweep();
      const u = held.get(uploadId);
      if (!u || u.owner !== owner) throw new AppError('not_found', 'The uploaded file is no longer here; choose it again');
      u.usedAt = now();
      return u.bytes;
    },
    drop(uploadId) {
      held.delete(uploadId);
    },
    size: () => held.size,
  };
}
