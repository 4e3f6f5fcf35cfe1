import type { Channel } from '@shared/contract/index.js';
import type { CoreContext } from './context.js';
import type { Db } from './db/connection.js';
import type { HandlerMap, Router } from './router.js';

/** What a module's start gets: the core's context and its router (for in-process calls). */
export interface ModuleHost {
  ctx: CoreContext;
  router: Router;
}

/** Ends what a start began (timers, listeners, servers). */
export type Stop = () => void;

/**
 * One module of the core, exported as `<name>Module` from electron/core/modules/<name>/index.ts
 * (its only public surface) and listed once in CORE_MODULES (electron/core/entry.ts), in start order.
 * `start` runs once per core when the core starts its services; the Stop it returns is called on
 * close, in reverse order. A process may run several cores (tests, the CLI), so a module keeps
 * per-core state with `perCore`, never in module-level variables.
 */
export interface CoreModule<C extends Channel = Channel> {
  readonly name: string;
  readonly handlers: Pick<HandlerMap, C>;
  start?(host: ModuleHost): Stop | void;
}

/** Declares a module; the channel type parameter lets entry.ts check that every channel has one handler. */
export function defineModule<C extends Channel = never>(m: CoreModule<C>): CoreModule<C> {
  return m;
}

/**
 * Per-core state owned by one module (a cache, a running job, a service instance), keyed by the
 * core's database connection so each core in a process has its own and it goes with the core.
 * Typed, private to the module that creates it: other modules reach it only through that module's index.
 */
export interface PerCore<T> {
  get(ctx: Pick<CoreContext, 'db'>): T;
  peek(ctx: Pick<CoreContext, 'db'>): T | undefined;
  set(ctx: Pick<CoreContext, 'db'>, value: T): void;
  delete(ctx: Pick<CoreContext, 'db'>): void;
}

export function perCore<T>(create: (ctx: CoreContext) => T): PerCore<T>;
export function perCore<T>(): PerCore<T | undefined>;
export function perCore<T>(create?: (ctx: CoreContext) => T): PerCore<T> {
  const values = new WeakMap<Db, T>();
  return {
    get(ctx) {
      if (values.has(ctx.db)) return values.get(ctx.db) as T;
      const v = create ? create(ctx as CoreContext) : (undefined as T);
      if (create) values.set(ctx.db, v);
      return v;
    },
    peek: (ctx) => values.get(ctx.db),
    set: (ctx, v) => void values.set(ctx.db, v),
    delete: (ctx) => void values.delete(ctx.db),
  };
}
