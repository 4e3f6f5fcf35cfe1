import net from 'node:net';

/**
 * TCP-connect reachability: a completed handshake or an active refusal (RST) both prove the host
 * is up; a timeout or "unreachable" means it is not. Returns the round-trip in ms or null.
 */
export function probeTcp(host: string, port: number, timeoutMs = 2000): Promise<number | null> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const sock = net.connect({ host, port });
    const done = (up: boolean) => {
      sock.destroy();
      resolve(up ? Math.round((performance.now() - t0) * 10) / 10 : null);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', (e: NodeJS.ErrnoException) => done(e.code === 'ECONNREFUSED'));
  });
}
