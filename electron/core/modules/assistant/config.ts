import { getLocal, setLocal } from '@core/db/repos/localState.js';
import type { CoreContext } from '@core/context.js';
import type { AssistantModel, AssistantStatus } from '@shared/model/assistant.js';
import { assistantState } from './state.js';
import { classifyOllamaError, DEFAULT_ADDRESS, normalizeAddress, ollamaClient } from './client.js';

/** This device's assistant settings (local_state: never synced, like the conversations). */
export interface AssistantConfig {
  origin: string;
  address: string;
  model: string | null;
  /** null: chosen automatically (the first installed embedding model); '' : search by meaning off. */
  embedModel: string | null;
}

export function readConfig(ctx: Pick<CoreContext, 'db'>): AssistantConfig {
  const address = getLocal(ctx.db, 'assistant.address') ?? DEFAULT_ADDRESS;
  let origin: string;
  try {
    origin = normalizeAddress(address);
  } catch {
    origin = normalizeAddress(DEFAULT_ADDRESS);
  }
  return { origin, address, model: getLocal(ctx.db, 'assistant.model'), embedModel: getLocal(ctx.db, 'assistant.embedModel') };
}

export function writeConfig(ctx: Pick<CoreContext, 'db'>, patch: { address?: string; model?: string; embedModel?: string | null }): void {
  if (patch.address !== undefined) {
    normalizeAddress(patch.address);
    setLocal(ctx.db, 'assistant.address', patch.address.trim());
  }
  if (patch.model !== undefined) setLocal(ctx.db, 'assistant.model', patch.model);
  if (patch.embedModel !== undefined) setLocal(ctx.db, 'assistant.embedModel', patch.embedModel ?? '');
}

/** Version, installed models with their size and capabilities; never throws (reachable: false). */
export async function readStatus(ctx: CoreContext, timeoutMs = 4000): Promise<AssistantStatus> {
  const cfg = readConfig(ctx);
  // Capabilities per model digest: /api/show is asked once per installed model version.
  const capsCache = assistantState.get(ctx).caps;
  const client = ollamaClient(cfg.origin, AbortSignal.timeout(timeoutMs));
  const base = { address: cfg.address, model: cfg.model, embedModel: null, searchMode: 'fulltext' as const };
  try {
    const [{ version }, { models }] = await Promise.all([client.version(), client.list()]);
    const out: AssistantModel[] = [];
    for (const m of models) {
      const key = `${cfg.origin} ${m.name} ${m.digest}`;
      let caps = capsCache.get(key);
      if (!caps) {
        caps = ((await client.show({ model: m.name }).catch(() => null)) as { capabilities?: string[] } | null)?.capabilities ?? [];
        capsCache.set(key, caps);
      }
      out.push({
        name: m.name,
        size: m.size,
        family: m.details?.family ?? null,
        parameterSize: m.details?.parameter_size ?? null,
        tools: caps.length ? caps.includes('tools') : null,
        embedding: caps.includes('embedding') || /embed/i.test(m.name),
      });
    }
    const chosen = cfg.model ? out.find((m) => m.name === cfg.model || m.name === `${cfg.model}:latest`) : undefined;
    const embed = pickEmbedModel(cfg, out);
    return {
      ...base,
      reachable: true,
      version,
      models: out,
      modelPresent: !!chosen,
      toolsSupported: chosen ? chosen.tools : null,
      embedModel: embed,
      searchMode: embed ? 'semantic' : 'fulltext',
      error: cfg.model && !chosen ? 'model_missing' : cfg.model ? null : 'no_model',
    };
  } catch (e) {
    const kind = classifyOllamaError(e, false);
    return {
      ...base,
      reachable: false,
      version: null,
      models: [],
      modelPresent: false,
      toolsSupported: null,
      error: kind === 'no_tools' || kind === 'stopped' ? 'ollama_down' : kind === 'ollama_error' ? 'ollama_down' : kind,
    };
  }
}

export function pickEmbedModel(cfg: AssistantConfig, models: AssistantModel[]): string | null {
  if (cfg.embedModel === '') return null;
  if (cfg.embedModel) return models.some((m) => m.name === cfg.embedModel) ? cfg.embedModel : null;
  return models.find((m) => m.embedding)?.name ?? null;
}
