import type { Booth } from '@shared/model/booth.js';

/**
 * The local network as Wake-on-LAN sees it: which addresses "local broadcast" means and whether
 * this machine sits on a booth's LAN. The wol module uses the machine's interfaces unless the
 * core was given another (tests point it at a loopback socket so no broadcast leaves the machine).
 */
export interface LanPort {
  localTargets(): string[];
  /** Whether this machine sits on the booth's LAN (only then may it relay a wake). */
  onBoothLan?(booth: Booth): boolean;
  timeoutMs?: number;
  /** Extra time a relay wake gets for a peer to pull it from the hub. */
  relayPickupMs?: number;
}
