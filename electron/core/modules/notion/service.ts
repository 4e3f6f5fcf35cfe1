import type { CoreContext } from '@core/context.js';
import { perCore } from '@core/module.js';
import { AppError } from '@shared/errors.js';
import type {
  NotionDataSource,
  NotionEntity,
  NotionEventOptions,
  NotionMapping,
  NotionPreviewRow,
  NotionProperty,
  NotionRun,
  NotionStatus,
} from '@shared/model/notion.js';
import { NOTION_ENTITIES } from '@shared/model/notion.js';
import { getLocal, setLocal } from '@core/db/repos/localState.js';
import { writeGlobalSetting } from '@core/db/repos/settings.js';
import {
  boothPageTitle,
  putBoothPage,
  getSource,
  lastRun,
  listSources,
  pageCounts,
  removeSource,
  saveRun,
  saveSource,
  startRun,
  writeBackProblems,
  writeBackCandidates,
} from '@core/db/repos/notion.js';
import { boothIdsByName, boothKey } from '@core/db/repos/notionRows.js';
import { NotionFailure, NotionGateway, realPacer, type Pacer } from './gateway.js';
import { checkMapping, DEFAULT_EVENT_OPTIONS, fieldDefs, importedFields, mapPage, proposeEventOptions, proposeMapping } from './mapping.js';
import { pageTitle, ValueProblem, type Prop } from './properties.js';
import { emptyCounts, importSource } from './importer.js';
import { writeBackTotals } from './writeback.js';
import type { DataSourceObjectResponse, PageObjectResponse } from '@notionhq/client';

export const TOKEN_SECRET = 'notion.token';
const BASE_URL_KEY = 'notion.base_url';
export const OWNED_SETTING = 'notion.owned';
export const DEFAULT_BASE_URL = 'https://api.notion.com';
/** A trash sweep every this many scheduled rounds (and on every manual round). */
const TRASH_SWEEP_EVERY = 6;

export interface NotionServiceDeps {
  pacer?: Pacer;
  fetch?: typeof fetch;
  /** Test hooks: length of a schedule "minute"; write-back tick. */
  minuteMs?: number;
  writeBackTickMs?: number;
  afterBatch?: (entity: NotionEntity, batch: number) => void;
}

const propsOf = (ds: DataSourceObjectResponse): NotionProperty[] =>
  Object.values(ds.properties).map((p) => {
    const conf = (p as unknown as Record<string, { options?: Array<{ name: string }> }>)[p.type];
    return { name: p.name, type: p.type, options: (conf?.options ?? []).map((o) => o.name) };
  });
const dsTitle = (ds: DataSourceObjectResponse) => ds.title.map((t) => t.plain_text).join('') || ds.id;

export function validateBaseUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new AppError('invalid_input', 'The Notion API address is not a URL', { field: 'baseUrl' });
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost'))) {
    throw new AppError('invalid_input', 'The Notion API address must use https (http only on this computer)', { field: 'baseUrl' });
  }
  return u.origin;
}

/** The device's Notion link: token (secrets port only), sources, one round at a time, a schedule. */
export class NotionService {
  private inflight: Promise<NotionRun> | null = null;
  private progress: NotionStatus['progress'] = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private wbTimer: ReturnType<typeof setInterval> | null = null;
  private wbRunning = false;
  private nextRunAt: number | null = null;
  private scheduledRounds = 0;
  private gw: { key: string; gw: NotionGateway } | null = null;

  constructor(
    private readonly ctx: CoreContext,
    private readonly deps: NotionServiceDeps = {},
  ) {}

  baseUrl(): string {
    return getLocal(this.ctx.db, BASE_URL_KEY) ?? DEFAULT_BASE_URL;
  }

  /** The API address (the CLI's --base-url; the settings form goes through connect). */
  setBaseUrl(raw: string): void {
    setLocal(this.ctx.db, BASE_URL_KEY, validateBaseUrl(raw));
    this.gw = null;
  }

