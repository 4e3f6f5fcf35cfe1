import { listBooths } from '../db/repos/booths.js';
import { insertEvent, addToTotals } from '../db/repos/bookings.js';
import { appendCounter } from '../db/repos/boothCounters.js';
import { evaluateBoothAlerts } from '../modules/alerts/index.js';
import { createRandom } from './random.js';
import type { CoreContext } from '../context.js';

/** Client → event type, so the demo never calls a wedding a trade fair. */
const CLIENTS: ReadonlyArray<readonly [string, string]> = [
  ['Mariage Dupont', 'Mariage'],
  ['Gala Lumière', 'Entreprise'],
  ['Séminaire Altis', 'Entreprise'],
  ['Anniversaire Léa', 'Anniversaire'],
  ['Soirée Nexa', 'Soirée'],
  ['Mariage Moreau', 'Mariage'],
  ['Salon Habitat', 'Salon'],
  ['Bar-mitsva Cohen', 'Anniversaire'],
  ['Fête de la musique Lyon', 'Soirée'],
  ['Noël Cabinet Roux', 'Entreprise'],
  ['Lancement Veloce', 'Entreprise'],
  ['Mariage Nguyen', 'Mariage'],
];
/** Where each demo client's events take place (no random draw: the rest of the demo stays the same). */
const PLACES: Readonly<Record<string, string>> = {
  'Mariage Dupont': 'Domaine de la Chapelle, 12 route de Lyon, 69630 Chaponost',
  'Gala Lumière': 'Palais de la Bourse, place de la Bourse, 69002 Lyon',
  'Séminaire Altis': 'Hôtel Altis, 45 quai Rambaud, 69002 Lyon',
  'Anniversaire Léa': 'Salle des fêtes, 3 rue de la Mairie, 69340 Francheville',
  'Soirée Nexa': 'Le Sucre, 50 quai Rambaud, 69002 Lyon',
  'Mariage Moreau': 'Château de Pizay, 69220 Saint-Jean-d’Ardières',
  'Salon Habitat': 'Eurexpo, hall 4 stand B12, boulevard de l’Europe, 69680 Chassieu',
  'Bar-mitsva Cohen': 'Espace Tête d’Or, 103 boulevard de Stalingrad, 69100 Villeurbanne',
  'Fête de la musique Lyon': 'Place des Terreaux, 69001 Lyon',
  'Noël Cabinet Roux': 'Cabinet Roux, 8 rue de la République, 69001 Lyon',
  'Lancement Veloce': 'Halle Tony Garnier, 20 place Docteurs Charles et Christophe Mérieux, 69007 Lyon',
  'Mariage Nguyen': 'Domaine des Saules, 215 chemin des Saules, 38200 Vienne',
};
const typeOf = (client: string) => CLIENTS.find((c) => c[0] === client)?.[1] ?? 'Soirée';
const DAY = 86_400_000;

/**
 * A year of past events (completed or archived, with counter rows and totals) and two months of
 * upcoming ones, one or two a week per booth, plus events running right now for a few booths.
 * Counters are stored as aggregated ledger rows (one per kind per event) to keep the demo small.
 */
export function seedDemoEvents(ctx: CoreContext): void {
  if ((ctx.db.prepare('SELECT count(*) FROM events').pluck().get() as number) > 0) return;
  const rnd = createRandom(2026);
  const now = ctx.clock.now();
  const stamp = { now, device: ctx.deviceId };
  const booths = listBooths(ctx.db);
  const today = Math.floor(now / DAY) * DAY;
  booths.forEach((b, bi) => {
    for (let week = -52; week <= 8; week++) {
      if (!rnd.chance(week < 0 ? 0.75 : 0.55)) continue;
      const day = today + week * 7 * DAY + ((5 + bi) % 7) * DAY;
      const startsAt = day + rnd.int(14, 19) * 3_600_000;
      const endsAt = startsAt + rnd.int(4, 7) * 3_600_000;
      if (startsAt <= now && endsAt >= now) continue; // "now" events are placed below
      const past = endsAt < now;
      const [client, eventType] = rnd.pick(CLIENTS);
      const ev = insertEvent(
        ctx.db,
        {
          boothId: b.id,
          clientName: client,
          eventType,
          startsAt,
          endsAt,
          albumName: `${client} ${new Date(startsAt).getUTCFullYear()}`,
          place: PLACES[client] ?? null,
          status: past ? (week < -26 ? 'archived' : 'completed') : 'active',
        },
        stamp,
      );
      if (!past) continue;
      const sessions = rnd.int(40, 160);
      const kinds: Array<[string, number]> = [
        ['session', sessions],
        ['capture', sessions * 3],
        ['digital', Math.round(sessions * 0.8)],
        ['gif', Math.round(sessions * 0.2)],
        ['print', Math.round(sessions * (1 + rnd.next()))],
        ['upload', Math.round(sessions * 0.7)],
      ];
      for (const [kind, count] of kinds) {
        if (count <= 0) continue;
        appendCounter(
          ctx.db,
          {
            boothId: b.id,
            eventId: ev.id,
            kind: kind as 'session',
            count,
            printsDelta: kind === 'print' ? -count * b.printsPerCopy : 0,
            occurredAt: endsAt,
          },
          stamp,
        );
        addToTotals(ctx.db, ev.id, kind, count, now);
      }
    }
  });
  // Events running now: two booths online at their event, one offline during its event.
  for (const [name, client] of [
    ['Borne Aurore', 'Gala Lumière'],
    ['Borne Dune', 'Mariage Dupont'],
    ['Borne Givre', 'Salon Habitat'],
  ] as const) {
    const b = booths.find((x) => x.name === name);
    if (!b) continue;
    insertEvent(
      ctx.db,
      {
        boothId: b.id,
        clientName: client,
        eventType: typeOf(client),
        startsAt: now - 2 * 3_600_000,
        endsAt: now + 4 * 3_600_000,
        albumName: client,
        place: PLACES[client] ?? null,
      },
      stamp,
    );
  }
  // The past events' prints came off earlier rolls (no reloads in the demo ledger): the synced base
  // is set so that remaining = initial_prints + Σ prints_delta holds, as on any device that syncs.
  ctx.db
    .prepare(
      'UPDATE booths SET initial_prints = max(0, remaining_prints - coalesce((SELECT sum(prints_delta) FROM booth_counter_events c WHERE c.booth_id = booths.id), 0))',
    )
    .run();
  for (const b of booths) evaluateBoothAlerts(ctx, b.id);
}
