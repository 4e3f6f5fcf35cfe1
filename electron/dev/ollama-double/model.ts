/**
 * OLLAMA DOUBLE — shapes and scripting (development and tests only, never Ollama).
 * A test scripts what the "model" answers: for a question matching `when`, the n-th model call of
 * that turn (n = assistant messages after the last user message) plays `steps[n]`.
 */

export interface DoubleModel {
  name: string;
  /** Bytes on disk, as /api/tags reports it. */
  size: number;
  family: string;
  parameterSize: string;
  /** /api/show capabilities: 'completion', 'tools', 'embedding'. */
  capabilities: string[];
}

export interface ChatMessage {
  role: string;
  content: string;
  tool_calls?: { function: { name: string; arguments: Record<string, unknown> } }[];
  tool_name?: string;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  stream?: boolean;
  tools?: { type: string; function: { name: string; description?: string; parameters?: unknown } }[];
  options?: Record<string, unknown>;
}

export interface ToolCallSpec {
  name: string;
  arguments: Record<string, unknown>;
}

export interface ChatStep {
  /** Tool calls the model makes at this step (a function sees the request, e.g. to pick a SKU from a tool result). */
  toolCalls?: ToolCallSpec[] | ((req: ChatRequest) => ToolCallSpec[]);
  /** Text streamed word by word. */
  content?: string | ((req: ChatRequest) => string);
  /** break: the connection is cut after half the words · error_line: a `{"error"}` line mid-stream · no_done: ends without done. */
  fault?: 'break' | 'error_line' | 'no_done';
  /** Delay between two streamed words (slow tokens). */
  tokenDelayMs?: number;
}

export interface ChatRule {
  when: RegExp | ((question: string, req: ChatRequest) => boolean);
  steps: ChatStep[];
}

/** A one-shot HTTP error for the next request to `path` (e.g. 503 busy). */
export interface QueuedFault {
  path: string;
  status: number;
  error: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  at: number;
}

export const DEFAULT_MODELS: DoubleModel[] = [
  { name: 'llama3.2:3b', size: 2_019_393_189, family: 'llama', parameterSize: '3.2B', capabilities: ['completion', 'tools'] },
  { name: 'gemma2:2b', size: 1_629_518_495, family: 'gemma2', parameterSize: '2.6B', capabilities: ['completion'] },
  { name: 'nomic-embed-text:latest', size: 274_302_450, family: 'nomic-bert', parameterSize: '137M', capabilities: ['embedding'] },
];

/** Lower case, accents removed: the double's embeddings see "Étiquette" and "etiquettes" alike. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export const EMBED_DIMS = 256;

/**
 * A deterministic stand-in for an embedding model: hashed words and character trigrams, unit length.
 * Texts sharing words or word stems come out close, which is what a semantic search test needs.
 */
export function doubleEmbedding(text: string): number[] {
  const v = new Array<number>(EMBED_DIMS).fill(0);
  for (const word of fold(text).split(/[^a-z0-9]+/)) {
    if (word.length < 3) continue;
    const stem = word.replace(/(es|s|x)$/, '');
    const add = (i: number, x: number) => (v[i] = (v[i] ?? 0) + x);
    add(hash(`w:${stem}`) % EMBED_DIMS, 2);
    const padded = ` ${stem} `;
    for (let i = 0; i + 3 <= padded.length; i++) add(hash(`t:${padded.slice(i, i + 3)}`) % EMBED_DIMS, 1);
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}

/** Version comparison for the 404 wording (Ollama ≥ 0.12 dropped "try pulling it first" on chat). */
export function versionAtLeast(version: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = version.split('.').map((x) => Number.parseInt(x, 10) || 0);
  return a > major || (a === major && b >= minor);
}
