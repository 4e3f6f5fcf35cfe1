import { z } from 'zod';

/** Why a turn could not be answered; the screen says each plainly with how to fix it. */
export const AssistantFailure = z.enum([
  'ollama_down',
  'model_missing',
  'busy',
  'stream_broken',
  'stream_incomplete',
  'no_model',
  'data_error',
  'ollama_error',
]);
export type AssistantFailure = z.infer<typeof AssistantFailure>;

export const AssistantModel = z.object({
  name: z.string(),
  size: z.number(),
  family: z.string().nullable(),
  parameterSize: z.string().nullable(),
  /** From /api/show capabilities; null when Ollama did not say. */
  tools: z.boolean().nullable(),
  embedding: z.boolean(),
});
export type AssistantModel = z.infer<typeof AssistantModel>;

export const AssistantStatus = z.object({
  address: z.string(),
  reachable: z.boolean(),
  version: z.string().nullable(),
  models: z.array(AssistantModel),
  /** The chat model chosen (setting), whether it is installed, whether it takes tools. */
  model: z.string().nullable(),
  modelPresent: z.boolean(),
  toolsSupported: z.boolean().nullable(),
  /** The embedding model used for search by meaning (null: full-text search). */
  embedModel: z.string().nullable(),
  searchMode: z.enum(['semantic', 'fulltext']),
  error: AssistantFailure.nullable(),
});
export type AssistantStatus = z.infer<typeof AssistantStatus>;

/** One row of a data card, as shown (already readable values). */
export const DataCard = z.object({
  tool: z.string(),
  /** The arguments the tool was called with. */
  args: z.record(z.string(), z.unknown()),
  columns: z.array(z.string()),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  total: z.number().int(),
  /** The screen that shows the same data (#/stock, #/forecasts/<id>…). */
  link: z.string(),
  error: z.string().nullable().default(null),
});
export type DataCard = z.infer<typeof DataCard>;

export const NumberCheck = z.object({ figure: z.string(), found: z.boolean() });

export const ActionKind = z.enum(['stock_movement', 'purchase_order', 'wake_booth', 'paper_reload', 'create_event']);
export type ActionKind = z.infer<typeof ActionKind>;

export const ProposedAction = z.object({
  id: z.string(),
  messageId: z.string(),
  kind: ActionKind,
  channel: z.string(),
  /** The exact change, readable: label → value. */
  summary: z.array(z.object({ label: z.string(), value: z.union([z.string(), z.number()]) })),
  status: z.enum(['proposed', 'done', 'cancelled', 'refused', 'failed']),
  /** Why it was refused or failed (AppError shape), or what it did. */
  result: z.unknown().nullable(),
  createdAt: z.number(),
});
export type ProposedAction = z.infer<typeof ProposedAction>;

export const AssistantError = z.object({ reason: AssistantFailure, message: z.string(), model: z.string().nullable().default(null) });

export const AssistantMessage = z.object({
  id: z.string(),
  conversationId: z.string(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  status: z.enum(['done', 'running', 'stopped', 'failed']),
  model: z.string().nullable(),
  cards: z.array(DataCard),
  checks: z.array(NumberCheck),
  /** no_tools: the model takes no tools, answered from data put in the prompt. */
  notice: z.string().nullable(),
  error: AssistantError.nullable(),
  draftKind: z.string().nullable(),
  actions: z.array(ProposedAction),
  createdAt: z.number(),
});
export type AssistantMessage = z.infer<typeof AssistantMessage>;

export const Conversation = z.object({
  id: z.string(),
  title: z.string(),
  model: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  messageCount: z.number().int(),
});
export type Conversation = z.infer<typeof Conversation>;

export const DraftKind = z.enum(['client_followup', 'event_recap', 'supplier_order']);
export type DraftKind = z.infer<typeof DraftKind>;

export const SearchHit = z.object({
  kind: z.enum(['product', 'service', 'event']),
  id: z.string(),
  title: z.string(),
  subtitle: z.string(),
  /** The description (products, services) or album name (events), cut to 400 characters. */
  text: z.string(),
  score: z.number(),
  link: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;
