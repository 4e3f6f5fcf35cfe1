import dgram from 'node:dgram';
import net from 'node:net';

export interface SendTarget {
  host: string;
  port: number;
}

/**
 * Sends the packet to every target over one UDP socket with broadcast enabled, `repeat` times
 * each (a single datagram is easy to lose, and the NIC does not mind duplicates). Resolves with
 * the targets that could not be sent to; never throws for one bad target.
 */
export function sendUdp(
  packet: Buffer,
  targets: SendTarget[],
  opts: { repeat?: number; gapMs?: number } = {},
): Promise<Array<{ target: SendTarget; error: string }>> {
  const repeat = opts.repeat ?? 3;
  const gap = opts.gapMs ?? 50;
  const v6 = targets.length > 0 && targets.every((t) => net.isIPv6(t.host));
  const sock = dgram.createSocket(v6 ? 'udp6' : 'udp4');
  const failures = new Map<string, { target: SendTarget; error: string }>();
  const sendOne = (t: SendTarget) =>
    new Promise<void>((resolve) => {
      sock.send(packet, t.port, t.host, (err) => {
        if (err) failures.set(`${t.host}:${t.port}`, { target: t, error: err.message });
        resolve();
      });
    });
  return new Promise((resolve) => {
    sock.once('error', (err) => {
      sock.close();
      resolve(targets.map((target) => ({ target, error: err.message })));
    });
    sock.bind(0, () => {
      if (!v6) sock.setBroadcast(true);
      void (async () => {
        for (let i = 0; i < repeat; i++) {
          for (const t of targets) await sendOne(t);
          if (i < repeat - 1) await new Promise((r) => setTimeout(r, gap));
        }
        sock.close();
        resolve([...failures.values()]);
      })();
    });
  });
}
