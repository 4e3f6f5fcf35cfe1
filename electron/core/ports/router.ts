import type { RpcRequest, RpcResult } from '@shared/rpc.js';
import type { Role } from '@shared/model/roles.js';

/** The caller an in-process call is made for (the same shape as the router's Caller). */
export interface PortCaller {
  userId: string;
  role: Role;
  displayName: string;
  kind: 'user' | 'system' | 'kiosk' | 'anonymous';
}

/**
 * The core's own router, for a module that runs a channel on a person's behalf (the assistant's
 * read-only tools and confirmed actions): roles are checked against `as`, mutations audited with `via`.
 */
export interface RouterPort {
  request(req: RpcRequest, opts: { as: PortCaller; via?: 'assistant' }): Promise<RpcResult>;
}
