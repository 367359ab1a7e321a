// The served contract: /openapi.json is a valid OpenAPI 3.1 document (checked against the
// official schema), names every route the router serves, with the same methods, and says
// what each answers: a real schema for every JSON success, files as files, 204 as nothing.
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

interface Operation {
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

async function servedDocument(): Promise<Document> {
  return (await request(h.app).get('/openapi.json')).body as Document;
}

function operations(document: Document): [string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]): [string, Operation] => [
      `${method.toUpperCase()} ${path}`,
      op,
    ]),
  );
}

/** A schema, following one $ref into the components. */
function resolved(document: Document, schema: Record<string, unknown>): Record<string, unknown> {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const name = ref.replace('#/components/schemas/', '');
  const target = document.components.schemas[name];
  if (!target) throw new Error(`${ref} names no component`);
  return target;
}

test('no success answered with JSON is documented with an empty schema', async () => {
  const document = await servedDocument();
  const empty: string[] = [];
  let checked = 0;
  for (const [name, op] of operations(document)) {
    for (const [status, response] of Object.entries(op.responses)) {
      const json = response.content?.['application/json'];
      if (!status.startsWith('2') || !json) continue;
      checked += 1;
      const schema = resolved(document, json.schema);
      if (Object.keys(schema).length === 0 || (schema.type === 'object' && !schema.properties)) {
        empty.push(`${name} ${status}`);
      }
    }
  }
  expect(checked).toBeGreaterThan(50);
  expect(empty).toEqual([]);
});

test('204 answers have no content, and every problem is problem+json', async () => {
  const document = await servedDocument();
  const noContent = operations(document).flatMap(([name, op]) =>
    op.responses['204'] ? [[name, op.responses['204'].content ?? null]] : [],
  );
  expect(noContent).toEqual([
    ['POST /api/v1/me/password', null],
    ['POST /api/v1/users/{id}/password', null],
  ]);
  for (const [name, op] of operations(document)) {
    for (const [status, response] of Object.entries(op.responses)) {
      if (Number(status) < 400 || name === 'GET /healthz') continue;
      expect([name, status, Object.keys(response.content ?? {})]).toEqual([
        name,
        status,
        ['application/problem+json'],
      ]);
    }
  }
});

test('the statistical export is documented as a CSV or XLSX file, not JSON', async () => {
  const document = await servedDocument();
  const op = document.paths['/api/v1/campaigns/{id}/export']?.get;
  expect(op?.responses['200']?.content).toEqual({
    'text/csv': { schema: { type: 'string', format: 'binary' } },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: { type: 'string', format: 'binary' },
    },
  });
});

test('the login is documented with its body, its token and its 401 and 429', async () => {
  const document = await servedDocument();
  const op = document.paths['/api/v1/auth/login']?.post;
  expect(op?.requestBody?.content['application/json']?.schema).toMatchObject({
    type: 'object',
    required: ['username', 'password'],
  });
  expect(Object.keys(op?.responses ?? {}).sort()).toEqual(
    ['200', '400', '401', '413', '429', '500', '503'].sort(),
  );
  const token = resolved(
    document,
    op?.responses['200']?.content?.['application/json']?.schema ?? {},
  );
  expect(token.required).toEqual(
    expect.arrayContaining(['accessToken', 'tokenType', 'expiresAt', 'user']),
  );
});

test('each operation lists the problem statuses its shape implies', async () => {
  const document = await servedDocument();
  const statuses = (path: string, method: string) =>
    Object.keys(document.paths[path]?.[method]?.responses ?? {});
  // A read by id: no Idempotency-Key conflicts, but a 404.
  expect(statuses('/api/v1/certifications/{id}', 'get')).toEqual([
    '200',
    '400',
    '401',
    '403',
    '404',
    '500',
    '503',
  ]);
  // An action: the state rule's 409, a key reused for another request 422, a body too large.
  expect(statuses('/api/v1/certifications/{id}/decision', 'post')).toEqual([
    '200',
    '400',
    '401',
    '403',
    '404',
    '409',
    '413',
    '422',
    '500',
    '503',
  ]);
  // A list without inputs: nothing to be invalid or missing.
  expect(statuses('/api/v1/city', 'get')).toEqual(['200', '401', '403', '500', '503']);
});
