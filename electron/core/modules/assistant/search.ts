import crypto from 'node:crypto';
import {
  deleteVectors,
  ftsSearch,
  loadVectors,
  rebuildFts,
  saveVectors,
  searchDocs,
  type SearchDoc,
  type StoredVector,
} from '@core/db/repos/assistantSearch.js';
import type { CoreContext } from '@core/context.js';
import type { SearchHit } from '@shared/model/assistant.js';
import { ollamaClient } from './client.js';
import { readConfig, readStatus } from './config.js';
import { assistantState, type SearchState } from './state.js';
import { fold } from './text.js';

/** Tables whose writes make the search index stale (read from the change feed). */
const SOURCE_TABLES = new Set(['products', 'services', 'events', 'booths']);

/** Follows the change feed: a write to a source table marks the index and vectors stale. */
export function searchState(ctx: CoreContext): SearchState {
  const s = assistantState.get(ctx).search;
  if (!s.unsubscribe)
    s.unsubscribe = ctx.events.subscribe((ev) => {
      if (ev.event !== 'data.changed') return;
      const tables = (ev.payload as { tables: string[] }).tables;
      if (tables.some((t) => SOURCE_TABLES.has(t))) {
        s.ftsDirty = true;
        s.vectorsDirty = true;
        s.docs = null;
      }
    });
  return s;
}

const docText = (d: SearchDoc) => `${d.title}. ${d.subtitle}. ${d.body}`.slice(0, 2000);
const hashOf = (t: string) => crypto.createHash('sha1').update(t).digest('hex');

/** Embeds what changed since the stored vectors (by text hash) and drops vectors of removed rows. */
export async function refreshEmbeddings(ctx: CoreContext, model: string): Promise<{ embedded: number }> {
  const s = searchState(ctx);
  s.vectorsDirty = false;
  const docs = searchDocs(ctx.db);
  const stored = new Map(loadVectors(ctx.db, model).map((v) => [`${v.kind}:${v.id}`, v]));
  const todo = docs.filter((d) => stored.get(`${d.kind}:${d.id}`)?.hash !== hashOf(docText(d)));
  const client = ollamaClient(readConfig(ctx).origin, AbortSignal.timeout(120_000));
  for (let i = 0; i < todo.length; i += 64) {
    const batch = todo.slice(i, i + 64);
    const res = await client.embed({ model, input: batch.map(docText) });
    saveVectors(
      ctx.db,
      model,
      batch.map((d, j) => ({ kind: d.kind, id: d.id, hash: hashOf(docText(d)), vector: Float32Array.from(res.embeddings[j] ?? []) })),
      ctx.clock.now(),
    );
  }
  deleteVectors(ctx.db, model, new Set(docs.map((d) => `${d.kind}:${d.id}`)));
  s.vectors = { model, rows: loadVectors(ctx.db, model) };
  return { embedded: todo.length };
}

/** Crude French/English stemming for the full-text fallback: "étiquettes" → "etiquet*". */
export function ftsQuery(q: string, op: 'AND' | 'OR'): string | null {
  const words = fold(q)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 2 && !STOP.has(w))
    .map((w) => (w.length > 4 ? w.replace(/(ements|ement|ations|ation|euses|euse|eurs|eur|ees|ee|es|s|x|e|ing|ed)$/, '') : w))
    .filter((w) => w.length >= 2);
  if (!words.length) return null;
  return [...new Set(words)].map((w) => `"${w}"*`).join(` ${op} `);
}
const STOP = new Set(
  'le la les un une des du de d l et ou a au aux en pour par sur avec dans the an and or of for to in on with is are what quel quelle quels quelles est sont ce ces mon ma mes my'.split(
    ' ',
  ),
);

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length && i < b.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

const link = (d: { kind: SearchDoc['kind']; id: string }) =>
  d.kind === 'product' ? `#/catalog/product/${d.id}` : d.kind === 'service' ? '#/catalog/services' : '#/events';

/** Semantic search over stored vectors (one /api/embed of the question); full text when no embedding model answers. */
export async function search(
  ctx: CoreContext,
  q: string,
  kinds: SearchDoc['kind'][] | undefined,
  limit: number,
): Promise<{ mode: 'semantic' | 'fulltext'; hits: SearchHit[] }> {
  const s = searchState(ctx);
  s.docs ??= new Map(searchDocs(ctx.db).map((d) => [`${d.kind}:${d.id}`, d]));
  const docs = s.docs;
  const wanted = (k: SearchDoc['kind']) => !kinds?.length || kinds.includes(k);
  const model = await embedModel(ctx);
  if (model) {
    try {
      if (s.vectorsDirty || !s.vectors || s.vectors.model !== model) {
        s.refreshing ??= refreshEmbeddings(ctx, model)
          .then(() => undefined)
          .finally(() => (s.refreshing = null));
        await s.refreshing;
      }
      const res = await ollamaClient(readConfig(ctx).origin, AbortSignal.timeout(10_000)).embed({ model, input: q });
      const qv = Float32Array.from(res.embeddings[0] ?? []);
      const scored: { v: StoredVector; score: number }[] = [];
      for (const v of s.vectors!.rows) if (wanted(v.kind)) scored.push({ v, score: cosine(qv, v.vector) });
      scored.sort((a, b) => b.score - a.score);
      const hits = scored.slice(0, limit).flatMap(({ v, score }) => {
        const d = docs.get(`${v.kind}:${v.id}`);
        return d
          ? [
              {
                kind: d.kind,
                id: d.id,
                title: d.title,
                subtitle: d.subtitle,
                text: d.text,
                score: Math.round(score * 1000) / 1000,
                link: link(d),
              },
            ]
          : [];
      });
      return { mode: 'semantic', hits };
    } catch (e) {
      ctx.log.warn('semantic search failed, using full text', { error: String(e) });
    }
  }
  if (s.ftsDirty) {
    rebuildFts(ctx.db, [...docs.values()]);
    s.ftsDirty = false;
  }
  const run = (op: 'AND' | 'OR') => {
    const match = ftsQuery(q, op);
    return match ? ftsSearch(ctx.db, match, limit * 3).filter((r) => wanted(r.kind)) : [];
  };
  let rows = run('AND');
  if (!rows.length) rows = run('OR');
  const hits = rows.slice(0, limit).flatMap((r) => {
    const d = docs.get(`${r.kind}:${r.id}`);
    return d
      ? [
          {
            kind: d.kind,
            id: d.id,
            title: d.title,
            subtitle: d.subtitle,
            text: d.text,
            score: Math.round(-r.rank * 1000) / 1000,
            link: link(d),
          },
        ]
      : [];
  });
  return { mode: 'fulltext', hits };
}

/** The embedding model to use now, from a recent status (cached 30 s so a search costs no extra round trip). */
async function embedModel(ctx: CoreContext): Promise<string | null> {
  const cfg = readConfig(ctx);
  if (cfg.embedModel === '') return null;
  const st = assistantState.get(ctx);
  const now = Date.now();
  if (!st.embedProbe || now - st.embedProbe.at > 30_000 || st.embedProbe.origin !== cfg.origin) {
    const status = await readStatus(ctx, 1500);
    st.embedProbe = { at: now, origin: cfg.origin, model: status.embedModel };
  }
  return st.embedProbe.model;
}
