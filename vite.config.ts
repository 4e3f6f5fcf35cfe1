import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { aliasMap } from './scripts/aliases.mjs';
import type { Plugin } from 'vite';

/**
 * The dev server only: Vite injects CSS as <style> elements (hot reload), which the production
 * CSP (ARCHITECTURE.md, no inline styles) forbids. The built app keeps the strict policy.
 */
const devInlineStyles: Plugin = {
  name: 'opsdeck-dev-inline-styles',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace("script-src 'self';", "script-src 'self'; style-src 'self' 'unsafe-inline';"),
};

// The renderer is built once and served by app:// (Electron) or the localhost bridge (browser shell).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), devInlineStyles],
  resolve: { alias: aliasMap() },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
