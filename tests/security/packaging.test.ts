import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../fixtures/source-scan.js';
import { checkElectronVersion, electronMajor, SUPPORTED_ELECTRON_MAJORS } from '../../scripts/check-electron-version.mjs';

// electron-builder's own YAML parser and schema validator (both installed with it).
const require = createRequire(path.join(REPO_ROOT, 'node_modules/app-builder-lib/package.json'));
const yaml = require('js-yaml') as { load(s: string): unknown };

/** The parts of electron-builder.yml this file reads (the schema check covers the whole file). */
interface BuilderConfig {
  electronFuses: Record<string, boolean>;
  asar: boolean;
  npmRebuild: boolean;
  asarUnpack: string[];
  beforePack: string;
  afterPack: string;
  files: string[];
  win: { target: Array<{ target: string }> };
  mac: { target: Array<{ target: string }> };
  linux: { target: Array<{ target: string }> };
}
const { validateConfiguration } = require('./out/util/config/config.js') as {
  validateConfiguration(c: unknown, l: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const config = yaml.load(fs.readFileSync(path.join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

/** ARCHITECTURE.md security item 9 (fuses) and anchors (c)13 (supported Electron major), plus native-module packaging. */
describe('packaging config', () => {
  it("is valid for electron-builder's schema", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('sets the fuses: no RunAsNode, NODE_OPTIONS or inspect args; app only from an integrity-checked asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('ships better-sqlite3 unpacked, rebuilt by the beforePack hook, never by npm rebuild', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
    expect(config.beforePack).toBe('scripts/before-pack.cjs');
    const hook = fs.readFileSync(path.join(REPO_ROOT, 'scripts/before-pack.cjs'), 'utf8');
    expect(hook).toMatch(/onlyModules:\s*\['better-sqlite3'\]/);
    expect(fs.existsSync(path.join(REPO_ROOT, config.afterPack))).toBe(true);
  });

  it('packs the bundles, the renderer and package.json, and leaves better-sqlite3 sources out', () => {
    expect(config.files).toEqual(expect.arrayContaining(['package.json', 'dist-electron/**/*', 'renderer/dist/**/*']));
    expect(config.files.some((f) => f.startsWith('!node_modules/better-sqlite3/{src,deps'))).toBe(true);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('dist-electron/main/index.js');
  });

  it('targets nsis, dmg and AppImage', () => {
    expect(config.win.target[0]!.target).toBe('nsis');
    expect(config.mac.target[0]!.target).toBe('dmg');
    expect(config.linux.target[0]!.target).toBe('AppImage');
  });
});

describe('Electron version check', () => {
  it('reads the major of versions and ranges', () => {
    expect(electronMajor('^45.4.1')).toBe(45);
    expect(electronMajor('~44.0.0')).toBe(44);
    expect(electronMajor('45.4.1')).toBe(45);
    expect(electronMajor('>=43.1.0')).toBe(43);
    expect(electronMajor('latest')).toBeNull();
    expect(electronMajor('github:electron/electron')).toBeNull();
  });

  it('accepts a supported major and refuses an old one, a mismatch or an unreadable spec', () => {
    expect(checkElectronVersion({ declared: '^45.4.1', installed: '45.4.1' }, [43, 44, 45])).toEqual([]);
    expect(checkElectronVersion({ declared: '^28.0.0', installed: '28.3.3' }, [43, 44, 45])).toHaveLength(2);
    expect(checkElectronVersion({ declared: '^45.0.0', installed: '44.1.0' }, [43, 44, 45])).toEqual([
      expect.stringContaining('does not match'),
    ]);
    expect(checkElectronVersion({ declared: '*' }, [43, 44, 45])).toEqual([expect.stringContaining('not a plain version')]);
  });

  it('the Electron this repository declares and installs is supported today', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    const installed = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'node_modules/electron/package.json'), 'utf8')).version;
    expect(checkElectronVersion({ declared: pkg.devDependencies.electron, installed })).toEqual([]);
    expect(SUPPORTED_ELECTRON_MAJORS).toContain(electronMajor(installed));
  });
});
