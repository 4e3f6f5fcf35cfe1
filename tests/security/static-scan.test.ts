import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, scanText, sourceFiles, stripComments } from '../fixtures/source-scan.js';

/** ARCHITECTURE.md security items 1, 2, 8 (and the core/shell split) as source scans. */
const DANGEROUS: ReadonlyArray<{ rule: string; re: RegExp }> = [
  { rule: 'eval', re: /(^|[^\w.])eval\s*\(/ },
  { rule: 'new Function', re: /\bnew\s+Function\s*\(/ },
  { rule: 'executeJavaScript', re: /\bexecuteJavaScript(InIsolatedWorld)?\b/ },
  { rule: 'insertCSS', re: /\binsertCSS\b/ },
  { rule: 'string timer', re: /\bset(Timeout|Interval|Immediate)\s*\(\s*['"`]/ },
  { rule: 'remote module', re: /@electron\/remote|enableRemoteModule|\{[^}]*\bremote\b[^}]*\}\s*from\s*['"]electron['"]/ },
  { rule: 'certificate-error handler', re: /['"]certificate-error['"]/ },
  { rule: 'setCertificateVerifyProc', re: /setCertificateVerifyProc/ },
  { rule: 'NODE_TLS_REJECT_UNAUTHORIZED', re: /NODE_TLS_REJECT_UNAUTHORIZED/ },
  { rule: 'ignore-certificate-errors', re: /ignore-certificate-errors/ },
  { rule: 'disable-web-security', re: /disable-web-security/ },
  { rule: 'remote-debugging-port', re: /remote-debugging-port/ },
  { rule: 'ELECTRON_DISABLE_SECURITY_WARNINGS', re: /ELECTRON_DISABLE_SECURITY_WARNINGS/ },
  { rule: 'enableBlinkFeatures', re: /enableBlinkFeatures/ },
  { rule: 'unsafe webPreference', re: /\b(nodeIntegration\w*|allowRunningInsecureContent|webviewTag|experimentalFeatures)\s*:\s*true\b/ },
  { rule: 'unsafe webPreference', re: /\b(contextIsolation|sandbox|webSecurity)\s*:\s*false\b/ },
];

const SCANNED_DIRS = ['electron', 'shared', 'renderer/src', 'scripts', 'bin'];

function dangerousHits(): ReturnType<typeof scanText> {
  const hits = sourceFiles(SCANNED_DIRS).flatMap((f) => scanText(f, stripComments(fs.readFileSync(f, 'utf8')), DANGEROUS));
  const pkg = path.join(REPO_ROOT, 'package.json');
  return hits.concat(scanText(pkg, fs.readFileSync(pkg, 'utf8'), DANGEROUS));
}

describe('static scans', () => {
  it('the scan rules catch what they are meant to catch', () => {
    const bad = [
      'eval("1")',
      'const f = new Function("return 1")',
      'win.webContents.executeJavaScript(code)',
      'wc.insertCSS("x")',
      "setTimeout('go()', 10)",
      "import { remote } from 'electron'",
      "app.on('certificate-error', h)",
      'session.setCertificateVerifyProc(cb)',
      'process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"',
      "app.commandLine.appendSwitch('ignore-certificate-errors')",
      '"start": "electron . --disable-web-security"',
      '"debug": "electron . --remote-debugging-port=9222"',
      'ELECTRON_DISABLE_SECURITY_WARNINGS=true',
      "enableBlinkFeatures: 'X'",
      'nodeIntegration: true',
      'sandbox: false',
    ];
    for (const line of bad) expect(scanText('x.ts', line, DANGEROUS), line).not.toHaveLength(0);
    expect(scanText('x.ts', stripComments('// we never call eval(x) here\nconst u = "https://example.com";'), DANGEROUS)).toEqual([]);
    expect(scanText('x.ts', 'retrieval(x); myeval(1); setTimeout(() => go(), 10)', DANGEROUS)).toEqual([]);
  });

  it('no eval, new Function, executeJavaScript, insertCSS, string timers, remote module, certificate bypass or debug flag anywhere (item 8)', () => {
    expect(dangerousHits()).toEqual([]);
  });

  it('`new BrowserWindow` appears only in electron/main/window.ts (item 2)', () => {
    const files = sourceFiles(['electron', 'shared', 'renderer/src', 'scripts', 'bin']).filter((f) =>
      /\bnew\s+(\w+\.)*BrowserWindow\s*\(/.test(stripComments(fs.readFileSync(f, 'utf8'))),
    );
    expect(files.map((f) => path.relative(REPO_ROOT, f))).toEqual(['electron/main/window.ts']);
  });

  it('the core, the bridge and the CLI never import electron (they must run under plain Node)', () => {
    const importsElectron =
      /(from\s+['"]electron(\/[\w/]*)?['"]|require\(\s*['"]electron(\/[\w/]*)?['"]\s*\)|import\(\s*['"]electron['"]\s*\))/;
    const offenders = sourceFiles(['electron/core', 'electron/bridge', 'electron/cli', 'shared']).filter((f) =>
      importsElectron.test(stripComments(fs.readFileSync(f, 'utf8'))),
    );
    expect(offenders.map((f) => path.relative(REPO_ROOT, f))).toEqual([]);
    // The scan itself finds the shell's own imports, so it is not vacuous.
    expect(sourceFiles(['electron/main']).some((f) => importsElectron.test(fs.readFileSync(f, 'utf8')))).toBe(true);
  });

  it('exactly one ipcMain.handle and no other ipcMain listener in the shell (item 6)', () => {
    const shellFiles = sourceFiles(['electron/main', 'electron/preload']);
    const handles = shellFiles.flatMap((f) =>
      [...stripComments(fs.readFileSync(f, 'utf8')).matchAll(/ipcMain\.(handle|handleOnce|on|once|addListener)\s*\(/g)].map((m) => m[1]),
    );
    expect(handles).toEqual(['handle']);
  });

  it('only links.ts calls shell.openExternal (item 4)', () => {
    const callers = sourceFiles(['electron', 'shared', 'renderer/src']).filter((f) =>
      /\bopenExternal\s*\(/.test(stripComments(fs.readFileSync(f, 'utf8'))),
    );
    expect(callers.map((f) => path.relative(REPO_ROOT, f))).toEqual(['electron/main/links.ts']);
  });

  it('no postinstall that rebuilds native modules for Electron', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.postinstall ?? '').not.toMatch(/install-app-deps|electron-rebuild|@electron\/rebuild/);
  });
});
