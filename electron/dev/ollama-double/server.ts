import http from 'node:http';
import {
  DEFAULT_MODELS,
  doubleEmbedding,
  versionAtLeast,
  type ChatRequest,
  type ChatRule,
  type ChatStep,
  type DoubleModel,
  type QueuedFault,
  type RecordedRequest,
  type ToolCallSpec,
} from './model.js';
import type { AddressInfo } from 'node:net';

export * from './model.js';

/**
 * OLLAMA DOUBLE — development and tests only, never Ollama. It speaks the part of Ollama's HTTP API
 * that the `ollama` 0.6.4 package sends: GET /api/version, GET /api/tags, POST /api/show,
 * POST /api/chat (NDJSON streaming or one JSON answer, tool calls), POST /api/embed, POST /api/pull
 * (progress lines), GET /api/ps. Errors as Ollama gives them: 404 for a missing model (the ≥ 0.12
 * wording "model 'x' not found" on chat, the older "… not found, try pulling it first" before 0.12
 * and always on /api/embed), 400 "… does not support tools", queued one-shot faults (503 busy), and
 * stream faults (slow tokens, a cut connection, an `{"error"}` line, a stream without `done`).
 * What the "model" answers is scripted by the caller (`rules`); nothing here is a language model.
 */
export interface OllamaDoubleOptions {
  version?: string;
  models?: DoubleModel[];
  rules?: ChatRule[];
  /** Delay between streamed words when a step sets none. */
  tokenDelayMs?: number;
  /** Delay between two /api/pull progress lines. */
  pullDelayMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class OllamaDouble {
  version: string;
  models: DoubleModel[];
  rules: ChatRule[];
  tokenDelayMs: number;
  pullDelayMs: number;
  readonly requests: RecordedRequest[] = [];
  readonly faults: QueuedFault[] = [];
  url = '';
  /** Called as each request arrives, before its body is read (benchmarks time the first byte out of OpsDeck). */
  onRequest: ((path: string) => void) | null = null;
  private server: http.Server | null = null;
  private readonly sockets = new Set<import('node:net').Socket>();

  constructor(opts: OllamaDoubleOptions = {}) {
    this.version = opts.version ?? '0.12.6';
    this.models = (opts.models ?? DEFAULT_MODELS).map((m) => ({ ...m }));
    this.rules = opts.rules ?? [];
    this.tokenDelayMs = opts.tokenDelayMs ?? 0;
    this.pullDelayMs = opts.pullDelayMs ?? 20;
  }

  /** The next request to `path` answers `status` with `{"error": error}` (once). */
  failNext(path: string, status: number, error: string): void {
    this.faults.push({ path, status, error });
  }

  /** Requests to /api/chat, in order (what OpsDeck sent). */
  chatRequests(): ChatRequest[] {
    return this.requests.filter((r) => r.path === '/api/chat').map((r) => r.body as ChatRequest);
  }

  removeModel(name: string): void {
    this.models = this.models.filter((m) => m.name !== name);
  }

  async listen(port = 0): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    this.server = null;
  }

