import { type z } from 'zod';
import { contract, isChannel, type Channel, type ParsedInput, type Output } from '@shared/contract/index.js';
import { AppError, isAppError, type AppErrorShape } from '@shared/errors.js';
import type { RpcRequest, RpcResult } from '@shared/rpc.js';
import type { ChannelDef } from '@shared/contract/define.js';
import { SYSTEM_CALLER, type CoreContext, type HandlerContext } from './context.js';
import { appendAudit } from './db/repos/audit.js';
import { changeMark, changesSince, emitDataChanged } from './changes.js';
import { constraintErrorShape } from './constraints.js';

export type Handler<C extends Channel> = (input: ParsedInput<C>, ctx: HandlerContext) => Output<C> | Promise<Output<C>>;
export type HandlerMap = { [C in Channel]: Handler<C> };

export interface CallOptions {
  /** Trusted in-process code (the Electron main process) acting as the device itself, not as the signed-in profile. */
  asSystem?: boolean;
  /** In-process call made for this caller (the assistant running a confirmed action as the user who confirmed it); roles apply. */
  as?: HandlerContext['caller'];
  /** Who relayed the call, kept in the audit row's details (`via: 'assistant'`). */
  via?: 'assistant';
}

export interface Router {
  request(req: RpcRequest, opts?: CallOptions): Promise<RpcResult>;
  /** Typed in-process call (CLI, tests, schedulers); throws AppError on failure. */
  call<C extends Channel>(channel: C, input: z.input<(typeof contract)[C]['input']>, opts?: CallOptions): Promise<Output<C>>;
}

const ANONYMOUS: HandlerContext['caller'] = Object.freeze({ userId: 'anonymous', role: 'viewer', displayName: '', kind: 'anonymous' });

const SQLITE_CONSTRAINT = /^SQLITE_CONSTRAINT/;

/** Turns anything thrown by a handler into an error envelope the renderer can show. */
export function toErrorShape(e: unknown): AppErrorShape {
  if (isAppError(e)) return e.toShape();
  const err = e as { code?: string; message?: string };
  if (typeof err?.code === 'string' && SQLITE_CONSTRAINT.test(err.code)) return constraintErrorShape(err.message ?? '', err.code);
  return { code: 'internal', message: 'Unexpected error in the core' };
}

function redact(input: unknown, keys: readonly string[] | undefined): unknown {
  if (!keys?.length || typeof input !== 'object' || input === null) return input;
  const out: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  for (const k of keys) if (k in out) out[k] = '[redacted]';
  return out;
}

function summarizeForAudit(input: unknown): unknown {
  const s = JSON.stringify(input ?? {});
  return s.length > 4000 ? { truncated: true, size: s.length } : input;
}

/** The audit details with who relayed the call (`via: 'assistant'`) when someone did. */
function withVia(details: unknown, via: string | undefined): unknown {
  if (!via) return details;
  return typeof details === 'object' && details !== null && !Array.isArray(details) ? { ...details, via } : { via, details };
}

function targetOf(input: unknown): string | null {
  if (typeof input !== 'object' || input === null) return null;
  const o = input as Record<string, unknown>;
  for (const k of ['id', 'productId', 'boothId', 'booth', 'sku', 'name', 'key', 'userId']) {
    if (typeof o[k] === 'string') return o[k] as string;
  }
  return null;
}

/**
 * The only dispatch point: validate input with the contract's schema → check the caller's role →
 * handler → validate output → result envelope. Never throws.
 */
export function createRouter(ctx: CoreContext, handlers: HandlerMap): Router {
  const audit = (
    caller: HandlerContext['caller'],
    channel: string,
    outcome: 'ok' | 'refused' | 'failed',
    input: unknown,
    details?: unknown,
    via?: string,
  ) => {
    try {
      appendAudit(ctx.db, {
        at: ctx.clock.now(),
        userId: caller.userId,
        action: channel,
        target: targetOf(input),
        outcome,
        details: withVia(
          details ?? summarizeForAudit(redact(input, (contract[channel as Channel] as ChannelDef | undefined)?.redact)),
          via,
        ),
        originDevice: ctx.deviceId,
      });
      ctx.events.emit('audit.appended', { action: channel, outcome });
    } catch (e) {
      ctx.log.error('audit write failed', { channel, error: String(e) });
    }
  };

  async function request(req: RpcRequest, opts?: CallOptions): Promise<RpcResult> {
    if (typeof req !== 'object' || req === null || typeof req.channel !== 'string') {
      return { ok: false, error: { code: 'invalid_input', message: 'Malformed request' } };
    }
    if (!isChannel(req.channel)) {
      return { ok: false, error: { code: 'unknown_channel', message: `Unknown channel "${req.channel.slice(0, 100)}"` } };
    }
    const channel = req.channel;
    const def: ChannelDef = contract[channel];
    const parsed = def.input.safeParse(req.input === undefined ? {} : req.input);
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message: parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '),
          details: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message, code: i.code })),
        },
      };
    }
    const signedIn = opts?.asSystem ? SYSTEM_CALLER : (opts?.as ?? ctx.session.current());
    const via = opts?.via;
    if (!signedIn && !def.public) {
      return { ok: false, error: { code: 'unauthorized', message: 'Sign in first', details: { signIn: true } } };
    }
    const caller = signedIn ?? ANONYMOUS;
    if (signedIn && !def.roles.includes(caller.role)) {
      if (def.kind === 'mutation') audit(caller, channel, 'refused', parsed.data, { role: caller.role }, via);
      return { ok: false, error: { code: 'forbidden', message: `Role "${caller.role}" may not use ${channel}` } };
    }
    const hctx: HandlerContext = { ...ctx, caller };
    // Every mutation reports what it wrote on the change feed (data.changed), even when it failed half-way.
    const mark = def.kind === 'mutation' ? changeMark(ctx.db) : 0;
    const announce = () => {
      if (def.kind !== 'mutation') return;
      try {
        emitDataChanged(ctx, changesSince(ctx.db, mark));
      } catch (e) {
        ctx.log.warn('change feed failed', { channel, error: String(e) });
      }
    };
    try {
      const handler = handlers[channel] as (i: unknown, c: HandlerContext) => unknown;
      const data = await handler(parsed.data, hctx);
      announce();
      const out = def.output.safeParse(data);
      if (!out.success) {
        ctx.log.error('handler output broke the contract', { channel, issues: JSON.stringify(out.error.issues.slice(0, 5)) });
        return { ok: false, error: { code: 'internal', message: `The core returned an invalid result for ${channel}` } };
      }
      if (def.kind === 'mutation' && def.audit !== false) audit(caller, channel, 'ok', parsed.data, undefined, via);
      return { ok: true, data: out.data };
    } catch (e) {
      announce();
      const shape = toErrorShape(e);
      if (shape.code === 'internal') ctx.log.error('handler failed', { channel, error: e instanceof Error ? e.stack : String(e) });
      if (def.kind === 'mutation' && def.audit !== false)
        audit(caller, channel, 'failed', parsed.data, { error: shape.code, message: shape.message }, via);
      return { ok: false, error: shape };
    }
  }

  return {
    request,
    async call(channel, input, opts) {
      const res = await request({ channel, input }, opts);
      if (!res.ok) throw new AppError(res.error.code, res.error.message, res.error.details);
      return res.data as never;
    },
  };
}
