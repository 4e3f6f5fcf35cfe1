import crypto from 'node:crypto';
import { Client, APIResponseError, isNotionClientError } from '@notionhq/client';
import type { DataSourceObjectResponse, PageObjectResponse, QueryDataSourceResponse } from '@notionhq/client';

/**
 * The one way OpsDeck talks to Notion: @notionhq/client with its own retries off, behind a
 * per-token rate limiter (at most 3 requests in any second, shared by import and write-back),
 * honouring 429 Retry-After for the whole token and retrying 5xx / network failures with backoff.
 * Time is a port (`Pacer`) so tests can run thousands of requests in virtual time.
 */

export interface Pacer {
  now(): number;
  sleep(ms: number): Promise<void>;
}
export const realPacer: Pacer = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

/** At most `perWindow` grants in any `windowMs`; a 429 pauses every caller of the token. */
export class RateLimiter {
  private grants: number[] = [];
  private pausedUntil = 0;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly pacer: Pacer,
    readonly perWindow = 3,
    readonly windowMs = 1000,
  ) {}

  pauseUntil(t: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, t);
  }

  acquire(): Promise<void> {
    const next = this.chain.then(async () => {
      for (;;) {
        const now = this.pacer.now();
        if (now < this.pausedUntil) {
          await this.pacer.sleep(this.pausedUntil - now);
          continue;
        }
        while (this.grants.length && now - this.grants[0]! >= this.windowMs) this.grants.shift();
        if (this.grants.length < this.perWindow) {
          this.grants.push(now);
          return;
        }
        await this.pacer.sleep(this.grants[0]! + this.windowMs - now);
      }
    });
    this.chain = next.catch(() => undefined);
    return next;
  }
}

const limiters = new Map<string, { pacer: Pacer; limiter: RateLimiter }>();
/** One limiter per token per pacer in this process (import, write-back and the CLI share it). */
export function limiterFor(token: string, pacer: Pacer): RateLimiter {
  // With real time, 3 per 1.2 s (2.5 requests/s): a request reaches Notion some time after its
  // grant, and that delay varies (a busy machine, the network), so two grants 1 s apart could
  // arrive closer. In virtual time (tests) the grant is the arrival: exactly 3 per second.
  const key = crypto.createHash('sha256').update(token).digest('hex');
  const have = limiters.get(key);
  if (have && have.pacer === pacer) return have.limiter;
  const limiter = new RateLimiter(pacer, 3, pacer === realPacer ? 1200 : 1000);
  limiters.set(key, { pacer, limiter });
  return limiter;
}

export type NotionFailureKind = 'auth' | 'not_found' | 'invalid' | 'unavailable';
export class NotionFailure extends Error {
  constructor(
    readonly kind: NotionFailureKind,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'NotionFailure';
  }
}

export interface GatewayOptions {
  token: string;
  baseUrl: string;
  pacer?: Pacer;
  fetch?: typeof fetch;
  /** Attempts for 5xx / network failures (429 waits do not count, up to `max429`). */
  maxAttempts?: number;
  max429?: number;
  timeoutMs?: number;
}

const RETRYABLE = new Set([500, 502, 503, 504, 529]);

export class NotionGateway {
  readonly client: Client;
  readonly limiter: RateLimiter;
  readonly pacer: Pacer;
  requests = 0;
  private readonly maxAttempts: number;
  private readonly max429: number;

  constructor(private readonly opts: GatewayOptions) {
    this.pacer = opts.pacer ?? realPacer;
    this.limiter = limiterFor(opts.token, this.pacer);
    this.maxAttempts = opts.maxAttempts ?? 6;
    this.max429 = opts.max429 ?? 100;
    this.client = new Client({
      auth: opts.token,
      baseUrl: opts.baseUrl,
      retry: false,
      timeoutMs: opts.timeoutMs ?? 30_000,
      fetch: opts.fetch as never,
      // The client never sees the token in its log lines, but keep its chatter out of ours.
      logger: () => undefined,
    });
  }

