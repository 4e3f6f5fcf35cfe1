import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { turnSettled } from '@core/modules/assistant/index.js';
import { assistantRig, type AssistantRig } from '../fixtures/assistant.js';
import type { ChatRule } from '../../electron/dev/ollama-double/server.js';

const LONG = Array.from({ length: 60 }, (_, i) => `mot${i}`).join(' ');
const RULES: ChatRule[] = [
  { when: /coupe/, steps: [{ content: LONG, fault: 'break' }] },
  { when: /erreur/, steps: [{ content: LONG, fault: 'error_line' }] },
  { when: /inachevé/, steps: [{ content: LONG, fault: 'no_done' }] },
  { when: /lent/, steps: [{ content: LONG, tokenDelayMs: 40 }] },
  { when: /stock/, steps: [{ toolCalls: [{ name: 'low_stock', arguments: {} }] }, { content: 'Le boa est à 12.' }] },
  { when: () => true, steps: [{ content: 'Bonjour.' }] },
];

let rig: AssistantRig;
afterEach(() => rig.dispose());

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** The failed turn says why; the question and the conversation are kept; asking again works. */
async function expectFailure(question: string, reason: string) {
  const { answer, conv, conversationId } = await rig.ask(question);
  expect(answer.status).toBe('failed');
  expect(answer.error).toMatchObject({ reason });
  expect(conv.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  expect(conv.messages[0]!.content).toBe(question);
  return { answer, conversationId };
}

describe('assistant failure modes', () => {
  it('Ollama not running: said plainly; once it runs the same conversation goes on', async () => {
    rig = await assistantRig({ rules: RULES });
    const good = rig.ollama.url.replace('http://', '');
    await rig.core.router.call('assistant.configure', { address: `127.0.0.1:${await freePort()}` });
    const status = await rig.core.router.call('assistant.status', {});
    expect(status).toMatchObject({ reachable: false, error: 'ollama_down', version: null });
    const { conversationId } = await expectFailure('Bonjour', 'ollama_down');
    await rig.core.router.call('assistant.configure', { address: good });
    const again = await rig.ask('Bonjour ?', { conversationId });
    expect(again.answer.status).toBe('done');
    expect(again.conv.messages.map((m) => m.status)).toEqual(['done', 'failed', 'done', 'done']);
  });

  it('no model chosen: "choose one" while Ollama answers, "Ollama does not answer" when it does not (there is no list to choose from then)', async () => {
    rig = await assistantRig({ rules: RULES });
    rig.core.ctx.db.prepare("DELETE FROM local_state WHERE key = 'assistant.model'").run();
    await expectFailure('Bonjour', 'no_model');
    await rig.core.router.call('assistant.configure', { address: `127.0.0.1:${await freePort()}` });
    await expectFailure('Bonjour', 'ollama_down');
  });

  it.each([
    ['0.12.6', "model 'mistral:7b' not found"],
    ['0.11.4', 'model "mistral:7b" not found, try pulling it first'],
  ])('model missing (Ollama %s wording), then pulled with progress, then answers', async (version, wording) => {
    rig = await assistantRig({ rules: RULES, version });
    await rig.core.router.call('assistant.configure', { model: 'mistral:7b' });
    expect(await rig.core.router.call('assistant.status', {})).toMatchObject({
      reachable: true,
      modelPresent: false,
      error: 'model_missing',
    });
    const { answer, conversationId } = await expectFailure('Bonjour', 'model_missing');
    expect(answer.error).toMatchObject({ message: wording, model: 'mistral:7b' });
    const progress: { done: number; total: number; message?: string }[] = [];
    const off = rig.core.ctx.events.subscribe((ev) => {
      if (ev.event === 'job.progress') progress.push(ev.payload as (typeof progress)[number]);
    });
    const status = await rig.core.router.call('assistant.pull', { model: 'mistral:7b', jobId: 'pull-1' });
    off();
    expect(status).toMatchObject({ modelPresent: true, error: null });
    expect(progress.some((p) => p.done > 0 && p.done < p.total)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ message: 'success' });
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
    expect((await rig.ask('Bonjour ?', { conversationId })).answer.status).toBe('done');
  });

  it('busy (503)', async () => {
    rig = await assistantRig({ rules: RULES });
    rig.ollama.failNext('/api/chat', 503, 'server busy, please try again.  maximum pending requests exceeded');
    await expectFailure('Bonjour', 'busy');
  });

  it.each([
    ['coupe', 'stream_broken'],
    ['erreur', 'stream_broken'],
    ['inachevé', 'stream_incomplete'],
  ])('a stream that breaks or ends without done (%s): partial text kept, failure said', async (q, reason) => {
    rig = await assistantRig({ rules: RULES });
    const { answer } = await expectFailure(q, reason);
    expect(answer.content.length).toBeGreaterThan(0);
    expect(answer.content.length).toBeLessThan(LONG.length);
  });

  it('a model without tools: answered from data put in the prompt, and the answer says so', async () => {
    rig = await assistantRig({ rules: RULES });
    await rig.core.router.call('assistant.selectModel', { model: 'gemma2:2b' });
    expect((await rig.core.router.call('assistant.status', {})).toolsSupported).toBe(false);
    const { answer } = await rig.ask('Quel stock est bas ?');
    expect(answer.status).toBe('done');
    expect(answer.notice).toBe('no_tools');
    expect(answer.cards.map((c) => c.tool)).toEqual(['low_stock']);
    const [withTools, without] = rig.ollama.chatRequests();
    expect(withTools!.tools?.length).toBeGreaterThan(0);
    expect(without!.tools ?? []).toEqual([]);
    expect(without!.messages[0]!.content).toContain('BOA-PLU');
  });

  it('Stop ends a streaming answer and keeps what came', async () => {
    rig = await assistantRig({ rules: RULES });
    let deltas = 0;
    const sent = await new Promise<{ turnId: string; conversationId: string }>((resolve, reject) => {
      let started: { turnId: string; conversationId: string } | null = null;
      const off = rig.core.ctx.events.subscribe((ev) => {
        if (ev.event !== 'assistant.delta') return;
        deltas++;
        if (deltas === 3 && started) {
          off();
          void rig.core.router.call('assistant.stop', { turnId: started.turnId }).then(() => resolve(started!), reject);
        }
      });
      void rig.core.router.call('assistant.send', { text: 'réponse lente', lang: 'fr' }).then((s) => (started = s), reject);
    });
    await turnSettled(rig.core.ctx, sent.turnId);
    const conv = await rig.core.router.call('assistant.conversations.get', { id: sent.conversationId });
    const answer = conv.messages.at(-1)!;
    expect(answer.status).toBe('stopped');
    expect(answer.error).toBeNull();
    expect(answer.content.length).toBeGreaterThan(0);
    expect(answer.content.length).toBeLessThan(LONG.length);
    expect((await rig.core.router.call('assistant.stop', { turnId: sent.turnId })).stopped).toBe(false);
  });

  it('the numbers check flags a figure found in no tool result', async () => {
    rig = await assistantRig({
      rules: [
        { when: /stock/, steps: [{ toolCalls: [{ name: 'low_stock', arguments: {} }] }, { content: 'Le boa est à 12, il en faut 437.' }] },
      ],
    });
    const { answer } = await rig.ask('Quel stock est bas ?');
    expect(answer.checks).toEqual([
      { figure: '12', found: true },
      { figure: '437', found: false },
    ]);
  });
});
