import type { AppErrorShape, ErrorCode } from '@shared/errors';

/** A failed core call as the renderer sees it: the code from the envelope, a readable message. */
export class ApiError extends Error {
  readonly code: ErrorCode | 'transport';
  readonly details?: unknown;
  readonly channel: string;
  constructor(channel: string, shape: AppErrorShape | { code: 'transport'; message: string }) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    this.details = 'details' in shape ? shape.details : undefined;
    this.channel = channel;
  }
}
