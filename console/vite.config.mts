// Builds the web console into dist/console, which the API process serves at `/`
// (platform/http/console-serving.ts). `npm run console:dev` runs Vite's dev server instead and forwards the API's
// paths to a running `npm start` (API_URL, default http://127.0.0.1:3000).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const api = process.env.API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: here,
  plugins: [react({})],
  build: {
    outDir: path.join(here, '..', 'dist', 'console'),
    emptyOutDir: true,
    // Helmet's CSP allows no inline scripts; Vite's entry is an external module script, and
    // the module-preload polyfill (an inline-able snippet) is not needed by the browsers a
    // government office runs (Chromium-based, current).
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
    sourcemap: false,
  },
  server: {
    proxy: Object.fromEntries(
      ['/api', '/openapi.json', '/docs', '/healthz'].map((prefix) => [prefix, api]),
    ),
  },
});
