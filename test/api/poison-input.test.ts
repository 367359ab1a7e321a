// Input that used to freeze a certification or answer 500, driven through the real Express
// app on PGlite: text the database cannot store (NUL, lone surrogates) in a body, a query or a
// path; integers beyond their column; dates that do not exist; bad percent-encoding; JSON
// nested 100,000 deep (with and without an Idempotency-Key); undeclared methods. Each is a
// 4xx problem+json naming what is wrong, and nothing is written. The app has no Temporal
// here: a request that reached a workflow would answer 500, which these tests forbid.
import request from 'supertest';
import { allRoutes } from '../../api/app';
import type { RouteSpec } from '../../modules/access';
import type { Role } from '../../modules/shared';
import { NO_TEMPORAL, useApiHarness } from '../support/api-harness';
import { BODY_CASES, withField } from '../support/route-bodies';

const h = useApiHarness({ demoUsers: true });

const KEY_OF: Record<Role, string> = {
  COUNTY_OPERATOR: 'Bearer dev-yuzhong-operator',
  CITY_REVIEWER: 'Bearer dev-city-reviewer',
  INSPECTOR: 'Bearer dev-inspector',
  CITY_ADMIN: 'Bearer dev-city-admin',
};
const ADMIN = KEY_OF.CITY_ADMIN;
const NUL = '\u0000';

async function snapshot() {
  const p = h.db.prisma;
  return {
    certifications: await p.certification.count(),
    offices: await p.office.count(),
    profiles: await p.officeProfile.count(),
    keys: await p.apiKey.count(),
    audit: await p.auditEvent.count(),
    idempotency: await p.idempotencyRecord.count(),
  };
}

function expectRefused(response: request.Response, status: number, field?: string): void {
  const fields = ((response.body as { errors?: { field: string }[] }).errors ?? []).map(
    (e) => e.field,
  );
  expect({
    status: response.status,
    type: String(response.headers['content-type']).split(';')[0],
    named: field === undefined || fields.includes(field),
  }).toEqual({ status, type: 'application/problem+json', named: true });
}

/** The dotted path of the first string in `value`, e.g. "plan.summary". */
function firstStringField(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return path;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, child] of Object.entries(value)) {
    const found = firstStringField(child, [...path, key]);
    if (found) return found;
  }
  return null;
}

function setAt(body: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path.at(-1) as string] = value;
  return copy;
}