  private gateway(): NotionGateway {
    const token = this.ctx.secrets.get(TOKEN_SECRET);
    if (!token) throw new AppError('invalid_input', 'Connect Notion first: enter the integration token in Settings → Notion');
    const key = `${this.baseUrl()}|${token}`;
    if (!this.gw || this.gw.key !== key)
      this.gw = {
        key,
        gw: new NotionGateway({ token, baseUrl: this.baseUrl(), pacer: this.deps.pacer ?? realPacer, fetch: this.deps.fetch }),
      };
    return this.gw.gw;
  }

  /** NotionFailure → AppError the renderer translates. */
  private async api<T>(fn: (gw: NotionGateway) => Promise<T>): Promise<T> {
    try {
      return await fn(this.gateway());
    } catch (e) {
      if (e instanceof NotionFailure) {
        if (e.kind === 'auth')
          throw new AppError('invalid_input', 'Notion refused the token: check it and that the pages are shared with the integration', {
            notion: e.kind,
          });
        if (e.kind === 'not_found')
          throw new AppError('not_found', 'Notion could not find it: is it shared with the integration?', { notion: e.kind });
        if (e.kind === 'unavailable') throw new AppError('unavailable', `Notion is unavailable: ${e.message}`, { notion: e.kind });
        throw new AppError('invalid_input', `Notion refused the request: ${e.message}`, { notion: e.kind });
      }
      throw e;
    }
  }

  status(): NotionStatus {
    const tokenSet = Boolean(this.ctx.secrets.get(TOKEN_SECRET));
    const sources = listSources(this.ctx.db).map((s) => ({ ...s, ...pageCounts(this.ctx.db, s.entity) }));
    const ev = getSource(this.ctx.db, 'events');
    const pending = ev
      ? writeBackCandidates(this.ctx.db).filter(
          (r) =>
            !r.gaveUp &&
            r.sent !== null &&
            r.sent !==
              JSON.stringify(
                Object.fromEntries(
                  (['sessions', 'prints', 'digital', 'gifs'] as const)
                    .filter((k) => ev.mapping[k])
                    .map((k) => [ev.mapping[k]!, r.totals[k]]),
                ),
              ),
        ).length
      : 0;
    return {
      connected: tokenSet,
      baseUrl: this.baseUrl(),
      secretStore: this.ctx.secrets.kind,
      tokenSet,
      sources,
      running: this.inflight !== null,
      progress: this.progress,
      lastRun: lastRun(this.ctx.db),
      nextRunAt: this.nextRunAt,
      intervalMinutes: 5,
      writeBack: { pending, problems: writeBackProblems(this.ctx.db) },
    };
  }

  private announce(): void {
    this.lastAnnounce = Date.now();
    this.ctx.events.emit('notion.status', this.status());
  }

  private lastAnnounce = 0;
  /** Progress during an import: at most one status a second (status() reads counts). */
  private announceProgress(): void {
    if (Date.now() - this.lastAnnounce >= 1000) this.announce();
  }

  async connect(input: { token?: string; baseUrl?: string }): Promise<NotionStatus> {
    const baseUrl = input.baseUrl ? validateBaseUrl(input.baseUrl) : this.baseUrl();
    const token = input.token ?? this.ctx.secrets.get(TOKEN_SECRET);
    if (!token) throw new AppError('invalid_input', 'Enter the integration token', { field: 'token' });
    const probe = new NotionGateway({ token, baseUrl, pacer: this.deps.pacer ?? realPacer, fetch: this.deps.fetch, maxAttempts: 2 });
    try {
      await probe.call((c) => c.search({ filter: { property: 'object', value: 'data_source' }, page_size: 1 }));
    } catch (e) {
      if (e instanceof NotionFailure && e.kind === 'auth')
        throw new AppError('invalid_input', 'Notion refused this token', { field: 'token' });
      if (e instanceof NotionFailure) throw new AppError('unavailable', `Notion did not answer: ${e.message}`, { field: 'baseUrl' });
      throw new AppError('unavailable', `Notion could not be reached at ${baseUrl}`, { field: 'baseUrl' });
    }
    setLocal(this.ctx.db, BASE_URL_KEY, baseUrl);
    this.ctx.secrets.set(TOKEN_SECRET, token);
    this.gw = null;
    this.reschedule(5_000);
    this.announce();
    return this.status();
  }

