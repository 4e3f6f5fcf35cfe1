import { newId } from '@core/db/ids.js';
import {
  insertAction,
  insertConversation,
  insertMessage,
  getConversation,
  listMessages,
  touchConversation,
  updateMessage,
  type StoredMessage,
} from '@core/db/repos/assistant.js';
import type { HandlerContext } from '@core/context.js';
import { AppError, isAppError } from '@shared/errors.js';
import { localDateTime } from '@shared/days.js';
import type { AssistantFailure, DataCard, DraftKind } from '@shared/model/assistant.js';
import { classifyOllamaError, ollamaClient, type Classified } from './client.js';
import { readConfig } from './config.js';
import { ACTION_BY_NAME, ACTION_TOOLS, checkProposal, userAsked } from './actions.js';
import { checkNumbers } from './numbers.js';
import { assistantState } from './state.js';
import { fenceData, fold, newFence, systemPrompt } from './text.js';
import { READ_TOOL_BY_NAME, READ_TOOLS, type Exec, type ToolEnv } from './tools.js';
import { draftContext } from './drafts.js';
import type { Message, Tool, ToolCall } from 'ollama';

export interface SendInput {
  conversationId?: string;
  text: string;
  model?: string;
  lang: 'fr' | 'en';
  draft?: { kind: DraftKind; eventId?: string; supplier?: string };
}

const MAX_STEPS = 6;
const MAX_PROPOSALS = 5;
const HISTORY = 20;

