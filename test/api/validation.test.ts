// Bad input on every route that takes a body: a missing required field, a wrong type, a value
// out of range and an unknown id are each a 4xx problem+json that names the field (or the
// record), never a 500, and nothing is written. Driven by the router's route list and the
// cases in test/support/route-bodies.ts, so a new POST/PUT route must bring its cases.
import request from 'supertest';
import { allRoutes } from '../../api/app';
import type { RouteSpec } from '../../modules/access';
import type { Role } from '../../modules/shared';
import type { BodyCase } from '../support/route-bodies';
import { BODY_CASES, withField } from '../support/route-bodies';
import { NO_TEMPORAL, useApiHarness } from '../support/api-harness';

const h = useApiHarness({ demoUsers: true });
let routes: RouteSpec[];

const KEY_OF: Record<Role, string> = {
  COUNTY_OPERATOR: 'Bearer dev-yuzhong-operator',
  CITY_REVIEWER: 'Bearer dev-city-reviewer',
  INSPECTOR: 'Bearer dev-inspector',
  CITY_ADMIN: 'Bearer dev-city-admin',
};

const label = (spec: RouteSpec) => `${spec.method.toUpperCase()} ${spec.path}`;

beforeAll(() => {
  routes = allRoutes({ prisma: h.db.prisma, temporal: NO_TEMPORAL }).filter((spec) => spec.body);
});

async function snapshot() {
  return {
    users: await h.db.prisma.user.count(),
    keys: await h.db.prisma.apiKey.count(),
    offices: await h.db.prisma.office.count(),
    campaigns: await h.db.prisma.campaign.count(),
    criteria: await h.db.prisma.criteriaVersion.count(),
    profiles: await h.db.prisma.officeProfile.count(),
    assignments: await h.db.prisma.inspectionAssignment.count(),
    audit: await h.db.prisma.auditEvent.count(),
    counties: await h.db.prisma.county.count(),
    recipients: await h.db.prisma.recipient.count(),
  };
}

function send(spec: RouteSpec, body: object, ids = 'no-such-record') {
  const path = spec.path.replace(/:[A-Za-z]+/g, ids);
  const agent = request(h.app);
  return agent[spec.method](path)
    .set('Authorization', KEY_OF[spec.roles[0] ?? 'CITY_ADMIN'])
    .send(body);
}

function expectNamed(
  response: request.Response,
  statuses: readonly number[],
  field: string,
  what: string,
) {
  const fields = ((response.body as { errors?: { field: string }[] }).errors ?? []).map(
    (e) => e.field,
  );
  const named = fields.some(
    (f) => f === field || f.startsWith(`${field}.`) || f.startsWith(`${field}[`),
  );
  expect({
    what,
    status: response.status,
    problem: /^application\/problem\+json/.test(String(response.headers['content-type'])),
    named,
  }).toEqual({
    what,
    status: statuses.includes(response.status) ? response.status : `one of ${statuses.join('/')}`,
    problem: true,
    named: true,
  });
}

function caseOf(spec: RouteSpec): BodyCase {
  const found = BODY_CASES[label(spec)];
  if (!found) throw new Error(`add ${label(spec)} to test/support/route-bodies.ts`);
  return found;
}

test('every route with a body has its cases', () => {
  expect(routes.length).toBeGreaterThan(25);
  expect(routes.filter((spec) => !BODY_CASES[label(spec)]).map(label)).toEqual([]);
});

test('a missing required field is a 400 naming it', async () => {
  const before = await snapshot();
  for (const spec of routes) {
    const { body, required } = caseOf(spec);
    if (required === null) continue;
    expectNamed(
      await send(spec, withField(body, required, undefined)),
      [400],
      required,
      label(spec),
    );
  }
  expect(await snapshot()).toEqual(before);
});

test('a field of the wrong type is a 400 naming it', async () => {
  const before = await snapshot();
  for (const spec of routes) {
    const { body, wrongType } = caseOf(spec);
    const response = await send(spec, withField(body, wrongType.field, wrongType.value));
    expectNamed(response, [400], wrongType.field, label(spec));
  }
  expect(await snapshot()).toEqual(before);
});

test('a value out of range is a 4xx naming it', async () => {
  const before = await snapshot();
  for (const spec of routes) {
    const { body, outOfRange } = caseOf(spec);
    const response = await send(spec, withField(body, outOfRange.field, outOfRange.value));
    // 422 where the value is checked row by row (an import's report).
    expectNamed(response, [400, 422], outOfRange.field, label(spec));
  }
  expect(await snapshot()).toEqual(before);
});

test('an unknown id in the path is a 404; an unknown reference in the body a 422 naming it', async () => {
  const before = await snapshot();
  for (const spec of routes) {
    const { body, unknownReference } = caseOf(spec);
    const what = label(spec);
    if (spec.path.includes(':')) {
      const response = await send(spec, body);
      expect({ what, status: response.status }).toEqual({ what, status: 404 });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    } else if (unknownReference) {
      const response = await send(
        spec,
        withField(body, unknownReference.field, unknownReference.value),
      );
      expectNamed(response, [422], unknownReference.field, what);
    }
  }
  expect(await snapshot()).toEqual(before);
});
