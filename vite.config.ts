import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { aliasMap } from './scripts/aliases.mjs';

// The renderer is built once and served by app:// (Electron) or the localhost bridge (browser shell).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
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
