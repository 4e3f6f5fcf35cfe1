/**
 * The localhost bridge is a development and diagnostics tool. The desktop app starts it only when
 * asked explicitly with `--bridge[=PORT]`; packaged builds need that flag too (no environment
 * variable can switch it on there), so nothing opens a port behind the user's back.
 */
export function bridgeRequest(argv: readonly string[], env: NodeJS.ProcessEnv, packaged: boolean): { port: number } | null {
  const flag = argv.find((a) => a === '--bridge' || a.startsWith('--bridge='));
  if (flag) {
    const raw = flag.includes('=') ? flag.slice('--bridge='.length) : '0';
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--bridge port must be 0–65535 (got "${raw}")`);
    return { port };
  }
  if (!packaged && env.OPSDECK_BRIDGE_PORT) {
    const port = Number(env.OPSDECK_BRIDGE_PORT);
    if (Number.isInteger(port) && port >= 0 && port <= 65535) return { port };
  }
  return null;
}
