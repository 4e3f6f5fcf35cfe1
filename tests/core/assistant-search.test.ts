import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assistantRig, type AssistantRig } from '../fixtures/assistant.js';

let rig: AssistantRig;
beforeEach(async () => {
  rig = await assistantRig();
});
afterEach(() => rig.dispose());

const search = (q: string) => rig.core.router.call('assistant.search', { q, limit: 5 });
const vectorHash = (id: string) =>
  rig.core.ctx.db.prepare("SELECT text_hash FROM assistant_embeddings WHERE kind = 'product' AND ref_id = ?").pluck().get(id);

describe('search by meaning and full text', () => {
  it('without an embedding model: FTS5 with accents folded and word endings matched', async () => {
    // No embedding model installed (the automatic choice finds none).
    rig.ollama.removeModel('nomic-embed-text:latest');
    await rig.core.router.call('assistant.configure', {});
    const magn = await search('magnetique');
    expect(magn.mode).toBe('fulltext');
    expect(magn.hits[0]).toMatchObject({ kind: 'product', id: rig.ids.frame, link: `#/catalog/product/${rig.ids.frame}` });
    expect((await search('cadres aimantés')).hits[0]?.id).toBe(rig.ids.frame);
    expect((await search('PLUME')).hits[0]?.id).toBe(rig.ids.boa);
    expect((await search('Mariage')).hits.map((h) => h.kind)).toContain('event');
    expect((await search('xylophone')).hits).toEqual([]);
  });

  it('with an embedding model: vectors kept in SQLite, the closest item first, refreshed after an edit', async () => {
    const first = await search('plumes festives');
    expect(first.mode).toBe('semantic');
    expect(first.hits[0]?.id).toBe(rig.ids.boa);
    const stored = rig.core.ctx.db.prepare('SELECT count(*) FROM assistant_embeddings').pluck().get() as number;
    expect(stored).toBeGreaterThanOrEqual(4);
    const before = vectorHash(rig.ids.boa);
    expect((await search('guirlande lumineuse')).hits[0]?.id).not.toBe(rig.ids.boa);
    const embeds = () => rig.ollama.requests.filter((r) => r.path === '/api/embed').length;
    const n = embeds();
    await search('guirlande lumineuse');
    expect(embeds()).toBe(n + 1); // only the question: nothing changed, nothing re-embedded
    await rig.core.router.call('catalog.products.update', {
      id: rig.ids.boa,
      patch: { name: 'Guirlande lumineuse', description: 'Guirlande LED lumineuse pour la décoration' },
    });
    const after = await search('guirlande lumineuse');
    expect(after.hits[0]).toMatchObject({ id: rig.ids.boa, title: 'Guirlande lumineuse' });
    expect(vectorHash(rig.ids.boa)).not.toBe(before);
    // Full text follows the same edit when semantic search is off.
    await rig.core.router.call('assistant.configure', { embedModel: null });
    const ft = await search('guirlandes');
    expect(ft).toMatchObject({ mode: 'fulltext' });
    expect(ft.hits[0]?.id).toBe(rig.ids.boa);
  });

  it('an archived product leaves both indexes', async () => {
    await search('plumes');
    await rig.core.router.call('catalog.products.archive', { id: rig.ids.boa, archived: true });
    expect((await search('plumes festives')).hits.map((h) => h.id)).not.toContain(rig.ids.boa);
    expect(rig.core.ctx.db.prepare('SELECT count(*) FROM assistant_embeddings WHERE ref_id = ?').pluck().get(rig.ids.boa)).toBe(0);
  });
});
