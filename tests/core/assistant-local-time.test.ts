import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseLocalDateTime, localDayStart } from '@shared/days.js';
import { raiseAlert } from '@core/db/repos/alerts.js';
import { checkNumbers } from '@core/modules/assistant/index.js';
import { inTimeZone, PARIS } from '../fixtures/clock.js';
import { assistantRig, type AssistantRig } from '../fixtures/assistant.js';

/**
 * The assistant works on the person's clock, as the screens do. It told the model today's UTC
 * date (yesterday's, in Paris, from 00:00 to 01:00), asked for event times "(UTC)" and read
 * "2026-12-10 14:00" as 14:00 UTC: the event it created showed 15:00 on the events screen, and its
 * confirmation card said 14:00. Run on Paris time, at 00:30 on 9 December (23:30 UTC on the 8th).
 */
const NOW = Date.UTC(2026, 11, 8, 23, 30);
inTimeZone(PARIS);

let rig: AssistantRig;
beforeEach(async () => {
  rig = await assistantRig({
    rules: [
      {
        when: /crée/i,
        steps: [
          {
            toolCalls: [
              {
                name: 'propose_create_event',
                arguments: { client: 'Anniversaire Martin', start: '2026-12-10 14:00', end: '2026-12-10 18:30' },
              },
            ],
          },
          { content: 'Carte prête.' },
        ],
      },
      {
        when: /commande/i,
        steps: [
          { toolCalls: [{ name: 'propose_purchase_order', arguments: { product: 'PAP-4X6', quantity: 10 } }] },
          { content: 'Carte prête.' },
        ],
      },
      {
        when: /alertes/i,
        steps: [{ toolCalls: [{ name: 'recent_alerts', arguments: {} }] }, { content: 'Voilà.' }],
      },
      {
        when: /événements/i,
        steps: [{ toolCalls: [{ name: 'events_of_period', arguments: { from: '2026-12-10', to: '2026-12-10' } }] }, { content: 'Voilà.' }],
      },
    ],
  });
  rig.core.clock.set(NOW);
});
afterEach(() => rig.dispose());

describe('the assistant on the person’s clock (Europe/Paris)', () => {
  it('tells the model the local date and time: 9 December 00:30, not 8 December', async () => {
    await rig.ask('Bonjour');
    const system = rig.ollama.chatRequests().at(-1)!.messages[0]!.content;
    expect(system).toContain('It is now 2026-12-09 00:30');
    expect(system).not.toContain('2026-12-08');
  });

  it('creates the event at 14:00 where the person is, and its card says 14:00', async () => {
    const { answer } = await rig.ask('Crée un événement pour Anniversaire Martin le 10 décembre de 14h à 18h30');
    const action = answer.actions[0]!;
    expect(action.summary).toContainEqual({ label: 'start', value: '2026-12-10 14:00' });
    expect(action.summary).toContainEqual({ label: 'end', value: '2026-12-10 18:30' });
    expect((await rig.core.router.call('assistant.actions.confirm', { id: action.id })).status).toBe('done');
    const events = await rig.core.router.call('bookings.list', { from: Date.UTC(2026, 11, 10), to: Date.UTC(2026, 11, 11), limit: 10 });
    const created = events.find((e) => e.clientName === 'Anniversaire Martin')!;
    // 14:00 in Paris in December is 13:00 UTC.
    expect(created.startsAt).toBe(Date.UTC(2026, 11, 10, 13, 0));
    expect(created.endsAt).toBe(Date.UTC(2026, 11, 10, 17, 30));
  });

  it('lists the events of a local day: one at 00:30 on the 10th is in it, one at 00:30 on the 11th is not', async () => {
    const mk = (clientName: string, startsAt: number) =>
      rig.core.router.call('bookings.create', { clientName, startsAt, endsAt: startsAt + 3 * 3_600_000 });
    await mk('Soirée tardive', Date.UTC(2026, 11, 9, 23, 30)); // 10 Dec 00:30 Paris
    await mk('Lendemain', Date.UTC(2026, 11, 10, 23, 30)); // 11 Dec 00:30 Paris
    const { answer } = await rig.ask('Quels événements le 10 décembre ?');
    const card = answer.cards.find((c) => c.tool === 'events_of_period')!;
    expect(card.args).toMatchObject({ from: '2026-12-10', to: '2026-12-10' });
    expect(card.rows.map((r) => [r.client, r.start])).toEqual([['Soirée tardive', '2026-12-10 00:30']]);
  });
});

