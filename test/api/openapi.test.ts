// The served contract: /openapi.json is a valid OpenAPI 3.1 document (checked against the
// official schema) and names every route the router serves, with the same methods.
import type { Express } from 'express';
import request from 'supertest';
import { useApiHarness } from '../support/api-harness';

const h = useApiHarness({ demoData: false });

/** The documentation itself is not part of the API it documents. */
const NOT_API = new Set([
  'GET /openapi.json',
  'GET /docs',
  'GET /docs/index.html',
  'GET /docs/init.js',
]);

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every METHOD /path the Express app routes, with the API router's /api/v1 prefix. */
function servedRoutes(app: Express): string[] {
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
  return routes.filter((route) => !NOT_API.has(route));
}

function documentedRoutes(document: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map(
      (method) => `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`,
    ),
  );
}

test('the served document validates against the OpenAPI 3.1 schema', async () => {
  const response = await request(h.app).get('/openapi.json');
  expect(response.status).toBe(200);
  expect(response.body.openapi).toBe('3.1.0');
  const { Validator } = await import('@seriousme/openapi-schema-validator');
  const result = await new Validator().validate(response.body as Record<string, unknown>);
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
  // The validator is not a rubber stamp: the same document without `info` is rejected.
  const { info: _info, ...withoutInfo } = response.body as Record<string, unknown>;
  expect((await new Validator().validate(withoutInfo)).valid).toBe(false);
});

test('every route the router serves is in the document, and nothing else is', async () => {
  const document = (await request(h.app).get('/openapi.json')).body as {
    paths: Record<string, Record<string, unknown>>;
  };
  const served = servedRoutes(h.app).sort();
  expect(served.length).toBeGreaterThan(40);
  expect(documentedRoutes(document).sort()).toEqual(served);
});

test('the docs page loads Swagger UI without inline scripts (allowed by the CSP)', async () => {
  const page = await request(h.app).get('/docs');
  expect(page.status).toBe(200);
  expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  expect(page.text).not.toMatch(/<script>/);
  const init = await request(h.app).get('/docs/init.js');
  expect(init.status).toBe(200);
  expect(init.text).toContain('/openapi.json');
});
