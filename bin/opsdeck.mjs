#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader so `npx opsdeck …` works right after `npm ci`.
import { register } from 'tsx/esm/api';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

register();
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { runCli } = await import(pathToFileURL(path.join(root, 'electron/cli/index.ts')).href);
await runCli(process.argv);
