// The API process serves the console's static build at `/` with a fallback to index.html for
// console routes, while its own paths (/api, /docs, /openapi.json, /healthz) answer as before
// and an unknown /api path is still a JSON 404. A small stand-in build (index.html and one
// asset) is enough: what is under test is the routing, caching and security headers.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { useApiHarness } from '../../support/api-harness';

const dir = mkdtempSync(path.join(os.tmpdir(), 'fq-console-'));
const INDEX =
  '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/app-1234.js"></script></body></html>';
mkdirSync(path.join(dir, 'assets'));
writeFileSync(path.join(dir, 'index.html'), INDEX);
writeFileSync(path.join(dir, 'assets', 'app-1234.js'), 'console.log("console");');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const h = useApiHarness({ demoData: true });

test.each(['/', '/registry', '/certifications', '/certifications/abc-123', '/login'])(
  '%s answers the console page, never cached stale',
  async (url) => {
    const response = await request(h.appWith({ consoleDir: dir })).get(url);
    expect(response.status).toBe(200);
    expect(response.type).toBe('text/html');
    expect(response.text).toBe(INDEX);
    expect(response.headers['cache-control']).toBe('no-cache');
  },
);

test('hashed assets are served and cached for a year', async () => {
  const response = await request(h.appWith({ consoleDir: dir })).get('/assets/app-1234.js');
  expect(response.status).toBe(200);
  expect(response.type).toMatch(/javascript/);
  expect(response.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
});

test('the API, its document, its docs and health answer as before', async () => {
  const app = h.appWith({ consoleDir: dir });
  const openapi = await request(app).get('/openapi.json');
  expect(openapi.status).toBe(200);
  expect(openapi.body.openapi).toMatch(/^3\./);
  const registry = await request(app).get('/api/v1/registry');
  expect(registry.status).toBe(200);
  expect(registry.body).toHaveProperty('named');
  const docs = await request(app).get('/docs');
  expect(docs.status).toBe(200);
  expect(docs.text).toContain('/docs/swagger-ui-bundle.js');
  const unauthenticated = await request(app).get('/api/v1/certifications');
  expect(unauthenticated.status).toBe(401);
});

test.each(['/api/v1/no-such-route', '/api/nothing', '/assets/missing-0000.js', '/favicon.ico'])(
  '%s is a JSON 404, not the console page',
  async (url) => {
    const response = await request(h.appWith({ consoleDir: dir }))
      .get(url)
      .set('Authorization', 'Bearer dev-city-reviewer');
    expect(response.status).toBe(404);
    expect(response.type).toBe('application/problem+json');
  },
);

test('without a console build, / is the JSON 404 it always was', async () => {
  const response = await request(h.app).get('/');
  expect(response.status).toBe(404);
  expect(response.type).toBe('application/problem+json');
});

test('the content security policy allows no inline script; inline styles only for antd', async () => {
  const response = await request(h.appWith({ consoleDir: dir })).get('/');
  const csp = String(response.headers['content-security-policy']);
  const directive = (name: string) =>
    csp
      .split(';')
      .map((part) => part.trim())
      .find((part) => part.startsWith(`${name} `));
  expect(directive('script-src')).toBe("script-src 'self'");
  expect(directive('style-src')).toBe("style-src 'self' 'unsafe-inline'");
  expect(directive('default-src')).toBe("default-src 'self'");
});
