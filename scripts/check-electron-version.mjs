#!/usr/bin/env node
// Fails when the Electron major in package.json (or the installed one) is no longer supported
// upstream. Electron supports the latest three stable majors
// (https://www.electronjs.org/docs/latest/tutorial/electron-timelines); update the list below with
// each new stable major. Last checked 2026-11-23: npm dist-tag latest = 45.4.1.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SUPPORTED_ELECTRON_MAJORS = Object.freeze([43, 44, 45]);

/** Major of a semver range or version such as "^45.4.1", "~44.0.0", "45.4.1"; null when unreadable. */
export function electronMajor(spec) {
  if (typeof spec !== 'string') return null;
  const m = /^\s*(?:[\^~]|>=?|=)?\s*v?(\d+)(?:\.[\dx*]+){0,2}(?:-[\w.]+)?\s*$/.exec(spec);
  return m ? Number(m[1]) : null;
}

/** Problems found; empty when both the declared and the installed Electron are supported. */
export function checkElectronVersion({ declared, installed }, supported = SUPPORTED_ELECTRON_MAJORS) {
  const problems = [];
  const major = electronMajor(declared);
  if (major === null) problems.push(`package.json electron "${declared}" is not a plain version or ^/~ range`);
  else if (!supported.includes(major)) problems.push(`package.json pins Electron ${major}; supported majors are ${supported.join(', ')}`);
  if (installed !== undefined) {
    const im = electronMajor(installed);
    if (im === null || !supported.includes(im))
      problems.push(`installed Electron ${installed} is not a supported major (${supported.join(', ')})`);
    else if (major !== null && im !== major) problems.push(`installed Electron ${installed} does not match package.json "${declared}"`);
  }
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const declared = pkg.devDependencies?.electron ?? pkg.dependencies?.electron;
  const installedFile = path.join(root, 'node_modules/electron/package.json');
  const installed = fs.existsSync(installedFile) ? JSON.parse(fs.readFileSync(installedFile, 'utf8')).version : undefined;
  const problems = checkElectronVersion({ declared, installed });
  if (problems.length) {
    for (const p of problems) console.error(`electron version: ${p}`);
    process.exit(1);
  }
  console.log(`electron version: ${declared} (installed ${installed ?? 'none'}) is supported`);
}
