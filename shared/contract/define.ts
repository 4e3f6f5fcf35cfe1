import type { z } from 'zod';
import type { Role } from '../model/roles.js';

export type ChannelKind = 'query' | 'mutation';

/**
 * One channel of the contract. `roles` is enforced by the core's router, not by hiding buttons.
 * Mutations are audited by the router; `redact` names input keys never written to the audit log.
 */
export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  kind: ChannelKind;
  input: I;
  output: O;
  roles: readonly Role[];
  redact?: readonly string[];
  /** Mutations that audit themselves with richer detail (or are pure session changes). */
  audit?: boolean;
  /** Callable while nobody is signed in (sign-in itself, the kiosk keypad); roles still apply to a signed-in caller. */
  public?: boolean;
}

export type ChannelMap = Record<string, ChannelDef>;

export function defineChannels<const M extends ChannelMap>(m: M): M {
  return m;
}
