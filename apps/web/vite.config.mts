/**
 * The web app's build. `npm run build:web` writes dist/web, which the API serves (apps/api/src/web-static.ts);
 * `npm run dev:web` serves it with hot reload and proxies /api, /socket.io and /health to a running API
 * (PARK_API_URL, default http://127.0.0.1:3000).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const api = process.env.PARK_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: here('.'),
  publicDir: here('public'),
  resolve: {
    alias: {
      // Only what crosses the wire: contracts (types, device kinds and units). Node-only libs stay out.
      '@park/contracts': here('../../libs/contracts/src/index.ts'),
      // The rules engine is pure (no I/O): 管理 · 规则 checks params with the very parser the API uses.
      '@park/rules-engine': here('../../libs/rules-engine/src/index.ts'),
      // The import page reads the uploaded CSV with the API's own reader, to show the cell a problem points at.
      '@park/csv': here('../../libs/csv/src/index.ts'),
      // csv-parse's Node build uses Node's Buffer; its browser build of the same parser carries its own.
      'csv-parse/sync': 'csv-parse/browser/esm/sync',
    },
  },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    // No source maps by default: the API serves this folder to anyone, and a map hands out the whole source
    // with its comments (docs/security-http.md). WEB_SOURCEMAP=true makes them for debugging; the API still
    // refuses to serve them unless API_SERVE_SOURCE_MAPS=true.
    sourcemap: process.env.WEB_SOURCEMAP === 'true',
    chunkSizeWarningLimit: 600,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': api,
      '/health': api,
      '/socket.io': { target: api, ws: true },
    },
  },
  preview: { host: '127.0.0.1', port: 4173 },
});
