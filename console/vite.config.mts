// Builds the web console into dist/console, which the API process serves at `/`
// (platform/http/console-serving.ts). `npm run console:dev` runs Vite's dev server instead and forwards the API's
// paths to a running `npm start` (API_URL, default http://127.0.0.1:3000).
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { OutputBundle, OutputChunk } from 'rolldown';
import type { HtmlTagDescriptor, Plugin } from 'vite';
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

/** The lazily loaded modules a returning user's first screen needs at once: the shell, the inbox. */
const LANDING = ['src/layout/Shell.tsx', 'src/pages/Inbox.tsx'];

/**
 * Announces the landing chunks (and what they import) in index.html as modulepreload links, so
 * the browser fetches them with the entry instead of after the entry has run and asked for
 * them — one round of requests instead of two. Preloaded modules are fetched, not run: the
 * login and registry pages do not execute them.
 */
const preloadLanding: Plugin = {
  name: 'fengqiao-preload-landing',
  transformIndexHtml: {
    order: 'post',
    handler(_html, context) {
      const bundle: OutputBundle | undefined = context.bundle;
      if (!bundle) return [];
      const chunks = Object.values(bundle).filter(
        (item): item is OutputChunk => item.type === 'chunk',
      );
      const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const entry = chunks.find((chunk) => chunk.isEntry);
      const already = new Set([entry?.fileName, ...(entry?.imports ?? [])]);
      const wanted = new Set<string>();
      const visit = (file: string) => {
        if (already.has(file) || wanted.has(file)) return;
        wanted.add(file);
        byFile.get(file)?.imports.forEach(visit);
      };
      for (const chunk of chunks) {
        const id = chunk.facadeModuleId?.replaceAll(path.sep, '/') ?? '';
        if (LANDING.some((module) => id.endsWith(module))) visit(chunk.fileName);
      }
      return [...wanted].map((file): HtmlTagDescriptor => ({
        tag: 'link',
        attrs: { rel: 'modulepreload', crossorigin: '', href: `/${file}` },
        injectTo: 'head',
      }));
    },
  },
};

export default defineConfig({
  root: here,
  plugins: [noNodeBuiltins, react({}), preloadLanding],
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
