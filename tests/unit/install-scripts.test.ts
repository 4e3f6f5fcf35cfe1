import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, { hasInstallScript?: boolean; optional?: boolean; os?: string[]; cpu?: string[] }>;
};
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { allowScripts: Record<string, boolean> };
const nameOf = (key: string) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('what an install runs (issue 18: nothing but npm packages)', () => {
  it('every package with an install script is named in allowScripts (run or refused on purpose)', () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([k, v]) => k && v.hasInstallScript)
      .map(([k]) => nameOf(k));
    expect(withScripts.filter((n) => !(n in pkg.allowScripts))).toEqual([]);
  });

  it('Skia for scanned PDFs comes as prebuilt npm platform packages, with no install script to fetch a binary', () => {
    const skia = Object.entries(lock.packages).filter(([k]) => /node_modules\/@napi-rs\/canvas(-|$)/.test(k));
    expect(skia.find(([k]) => k === 'node_modules/@napi-rs/canvas')).toBeTruthy();
    for (const [k, v] of skia) expect(v.hasInstallScript ?? false, k).toBe(false);
    // The Linux x64 and Windows x64 binaries (CI and the packaged app) are platform packages of the registry.
    const platforms = skia.filter(([k]) => k !== 'node_modules/@napi-rs/canvas');
    expect(platforms.map(([k]) => nameOf(k))).toEqual(
      expect.arrayContaining(['@napi-rs/canvas-linux-x64-gnu', '@napi-rs/canvas-win32-x64-msvc']),
    );
    for (const [k, v] of platforms) expect(v.optional && v.os?.length && v.cpu?.length, k).toBeTruthy();
  });
});
