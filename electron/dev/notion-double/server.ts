import http from 'node:http';
import crypto from 'node:crypto';
import { seedDemoWorkspace } from './seed.js';
import {
  optId,
  PNG_1PX,
  richText,
  v,
  type DataSourceDef,
  type DoubleClock,
  type DoublePage,
  type PropSchema,
  type PropType,
} from './model.js';
import type { AddressInfo } from 'node:net';

export * from './model.js';

/**
 * NOTION DOUBLE — development and tests only, never Notion. It speaks the subset of the public
 * Notion HTTP API (version 2025-09-03, "data sources") that @notionhq/client 5.x sends for
 * OpsDeck: POST /v1/search (data sources), GET /v1/data_sources/:id, POST
 * /v1/data_sources/:id/query (timestamp filters, sorts, start_cursor / has_more / next_cursor,
 * the 10,000-row cap), GET/PATCH /v1/pages/:id, GET /v1/databases/:id, plus signed file URLs that
 * expire. It can inject 429 (Retry-After) and 5xx answers, and records every request per token
 * with the double's clock, so tests measure the request rate a client really produced.
 *
 * Assumptions where Notion's documentation is silent: `in_trash: true` on a query returns the
 * trashed pages only; ties in a timestamp sort are ordered by created_time then id.
 */

export interface RequestRecord {
  token: string;
  at: number;
  method: string;
  path: string;
  status: number;
}

export interface NotionDoubleOptions {
  port?: number;
  clock?: DoubleClock;
  /** Tokens the double accepts; default: any token starting with ntn_ or secret_. */
  tokens?: string[];
  seed?: 'demo' | false;
}

const minute = (ms: number) => Math.floor(ms / 60_000) * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const optionColor = ['default', 'gray', 'brown', 'orange', 'yellow', 'green', 'blue', 'purple', 'pink', 'red'];

export class NotionDouble {
  readonly dataSources = new Map<string, DataSourceDef>();
  readonly pages = new Map<string, DoublePage>();
  readonly requests: RequestRecord[] = [];
  clock: DoubleClock;
  url = '';
  /** Fault injection: probability of a 429 per request, its Retry-After (s), and queued 5xx answers. */
  faults = { rate429: 0, retryAfterS: 1, queued: [] as number[], rate5xx: 0 };
  /** Maximum rows a single query returns (Notion: 10,000). */
  queryCap = 10_000;
  private server: http.Server | null = null;
  private rnd: () => number;
  private readonly tokens: string[] | null;