  private find(name: string): DoubleModel | undefined {
    const full = name.includes(':') ? name : `${name}:latest`;
    return this.models.find((m) => m.name === name || m.name === full);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    this.onRequest?.(path);
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      return this.json(res, 400, { error: 'invalid character in request body' });
    }
    this.requests.push({ method: req.method ?? 'GET', path, body, at: Date.now() });
    const fault = this.faults.findIndex((f) => f.path === path);
    if (fault >= 0) {
      const f = this.faults.splice(fault, 1)[0]!;
      return this.json(res, f.status, { error: f.error });
    }
    const b = (body ?? {}) as Record<string, unknown>;
    if (req.method === 'GET' && path === '/api/version') return this.json(res, 200, { version: this.version });
    if (req.method === 'GET' && path === '/api/tags') return this.json(res, 200, { models: this.models.map((m) => this.tag(m)) });
    if (req.method === 'GET' && path === '/api/ps') return this.json(res, 200, { models: [] });
    if (req.method === 'POST' && path === '/api/show') return this.show(res, String(b.model ?? b.name ?? ''));
    if (req.method === 'POST' && path === '/api/embed') return this.embed(res, b);
    if (req.method === 'POST' && path === '/api/pull') return this.pull(res, String(b.model ?? b.name ?? ''), b.stream !== false);
    if (req.method === 'POST' && path === '/api/chat') return this.chat(res, body as ChatRequest);
    return this.json(res, 404, { error: '404 page not found' });
  }

  private json(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }

  private tag(m: DoubleModel) {
    return {
      name: m.name,
      model: m.name,
      modified_at: '2026-11-02T10:00:00.000Z',
      size: m.size,
      digest: `sha256:${m.name
        .replace(/[^a-z0-9]/g, '')
        .padEnd(64, '0')
        .slice(0, 64)}`,
      details: { format: 'gguf', family: m.family, families: [m.family], parameter_size: m.parameterSize, quantization_level: 'Q4_K_M' },
    };
  }

  private notFound(res: http.ServerResponse, name: string, legacy: boolean): void {
    const modern = !legacy && versionAtLeast(this.version, 0, 12);
    this.json(res, 404, { error: modern ? `model '${name}' not found` : `model "${name}" not found, try pulling it first` });
  }

  private show(res: http.ServerResponse, name: string): void {
    const m = this.find(name);
    if (!m) return this.notFound(res, name, false);
    this.json(res, 200, {
      modelfile: `FROM ${m.name}`,
      parameters: '',
      template: '{{ .Prompt }}',
      details: this.tag(m).details,
      model_info: { 'general.architecture': m.family },
      capabilities: m.capabilities,
      modified_at: '2026-11-02T10:00:00.000Z',
    });
  }

  private embed(res: http.ServerResponse, b: Record<string, unknown>): void {
    const name = String(b.model ?? '');
    const m = this.find(name);
    if (!m) return this.notFound(res, name, true);
    if (!m.capabilities.includes('embedding')) return this.json(res, 400, { error: `"${name}" does not support embeddings` });
    const input = Array.isArray(b.input) ? b.input.map(String) : [String(b.input ?? '')];
    this.json(res, 200, {
      model: m.name,
      embeddings: input.map(doubleEmbedding),
      total_duration: 1_000_000,
      load_duration: 100_000,
      prompt_eval_count: input.length,
    });
  }

  private async pull(res: http.ServerResponse, name: string, stream: boolean): Promise<void> {
    if (!name) return this.json(res, 400, { error: 'model is required' });
    const total = 1_000_000;
    const lines: unknown[] = [{ status: 'pulling manifest' }];
    for (let done = 0; done <= total; done += total / 4)
      lines.push({ status: 'pulling 6a0746a1ec1a', digest: 'sha256:6a0746a1ec1a', total, completed: done });
    lines.push({ status: 'verifying sha256 digest' }, { status: 'writing manifest' }, { status: 'success' });
    if (!this.find(name)) {
      const isEmbed = /embed/.test(name);
      this.models.push({
        name: name.includes(':') ? name : `${name}:latest`,
        size: total,
        family: 'llama',
        parameterSize: '1B',
        capabilities: isEmbed ? ['embedding'] : ['completion', 'tools'],
      });
    }
    if (!stream) return this.json(res, 200, { status: 'success' });
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
    for (const l of lines) {
      res.write(`${JSON.stringify(l)}\n`);
      await sleep(this.pullDelayMs);
    }
    res.end();
  }

  private step(req: ChatRequest): ChatStep {
    const msgs = req.messages ?? [];
    let lastUser = -1;
    for (let i = msgs.length - 1; i >= 0; i--)
      if (msgs[i]!.role === 'user') {
        lastUser = i;
        break;
      }
    const question = lastUser >= 0 ? msgs[lastUser]!.content : '';
    const n = msgs.slice(lastUser + 1).filter((m) => m.role === 'assistant').length;
    const rule = this.rules.find((r) => (typeof r.when === 'function' ? r.when(question, req) : r.when.test(question)));
    if (!rule || rule.steps.length === 0) return { content: 'OK.' };
    return rule.steps[Math.min(n, rule.steps.length - 1)]!;
  }

  private async chat(res: http.ServerResponse, req: ChatRequest): Promise<void> {
    const m = this.find(String(req?.model ?? ''));
    if (!m) return this.notFound(res, String(req?.model ?? ''), false);
    if (req.tools?.length && !m.capabilities.includes('tools'))
      return this.json(res, 400, { error: `registry.ollama.ai/library/${m.name.split(':')[0]} does not support tools` });
    const step = this.step(req);
    // Like a real model, no tool call when the request offered no tools.
    const toolCalls: ToolCallSpec[] = !req.tools?.length
      ? []
      : typeof step.toolCalls === 'function'
        ? step.toolCalls(req)
        : (step.toolCalls ?? []);
    const content = typeof step.content === 'function' ? step.content(req) : (step.content ?? '');
    const base = { model: m.name, created_at: new Date().toISOString() };
    const calls = toolCalls.map((c, i) => ({ id: `call_${i}_${c.name}`, function: { index: i, name: c.name, arguments: c.arguments } }));
    const final = {
      ...base,
      done: true,
      done_reason: 'stop',
      total_duration: 5_000_000,
      load_duration: 1_000_000,
      prompt_eval_count: 42,
      prompt_eval_duration: 1_000_000,
      eval_count: content.split(' ').length,
      eval_duration: 2_000_000,
    };
    if (req.stream === false) {
      return this.json(res, 200, {
        ...final,
        message: { role: 'assistant', content, ...(calls.length ? { tool_calls: calls } : {}) },
      });
    }
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
    const words = content ? content.split(/(?<= )/) : [];
    const delay = step.tokenDelayMs ?? this.tokenDelayMs;
    const cut = step.fault ? Math.max(1, Math.floor(words.length / 2)) : words.length;
    for (let i = 0; i < cut; i++) {
      if (res.destroyed) return;
      res.write(`${JSON.stringify({ ...base, message: { role: 'assistant', content: words[i] }, done: false })}\n`);
      if (delay) await sleep(delay);
    }
    if (step.fault === 'break') {
      // Let what was written reach the client, then cut the connection mid-answer.
      await sleep(Math.max(delay, 50));
      res.socket?.destroy();
      return;
    }
    if (step.fault === 'error_line') {
      res.end(`${JSON.stringify({ error: 'an error was encountered while running the model: unexpected EOF' })}\n`);
      return;
    }
    if (step.fault === 'no_done') {
      res.end();
      return;
    }
    if (calls.length)
      res.write(`${JSON.stringify({ ...base, message: { role: 'assistant', content: '', tool_calls: calls }, done: false })}\n`);
    res.end(`${JSON.stringify({ ...final, message: { role: 'assistant', content: '' } })}\n`);
  }
}

export async function startOllamaDouble(opts: OllamaDoubleOptions & { port?: number } = {}): Promise<OllamaDouble> {
  const d = new OllamaDouble(opts);
  await d.listen(opts.port ?? 0);
  return d;
}
