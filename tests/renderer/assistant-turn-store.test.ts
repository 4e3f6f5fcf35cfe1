import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PushEvent } from '@shared/rpc';

/**
 * The assistant store against a hand-made core whose answer fails at once (no model chosen): the
 * turn's end event reaches the renderer before assistant.send has answered. The composer must come
 * back to Send, not stay on a Stop that stops nothing (and refuses every next question).
 */
async function load() {
  const listeners = new Set<(ev: PushEvent) => void>();
  const push = (event: string, payload: object) => listeners.forEach((l) => l({ event, payload }));
  const message = (id: string, role: 'user' | 'assistant', status: 'done' | 'running' | 'failed') => ({
    id,
    conversationId: 'c1',
    role,
    content: role === 'user' ? 'Quel stock ?' : '',
    status,
    model: null,
    cards: [],
    checks: [],
    notice: null,
    error: status === 'failed' ? { code: 'no_model', message: 'No model is chosen' } : null,
    draftKind: null,
    actions: [],
    createdAt: 1,
  });
  let answer: 'running' | 'failed' = 'running';
  vi.stubGlobal('window', {
    opsdeck: {
      invoke: async (channel: string) => {
        if (channel === 'assistant.send') {
          // The turn fails while the core is still answering send: its end event comes first.
          answer = 'failed';
          push('assistant.turn', { turnId: 't1', conversationId: 'c1', status: 'failed', message: message('t1', 'assistant', 'failed') });
          return { ok: true, data: { conversationId: 'c1', turnId: 't1', userMessageId: 'u1' } };
        }
        if (channel === 'assistant.conversations.get')
          return {
            ok: true,
            data: {
              conversation: { id: 'c1', title: 'Quel stock ?', model: null, createdAt: 1, updatedAt: 1, messageCount: 2 },
              messages: [message('u1', 'user', 'done'), message('t1', 'assistant', answer)],
            },
          };
        if (channel === 'assistant.conversations.list') return { ok: true, data: { items: [] } };
        return { ok: false, error: { code: 'unknown_channel', message: channel } };
      },
      subscribe: (_e: string, cb: (ev: PushEvent) => void) => (listeners.add(cb), () => listeners.delete(cb)),
    },
  });
  vi.resetModules();
  const { useAssistant } = await import('@renderer/stores/assistant');
  return { useAssistant };
}

afterEach(() => vi.unstubAllGlobals());

describe('assistant turn state', () => {
  it('a turn that ends before send has answered leaves nothing running', async () => {
    const { useAssistant } = await load();
    const stop = useAssistant.getState().watch();
    await useAssistant.getState().send('Quel stock ?');
    expect(useAssistant.getState().turnId).toBeNull();
    expect(useAssistant.getState().messages.at(-1)?.status).toBe('failed');
    stop();
  });
});