class TurnFailure extends Error {
  constructor(
    readonly kind: Classified,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** The tool schemas sent to Ollama: read-only tools, then the propose_* tools. */
export const TOOL_SCHEMAS: Tool[] = [...READ_TOOLS, ...ACTION_TOOLS].map((t) => ({
  type: 'function',
  function: { name: t.name, description: t.description, parameters: t.parameters as Tool['function']['parameters'] },
}));

/** Runs a channel through the router as `caller` (roles checked like a screen's call). */
export function execAs(ctx: HandlerContext): Exec {
  const caller = ctx.caller;
  return (async (channel: string, input: unknown) => {
    const r = await ctx.ports.router.request({ channel, input }, { as: caller });
    if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.details);
    return r.data;
  }) as Exec;
}

/** Stores the question, starts the answer in the background and returns its ids at once. */
export function startTurn(ctx: HandlerContext, input: SendInput): { conversationId: string; turnId: string; userMessageId: string } {
  const now = ctx.clock.now();
  const cfg = readConfig(ctx);
  const model = input.model ?? cfg.model;
  const conversationId = input.conversationId ?? newId();
  const userMessageId = newId();
  const turnId = newId();
  const blank = { model, cards: [], checks: [], notice: null, error: null, draftKind: null, createdAt: now };
  const answer: StoredMessage = {
    ...blank,
    id: turnId,
    conversationId,
    role: 'assistant',
    content: '',
    status: 'running',
    draftKind: input.draft?.kind ?? null,
    createdAt: now + 1,
  };
  // One transaction: the question, the answer's placeholder and the conversation's date.
  const history = ctx.db.transaction(() => {
    if (input.conversationId) {
      if (!getConversation(ctx.db, conversationId, ctx.caller.userId)) throw new AppError('not_found', 'No such conversation');
    } else {
      const title = input.text.replace(/\s+/g, ' ').trim().slice(0, 60) || '…';
      insertConversation(ctx.db, { id: conversationId, title, userId: ctx.caller.userId, model, now });
    }
    const past = listMessages(ctx.db, conversationId, HISTORY);
    insertMessage(ctx.db, { ...blank, id: userMessageId, conversationId, role: 'user', content: input.text, status: 'done' });
    insertMessage(ctx.db, answer);
    touchConversation(ctx.db, conversationId, model, now);
    return past;
  })();
  ctx.events.emit('data.changed', { tables: ['assistant_conversations'], ids: [conversationId] });
  const abort = new AbortController();
  const state = assistantState.get(ctx);
  const done = runTurn(ctx, { input, model, history, answer, signal: abort.signal })
    .catch((e: unknown) => ctx.log.error('assistant turn failed', { error: String(e) }))
    .finally(() => state.turns.delete(turnId));
  state.turns.set(turnId, { conversationId, abort, done });
  return { conversationId, turnId, userMessageId };
}

interface TurnJob {
  input: SendInput;
  model: string | null;
  history: StoredMessage[];
  answer: StoredMessage;
  signal: AbortSignal;
}

async function runTurn(ctx: HandlerContext, job: TurnJob): Promise<void> {
  const { input, answer, signal } = job;
  const env: ToolEnv = { exec: execAs(ctx), now: ctx.clock.now() };
  const fence = newFence();
  // The person's day and time (this device's clock): dates they say and read are theirs, not UTC's.
  const today = localDateTime(env.now);
  const sources: unknown[] = [input.text];
  const notices = new Set<string>();
  const emitTurn = () =>
    ctx.events.emit('assistant.turn', {
      turnId: answer.id,
      conversationId: answer.conversationId,
      status: answer.status,
      message: { ...answer, actions: [] },
    });
  const delta = (text: string) => {
    answer.content += text;
    ctx.events.emit('assistant.delta', { turnId: answer.id, conversationId: answer.conversationId, text });
  };
  const addCard = (c: DataCard) => {
    answer.cards.push(c);
    sources.push(c.rows, c.args);
  };
  emitTurn();
  try {
    if (!job.model) {
      // "Choose a model in the list" only helps when Ollama answers: without it there is no list.
      const down = await ollamaClient(readConfig(ctx).origin, AbortSignal.any([signal, AbortSignal.timeout(4000)]))
        .version()
        .then(
          () => false,
          () => true,
        );
      throw down ? new TurnFailure('ollama_down', 'Ollama does not answer') : new TurnFailure('no_model', 'No chat model chosen');
    }
    const client = ollamaClient(readConfig(ctx).origin, signal);
    const past: Message[] = job.history
      .filter((m) => m.content && (m.status === 'done' || m.status === 'stopped'))
      .slice(-HISTORY)
      .map((m) => ({ role: m.role, content: m.content }));
    let context: string | undefined;
    let lang = input.lang;
    let useTools = true;
    if (input.draft) {
      const d = await draftContext(env, input.draft, fence);
      for (const c of d.cards) addCard(c);
      context = d.context;
      lang = 'fr';
      useTools = false;
    }
    const question = input.draft ? `${input.text}\n\n${d2instruction(input.draft.kind)}` : input.text;
    const messages = (): Message[] => [
      { role: 'system', content: systemPrompt({ lang, fence, today, tools: useTools, context }) },
      ...past,
      { role: 'user', content: question },
    ];
    let convo = messages();
    let proposals = 0;
    for (let step = 0; step < MAX_STEPS; step++) {
      let res: { content: string; calls: ToolCall[] };
      try {
        res = await chatOnce(client, { model: job.model, messages: convo, tools: useTools ? TOOL_SCHEMAS : undefined }, delta);
      } catch (e) {
        if (e instanceof TurnFailure && e.kind === 'no_tools' && useTools) {
          // The model takes no tools: answer from data put in the prompt, and say so.
          useTools = false;
          notices.add('no_tools');
          const ctxData = await fallbackContext(env, input.text, fence);
          for (const c of ctxData.cards) addCard(c);
          context = ctxData.context;
          convo = messages();
          continue;
        }
        throw e;
      }
      // Tool calls are only honoured when tools were offered (a model may still emit some).
      if (!res.calls.length || !useTools) break;
      convo.push({ role: 'assistant', content: res.content, tool_calls: res.calls });
      for (const call of res.calls) {
        if (signal.aborted) throw new TurnFailure('stopped', 'stopped');
        const name = call.function.name;
        const args = (call.function.arguments ?? {}) as Record<string, unknown>;
        const read = READ_TOOL_BY_NAME.get(name);
        const action = ACTION_BY_NAME.get(name);
        let reply: string;
        if (read) {
          try {
            const { card } = await read.run(args, env);
            addCard(card);
            reply = fenceData(name, { total: card.total, rows: card.rows }, fence);
          } catch (e) {
            const err = isAppError(e) ? e : new AppError('internal', 'The tool failed');
            addCard({ tool: name, args, columns: [], rows: [], total: 0, link: '', error: err.message });
            reply = fenceData(name, { error: err.message }, fence);
          }
        } else if (action) {
          if (!userAsked(action.kind, input.text)) {
            notices.add('ignored_action');
            reply = 'Not proposed: the person did not ask for this action. Do not propose it.';
          } else if (proposals >= MAX_PROPOSALS) {
            reply = 'Not proposed: too many actions in one answer.';
          } else {
            try {
              const p = await action.build(args, env);
              checkProposal(p);
              const id = newId();
              insertAction(ctx.db, {
                id,
                conversationId: answer.conversationId,
                messageId: answer.id,
                kind: p.kind,
                channel: p.channel,
                input: p.input,
                summary: p.summary,
                status: 'proposed',
                result: null,
                createdAt: ctx.clock.now(),
              });
              proposals++;
              sources.push(p.summary, p.input);
              reply = `Proposed to the person as a card (${id}); it runs only if they confirm. It has NOT been done.`;
            } catch (e) {
              reply = `Could not propose: ${isAppError(e) ? e.message : 'error'}`;
            }
          }
        } else reply = `Unknown tool ${name.slice(0, 60)}`;
        convo.push({ role: 'tool', content: reply, tool_name: name } as Message);
      }
      if (signal.aborted) throw new TurnFailure('stopped', 'stopped');
    }
    answer.status = 'done';
  } catch (e) {
    const kind = e instanceof TurnFailure ? e.kind : isAppError(e) ? 'data_error' : classifyOllamaError(e, false);
    if (kind === 'stopped' || signal.aborted) answer.status = 'stopped';
    else {
      answer.status = 'failed';
      const reason: AssistantFailure = kind === 'no_tools' ? 'ollama_error' : kind;
      answer.error = { reason, message: e instanceof Error ? e.message.slice(0, 500) : String(e), model: job.model };
    }
  }
  answer.checks = checkNumbers(answer.content, sources);
  answer.notice = notices.size ? [...notices].join(',') : null;
  updateMessage(ctx.db, answer);
  touchConversation(ctx.db, answer.conversationId, null, ctx.clock.now());
  emitTurn();
}

/** One streamed /api/chat call: text goes out as it comes, tool calls are collected. */
async function chatOnce(
  client: ReturnType<typeof ollamaClient>,
  req: { model: string; messages: Message[]; tools?: Tool[] },
  delta: (t: string) => void,
): Promise<{ content: string; calls: ToolCall[] }> {
  let started = false;
  let content = '';
  const calls: ToolCall[] = [];
  try {
    const it = await client.chat({ ...req, stream: true, ...(req.tools ? {} : { tools: undefined }) });
    for await (const part of it) {
      started = true;
      if (part.message?.content) {
        content += part.message.content;
        delta(part.message.content);
      }
      if (part.message?.tool_calls?.length) calls.push(...part.message.tool_calls);
    }
  } catch (e) {
    throw new TurnFailure(classifyOllamaError(e, started), e instanceof Error ? e.message : String(e));
  }
  return { content, calls };
}

const DRAFT_INSTRUCTIONS: Record<DraftKind, string> = {
  client_followup:
    "Rédige un message de suivi au client après son événement, chaleureux et bref, avec les chiffres de l'événement (sessions, impressions). Texte seul, prêt à copier.",
  event_recap: "Rédige un récapitulatif de l'événement pour l'équipe : client, date, borne, chiffres. Texte seul, prêt à copier.",
  supplier_order:
    'Rédige un e-mail de commande au fournisseur à partir de la liste à commander (produit, référence, quantité). Texte seul, prêt à copier.',
};
const d2instruction = (k: DraftKind) => DRAFT_INSTRUCTIONS[k];

/** Without tools: the data a question most likely needs, read up front (keywords), fenced into the prompt. */
async function fallbackContext(env: ToolEnv, question: string, fence: string): Promise<{ cards: DataCard[]; context: string }> {
  const q = fold(question);
  const picks: [string, Record<string, unknown>][] = [];
  if (/command|order|achet|buy|reappro/.test(q)) picks.push(['to_order_this_week', {}]);
  if (/stock|rupture|manque|low|inventaire/.test(q)) picks.push(['low_stock', {}]);
  if (/borne|booth|papier|paper|photomaton/.test(q)) picks.push(['booth_status', {}]);
  if (/evenement|event|client|reservation|booking/.test(q)) picks.push(['events_of_period', {}]);
  if (/vente|sale|sold|vendu|chiffre/.test(q)) picks.push(['sales_of_period', {}]);
  if (/alerte|alert|panne|probleme/.test(q)) picks.push(['recent_alerts', {}]);
  if (!picks.length) picks.push(['catalog_search', { query: question.slice(0, 200) }]);
  const cards: DataCard[] = [];
  const parts: string[] = [];
  for (const [name, args] of picks) {
    try {
      const { card } = await READ_TOOL_BY_NAME.get(name)!.run(args, env);
      cards.push(card);
      parts.push(fenceData(name, { total: card.total, rows: card.rows }, fence));
    } catch (e) {
      if (!isAppError(e)) throw e;
    }
  }
  return { cards, context: parts.join('\n') };
}
