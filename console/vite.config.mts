// Builds the web console into dist/console, which the API process serves at `/`
// (api/console.ts). `npm run console:dev` runs Vite's dev server instead and forwards the API's
// paths to a running `npm start` (API_URL, default http://127.0.0.1:3000).
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const api = process.env.API_URL ?? 'http://127.0.0.1:3000';

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/**
 * The console runs some of the server's pure code (console/src/domain: the lifecycle's gates,
 * the criteria evaluator). That code must stay pure: a Node built-in reaching the bundle fails
 * the build here, instead of a page failing in the browser.
 */
const noNodeBuiltins: Plugin = {
  name: 'fengqiao-no-node-builtins',
  enforce: 'pre',
  resolveId(source, importer) {
    if (nodeBuiltins.has(source)) {
      this.error(`${importer ?? 'the console'} imports the Node built-in ${source}`);
    }
    return null;
  },
};

export default defineConfig({
  root: here,
  plugins: [noNodeBuiltins, react({})],
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
