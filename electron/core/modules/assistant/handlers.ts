import {
  actionsOfConversation,
  decideAction,
  deleteConversation,
  getAction,
  getConversation,
  listConversations,
  listMessages,
  renameConversation,
} from '@core/db/repos/assistant.js';
import { salesOfPeriod } from '@core/db/repos/assistantSearch.js';
import type { HandlerContext } from '@core/context.js';
import type { HandlerMap } from '@core/router.js';
import type { assistantChannels } from '@shared/contract/assistant.js';
import { AppError } from '@shared/errors.js';
import type { ProposedAction } from '@shared/model/assistant.js';
import { classifyOllamaError, ollamaClient } from './client.js';
import { readConfig, readStatus, writeConfig } from './config.js';
import { search } from './search.js';
import { assistantState } from './state.js';
import { startTurn } from './turn.js';

function ownConversation(ctx: HandlerContext, id: string) {
  const c = getConversation(ctx.db, id, ctx.caller.userId);
  if (!c) throw new AppError('not_found', 'No such conversation');
  return c;
}

const publicAction = ({ conversationId: _c, input: _i, ...a }: ReturnType<typeof actionsOfConversation>[number]): ProposedAction => a;

async function pull(ctx: HandlerContext, model: string, jobId: string): Promise<void> {
  const client = ollamaClient(readConfig(ctx).origin);
  let total = 1;
  let done = 0;
  try {
    const it = await client.pull({ model, stream: true });
    for await (const p of it) {
      if (p.total) total = p.total;
      if (p.completed !== undefined) done = p.completed;
      if (p.status === 'success') done = total;
      ctx.events.emit('job.progress', { jobId, kind: 'assistant.pull', done, total, message: p.status });
    }
  } catch (e) {
    ctx.events.emit('job.progress', { jobId, kind: 'assistant.pull', done, total: Math.max(total, done + 1), message: 'cancelled' });
    const kind = classifyOllamaError(e, false);
    if (kind === 'ollama_down') throw new AppError('unavailable', 'Ollama is not running', { reason: kind });
    throw new AppError('unavailable', `The download of ${model} failed: ${(e as Error).message?.slice(0, 200)}`, { reason: kind });
  }
}

export const assistantHandlers: Pick<HandlerMap, keyof typeof assistantChannels> = {
  'assistant.status': (_i, ctx) => readStatus(ctx),
  'assistant.configure': async (input, ctx) => {
    writeConfig(ctx, input);
    assistantState.get(ctx).embedProbe = null;
    return readStatus(ctx);
  },
  'assistant.selectModel': async ({ model }, ctx) => {
    const status = await readStatus(ctx);
    if (status.reachable && !status.models.some((m) => m.name === model))
      throw new AppError('not_found', `The model ${model} is not installed`, { model });
    writeConfig(ctx, { model });
    return readStatus(ctx);
  },
  'assistant.pull': async ({ model, jobId }, ctx) => {
    await pull(ctx, model, jobId ?? `pull-${ctx.clock.now()}`);
    assistantState.get(ctx).embedProbe = null;
    return readStatus(ctx);
  },
  'assistant.conversations.list': ({ q }, ctx) => listConversations(ctx.db, ctx.caller.userId, q),
  'assistant.conversations.get': ({ id }, ctx) => {
    const conversation = ownConversation(ctx, id);
    const running = assistantState.get(ctx).turns;
    const actions = actionsOfConversation(ctx.db, id);
    const messages = listMessages(ctx.db, id).map((m) => ({
      ...m,
      // A turn cut by a restart is no longer running.
      status: m.status === 'running' && !running.has(m.id) ? ('stopped' as const) : m.status,
      actions: actions.filter((a) => a.messageId === m.id).map(publicAction),
    }));
    return { conversation, messages };
  },
  'assistant.conversations.rename': ({ id, title }, ctx) => {
    ownConversation(ctx, id);
    renameConversation(ctx.db, id, title, ctx.clock.now());
    return ownConversation(ctx, id);
  },
  'assistant.conversations.delete': ({ id }, ctx) => {
    ownConversation(ctx, id);
    for (const [turnId, t] of assistantState.get(ctx).turns)
      if (t.conversationId === id) assistantState.get(ctx).turns.get(turnId)?.abort.abort();
    deleteConversation(ctx.db, id);
    return { deleted: true as const };
  },
  'assistant.send': (input, ctx) => startTurn(ctx, input),
  'assistant.stop': ({ turnId }, ctx) => {
    const t = assistantState.get(ctx).turns.get(turnId);
    if (!t) return { stopped: false };
    ownConversation(ctx, t.conversationId);
    t.abort.abort();
    return { stopped: true };
  },
  'assistant.actions.confirm': async ({ id }, ctx) => {
    const a = getAction(ctx.db, id);
    if (!a) throw new AppError('not_found', 'No such proposed action');
    ownConversation(ctx, a.conversationId);
    const st = assistantState.get(ctx);
    if (a.status !== 'proposed' || st.runningActions.has(id)) throw new AppError('conflict', 'This action was already decided');
    st.runningActions.add(id);
    try {
      // The same channel the screen uses, as the person who confirms: their role, audited "via assistant".
      const r = await ctx.ports.router.request({ channel: a.channel, input: a.input }, { as: ctx.caller, via: 'assistant' });
      const status = r.ok ? 'done' : r.error.code === 'forbidden' || r.error.code === 'unauthorized' ? 'refused' : 'failed';
      decideAction(ctx.db, id, status, r.ok ? { ok: true } : r.error, ctx.caller.userId, ctx.clock.now());
    } finally {
      st.runningActions.delete(id);
    }
    return publicAction(getAction(ctx.db, id)!);
  },
  'assistant.actions.cancel': ({ id }, ctx) => {
    const a = getAction(ctx.db, id);
    if (!a) throw new AppError('not_found', 'No such proposed action');
    ownConversation(ctx, a.conversationId);
    if (!decideAction(ctx.db, id, 'cancelled', null, ctx.caller.userId, ctx.clock.now()))
      throw new AppError('conflict', 'This action was already decided');
    return publicAction(getAction(ctx.db, id)!);
  },
  'assistant.search': ({ q, kinds, limit }, ctx) => search(ctx, q, kinds, limit),
  'assistant.sales': ({ from, to }, ctx) => salesOfPeriod(ctx.db, from, to),
};
