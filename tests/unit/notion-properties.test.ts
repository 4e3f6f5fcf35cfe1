import { describe, expect, it } from 'vitest';
import { asBool, asDate, asFiles, asList, asNumber, asRelation, asText, parseNotionDate } from '@core/modules/notion/properties.js';
import { mapPage, proposeEventOptions } from '@core/modules/notion/mapping.js';
import { v } from '../../electron/dev/notion-double/model.js';

describe('Notion property values', () => {
  it('reads every property type the mapping can use', () => {
    expect(asText(v.title('Mariage Dupont'))).toBe('Mariage Dupont');
    expect(asText(v.text('  '))).toBeNull();
    expect(asText(v.select('Borne Aurore'))).toBe('Borne Aurore');
    expect(asText(v.status('En cours'))).toBe('En cours');
    expect(asText(v.multi(['Bio', 'Local']))).toBe('Bio, Local');
    expect(asText(v.url('https://x.example'))).toBe('https://x.example');
    expect(asText(v.email('a@b.fr'))).toBe('a@b.fr');
    expect(asText(v.phone('+33 6'))).toBe('+33 6');
    expect(asText(v.uniqueId('EVT', 12))).toBe('EVT-12');
    expect(asText(v.people(['Camille', 'Léo']))).toBe('Camille, Léo');
    expect(asText(v.formulaString('calc'))).toBe('calc');
    expect(asNumber(v.number(12.5))).toBe(12.5);
    expect(asNumber(v.number(null))).toBeNull();
    expect(asNumber(v.formulaNumber(3))).toBe(3);
    expect(asNumber(v.rollupNumber(42))).toBe(42);
    expect(asNumber(v.uniqueId(null, 7))).toBe(7);
    expect(() => asNumber(v.text('environ 10 €'))).toThrow('"environ 10 €" is not a number');
    expect(() => asNumber(v.formulaString('x'))).toThrow(/gives a string/);
    expect(asBool(v.checkbox(true))).toBe(true);
    expect(asBool(v.select('Non'))).toBe(false);
    expect(() => asBool(v.text('peut-être'))).toThrow(/not yes or no/);
    expect(asList(v.multi(['A', 'B']))).toEqual(['A', 'B']);
    expect(asList(v.text('a, b; c'))).toEqual(['a', 'b', 'c']);
    expect(asRelation(v.relation(['p1', 'p2']))).toEqual(['p1', 'p2']);
    expect(
      asFiles(
        v.files([
          v.externalFile('a.jpg', 'https://cdn/a.jpg'),
          { name: 'b.png', type: 'file', file: { url: 'http://127.0.0.1/b', expiry_time: '' } },
        ]),
      ),
    ).toEqual([
      { name: 'a.jpg', url: 'https://cdn/a.jpg', hosted: false },
      { name: 'b.png', url: 'http://127.0.0.1/b', hosted: true },
    ]);
    expect(() => asFiles(v.number(1))).toThrow(/holds no files/);
  });

  it('reads dates with offsets, time zones, ranges and whole days', () => {
    expect(asDate(v.date('2026-12-12T18:00:00.000+01:00', '2026-12-13T01:00:00.000+01:00'))).toEqual({
      start: Date.UTC(2026, 11, 12, 17),
      end: Date.UTC(2026, 11, 13, 0),
      allDay: false,
    });
    // A wall-clock time with its zone (as the API returns when time_zone is set): summer and winter offsets.
    expect(parseNotionDate('2026-07-01T18:00:00.000', 'Europe/Paris').ms).toBe(Date.UTC(2026, 6, 1, 16));
    expect(parseNotionDate('2026-12-01T18:00:00.000', 'Europe/Paris').ms).toBe(Date.UTC(2026, 11, 1, 17));
    expect(parseNotionDate('2026-12-01T18:00:00.000', 'America/New_York').ms).toBe(Date.UTC(2026, 11, 1, 23));
    // A whole day: local midnight to the end of the last day.
    const d = asDate(v.date('2026-12-12', '2026-12-13'))!;
    expect(d.allDay).toBe(true);
    expect(d.end! - d.start).toBe(2 * 86_400_000 - 1);
    expect(asDate(v.date(null))).toBeNull();
    expect(() => asDate(v.text('demain'))).toThrow(/not a date/);
    expect(asDate({ type: 'created_time', created_time: '2026-01-01T10:00:00.000Z' })?.start).toBe(Date.UTC(2026, 0, 1, 10));
  });

  it('maps an event page: live / done / other statuses, booth by name or relation, reasons that name the property', () => {
    const mapping = { clientName: 'Client', date: 'Date', status: 'Statut', booth: 'Photomaton', eventType: null, albumName: null };
    const options = proposeEventOptions({ name: 'Statut', type: 'status', options: ['À venir', 'En cours', 'Terminé', 'Annulé'] });
    expect(options).toEqual({ liveValues: ['En cours'], doneValues: ['Terminé'], cancelledValues: ['Annulé'] });
    const page = (statut: string) => ({
      Client: v.text('Famille Dupont'),
      Date: v.date('2026-12-12T18:00:00.000+01:00'),
      Statut: v.status(statut),
      Photomaton: v.select('Borne Aurore'),
    });
    const live = mapPage('events', mapping, page('En cours'), options);
    expect(live).toMatchObject({
      entity: 'events',
      values: {
        clientName: 'Famille Dupont',
        status: 'active',
        booth: { mode: 'name', keys: ['Borne Aurore'] },
        endsAt: Date.UTC(2026, 11, 12, 21),
      },
    });
    expect(mapPage('events', mapping, page('Terminé'), options).values).toMatchObject({ status: 'completed' });
    expect(mapPage('events', mapping, page('Annulé'), options).values).toMatchObject({ status: 'archived' });
    expect(mapPage('events', mapping, page('À venir'), options).values).toMatchObject({ status: 'archived' });
    const rel = mapPage('events', { ...mapping, booth: 'Borne' }, { ...page('En cours'), Borne: v.relation(['page-1']) }, options);
    expect(rel.values).toMatchObject({ booth: { mode: 'relation', keys: ['page-1'] } });
    expect(() => mapPage('events', mapping, { ...page('En cours'), Client: v.text('') }, options)).toThrow(
      'Client: empty (the event needs a name or client)',
    );
    expect(() =>
      mapPage('events', mapping, { ...page('En cours'), Date: v.date('2026-12-12T18:00:00Z', '2026-12-12T10:00:00Z') }, options),
    ).toThrow('Date: ends before it starts');
  });

  it('maps products and services, refusing negative prices and impossible durations', () => {
    const p = mapPage(
      'products',
      { name: 'Nom', price: 'Prix', active: 'Actif', images: 'Images' },
      { Nom: v.title('Savon'), Prix: v.number(6.5), Actif: v.checkbox(false), Images: v.files([]) },
      null,
    );
    expect(p.values).toEqual({
      name: 'Savon',
      sku: undefined,
      price: 6.5,
      category: undefined,
      description: undefined,
      supplier: undefined,
      unit: undefined,
      active: false,
      images: [],
    });
    expect(() => mapPage('products', { name: 'Nom', price: 'Prix' }, { Nom: v.title('Savon'), Prix: v.number(-1) }, null)).toThrow(
      'Prix: -1 is negative',
    );
    const s = mapPage(
      'services',
      { title: 'Nom', durationMin: 'Durée', benefits: 'Avantages' },
      { Nom: v.title('Formule'), Durée: v.number(90.4), Avantages: v.multi(['GIF']) },
      null,
    );
    expect(s.values).toMatchObject({ title: 'Formule', durationMin: 90, benefits: ['GIF'] });
    expect(() =>
      mapPage('services', { title: 'Nom', durationMin: 'Durée' }, { Nom: v.title('Formule'), Durée: v.number(0) }, null),
    ).toThrow(/not a duration/);
  });
});
