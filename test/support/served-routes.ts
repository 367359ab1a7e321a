// The routes the Express app actually serves, read from its router, for the tests that hold the
// documentation (OpenAPI, README) to them.
import type { Express } from 'express';

/** The documentation pages themselves are not part of the API they document. */
export const DOCUMENTATION_ROUTES = new Set([
  'GET /openapi.json',
  'GET /docs',
  'GET /docs/index.html',
  'GET /docs/init.js',
]);

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every `METHOD /path` the app routes (API router under /api/v1), documentation pages excluded. */
export function servedRoutes(app: Express): string[] {
  const routes: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) {
          for (const method of Object.keys(layer.route.methods)) {
            routes.push(`${method.toUpperCase()} ${prefix}${path === '/' ? '' : path}`);
          }
        }
      } else if (layer.handle?.stack) {
        // The only nested router is the authenticated API, mounted at /api/v1.
        walk(layer.handle.stack, '/api/v1');
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return routes.filter((route) => !DOCUMENTATION_ROUTES.has(route));
}
