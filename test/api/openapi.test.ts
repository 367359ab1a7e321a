// The served contract: /openapi.json is a valid OpenAPI 3.1 document (checked against the
// official schema) and names every route the router serves, with the same methods.
import request from 'supertest';
import { useApiHarness } from '../support/api-harness';
import { servedRoutes } from '../support/served-routes';

const h = useApiHarness({ demoData: false });

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
