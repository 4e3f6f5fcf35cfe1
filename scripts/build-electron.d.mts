export function buildElectron(opts?: { outDir?: string; minify?: boolean }): Promise<string>;