describe('NUL and other text the database cannot store', () => {
  test('a NUL in a declaration or an action’s reason is a 400 naming the field, before the workflow', async () => {
    const before = await snapshot();
    const declared = await request(h.app)
      .post('/api/v1/certifications')
      .set('Authorization', KEY_OF.COUNTY_OPERATOR)
      .send(withField(BODY_CASES['POST /api/v1/certifications']!.body, 'plan.summary', `a${NUL}b`));
    expectRefused(declared, 400, 'plan.summary');
    expect(declared.body.errors).toEqual([
      { field: 'plan.summary', message: 'must not contain a NUL character (U+0000)' },
    ]);
    const review = await request(h.app)
      .post('/api/v1/certifications/cert-anything/declaration-review')
      .set('Authorization', KEY_OF.CITY_REVIEWER)
      .send({ decision: 'APPROVE', reason: `同意${NUL}` });
    expectRefused(review, 400, 'reason');
    // With an Idempotency-Key too: refused before a key is reserved.
    const keyed = await request(h.app)
      .post('/api/v1/certifications/cert-anything/withdrawal')
      .set('Authorization', KEY_OF.COUNTY_OPERATOR)
      .set('Idempotency-Key', 'poison-1')
      .send({ reason: NUL });
    expectRefused(keyed, 400, 'reason');
    expect(await snapshot()).toEqual(before);
  });

  test('every route with a body refuses a NUL in its first text field, naming it', async () => {
    const before = await snapshot();
    const routes = allRoutes({ prisma: h.db.prisma, temporal: NO_TEMPORAL }).filter(
      (spec: RouteSpec) => spec.body,
    );
    const checked: string[] = [];
    for (const spec of routes) {
      const label = `${spec.method.toUpperCase()} ${spec.path}`;
      const valid = BODY_CASES[label]?.body;
      if (!valid) throw new Error(`add ${label} to test/support/route-bodies.ts`);
      const path = firstStringField(valid);
      if (!path) continue;
      const agent = request(h.app);
      const response = await agent[spec.method](spec.path.replace(/:[A-Za-z]+/g, 'no-such-record'))
        .set('Authorization', KEY_OF[spec.roles[0] ?? 'CITY_ADMIN'])
        .send(setAt(valid, path, `x${NUL}y`) as object);
      expect({ label, status: response.status, errors: response.body.errors }).toEqual({
        label,
        status: 400,
        errors: [{ field: path.join('.'), message: expect.stringContaining('NUL') }],
      });
      checked.push(label);
    }
    expect(checked.length).toBeGreaterThan(25);
    expect(await snapshot()).toEqual(before);
  });

  test('every route with a path parameter refuses a NUL in it', async () => {
    const routes = allRoutes({ prisma: h.db.prisma, temporal: NO_TEMPORAL }).filter((spec) =>
      spec.path.includes(':'),
    );
    for (const spec of routes) {
      const label = `${spec.method.toUpperCase()} ${spec.path}`;
      const agent = request(h.app);
      const response = await agent[spec.method](spec.path.replace(/:[A-Za-z]+/g, 'a%00b'))
        .set('Authorization', KEY_OF[spec.roles[0] ?? 'CITY_ADMIN'])
        .send(BODY_CASES[label]?.body ?? {});
      expect({ label, status: response.status }).toEqual({ label, status: 400 });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  test('the probes that answered 500 answer 400 naming the field', async () => {
    const before = await snapshot();
    const get = (url: string) => request(h.app).get(url).set('Authorization', ADMIN);
    expectRefused(await get('/api/v1/offices?q=%00'), 400, 'q');
    expectRefused(await get('/api/v1/audit?certificationId=a%00b'), 400, 'certificationId');
    expectRefused(await get('/api/v1/certifications/a%00b'), 400, 'id');
    expectRefused(
      await request(h.app)
        .post('/api/v1/offices/office-jiefangbei/profiles')
        .set('Authorization', ADMIN)
        .send({
          ...BODY_CASES['POST /api/v1/offices/:officeId/profiles']!.body,
          note: `更正${NUL}`,
        }),
      400,
      'note',
    );
    expectRefused(
      await request(h.app)
        .post('/api/v1/api-keys')
        .set('Authorization', ADMIN)
        .send({ ...BODY_CASES['POST /api/v1/api-keys']!.body, name: `key${NUL}` }),
      400,
      'name',
    );
    expectRefused(
      await request(h.app)
        .post('/api/v1/offices/import')
        .set('Authorization', ADMIN)
        .send({
          offices: [
            { code: 'NUL-001', name: '好所', type: 'STREET', countyCode: 'CQ-YZ' },
            { code: 'NUL-002', name: `坏${NUL}所`, type: 'STREET', countyCode: 'CQ-YZ' },
          ],
        }),
      400,
      'offices.1.name',
    );
    const csv = await request(h.app)
      .post('/api/v1/offices/import')
      .set('Authorization', ADMIN)
      .set('Content-Type', 'text/csv')
      .send(
        `code,name,type,countyCode\nNUL-003,好所,STREET,CQ-YZ\nNUL-004,坏${NUL}所,STREET,CQ-YZ\n`,
      );
    expectRefused(csv, 400, 'body');
    expect(csv.body.errors[0].message).toMatch(/^line 3, character 10: .*NUL/);
    expect(await snapshot()).toEqual(before);
  });

  test('a NUL inside a pagination cursor is refused like a tampered cursor', async () => {
    const cursor = (position: object) =>
      Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
    const audit = await request(h.app)
      .get(
        `/api/v1/audit?cursor=${cursor({ occurredAt: '2024-01-01T00:00:00.000Z', id: `a${NUL}` })}`,
      )
      .set('Authorization', ADMIN);
    expectRefused(audit, 400, 'cursor');
    const offices = await request(h.app)
      .get(`/api/v1/offices?cursor=${cursor({ after: `a${NUL}` })}`)
      .set('Authorization', ADMIN);
    expectRefused(offices, 400, 'cursor');
  });

  test('a lone surrogate, and a NUL in an object key, are refused too', async () => {
    const surrogate = await request(h.app)
      .post('/api/v1/certifications/cert-anything/withdrawal')
      .set('Authorization', KEY_OF.COUNTY_OPERATOR)
      .set('Content-Type', 'application/json')
      .send('{"reason":"\\ud800 撤回"}');
    expectRefused(surrogate, 400, 'reason');
    expect(surrogate.body.errors[0].message).toMatch(/surrogate/);
    const key = await request(h.app)
      .post('/api/v1/certifications/cert-anything/verification-request')
      .set('Authorization', KEY_OF.COUNTY_OPERATOR)
      .send({ selfAssessment: { summary: '自评', scores: { [`PARTY${NUL}`]: 1 } } });
    expectRefused(key, 400, `selfAssessment.scores.PARTY${NUL}`);
  });
});

describe('numbers, dates and paths the columns cannot hold', () => {
  test('criteria versions beyond a 32-bit integer are a 400 naming the field', async () => {
    const get = (url: string) => request(h.app).get(url).set('Authorization', ADMIN);
    expectRefused(
      await get('/api/v1/criteria-sets/fengqiao-office/diff?from=1&to=2147483648'),
      400,
      'to',
    );
    expectRefused(
      await get('/api/v1/criteria-sets/fengqiao-office/diff?from=99999999999999999999&to=1'),
      400,
      'from',
    );
    expectRefused(
      await get('/api/v1/criteria-sets/fengqiao-office/versions/2147483648'),
      400,
      'version',
    );
    // The largest value the column holds is a valid number that names no version.
    expectRefused(await get('/api/v1/criteria-sets/fengqiao-office/versions/2147483647'), 404);
  });

  test('bad percent-encoding in the path is a 400', async () => {
    const response = await request(h.app)
      .get('/api/v1/certifications/%C3%28')
      .set('Authorization', ADMIN);
    expectRefused(response, 400, 'path');
  });

  test('dates that do not exist, or far outside any certification, are a 400 naming the field', async () => {
    const before = await snapshot();
    const profile = BODY_CASES['POST /api/v1/offices/:officeId/profiles']!.body;
    for (const date of ['0000-00-00', '2023-02-30', '2023-02-29', '0001-01-01', '2024-13-01']) {
      expectRefused(
        await request(h.app)
          .post('/api/v1/offices/office-jiefangbei/profiles')
          .set('Authorization', ADMIN)
          .send({ ...profile, effectiveFrom: date }),
        400,
        'effectiveFrom',
      );
      expectRefused(
        await request(h.app)
          .get(`/api/v1/offices/office-jiefangbei/profile?asOf=${date}`)
          .set('Authorization', ADMIN),
        400,
        'asOf',
      );
      expectRefused(
        await request(h.app)
          .get(`/api/v1/tasks?dueBefore=${date}T00:00:00Z`)
          .set('Authorization', ADMIN),
        400,
        'dueBefore',
      );
      expectRefused(
        await request(h.app)
          .get(`/api/v1/audit?from=${date}T00:00:00%2B08:00`)
          .set('Authorization', ADMIN),
        400,
        'from',
      );
    }
    // A leap day that exists is fine.
    const leap = await request(h.app)
      .get('/api/v1/offices/office-jiefangbei/profile?asOf=2024-02-29')
      .set('Authorization', ADMIN);
    expect(leap.status).toBe(200);
    expect(await snapshot()).toEqual(before);
  });

  test('JSON nested 100,000 deep is a 4xx with or without an Idempotency-Key', async () => {
    const before = await snapshot();
    const deep = `{"reason":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    for (const key of [undefined, 'deep-1']) {
      const call = request(h.app)
        .post('/api/v1/certifications/cert-anything/withdrawal')
        .set('Authorization', KEY_OF.COUNTY_OPERATOR)
        .set('Content-Type', 'application/json');
      if (key) void call.set('Idempotency-Key', key);
      const response = await call.send(deep);
      expectRefused(
        response,
        400,
        'reason.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0',
      );
      expect(response.body.errors[0].message).toBe('nested deeper than 32 levels');
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('HTTP methods', () => {
  test('an undeclared method on a known path is a 405 with Allow; an unknown path stays 404', async () => {
    const trace = await request(h.app).trace('/api/v1/certifications');
    expectRefused(trace, 405);
    expect(trace.headers.allow).toBe('GET, HEAD, POST');

    // Two specs match /certifications/export (its own and /certifications/:id): both count.
    const put = await request(h.app)
      .put('/api/v1/certifications/export')
      .set('Authorization', ADMIN);
    expectRefused(put, 405);
    expect(put.headers.allow).toBe('GET, HEAD');

    const del = await request(h.app).delete('/api/v1/offices/office-jiefangbei');
    expectRefused(del, 405);
    expect(del.headers.allow).toBe('GET, HEAD');

    const health = await request(h.app).patch('/healthz');
    expectRefused(health, 405);
    expect(health.headers.allow).toBe('GET, HEAD');

    expectRefused(
      await request(h.app).trace('/api/v1/no-such-thing').set('Authorization', ADMIN),
      404,
    );
    expectRefused(await request(h.app).trace('/no-such-thing'), 404);
    // Declared methods are untouched: HEAD with GET, and the credential is still required.
    expect((await request(h.app).head('/api/v1/offices').set('Authorization', ADMIN)).status).toBe(
      200,
    );
    expectRefused(await request(h.app).get('/api/v1/offices'), 401);
  });
});