  constructor(opts: NotionDoubleOptions = {}) {
    this.clock = opts.clock ?? { now: () => Date.now() };
    this.tokens = opts.tokens ?? null;
    let s = 0x9e3779b9;
    this.rnd = () => {
      s = (s + 0x6d2b79f5) | 0;
      let t = Math.imul(s ^ (s >>> 15), 1 | s);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    if (opts.seed === 'demo') seedDemoWorkspace(this);
  }

  addDataSource(name: string, properties: Record<string, PropSchema>, ids?: { id?: string; databaseId?: string }): DataSourceDef {
    const ds = { id: ids?.id ?? crypto.randomUUID(), databaseId: ids?.databaseId ?? crypto.randomUUID(), name, properties };
    this.dataSources.set(ds.id, ds);
    return ds;
  }

  addPage(
    dataSourceId: string,
    properties: Record<string, unknown>,
    opts: { id?: string; createdTime?: number; lastEditedTime?: number; inTrash?: boolean } = {},
  ): DoublePage {
    const now = this.clock.now();
    const p: DoublePage = {
      id: opts.id ?? crypto.randomUUID(),
      dataSourceId,
      createdTime: minute(opts.createdTime ?? now),
      lastEditedTime: minute(opts.lastEditedTime ?? now),
      inTrash: opts.inTrash ?? false,
      properties,
    };
    this.pages.set(p.id, p);
    return p;
  }

  /** An edit made "in Notion": merges the values and stamps last_edited_time (minute-rounded). */
  editPage(id: string, properties: Record<string, unknown>): DoublePage {
    const p = this.pages.get(id);
    if (!p) throw new Error(`no page ${id}`);
    Object.assign(p.properties, properties);
    p.lastEditedTime = minute(this.clock.now());
    return p;
  }

  trashPage(id: string, inTrash = true): void {
    const p = this.pages.get(id);
    if (!p) throw new Error(`no page ${id}`);
    p.inTrash = inTrash;
    p.lastEditedTime = minute(this.clock.now());
  }

  /** A permanent deletion (emptied trash): the API then answers 404 for the page. */
  deletePage(id: string): void {
    this.pages.delete(id);
  }

  dataSourceByName(name: string): DataSourceDef {
    const ds = [...this.dataSources.values()].find((d) => d.name === name);
    if (!ds) throw new Error(`no data source ${name}`);
    return ds;
  }

  pagesOf(dataSourceId: string): DoublePage[] {
    return [...this.pages.values()].filter((p) => p.dataSourceId === dataSourceId);
  }

  /** The most requests one token made inside any window of `windowMs` (the double's clock). */
  maxRequestsInWindow(token?: string, windowMs = 1000): number {
    const times = this.requests
      .filter((r) => !token || r.token === token)
      .map((r) => r.at)
      .sort((a, b) => a - b);
    let best = 0;
    let lo = 0;
    for (let hi = 0; hi < times.length; hi++) {
      while (times[hi]! - times[lo]! >= windowMs) lo++;
      best = Math.max(best, hi - lo + 1);
    }
    return best;
  }

  async listen(port = 0): Promise<string> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) =>
        this.send(res, 500, { object: 'error', status: 500, code: 'internal_server_error', message: String(e) }),
      );
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections?.();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  // ——— HTTP ———

  private send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'x-notion-request-id': crypto.randomUUID(), ...headers });
    res.end(text);
  }

  private error(res: http.ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): number {
    this.send(res, status, { object: 'error', status, code, message, request_id: crypto.randomUUID() }, headers);
    return status;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && u.pathname.startsWith('/files/')) return this.serveFile(u, res);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const token = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
    const rec: RequestRecord = { token, at: this.clock.now(), method: req.method ?? 'GET', path: u.pathname, status: 0 };
    this.requests.push(rec);
    rec.status = this.route(req.method ?? 'GET', u, raw, token, req.headers, res);
  }

  private serveFile(u: URL, res: http.ServerResponse): void {
    const expires = Number(u.searchParams.get('expires'));
    if (!Number.isFinite(expires) || expires < this.clock.now()) {
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end('Request has expired');
      return;
    }
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(PNG_1PX.length) });
    res.end(PNG_1PX);
  }

  private route(method: string, u: URL, raw: string, token: string, headers: http.IncomingHttpHeaders, res: http.ServerResponse): number {
    if (!u.pathname.startsWith('/v1/')) return this.error(res, 404, 'invalid_request_url', 'Invalid request URL.');
    const okToken = this.tokens ? this.tokens.includes(token) : /^(ntn_|secret_)[A-Za-z0-9_-]{8,}$/.test(token);
    if (!okToken) return this.error(res, 401, 'unauthorized', 'API token is invalid.');
    if (!headers['notion-version'])
      return this.error(res, 400, 'missing_version', 'Notion-Version header failed validation: Notion-Version header should be defined.');
    if (this.faults.queued.length) {
      const status = this.faults.queued.shift()!;
      if (status === 429)
        return this.error(res, 429, 'rate_limited', 'You have been rate limited. Please try again in a few minutes.', {
          'retry-after': String(this.faults.retryAfterS),
        });
      return this.error(
        res,
        status,
        status === 503
          ? 'service_unavailable'
          : status === 529
            ? 'service_overload'
            : status === 504
              ? 'gateway_timeout'
              : 'internal_server_error',
        'Injected failure (double).',
      );
    }
    if (this.faults.rate429 && this.rnd() < this.faults.rate429) {
      return this.error(res, 429, 'rate_limited', 'You have been rate limited. Please try again in a few minutes.', {
        'retry-after': String(this.faults.retryAfterS),
      });
    }
    if (this.faults.rate5xx && this.rnd() < this.faults.rate5xx) return this.error(res, 502, 'bad_gateway', 'Injected failure (double).');
    let body: Record<string, unknown> = {};
    if (raw) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return this.error(res, 400, 'invalid_json', 'Error parsing JSON body.');
      }
    }
    const parts = u.pathname.split('/').filter(Boolean).slice(1);
    if (method === 'POST' && parts[0] === 'search' && parts.length === 1) return this.search(body, res);
    if (parts[0] === 'data_sources' && parts[1]) {
      const ds = this.dataSources.get(parts[1]);
      if (!ds) return this.error(res, 404, 'object_not_found', `Could not find data_source with ID: ${parts[1]}.`);
      if (method === 'GET' && parts.length === 2) return this.ok(res, this.dsObject(ds));
      if (method === 'POST' && parts[2] === 'query') return this.query(ds, body, res);
    }
    if (parts[0] === 'databases' && parts[1] && method === 'GET') {
      const list = [...this.dataSources.values()].filter((d) => d.databaseId === parts[1]);
      if (!list.length) return this.error(res, 404, 'object_not_found', `Could not find database with ID: ${parts[1]}.`);
      return this.ok(res, {
        object: 'database',
        id: parts[1],
        title: richText(list[0]!.name),
        data_sources: list.map((d) => ({ id: d.id, name: d.name })),
        in_trash: false,
        archived: false,
      });
    }
    if (parts[0] === 'pages' && parts[1] && parts.length === 2) {
      const p = this.pages.get(parts[1]);
      if (!p)
        return this.error(
          res,
          404,
          'object_not_found',
          `Could not find page with ID: ${parts[1]}. Make sure the relevant pages and databases are shared with your integration.`,
        );
      if (method === 'GET') return this.ok(res, this.pageObject(p));
      if (method === 'PATCH') return this.updatePage(p, body, res);
    }
    return this.error(res, 400, 'invalid_request_url', `Invalid request URL (${method} ${u.pathname}).`);
  }

  private ok(res: http.ServerResponse, body: unknown): number {
    this.send(res, 200, body);
    return 200;
  }

  private dsObject(ds: DataSourceDef) {
    const properties = Object.fromEntries(
      Object.entries(ds.properties).map(([name, s]) => {
        const id = optId(ds.id + name);
        const conf: Record<string, unknown> = {};
        if (s.type === 'select' || s.type === 'multi_select')
          conf.options = (s.options ?? []).map((o, i) => ({ id: optId(o), name: o, color: optionColor[i % optionColor.length] }));
        if (s.type === 'status')
          conf.options = (s.options ?? []).map((o, i) => ({ id: optId(o), name: o, color: optionColor[i % optionColor.length] }));
        if (s.type === 'status') conf.groups = [];
        if (s.type === 'number') conf.format = 'number';
        if (s.type === 'relation') Object.assign(conf, { data_source_id: s.dataSourceId, type: 'single_property', single_property: {} });
        if (s.type === 'formula') conf.expression = '…';
        if (s.type === 'unique_id') conf.prefix = s.prefix ?? null;
        return [name, { id, name, type: s.type, description: null, [s.type]: conf }];
      }),
    );
    return {
      object: 'data_source',
      id: ds.id,
      title: richText(ds.name),
      description: [],
      parent: { type: 'database_id', database_id: ds.databaseId },
      database_parent: { type: 'workspace', workspace: true },
      properties,
      created_time: iso(0),
      last_edited_time: iso(0),
      url: `https://www.notion.so/${ds.databaseId.replace(/-/g, '')}`,
      public_url: null,
      archived: false,
      in_trash: false,
      is_inline: false,
      icon: null,
      cover: null,
      created_by: { object: 'user', id: 'double' },
      last_edited_by: { object: 'user', id: 'double' },
    };
  }

  private pageObject(p: DoublePage) {
    const expires = this.clock.now() + 3_600_000;
    const props: Record<string, unknown> = {};
    const ds = this.dataSources.get(p.dataSourceId);
    for (const [name, value] of Object.entries(p.properties)) {
      let val = value as Record<string, unknown>;
      if (val && val.type === 'files') {
        val = {
          ...val,
          files: (val.files as Array<Record<string, unknown>>).map((f) => {
            if (f.type !== 'file') return f;
            const fname = String(f.name);
            return {
              name: fname,
              type: 'file',
              file: {
                url: `${this.url}/files/${p.id}/${encodeURIComponent(fname)}?expires=${expires}&sig=${optId(p.id + fname + expires)}`,
                expiry_time: iso(expires),
              },
            };
          }),
        };
      }
      props[name] = { id: optId(p.dataSourceId + name), ...val };
    }
    // Every schema property is present on a page (empty when never set), like the real API.
    for (const [name, s] of Object.entries(ds?.properties ?? {})) {
      if (props[name]) continue;
      const empty: Record<PropType, unknown> = {
        title: [],
        rich_text: [],
        number: null,
        select: null,
        multi_select: [],
        status: null,
        date: null,
        checkbox: false,
        url: null,
        email: null,
        phone_number: null,
        relation: [],
        files: [],
        formula: { type: s.resultType ?? 'string', [s.resultType ?? 'string']: null },
        rollup: { type: 'number', number: null, function: 'sum' },
        unique_id: { prefix: s.prefix ?? null, number: null },
        people: [],
        created_time: iso(p.createdTime),
        last_edited_time: iso(p.lastEditedTime),
      };
      props[name] = { id: optId(p.dataSourceId + name), type: s.type, [s.type]: empty[s.type] };
    }
    const title = Object.values(props).find((x) => (x as { type: string }).type === 'title') as
      { title: Array<{ plain_text: string }> } | undefined;
    const slug = (title?.title.map((t) => t.plain_text).join('') ?? '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
    return {
      object: 'page',
      id: p.id,
      created_time: iso(p.createdTime),
      last_edited_time: iso(p.lastEditedTime),
      created_by: { object: 'user', id: 'double' },
      last_edited_by: { object: 'user', id: 'double' },
      cover: null,
      icon: null,
      parent: { type: 'data_source_id', data_source_id: p.dataSourceId, database_id: ds?.databaseId },
      archived: p.inTrash,
      in_trash: p.inTrash,
      is_locked: false,
      properties: props,
      url: `https://www.notion.so/${slug ? slug + '-' : ''}${p.id.replace(/-/g, '')}`,
      public_url: null,
    };
  }

  private paginate<T>(
    all: T[],
    body: Record<string, unknown>,
    res: http.ServerResponse,
    cap = Infinity,
    toJson: (x: T) => unknown = (x) => x,
  ): number {
    const size = Math.min(100, Math.max(1, Number(body.page_size ?? 100) || 100));
    let offset = 0;
    if (body.start_cursor !== undefined && body.start_cursor !== null) {
      try {
        offset = (JSON.parse(Buffer.from(String(body.start_cursor), 'base64url').toString('utf8')) as { o: number }).o;
        if (!Number.isInteger(offset) || offset < 0) throw new Error('bad');
      } catch {
        return this.error(res, 400, 'validation_error', 'body failed validation: body.start_cursor should be a valid cursor.');
      }
    }
    const limit = Math.min(all.length, cap);
    const results = all.slice(offset, Math.min(offset + size, limit)).map(toJson);
    const end = offset + results.length;
    const hasMore = end < limit;
    const incomplete = !hasMore && all.length > cap;
    return this.ok(res, {
      object: 'list',
      results,
      next_cursor: hasMore ? Buffer.from(JSON.stringify({ o: end })).toString('base64url') : null,
      has_more: hasMore,
      type: 'page_or_data_source',
      page_or_data_source: {},
      ...(incomplete ? { request_status: { type: 'incomplete', incomplete_reason: 'query_result_limit_reached' } } : {}),
    });
  }

  private search(body: Record<string, unknown>, res: http.ServerResponse): number {
    const filter = body.filter as { property?: string; value?: string } | undefined;
    const q = String(body.query ?? '').toLowerCase();
    const wantDs = !filter || filter.value === 'data_source';
    const wantPages = !filter || filter.value === 'page';
    const out: unknown[] = [];
    if (wantDs) for (const ds of this.dataSources.values()) if (!q || ds.name.toLowerCase().includes(q)) out.push(this.dsObject(ds));
    if (wantPages) for (const p of this.pages.values()) if (!p.inTrash) out.push(this.pageObject(p));
    return this.paginate(out, body, res);
  }

  private matches(p: DoublePage, f: Record<string, unknown> | undefined): boolean | string {
    if (!f) return true;
    if (Array.isArray(f.and)) {
      for (const x of f.and as Array<Record<string, unknown>>) {
        const m = this.matches(p, x);
        if (m !== true) return m;
      }
      return true;
    }
    if (Array.isArray(f.or)) {
      for (const x of f.or as Array<Record<string, unknown>>) {
        const m = this.matches(p, x);
        if (typeof m === 'string') return m;
        if (m) return true;
      }
      return false;
    }
    if (f.timestamp === 'last_edited_time' || f.timestamp === 'created_time') {
      const t = f.timestamp === 'last_edited_time' ? p.lastEditedTime : p.createdTime;
      const cond = f[f.timestamp] as Record<string, string>;
      if (!cond || typeof cond !== 'object') return 'validation_error';
      for (const [op, val] of Object.entries(cond)) {
        const x = Date.parse(val);
        if (!Number.isFinite(x)) return 'validation_error';
        const ok = { on_or_after: t >= x, after: t > x, before: t < x, on_or_before: t <= x, equals: t === x }[op];
        if (ok === undefined) return 'validation_error';
        if (!ok) return false;
      }
      return true;
    }
    return 'validation_error';
  }

  private query(ds: DataSourceDef, body: Record<string, unknown>, res: http.ServerResponse): number {
    const trash = body.in_trash === true || body.archived === true;
    const rows: DoublePage[] = [];
    for (const p of this.pages.values()) {
      if (p.dataSourceId !== ds.id || p.inTrash !== trash) continue;
      const m = this.matches(p, body.filter as Record<string, unknown> | undefined);
      if (typeof m === 'string')
        return this.error(res, 400, 'validation_error', 'body failed validation: body.filter is not a supported filter (double).');
      if (m) rows.push(p);
    }
    const sorts = (body.sorts as Array<{ timestamp?: string; direction?: string }> | undefined) ?? [
      { timestamp: 'created_time', direction: 'descending' },
    ];
    rows.sort((a, b) => {
      for (const s of sorts) {
        const key = s.timestamp === 'last_edited_time' ? 'lastEditedTime' : 'createdTime';
        const d = (a[key] - b[key]) * (s.direction === 'descending' ? -1 : 1);
        if (d) return d;
      }
      return a.createdTime - b.createdTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    });
    return this.paginate(rows, body, res, this.queryCap, (p) => this.pageObject(p));
  }

  private updatePage(p: DoublePage, body: Record<string, unknown>, res: http.ServerResponse): number {
    if (p.inTrash && body.in_trash !== false && body.archived !== false) {
      return this.error(res, 400, 'validation_error', "Can't edit block that is archived. You must unarchive the block before editing.");
    }
    const ds = this.dataSources.get(p.dataSourceId)!;
    const props = (body.properties ?? {}) as Record<string, Record<string, unknown>>;
    for (const [name, val] of Object.entries(props)) {
      const s = ds.properties[name];
      if (!s) return this.error(res, 400, 'validation_error', `${name} is not a property that exists.`);
      if (s.type === 'number') {
        const n = val.number;
        if (n !== null && typeof n !== 'number')
          return this.error(
            res,
            400,
            'validation_error',
            `body failed validation: body.properties.${name}.number should be a number or null.`,
          );
        p.properties[name] = v.number(n as number | null);
      } else if (s.type === 'rich_text' || s.type === 'title') {
        p.properties[name] = { type: s.type, [s.type]: val[s.type] };
      } else if (s.type === 'checkbox') {
        p.properties[name] = v.checkbox(Boolean(val.checkbox));
      } else {
        return this.error(res, 400, 'validation_error', `The double only writes number, text and checkbox properties (${name}).`);
      }
    }
    if (typeof body.in_trash === 'boolean') p.inTrash = body.in_trash;
    p.lastEditedTime = minute(this.clock.now());
    return this.ok(res, this.pageObject(p));
  }
}

export async function startNotionDouble(opts: NotionDoubleOptions = {}): Promise<NotionDouble> {
  const d = new NotionDouble(opts);
  await d.listen(opts.port ?? 0);
  return d;
}
