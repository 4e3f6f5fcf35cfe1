import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assistantRig, type AssistantRig } from '../fixtures/assistant.js';
import type { ChatRule } from '../../electron/dev/ollama-double/server.js';

const RULES: ChatRule[] = [
  {
    when: /commander/,
    steps: [
      { toolCalls: [{ name: 'to_order_this_week', arguments: {} }] },
      { toolCalls: [{ name: 'propose_purchase_order', arguments: { product: 'PAP-4X6' } }] },
      { content: 'Je propose une commande de papier.' },
    ],
  },
  {
    when: /réveille/i,
    steps: [{ toolCalls: [{ name: 'propose_wake_booth', arguments: { booth: 'borne paris' } }] }, { content: 'Carte prête.' }],
  },
  {
    when: /recharge/i,
    steps: [{ toolCalls: [{ name: 'propose_paper_reload', arguments: { booth: 'Borne Paris', remaining: 400 } }] }, { content: 'OK.' }],
  },
];

let rig: AssistantRig;
beforeEach(async () => {
  rig = await assistantRig({ rules: RULES });
  await rig.core.router.call('forecast.run', { mode: 'full' });
});
afterEach(() => rig.dispose());

const auditRows = (action: string) =>
  rig.core.ctx.db.prepare('SELECT user_id, outcome, details FROM audit_log WHERE action = ? ORDER BY at, rowid').all(action) as {
    user_id: string;
    outcome: string;
    details: string;
  }[];

describe('assistant proposed actions', () => {
  it('proposes the advised purchase order as a card; nothing is written until the person confirms', async () => {
    const { answer } = await rig.ask("Qu'est-ce que je dois commander cette semaine ?");
    expect(answer.status).toBe('done');
    expect(answer.cards.map((c) => c.tool)).toEqual(['to_order_this_week']);
    expect(answer.actions).toHaveLength(1);
    const action = answer.actions[0]!;
    const advised = (await rig.core.router.call('forecast.replenishment', { withinDays: 30 })).find((l) => l.sku === 'PAP-4X6')!;
    expect(action).toMatchObject({ kind: 'purchase_order', channel: 'purchaseOrders.create', status: 'proposed' });
    expect(action.summary).toContainEqual({ label: 'quantity', value: `${advised.quantity} pce` });
    expect(await rig.core.router.call('purchaseOrders.list', {})).toEqual([]);
    expect(auditRows('purchaseOrders.create')).toEqual([]);

    const done = await rig.core.router.call('assistant.actions.confirm', { id: action.id });
    expect(done.status).toBe('done');
    const orders = await rig.core.router.call('purchaseOrders.list', {});
    expect(orders.map((o) => [o.productId, o.quantity])).toEqual([[rig.ids.paper, advised.quantity]]);
    const [audit] = auditRows('purchaseOrders.create');
    expect(audit!.outcome).toBe('ok');
    expect(JSON.parse(audit!.details)).toMatchObject({ via: 'assistant', productId: rig.ids.paper });
    // Confirming twice runs nothing more.
    await expect(rig.core.router.call('assistant.actions.confirm', { id: action.id })).rejects.toMatchObject({ code: 'conflict' });
    expect(await rig.core.router.call('purchaseOrders.list', {})).toHaveLength(1);
  });

  it('cancel runs nothing; the card says cancelled', async () => {
    const { answer, conversationId } = await rig.ask('Réveille la borne Paris');
    const action = answer.actions[0]!;
    expect(action).toMatchObject({ kind: 'wake_booth', channel: 'wol.wake', status: 'proposed' });
    expect((await rig.core.router.call('assistant.actions.cancel', { id: action.id })).status).toBe('cancelled');
    expect(await rig.core.router.call('wol.list', {})).toEqual([]);
    expect(auditRows('wol.wake')).toEqual([]);
    const conv = await rig.core.router.call('assistant.conversations.get', { id: conversationId });
    expect(conv.messages.at(-1)!.actions[0]!.status).toBe('cancelled');
    await expect(rig.core.router.call('assistant.actions.confirm', { id: action.id })).rejects.toMatchObject({ code: 'conflict' });
  });

  it("runs with the confirming person's role: a viewer's confirmation is refused by the router and audited", async () => {
    const viewer = await rig.signIn('viewer');
    const { answer } = await rig.ask('Recharge le papier de la Borne Paris');
    const action = answer.actions[0]!;
    expect(action).toMatchObject({ kind: 'paper_reload', channel: 'booths.reloadPaper', status: 'proposed' });
    const refused = await rig.core.router.call('assistant.actions.confirm', { id: action.id });
    expect(refused.status).toBe('refused');
    expect(refused.result).toMatchObject({ code: 'forbidden' });
    expect((await rig.core.router.call('booths.get', { id: rig.ids.booth })).booth.remainingPrints).toBe(80);
    const [audit] = auditRows('booths.reloadPaper');
    expect(audit).toMatchObject({ user_id: viewer, outcome: 'refused' });
    expect(JSON.parse(audit!.details)).toMatchObject({ via: 'assistant' });
  });

  it("another person's conversation and actions are out of reach", async () => {
    const { answer, conversationId } = await rig.ask('Réveille la borne Paris');
    await rig.signIn('installer');
    await expect(rig.core.router.call('assistant.conversations.get', { id: conversationId })).rejects.toMatchObject({ code: 'not_found' });
    await expect(rig.core.router.call('assistant.actions.confirm', { id: answer.actions[0]!.id })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await rig.core.router.call('wol.list', {})).toEqual([]);
  });
});

