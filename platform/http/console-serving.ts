// Serves the web console's static build (dist/console, from `npm run build`) at `/`: the files
// under /assets (content-hashed, cached for a year) and index.html for every console route, so
// that a reload or a shared link to /certifications/… or /registry opens the right page.
// /api, /docs, /openapi.json and /healthz are answered before this; a path under /api that no
// route matched still gets the JSON 404, and so does a missing file (a path with an extension).
import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { Router } from 'express';

/** Paths that belong to the API process itself, never to the console. */
const SERVER_PREFIXES = ['/api', '/docs', '/openapi.json', '/healthz'];

const isServerPath = (p: string) =>
  SERVER_PREFIXES.some((prefix) => p === prefix || p.startsWith(`${prefix}/`));

/**
 * The console build next to the compiled server (dist/platform/http → dist/console), if it
 * was built.
 */
export function builtConsoleDir(fromDir: string = __dirname): string | undefined {
  const dir = path.join(fromDir, '..', '..', 'console');
  return existsSync(path.join(dir, 'index.html')) ? dir : undefined;
}

export function consoleRouter(dir: string): Router {
  const router = express.Router();
  const index = path.join(dir, 'index.html');
  router.use(
    '/assets',
    express.static(path.join(dir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: true,
    }),
  );
  router.get(/.*/, (req, res, next) => {
    // Files are under /assets; anything else with an extension is a missing file, not a page.
    if (isServerPath(req.path) || path.extname(req.path) !== '') {
      next();
      return;
    }
    // index.html names the current hashed assets, so it must never be cached stale.
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