  disconnect(): NotionStatus {
    this.ctx.secrets.delete(TOKEN_SECRET);
    this.gw = null;
    this.clearTimer();
    this.announce();
    return this.status();
  }

  async dataSources(): Promise<NotionDataSource[]> {
    const list = await this.api((gw) => gw.searchDataSources());
    return list
      .map((ds) => ({
        id: ds.id,
        name: dsTitle(ds),
        databaseId: ds.parent?.type === 'database_id' ? ds.parent.database_id : null,
        url: ds.url ?? null,
        properties: propsOf(ds),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async propose(entity: NotionEntity, dataSourceId: string) {
    const ds = await this.api((gw) => gw.retrieveDataSource(dataSourceId));
    const properties = propsOf(ds);
    const saved = getSource(this.ctx.db, entity);
    const mapping = saved && saved.dataSourceId === dataSourceId ? saved.mapping : proposeMapping(entity, properties);
    const options =
      entity === 'events'
        ? saved && saved.dataSourceId === dataSourceId && saved.options
          ? saved.options
          : proposeEventOptions(properties.find((p) => p.name === mapping.status))
        : null;
    return { fields: fieldDefs(entity), properties, mapping, options, check: checkMapping(entity, mapping, properties) };
  }

  async preview(input: {
    entity: NotionEntity;
    dataSourceId: string;
    mapping: NotionMapping;
    options?: NotionEventOptions;
  }): Promise<{ check: ReturnType<typeof checkMapping>; rows: NotionPreviewRow[] }> {
    const ds = await this.api((gw) => gw.retrieveDataSource(input.dataSourceId));
    const check = checkMapping(input.entity, input.mapping, propsOf(ds));
    if (!check.ok) return { check, rows: [] };
    const res = await this.api((gw) =>
      gw.call((c) =>
        c.dataSources.query({
          data_source_id: input.dataSourceId,
          page_size: 5,
          sorts: [{ timestamp: 'last_edited_time', direction: 'descending' }],
        }),
      ),
    );
    const byName = boothIdsByName(this.ctx.db);
    const rows: NotionPreviewRow[] = [];
    for (const r of res.results) {
      if ((r as { object: string }).object !== 'page' || !('properties' in r)) continue;
      const page = r as PageObjectResponse;
      const props = page.properties as Record<string, Prop>;
      const base = { pageId: page.id, url: page.url, title: pageTitle(props) };
      try {
        const m = mapPage(input.entity, input.mapping, props, input.options ?? (input.entity === 'events' ? DEFAULT_EVENT_OPTIONS : null));
        const values: NotionPreviewRow['values'] = {};
        for (const [k, v] of Object.entries(m.values)) {
          if (k === 'booth') {
            const ref = v as { mode: string; keys: string[] } | null;
            // A relation names booth pages: their titles (cached like the import does) are the names.
            const names = ref ? (ref.mode === 'relation' ? await this.boothPageNames(ref.keys) : ref.keys) : [];
            const id = names.map((n) => byName.get(boothKey(n))).find(Boolean);
            values.booth = ref ? (id ? names.find((n) => byName.get(boothKey(n)) === id)! : `? ${names.join(', ')}`) : null;
            if (id) values.boothId = id;
            continue;
          }
          if (k === 'images') {
            values.images = ((v as Array<{ name: string }> | undefined) ?? []).map((f) => f.name);
            continue;
          }
          values[k] = v === undefined ? null : (v as string | number | boolean | null | string[]);
        }
        rows.push({ ...base, values, error: null });
      } catch (e) {
        if (!(e instanceof ValueProblem)) throw e;
        rows.push({ ...base, values: {}, error: e.message });
      }
    }
    return { check, rows };
  }

  /** Titles of booth pages named by a relation, from the cache or Notion (then cached). */
  private async boothPageNames(ids: string[]): Promise<string[]> {
    const out: string[] = [];
    for (const id of ids) {
      let title = boothPageTitle(this.ctx.db, id);
      if (title === null) {
        const page = await this.api((gw) => gw.retrievePage(id)).catch(() => null);
        title = page ? pageTitle(page.properties as Record<string, Prop>) : '';
        putBoothPage(this.ctx.db, id, title, this.ctx.clock.now());
      }
      if (title) out.push(title);
    }
    return out;
  }

  async saveSource(input: {
    entity: NotionEntity;
    dataSourceId: string;
    mapping: NotionMapping;
    options?: NotionEventOptions;
  }): Promise<NotionStatus> {
    const ds = await this.api((gw) => gw.retrieveDataSource(input.dataSourceId));
    const check = checkMapping(input.entity, input.mapping, propsOf(ds));
    if (!check.ok) throw new AppError('invalid_input', 'The mapping does not fit this data source', { problems: check.problems });
    const now = this.ctx.clock.now();
    this.ctx.db.transaction(() => {
      saveSource(
        this.ctx.db,
        {
          entity: input.entity,
          dataSourceId: input.dataSourceId,
          dataSourceName: dsTitle(ds),
          mapping: input.mapping,
          options: input.entity === 'events' ? (input.options ?? DEFAULT_EVENT_OPTIONS) : null,
        },
        now,
      );
      this.publishOwned(now);
    })();
    this.reschedule(2_000);
    this.announce();
    return this.status();
  }

  removeSource(entity: NotionEntity): NotionStatus {
    this.ctx.db.transaction(() => {
      removeSource(this.ctx.db, entity);
      this.publishOwned(this.ctx.clock.now());
    })();
    this.announce();
    return this.status();
  }

  /** The Notion-owned fields go to every device (a global setting), so each refuses local edits of them. */
  private publishOwned(now: number): void {
    const owned = Object.fromEntries(
      NOTION_ENTITIES.map((e) => [
        e,
        (() => {
          const s = getSource(this.ctx.db, e);
          return s ? importedFields(e, s.mapping) : [];
        })(),
      ]),
    );
    writeGlobalSetting(this.ctx.db, OWNED_SETTING, owned, now, this.ctx.deviceId);
  }

  /** One import + write-back round, or the one already running. */
  syncNow(trigger: NotionRun['trigger'] = 'manual'): Promise<NotionRun> {
    if (this.inflight) return this.inflight;
    const gw = this.gateway();
    this.inflight = this.round(gw, trigger).finally(() => {
      this.inflight = null;
      this.progress = null;
      this.announce();
    });
    return this.inflight;
  }

  private async round(gw: NotionGateway, trigger: NotionRun['trigger']): Promise<NotionRun> {
    const db = this.ctx.db;
    const startedAt = this.ctx.clock.now();
    const id = startRun(db, trigger, startedAt);
    const run: NotionRun = {
      id,
      trigger,
      startedAt,
      finishedAt: null,
      ok: null,
      counts: emptyCounts(),
      written: 0,
      requests: 0,
      error: null,
    };
    const jobId = `notion-${id}`;
    let readSoFar = 0;
    const requestsBefore = gw.requests;
    const trashSweep = trigger !== 'schedule' || this.scheduledRounds % TRASH_SWEEP_EVERY === 0;
    if (trigger === 'schedule') this.scheduledRounds++;
    this.ctx.events.emit('job.progress', { jobId, kind: 'notion.import', done: 0, total: 0 });
    this.announce();
    try {
      // Products and services first, events last (they name booths and carry the totals).
      for (const entity of ['products', 'services', 'events'] as const) {
        const src = getSource(db, entity);
        if (!src) continue;
        this.progress = { entity, read: 0 };
        await importSource(
          {
            db,
            gw,
            now: () => this.ctx.clock.now(),
            deviceId: this.ctx.deviceId,
            dataDir: this.ctx.dataDir,
            log: this.ctx.log,
            events: this.ctx.events,
            afterBatch: this.deps.afterBatch,
            onProgress: (e, read) => {
              this.progress = { entity: e, read };
              // The total is unknown until Notion says has_more: false, so the chip counts pages read.
              this.ctx.events.emit('job.progress', {
                jobId,
                kind: 'notion.import',
                done: readSoFar + read,
                total: 0,
                message: `${e}: ${read}`,
              });
              this.announceProgress();
            },
          },
          src,
          run.counts,
          { trashSweep },
        );
        readSoFar = run.counts.read;
      }
      const ev = getSource(db, 'events');
      if (ev) run.written = (await writeBackTotals({ db, gw, now: () => this.ctx.clock.now(), log: this.ctx.log }, ev.mapping)).written;
      run.ok = true;
    } catch (e) {
      run.ok = false;
      run.error = e instanceof NotionFailure ? `${e.kind}: ${e.message}` : String((e as Error)?.message ?? e);
      this.ctx.log.warn('notion round failed', { error: run.error });
    } finally {
      run.finishedAt = this.ctx.clock.now();
      run.requests = gw.requests - requestsBefore;
      saveRun(db, run);
      this.ctx.events.emit('job.progress', { jobId, kind: 'notion.import', done: 1, total: 1, message: 'done' });
    }
    return run;
  }

  /** Write-back only (between rounds), so totals reach Notion within about a minute. */
  async writeBackTick(): Promise<number> {
    const ev = getSource(this.ctx.db, 'events');
    if (!ev || this.wbRunning || this.inflight || !this.ctx.secrets.get(TOKEN_SECRET)) return 0;
    this.wbRunning = true;
    try {
      return (
        await writeBackTotals({ db: this.ctx.db, gw: this.gateway(), now: () => this.ctx.clock.now(), log: this.ctx.log }, ev.mapping)
      ).written;
    } catch (e) {
      this.ctx.log.warn('notion write-back tick failed', { error: String((e as Error)?.message ?? e) });
      return 0;
    } finally {
      this.wbRunning = false;
    }
  }

  private scheduling = false;
  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextRunAt = null;
  }

  private reschedule(delayMs: number): void {
    if (!this.scheduling) return;
    this.clearTimer();
    if (!this.ctx.secrets.get(TOKEN_SECRET) || !listSources(this.ctx.db).length) return;
    this.nextRunAt = this.ctx.clock.now() + delayMs;
    const minute = this.deps.minuteMs;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.syncNow('schedule')
          .catch((e: unknown) => this.ctx.log.warn('scheduled notion round did not run', { error: String(e) }))
          .finally(() => this.reschedule(5 * 60_000));
      },
      minute ? Math.round((delayMs * minute) / 60_000) : delayMs,
    );
    this.timer.unref?.();
  }

  /** Every 5 minutes while the app runs (first round soon after start), write-back every 20 s. */
  start(): () => void {
    this.scheduling = true;
    this.reschedule(10_000);
    this.wbTimer = setInterval(() => void this.writeBackTick(), this.deps.writeBackTickMs ?? 20_000);
    this.wbTimer.unref?.();
    return () => {
      this.scheduling = false;
      this.clearTimer();
      if (this.wbTimer) clearInterval(this.wbTimer);
      this.wbTimer = null;
    };
  }
}

const services = perCore((ctx) => new NotionService(ctx));

/** The core's one Notion service (created on first use). */
export function notionService(ctx: CoreContext): NotionService {
  return services.get(ctx);
}

/** Replaces the core's Notion service (tests and benchmarks give it a virtual-time pacer, hooks). */
export function installNotionService(ctx: CoreContext, deps: NotionServiceDeps): NotionService {
  const s = new NotionService(ctx, deps);
  services.set(ctx, s);
  return s;
}