describe('assistant conversations', () => {
  it('are listed newest first, renamed, searched (title or text) and deleted with their messages', async () => {
    const a = await rig.ask('Réveille la borne Paris');
    rig.core.clock.advance(1000);
    const b = await rig.ask("Qu'est-ce que je dois commander cette semaine ?");
    rig.core.clock.advance(1000);
    await rig.ask('Et pour le papier ?', { conversationId: b.conversationId });
    let list = await rig.core.router.call('assistant.conversations.list', {});
    expect(list.map((c) => c.id)).toEqual([b.conversationId, a.conversationId]);
    expect(list[0]!.messageCount).toBe(4);
    await rig.core.router.call('assistant.conversations.rename', { id: a.conversationId, title: 'Réveil Paris' });
    expect((await rig.core.router.call('assistant.conversations.list', { q: 'réveil' })).map((c) => c.title)).toEqual(['Réveil Paris']);
    expect((await rig.core.router.call('assistant.conversations.list', { q: 'papier' })).map((c) => c.id)).toEqual([b.conversationId]);
    // The second question saw the first exchange (history goes to the model).
    const last = rig.ollama.chatRequests().at(-1)!;
    expect(last.messages.filter((m) => m.role === 'user').map((m) => m.content)).toEqual([
      "Qu'est-ce que je dois commander cette semaine ?",
      'Et pour le papier ?',
    ]);
    await rig.core.router.call('assistant.conversations.delete', { id: b.conversationId });
    list = await rig.core.router.call('assistant.conversations.list', {});
    expect(list.map((c) => c.id)).toEqual([a.conversationId]);
    expect(rig.core.ctx.db.prepare('SELECT count(*) FROM assistant_messages WHERE conversation_id = ?').pluck().get(b.conversationId)).toBe(
      0,
    );
    // Titles stay out of the synced audit log.
    const rename = rig.core.ctx.db.prepare("SELECT details FROM audit_log WHERE action = 'assistant.conversations.rename'").pluck().get();
    expect(String(rename)).not.toContain('Réveil Paris');
  });
});

describe('assistant drafting and other proposals', () => {
  it('drafts a client follow-up from the event, in French, without tools, from fenced data', async () => {
    rig.ollama.rules.unshift({ when: /suivi/, steps: [{ content: 'Bonjour, merci pour votre mariage !' }] });
    const { answer } = await rig.ask('Rédige un message de suivi pour Mariage Dupont', {
      lang: 'en',
      draft: { kind: 'client_followup', eventId: rig.ids.event },
    });
    expect(answer).toMatchObject({ status: 'done', draftKind: 'client_followup', actions: [] });
    expect(answer.cards.map((c) => [c.tool, c.rows[0]?.client])).toEqual([['event', 'Mariage Dupont']]);
    const req = rig.ollama.chatRequests().at(-1)!;
    expect(req.tools ?? []).toEqual([]);
    expect(req.messages[0]!.content).toMatch(/Réponds en français/);
    expect(req.messages[0]!.content).toMatch(/<<<DATA [0-9a-f]{16} source=event>>>\n\{"client":"Mariage Dupont"/);
    // A recap without its event says which data is missing, and keeps the question.
    const recap = await rig.ask('Récap', { draft: { kind: 'event_recap' } });
    expect(recap.answer).toMatchObject({ status: 'failed', error: { reason: 'data_error', message: 'Choose the event to write about' } });
  });

  it('a stock movement the person asked for runs through stock.record on confirm and moves the balance', async () => {
    rig.ollama.rules.unshift({
      when: /cassé/,
      steps: [
        {
          toolCalls: [
            {
              name: 'propose_stock_movement',
              arguments: { product: 'cadre magnetique', type: 'adjust', direction: -1, quantity: 2, reason: 'cassés' },
            },
          ],
        },
        { content: 'Carte prête.' },
      ],
    });
    const before = (await rig.core.router.call('stock.balances', { productId: rig.ids.frame }))[0]!.onHand;
    const { answer } = await rig.ask("J'ai cassé 2 cadres magnétiques, enregistre-le");
    const action = answer.actions[0]!;
    expect(action).toMatchObject({ kind: 'stock_movement', channel: 'stock.record', status: 'proposed' });
    expect(action.summary).toContainEqual({ label: 'location', value: 'Entrepôt Lyon' });
    expect((await rig.core.router.call('stock.balances', { productId: rig.ids.frame }))[0]!.onHand).toBe(before);
    expect((await rig.core.router.call('assistant.actions.confirm', { id: action.id })).status).toBe('done');
    expect((await rig.core.router.call('stock.balances', { productId: rig.ids.frame }))[0]!.onHand).toBe(before - 2);
  });
});
