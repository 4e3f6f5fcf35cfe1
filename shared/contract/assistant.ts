import { z } from 'zod';
import { ADMIN_ONLY, STAFF_READ } from '../model/roles.js';
import { Language } from '../model/settings.js';
import { AssistantMessage, AssistantStatus, Conversation, DraftKind, ProposedAction, SearchHit } from '../model/assistant.js';
import { defineChannels } from './define.js';

const Id = z.string().min(1).max(64);
const Empty = z.strictObject({});
const ModelName = z.string().trim().min(1).max(200);

/**
 * The assistant: a local Ollama chat pane. Conversations stay on this device (never synced, their
 * text kept out of the audit log). Answers stream as `assistant.delta` events; the turn's end (done,
 * stopped, failed) is one `assistant.turn` event carrying the stored message.
 */
export const assistantChannels = defineChannels({
  'assistant.status': { kind: 'query', input: Empty, output: AssistantStatus, roles: STAFF_READ },
  /** Ollama's address (default 127.0.0.1:11434), the chat model and the embedding model of this device. */
  'assistant.configure': {
    kind: 'mutation',
    input: z.strictObject({
      address: z.string().trim().min(1).max(300).optional(),
      model: ModelName.optional(),
      /** null: search by meaning off (full text only); absent: unchanged (by default the first installed embedding model). */
      embedModel: ModelName.nullable().optional(),
    }),
    output: AssistantStatus,
    roles: ADMIN_ONLY,
  },
  /** Picks the chat model for this device (from the installed ones). */
  'assistant.selectModel': { kind: 'mutation', input: z.strictObject({ model: ModelName }), output: AssistantStatus, roles: STAFF_READ },
  /** Downloads a model; progress as job.progress (kind assistant.pull); answers when done. */
  'assistant.pull': {
    kind: 'mutation',
    input: z.strictObject({ model: ModelName, jobId: z.string().min(1).max(64).optional() }),
    output: AssistantStatus,
    roles: STAFF_READ,
  },
  'assistant.conversations.list': {
    kind: 'query',
    input: z.strictObject({ q: z.string().max(200).default('') }),
    output: z.array(Conversation),
    roles: STAFF_READ,
  },
  'assistant.conversations.get': {
    kind: 'query',
    input: z.strictObject({ id: Id }),
    output: z.object({ conversation: Conversation, messages: z.array(AssistantMessage) }),
    roles: STAFF_READ,
  },
  'assistant.conversations.rename': {
    kind: 'mutation',
    input: z.strictObject({ id: Id, title: z.string().trim().min(1, 'Title is required').max(200) }),
    output: Conversation,
    roles: STAFF_READ,
    redact: ['title'],
  },
  'assistant.conversations.delete': {
    kind: 'mutation',
    input: z.strictObject({ id: Id }),
    output: z.object({ deleted: z.literal(true) }),
    roles: STAFF_READ,
  },
  /**
   * Asks a question (or a draft): stores the question, starts the turn and answers at once with its
   * ids; the answer streams as events. `text` never reaches the audit log (redacted).
   */
  'assistant.send': {
    kind: 'mutation',
    input: z.strictObject({
      conversationId: Id.optional(),
      text: z.string().trim().min(1, 'Type a question').max(8000),
      model: ModelName.optional(),
      lang: Language.default('fr'),
      draft: z.strictObject({ kind: DraftKind, eventId: Id.optional(), supplier: z.string().max(200).optional() }).optional(),
    }),
    output: z.object({ conversationId: z.string(), turnId: z.string(), userMessageId: z.string() }),
    roles: STAFF_READ,
    redact: ['text'],
    // A question is not a change to the business: not in the (synced) audit log at all.
    audit: false,
  },
  'assistant.stop': {
    kind: 'mutation',
    input: z.strictObject({ turnId: Id }),
    output: z.object({ stopped: z.boolean() }),
    roles: STAFF_READ,
    audit: false,
  },
  /**
   * Runs a proposed action through the channel the screen would use, as the caller: that channel's
   * own audit row (ok, refused or failed) carries `via: 'assistant'`, so this one adds none.
   */
  'assistant.actions.confirm': {
    kind: 'mutation',
    input: z.strictObject({ id: Id }),
    output: ProposedAction,
    roles: STAFF_READ,
    audit: false,
  },
  'assistant.actions.cancel': { kind: 'mutation', input: z.strictObject({ id: Id }), output: ProposedAction, roles: STAFF_READ },
  /** Search by meaning (embeddings) or full text (FTS5, accents folded) over catalog, services and events. */
  'assistant.search': {
    kind: 'query',
    input: z.strictObject({
      q: z.string().trim().min(1).max(200),
      kinds: z.array(z.enum(['product', 'service', 'event'])).optional(),
      limit: z.number().int().min(1).max(50).default(10),
    }),
    output: z.object({ mode: z.enum(['semantic', 'fulltext']), hits: z.array(SearchHit) }),
    roles: STAFF_READ,
  },
  /** Sales (stock out lines) per product over [from, to): what the sales CSV export sums. */
  'assistant.sales': {
    kind: 'query',
    input: z.strictObject({ from: z.number().int(), to: z.number().int() }),
    output: z.array(z.object({ productId: z.string(), sku: z.string(), name: z.string(), quantity: z.number(), revenue: z.number() })),
    roles: STAFF_READ,
  },
});

export const assistantEvents = {
  'assistant.delta': z.object({ turnId: z.string(), conversationId: z.string(), text: z.string() }),
  'assistant.turn': z.object({
    turnId: z.string(),
    conversationId: z.string(),
    status: z.enum(['running', 'done', 'stopped', 'failed']),
    message: AssistantMessage.nullable(),
  }),
} as const;
