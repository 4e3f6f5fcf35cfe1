import { Ollama } from 'ollama';
import { AppError } from '@shared/errors.js';
import type { AssistantFailure } from '@shared/model/assistant.js';

export const DEFAULT_ADDRESS = '127.0.0.1:11434';

/** "127.0.0.1:11434", ":11434", "http://box:11434/" → an http(s) origin; anything else is refused. */
export function normalizeAddress(raw: string): string {
  let s = raw.trim().replace(/\/+$/, '');
  if (s.startsWith(':')) s = `127.0.0.1${s}`;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) s = `http://${s}`;
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    throw new AppError('invalid_input', 'Enter the Ollama address as host:port (e.g. 127.0.0.1:11434)', { field: 'address' });
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.pathname !== '/' || u.search || u.username)
    throw new AppError('invalid_input', 'Enter the Ollama address as host:port (e.g. 127.0.0.1:11434)', { field: 'address' });
  if (!u.port) u.port = u.protocol === 'https:' ? '443' : '11434';
  return u.origin;
}

/**
 * One client per request, bound to the configured address: its fetch refuses any other host (the
 * conversation goes nowhere else) and carries our own abort signal (Stop, timeouts), which also
 * covers the moment before a stream's first byte, where the package's iterator cannot abort yet.
 */
export function ollamaClient(origin: string, signal?: AbortSignal): Ollama {
  const guarded: typeof fetch = (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (url.origin !== origin) return Promise.reject(new AppError('forbidden', 'The assistant only talks to the configured Ollama'));
    const signals = [init?.signal, signal].filter((s): s is AbortSignal => !!s);
    return fetch(input, { ...init, signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0] });
  };
  return new Ollama({ host: origin, fetch: guarded });
}

export type Classified = AssistantFailure | 'no_tools' | 'stopped';

/**
 * What went wrong, from what the `ollama` package throws: ResponseError (not exported: by name)
 * with status_code; TypeError from fetch when nothing listens; AbortError on Stop; plain Errors
 * from the stream ("Did not receive done…", an `{"error"}` line) or a cut connection once it began.
 */
export function classifyOllamaError(e: unknown, streamStarted: boolean): Classified {
  const err = e as { name?: string; message?: string; status_code?: number; cause?: { code?: string } };
  if (err?.name === 'AbortError') return 'stopped';
  if (err?.name === 'ResponseError') {
    if (err.status_code === 404) return 'model_missing';
    if (err.status_code === 503) return 'busy';
    if (err.status_code === 400 && /does not support tools/i.test(err.message ?? '')) return 'no_tools';
    return 'ollama_error';
  }
  if (/Did not receive done or success response in stream/.test(err?.message ?? '')) return 'stream_incomplete';
  // undici: a body cut after the answer began is "terminated" (UND_ERR_SOCKET), not a refused connection.
  if (streamStarted || err?.message === 'terminated' || err?.cause?.code === 'UND_ERR_SOCKET') return 'stream_broken';
  if (err?.name === 'TypeError' || /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|fetch failed/i.test(`${err?.message} ${err?.cause?.code ?? ''}`))
    return 'ollama_down';
  return 'ollama_error';
}