  /** One API call through the limiter with the retry policy. */
  async call<T>(fn: (c: Client) => Promise<T>): Promise<T> {
    let failures = 0;
    let limited = 0;
    for (;;) {
      await this.limiter.acquire();
      this.requests++;
      try {
        return await fn(this.client);
      } catch (e) {
        if (APIResponseError.isAPIResponseError(e)) {
          if (e.status === 429) {
            if (++limited > this.max429) throw new NotionFailure('unavailable', 'Notion kept answering "rate limited"', 429);
            const ra = Number((e.headers as { get?(n: string): string | null } | undefined)?.get?.('retry-after') ?? NaN);
            this.limiter.pauseUntil(
              this.pacer.now() + (Number.isFinite(ra) && ra >= 0 ? Math.min(ra, 60) * 1000 : 1000 * 2 ** Math.min(limited, 5)),
            );
            continue;
          }
          if (e.status === 401 || e.status === 403)
            throw new NotionFailure(
              'auth',
              e.status === 401 ? 'The Notion token was refused' : `Notion refused access: ${e.message}`,
              e.status,
            );
          if (e.status === 404) throw new NotionFailure('not_found', e.message, 404);
          if (!RETRYABLE.has(e.status)) throw new NotionFailure('invalid', e.message, e.status);
        } else if (!isNotionClientError(e) && !(e instanceof TypeError) && (e as Error)?.name !== 'AbortError') {
          throw e;
        }
        const status = APIResponseError.isAPIResponseError(e) ? e.status : null;
        if (++failures >= this.maxAttempts)
          throw new NotionFailure('unavailable', `Notion is unavailable: ${(e as Error).message}`, status);
        await this.pacer.sleep(Math.min(30_000, 1000 * 2 ** (failures - 1)));
      }
    }
  }

  async searchDataSources(): Promise<DataSourceObjectResponse[]> {
    const out: DataSourceObjectResponse[] = [];
    let cursor: string | undefined;
    do {
      const res = await this.call((c) =>
        c.search({ filter: { property: 'object', value: 'data_source' }, start_cursor: cursor, page_size: 100 }),
      );
      for (const r of res.results) if (r.object === 'data_source' && 'properties' in r) out.push(r as DataSourceObjectResponse);
      cursor = res.has_more ? (res.next_cursor ?? undefined) : undefined;
    } while (cursor);
    return out;
  }

  retrieveDataSource(id: string): Promise<DataSourceObjectResponse> {
    return this.call((c) => c.dataSources.retrieve({ data_source_id: id })) as Promise<DataSourceObjectResponse>;
  }

  query(args: {
    dataSourceId: string;
    since?: string | null;
    cursor?: string | null;
    inTrash?: boolean;
    pageSize?: number;
  }): Promise<QueryDataSourceResponse> {
    return this.call((c) =>
      c.dataSources.query({
        data_source_id: args.dataSourceId,
        ...(args.since ? { filter: { timestamp: 'last_edited_time', last_edited_time: { on_or_after: args.since } } } : {}),
        sorts: [{ timestamp: 'last_edited_time', direction: 'ascending' }],
        ...(args.cursor ? { start_cursor: args.cursor } : {}),
        ...(args.inTrash ? { in_trash: true } : {}),
        page_size: args.pageSize ?? 100,
      }),
    );
  }

  retrievePage(id: string): Promise<PageObjectResponse> {
    return this.call((c) => c.pages.retrieve({ page_id: id })) as Promise<PageObjectResponse>;
  }

  updateNumbers(pageId: string, numbers: Record<string, number>): Promise<unknown> {
    const properties = Object.fromEntries(Object.entries(numbers).map(([k, n]) => [k, { number: n }]));
    return this.call((c) => c.pages.update({ page_id: pageId, properties }));
  }

  /** Downloads a file (Notion-hosted URLs expire after an hour); not an API call, so not rate-limited. */
  async download(url: string, maxBytes = 20 * 1024 * 1024): Promise<Buffer> {
    const f = this.opts.fetch ?? fetch;
    const res = await f(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const buf = Buffer.from(await res.arrayBuffer());
    if (buf.length > maxBytes) throw new Error('file too large');
    return buf;
  }
}