describe('dates the assistant shows and writes, on the person’s clock (Europe/Paris, 9 December 00:30)', () => {
  it('proposes an order expected on the local day the lead time lands on (5 days: 14 December), at that day’s start', async () => {
    const { answer } = await rig.ask('Passe une commande de papier');
    const action = answer.actions[0]!;
    // It was 8 December on the UTC day: "2026-12-13", stored as 01:00 on the 13th in Paris.
    expect(action.summary).toContainEqual({ label: 'expectedAt', value: '2026-12-14' });
    expect((await rig.core.router.call('assistant.actions.confirm', { id: action.id })).status).toBe('done');
    const orders = await rig.core.router.call('purchaseOrders.list', {});
    expect(orders.map((o) => o.expectedAt)).toEqual([Date.UTC(2026, 11, 13, 23)]);
  });

  it('lists an alert raised at 00:30 as 00:30 on the 9th, not 23:30 on the 8th', async () => {
    raiseAlert(
      rig.core.ctx.db,
      rig.ids.booth,
      { kind: 'disk_low', severity: 'warning', message: 'Disque presque plein', details: {} },
      { now: NOW, device: rig.core.ctx.deviceId },
    );
    const { answer } = await rig.ask('Quelles alertes sont ouvertes ?');
    const card = answer.cards.find((c) => c.tool === 'recent_alerts')!;
    expect(card.rows.find((r) => r.message === 'Disque presque plein')?.raisedAt).toBe('2026-12-09 00:30');
  });

  it('writes a client message with the event’s local times (14:00 to 20:00), not UTC', async () => {
    const r = rig.core.router;
    const durand = await r.call('clients.create', { name: 'Mariage Durand' });
    const event = await r.call('bookings.create', {
      clientName: 'Mariage Durand',
      clientId: durand.id,
      startsAt: Date.UTC(2026, 11, 12, 13),
      endsAt: Date.UTC(2026, 11, 12, 19),
    });
    const { answer } = await rig.ask('Rédige un message de suivi', { draft: { kind: 'client_followup', eventId: event.id } });
    expect(answer.cards[0]!.rows[0]).toMatchObject({ start: '2026-12-12 14:00', end: '2026-12-12 20:00' });
  });

  it('search shows an event at 00:30 on the 10th under the 10th', async () => {
    rig.ollama.removeModel('nomic-embed-text:latest');
    await rig.core.router.call('assistant.configure', {});
    await rig.core.router.call('bookings.create', {
      clientName: 'Soirée Lambert',
      startsAt: Date.UTC(2026, 11, 9, 23, 30),
      endsAt: Date.UTC(2026, 11, 10, 3),
    });
    const { hits } = await rig.core.router.call('assistant.search', { q: 'Lambert', limit: 5 });
    expect(hits[0]!.subtitle).toMatch(/^2026-12-10/);
  });

  it('takes a time the model read on the local clock (15:00) as found in an event’s instant', () => {
    const sources = [{ startsAt: Date.UTC(2026, 11, 12, 14) }];
    expect(checkNumbers('La soirée commence à 15 h le 12.', sources)).toEqual([
      { figure: '15', found: true },
      { figure: '12', found: true },
    ]);
  });
});

describe('parseLocalDateTime (Europe/Paris)', () => {
  it('reads dates and times on the local clock, keeps explicit offsets, refuses what is not a date', () => {
    expect(parseLocalDateTime('2026-12-10 14:00')).toBe(Date.UTC(2026, 11, 10, 13));
    expect(parseLocalDateTime('2026-07-10T14:00')).toBe(Date.UTC(2026, 6, 10, 12));
    expect(parseLocalDateTime('2026-12-10')).toBe(Date.UTC(2026, 11, 9, 23));
    expect(parseLocalDateTime('2026-12-10 14:00Z')).toBe(Date.UTC(2026, 11, 10, 14));
    expect(parseLocalDateTime('2026-12-10T14:00+02:00')).toBe(Date.UTC(2026, 11, 10, 12));
    for (const bad of ['2026-02-30', '2026-13-01', '2026-12-10 24:00', '2026-12-10 14:60', '10/12/2026', 'demain', ''])
      expect(parseLocalDateTime(bad), bad).toBeNaN();
  });

  it('moves by calendar days across the change of summer time: midnight stays midnight', () => {
    // 25 October 2026 is 25 hours long in Paris.
    expect(parseLocalDateTime('2026-10-25', 1) - parseLocalDateTime('2026-10-25')).toBe(25 * 3_600_000);
    expect(localDayStart(Date.UTC(2026, 9, 25, 12), 1)).toBe(Date.UTC(2026, 9, 25, 23));
    expect(localDayStart(Date.UTC(2026, 2, 28, 23, 30), 1)).toBe(Date.UTC(2026, 2, 29, 22));
  });
});
