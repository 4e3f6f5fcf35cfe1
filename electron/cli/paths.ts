import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir } from '../core/entry.js';

/** The project root (where package.json and renderer/dist live), found from this file. */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('Cannot find the OpsDeck install folder');
    dir = up;
  }
  return dir;
}

export function rendererDist(): string {
  return path.join(projectRoot(), 'renderer', 'dist');
}

export function resolveDbPath(db: string | undefined): string {
  return path.resolve(db ?? path.join(defaultDataDir(), 'opsdeck.db'));
}
