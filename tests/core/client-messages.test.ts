import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertUser } from '@core/db/repos/users.js';
import { assistantRig, DAY, type AssistantRig } from '../fixtures/assistant.js';

let rig: AssistantRig;
beforeEach(async () => {
  rig = await assistantRig({ rules: [{ when: /suivi/, steps: [{ content: 'Bonjour Mme Durand,\n\nMerci pour votre mariage !' }] }] });
});
afterEach(() => rig.dispose());

async function asRole(role: 'viewer' | 'installer') {
  const db = rig.core.ctx.db;
  const u = insertUser(
    db,
    { email: `${role}@x.test`, displayName: role, role },
    { now: rig.core.clock.now(), device: rig.core.ctx.deviceId },
  );
  rig.core.ctx.session.set(u.id);
}

describe('messages drafted, in the client’s history (issue 18)', () => {
  it('a draft about a client’s event names that client; saved, it is in the client’s history with its date and text; saved again after edits it updates', async () => {
    const r = rig.core.router;
    const durand = await r.call('clients.create', { name: 'Mariage Durand', email: 'durand@example.fr' });
    const other = await r.call('clients.create', { name: 'Autre client' });
    const event = await r.call('bookings.create', {
      clientName: 'Mariage Durand',
      clientId: durand.id,
      eventType: 'Mariage',
      boothId: rig.ids.booth,
      startsAt: rig.core.clock.now() + 5 * DAY,
      endsAt: rig.core.clock.now() + 5 * DAY + 6 * 3_600_000,
    });
    const { answer } = await rig.ask('Rédige un message de suivi pour Mariage Durand', {
      draft: { kind: 'client_followup', eventId: event.id },
    });
    expect(answer).toMatchObject({ status: 'done', draftKind: 'client_followup' });
    // The draft's data card carries the event's client: the screen proposes it.
    expect(answer.cards[0]!.args).toEqual({ eventId: event.id, clientId: durand.id });

    const t1 = rig.core.clock.now();
    const saved = await r.call('clients.messages.save', {
      clientId: durand.id,
      text: answer.content,
      kind: 'client_followup',
      eventId: event.id,
      sourceMessageId: answer.id,
    });
    expect(saved).toMatchObject({ clientId: durand.id, eventId: event.id, kind: 'client_followup', draftedAt: t1 });
    let page = await r.call('clients.get', { id: durand.id });
    expect(page.messages.map((m) => [m.kind, m.text, m.draftedAt])).toEqual([
      ['client_followup', 'Bonjour Mme Durand,\n\nMerci pour votre mariage !', t1],
    ]);

    // Edited in the draft card and saved again: the same entry, the new text and date (no second copy).
    rig.core.clock.advance(60_000);
    const again = await r.call('clients.messages.save', {
      clientId: durand.id,
      text: 'Bonjour Mme Durand, merci encore !',
      kind: 'client_followup',
      eventId: event.id,
      sourceMessageId: answer.id,
    });
    expect(again.id).toBe(saved.id);
    page = await r.call('clients.get', { id: durand.id });
    expect(page.messages.map((m) => [m.text, m.draftedAt])).toEqual([['Bonjour Mme Durand, merci encore !', t1 + 60_000]]);

    // A message chosen for another client cannot carry this client's event.
    await expect(r.call('clients.messages.save', { clientId: other.id, text: 'x', kind: 'note', eventId: event.id })).rejects.toMatchObject(
      { code: 'invalid_input', details: { field: 'eventId' } },
    );
    // Any draft can go to the client the person picks (a supplier e-mail is not a client's, but may be noted).
    rig.core.clock.advance(60_000);
    await r.call('clients.messages.save', { clientId: other.id, text: 'Note libre', kind: 'note' });
    expect((await r.call('clients.get', { id: other.id })).messages.map((m) => m.text)).toEqual(['Note libre']);
    expect((await r.call('clients.get', { id: durand.id })).messages).toHaveLength(1);
    // Saving an empty text is refused in words.
    await expect(r.call('clients.messages.save', { clientId: other.id, text: '   ' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(r.call('clients.messages.save', { clientId: 'nope', text: 'x' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('newest first; removed ones leave the history; merging two clients keeps the messages', async () => {
    const r = rig.core.router;
    const keep = await r.call('clients.create', { name: 'Durand SARL', email: 'contact@durand.fr' });
    const gone = await r.call('clients.create', { name: 'Durand', phone: '0612345678' });
    const a = await r.call('clients.messages.save', { clientId: keep.id, text: 'Premier' });
    rig.core.clock.advance(1000);
    await r.call('clients.messages.save', { clientId: gone.id, text: 'Deuxième', kind: 'event_recap' });
    rig.core.clock.advance(1000);
    const c = await r.call('clients.messages.save', { clientId: keep.id, text: 'Troisième' });
    expect((await r.call('clients.get', { id: keep.id })).messages.map((m) => m.text)).toEqual(['Troisième', 'Premier']);
    expect(await r.call('clients.messages.delete', { id: c.id })).toEqual({ deleted: true });
    await expect(r.call('clients.messages.delete', { id: c.id })).rejects.toMatchObject({ code: 'not_found' });
    const merged = await r.call('clients.merge', { keepId: keep.id, mergeId: gone.id });
    expect(merged.moved.messages).toBe(1);
    expect((await r.call('clients.get', { id: keep.id })).messages.map((m) => [m.id === a.id, m.text])).toEqual([
      [false, 'Deuxième'],
      [true, 'Premier'],
    ]);
    // Synced like the rest of the paperwork: every write is queued for the hub.
    const queued = rig.core.ctx.db.prepare("SELECT count(*) FROM outbox WHERE table_name = 'client_messages'").pluck().get() as number;
    expect(queued).toBeGreaterThanOrEqual(5);
  });

  it('viewers read the messages; installers get none; only admins save or remove', async () => {
    const r = rig.core.router;
    const cl = await r.call('clients.create', { name: 'Client' });
    const m = await r.call('clients.messages.save', { clientId: cl.id, text: 'Relance' });
    const ev = await r.call('bookings.create', {
      clientName: 'Client',
      clientId: cl.id,
      boothId: rig.ids.booth,
      startsAt: rig.core.clock.now() + 9 * DAY,
      endsAt: rig.core.clock.now() + 9 * DAY + 3_600_000,
    });
    const installer = insertUser(
      rig.core.ctx.db,
      { email: 'ines@x.test', displayName: 'Ines', role: 'installer' },
      { now: rig.core.clock.now(), device: rig.core.ctx.deviceId },
    );
    await r.call('staffing.assign', { eventId: ev.id, userId: installer.id });
    await asRole('viewer');
    expect((await r.call('clients.get', { id: cl.id })).messages.map((x) => x.text)).toEqual(['Relance']);
    await expect(r.call('clients.messages.save', { clientId: cl.id, text: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(r.call('clients.messages.delete', { id: m.id })).rejects.toMatchObject({ code: 'forbidden' });
    rig.core.ctx.session.set(installer.id);
    // The installer reads this client (they work its event) but not the office's messages.
    expect((await r.call('clients.get', { id: cl.id })).messages).toEqual([]);
  });
});
