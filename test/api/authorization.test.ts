// The authorisation matrix: every route the API serves × every role × own/other county and
// own/other city. Every combination that is not allowed is denied — 401 without a credential,
// 403 for a role the route does not admit, 403/404 for a record of another county or city (or
// a certification not assigned to the inspector) — and a denial never carries data: no id of
// the record asked about, and lists never show another city's (or county's) records.
//
// The table is driven by the router's own route list, so a new route is covered the day it is
// added; a route that takes a body or a record id must be given one (test/support/route-bodies.ts,
// paramValue below; the first test says which is missing).
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Express } from 'express';
import request from 'supertest';
import { allRoutes, createApp } from '../../api/app';
import type { RouteSpec } from '../../modules/access';
import { hashApiKey } from '../../modules/access/api-keys';
import { seedDemoUsers } from '../../modules/access/demo-users';
import { DEMO, seedDemoData, seedDemoRecipients } from '../../modules/demo/seed';
import { FENGQIAO_OFFICE_V1 } from '../../modules/criteria/rules/criteria-sets';
import type { Prisma } from '../../generated/prisma/client';
import type { Role } from '../../modules/shared';
import type { TestDatabase } from '../support/database';
import { createTestDatabase } from '../support/database';
import { startDevServer } from '../support/temporal';
import { JIEFANGBEI } from '../support/fixtures';
import { BODY_CASES } from '../support/route-bodies';
import { declared } from '../support/states';

let db: TestDatabase;
let env: TestWorkflowEnvironment;
let app: Express;

const ROLES: readonly Role[] = ['COUNTY_OPERATOR', 'CITY_REVIEWER', 'INSPECTOR', 'CITY_ADMIN'];

// ---------------------------------------------------------------------------------------
// Who calls

interface Caller {
  name: string;
  key: string;
  role: Role;
}

/** Chongqing, the city that owns every record asked about; the operator is Yuzhong's. */
const OWN: Record<Role, Caller> = {
  COUNTY_OPERATOR: {
    name: 'yuzhong operator',
    key: 'dev-yuzhong-operator',
    role: 'COUNTY_OPERATOR',
  },
  CITY_REVIEWER: { name: 'cq reviewer', key: 'dev-city-reviewer', role: 'CITY_REVIEWER' },
  INSPECTOR: { name: 'cq inspector', key: 'dev-inspector', role: 'INSPECTOR' },
  CITY_ADMIN: { name: 'cq admin', key: 'dev-city-admin', role: 'CITY_ADMIN' },
};
const OTHER_COUNTY: Caller = {
  name: 'jiangbei operator',
  key: 'dev-jiangbei-operator',
  role: 'COUNTY_OPERATOR',
};
/** Leshan: every role, none of which may see anything of Chongqing. */
const OTHER_CITY: Record<Role, Caller> = {
  COUNTY_OPERATOR: { name: 'leshan operator', key: 'matrix-ls-operator', role: 'COUNTY_OPERATOR' },
  CITY_REVIEWER: { name: 'leshan reviewer', key: 'dev-leshan-reviewer', role: 'CITY_REVIEWER' },
  INSPECTOR: { name: 'leshan inspector', key: 'matrix-ls-inspector', role: 'INSPECTOR' },
  CITY_ADMIN: { name: 'leshan admin', key: 'matrix-ls-admin', role: 'CITY_ADMIN' },
};

// ---------------------------------------------------------------------------------------
// What is asked about: Chongqing records, in Yuzhong where a county applies

const CERTIFICATION_ID = 'matrix-cert-jiefangbei';
/** Yuzhong's extra address for its operator's notices (the demo recipients). */
const RECIPIENT_ID = 'rcpt-yz-operator';
const CQ_CRITERIA_CODE = 'cq-matrix';

/** Record id per path parameter, by the collection the parameter belongs to. */
function paramValue(path: string, name: string): string {
  if (name === 'officeId') return JIEFANGBEI.id;
  if (name === 'code') return CQ_CRITERIA_CODE;
  if (name === 'version') return '1';
  if (name === 'reportId') return 'matrix-no-such-report';
  if (name === 'pairingId') return 'matrix-no-such-pairing';
  const collection = /\/api\/v1\/([a-z-]+)\/:id/.exec(path)?.[1];
  switch (collection) {
    case 'certifications':
      return CERTIFICATION_ID;
    case 'offices':
      return JIEFANGBEI.id;
    case 'campaigns':
      return DEMO.campaignId;
    case 'users':
      return 'user-yuzhong.operator';
    case 'api-keys':
      return 'apikey-dev-yuzhong-operator';
    case 'counties':
      return DEMO.counties.yuzhong;
    case 'notification-recipients':
      return RECIPIENT_ID;
    // No such record exists yet: the other city's caller must still get a bare 404.
    case 'spot-check-draws':
    case 'bulk-actions':
      return `matrix-no-such-${collection}`;
    default:
      throw new Error(`authorization matrix: say which record ${path} (:${name}) should ask about`);
  }
}

/** Required query parameters, so a denial is not a 400 for a missing one. */
const VALID_QUERIES: Record<string, string> = {
  'GET /api/v1/criteria-sets/:code/diff': '?from=1&to=1',
};

function concretePath(spec: RouteSpec): string {
  const path = spec.path.replace(/:([A-Za-z]+)/g, (_match, name: string) =>
    paramValue(spec.path, name),
  );
  return path + (VALID_QUERIES[label(spec)] ?? '');
}

/** Which records a route with parameters is about, to know who is an outsider to it. */
function resourceOf(spec: RouteSpec): 'certification' | 'office' | 'city-record' {
  if (spec.path.startsWith('/api/v1/certifications/:id')) return 'certification';
  if (/^\/api\/v1\/offices\/:(id|officeId)/.test(spec.path)) return 'office';
  return 'city-record';
}

/**
 * POSTs without a record id that only ever create in the caller's own city: there is no
 * other city's record to name, so only the role rows of the matrix apply.
 */
const OWN_CITY_CREATIONS = new Set([
  'POST /api/v1/me/password',
  'POST /api/v1/criteria-sets',
  'POST /api/v1/campaigns',
  'POST /api/v1/spot-check-draws',
  'POST /api/v1/bulk-actions',
  'POST /api/v1/counties',
]);

/** Ids that must never reach another city's caller. */
const CITY_MARKERS = [
  CERTIFICATION_ID,
  JIEFANGBEI.id,
  DEMO.campaignId,
  DEMO.counties.yuzhong,
  DEMO.counties.jiangbei,
  'user-yuzhong.operator',
  'apikey-dev-yuzhong-operator',
  // Chongqing's inspectors: the list a reviewer assigns from is the city's alone.
  'user-cq.inspector',
  'apikey-dev-inspector',
  CQ_CRITERIA_CODE,
  RECIPIENT_ID,
  'operator@yuzhong.example.gov.cn',
];
/** Ids that must never reach another county's operator (or an unassigned inspector). */
const COUNTY_MARKERS = [CERTIFICATION_ID];

// ---------------------------------------------------------------------------------------

const label = (spec: RouteSpec) => `${spec.method.toUpperCase()} ${spec.path}`;

function call(spec: RouteSpec, caller: Caller | null) {
  const path = concretePath(spec);
  let req = request(app)[spec.method](path);
  if (caller) req = req.set('Authorization', `Bearer ${caller.key}`);
  if (spec.method === 'get' || spec.method === 'delete') return req;
  return req.send(BODY_CASES[label(spec)]?.body ?? {});
}

function expectDenied(
  response: request.Response,
  statuses: readonly number[],
  markers: readonly string[],
  what: string,
) {
  expect({ what, status: response.status, expected: statuses.includes(response.status) }).toEqual({
    what,
    status: response.status,
    expected: true,
  });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const text = JSON.stringify(response.body);
  // The problem's `instance` echoes the URL the caller sent, ids included; that is no leak.
  const instance = String((response.body as { instance?: string }).instance ?? '');
  for (const marker of markers.filter((m) => !instance.includes(m))) {
    expect({ what, leaked: text.includes(marker) ? marker : null }).toEqual({
      what,
      leaked: null,
    });
  }
}

function expectNoData(response: request.Response, markers: readonly string[], what: string) {
  if (response.status >= 400) return expectDenied(response, [403, 404], markers, what);
  const text = JSON.stringify(response.body) + (response.text ?? '');
  const leaked = markers.filter((marker) => text.includes(marker));
  expect({ what, leaked }).toEqual({ what, leaked: [] });
}

let routes: RouteSpec[];
let before: Record<string, number>;

async function counts(): Promise<Record<string, number>> {
  return {
    users: await db.prisma.user.count(),
    activeKeys: await db.prisma.apiKey.count({ where: { revokedAt: null } }),
    offices: await db.prisma.office.count(),
    certifications: await db.prisma.certification.count(),
    assignments: await db.prisma.inspectionAssignment.count(),
    profiles: await db.prisma.officeProfile.count(),
    criteria: await db.prisma.criteriaVersion.count(),
    pairings: await db.prisma.campaignPairing.count(),
    campaigns: await db.prisma.campaign.count({ where: { status: 'CANCELLED' } }),
    recipients: await db.prisma.recipient.count(),
    // Leshan's admin may create a county in Leshan (an own-city creation); Chongqing's stay.
    cqCounties: await db.prisma.county.count({ where: { cityId: DEMO.cityId } }),
    // The demo counties have no head; a PATCH that got through would give one.
    cqCountiesWithHead: await db.prisma.county.count({
      where: { cityId: DEMO.cityId, headName: { not: null } },
    }),
    activeRecipients: await db.prisma.recipient.count({ where: { active: true } }),
  };
}

beforeAll(async () => {
  [db, env] = await Promise.all([createTestDatabase(), startDevServer()]);
  await seedDemoData(db.prisma);
  await seedDemoUsers(db.prisma);
  await seedDemoRecipients(db.prisma);
  for (const caller of [OTHER_CITY.COUNTY_OPERATOR, OTHER_CITY.INSPECTOR, OTHER_CITY.CITY_ADMIN]) {
    await db.prisma.apiKey.create({
      data: {
        id: `apikey-${caller.key}`,
        name: caller.name,
        role: caller.role,
        cityId: DEMO.otherCityId,
        countyId: caller.role === 'COUNTY_OPERATOR' ? DEMO.counties.shizhong : null,
        keyHash: hashApiKey(caller.key),
      },
    });
  }
  // A Yuzhong certification, as the workflow's projection would show it. Every denial below
  // happens before anything reaches a workflow, so no worker runs; the server is there for
  // the routes that read from Temporal (reconcile) when another city's admin calls them.
  const state = { ...declared(), certificationId: CERTIFICATION_ID, campaignId: DEMO.campaignId };
  await db.prisma.certification.create({
    data: {
      id: CERTIFICATION_ID,
      workflowId: `certification-office-${JIEFANGBEI.id}`,
      officeId: JIEFANGBEI.id,
      countyId: JIEFANGBEI.countyId,
      cityId: JIEFANGBEI.cityId,
      campaignId: DEMO.campaignId,
      status: 'DECLARED',
      revision: 1,
      config: state.config,
      state: state as unknown as Prisma.InputJsonValue,
      declaredAt: new Date(state.declaredAt),
      updatedAt: new Date(state.declaredAt),
    },
  });
  const temporal = { client: env.client, taskQueue: 'matrix-no-worker' };
  app = createApp({ prisma: db.prisma, temporal, contract: 'enforce' });
  // A criteria set owned by Chongqing, published the way an admin does.
  const { version: _version, ...draft } = structuredClone(FENGQIAO_OFFICE_V1);
  const published = await request(app)
    .post('/api/v1/criteria-sets')
    .set('Authorization', `Bearer ${OWN.CITY_ADMIN.key}`)
    .send({ ...draft, code: CQ_CRITERIA_CODE });
  expect(published.status).toBe(201);
  routes = allRoutes({ prisma: db.prisma, temporal });
  before = await counts();
});

afterAll(async () => {
  await env?.teardown();
  await db?.close();
});

test('the matrix covers every route, and every route with a body has one to send', () => {
  expect(routes.length).toBeGreaterThan(50);
  const missing = routes.filter((spec) => spec.body && !BODY_CASES[label(spec)]).map(label);
  expect(missing).toEqual([]);
  for (const spec of routes) expect(() => concretePath(spec)).not.toThrow();
});

test('without a credential every route answers 401', async () => {
  for (const spec of routes) {
    expectDenied(await call(spec, null), [401], CITY_MARKERS, `${label(spec)} anonymous`);
  }
});

test('a role a route does not admit gets 403, whatever it asks about', async () => {
  for (const spec of routes) {
    for (const role of ROLES.filter((r) => !spec.roles.includes(r))) {
      const what = `${label(spec)} as ${role}`;
      expectDenied(await call(spec, OWN[role]), [403], CITY_MARKERS, what);
      expectDenied(await call(spec, OTHER_CITY[role]), [403], CITY_MARKERS, `${what} (other city)`);
    }
  }
});

test('another city’s callers never reach or see this city’s records', async () => {
  for (const spec of routes) {
    for (const role of spec.roles) {
      const what = `${label(spec)} as ${OTHER_CITY[role].name}`;
      const hasParams = spec.path.includes(':');
      if (spec.method === 'get' && !hasParams) {
        expectNoData(await call(spec, OTHER_CITY[role]), CITY_MARKERS, what);
      } else if (!OWN_CITY_CREATIONS.has(label(spec))) {
        // A record of another city does not exist for the caller; a reference to one in a
        // body is an unknown reference (422) or, for an office, forbidden (403).
        const statuses = hasParams ? [404] : [403, 404, 422];
        expectDenied(await call(spec, OTHER_CITY[role]), statuses, CITY_MARKERS, what);
      }
    }
  }
});

test('another county’s operator never reaches or sees this county’s certifications and offices', async () => {
  for (const spec of routes.filter((s) => s.roles.includes('COUNTY_OPERATOR'))) {
    const what = `${label(spec)} as ${OTHER_COUNTY.name}`;
    const hasParams = spec.path.includes(':');
    if (spec.method === 'get' && !hasParams) {
      expectNoData(await call(spec, OTHER_COUNTY), COUNTY_MARKERS, what);
    } else if (hasParams && resourceOf(spec) !== 'city-record') {
      expectDenied(await call(spec, OTHER_COUNTY), [403, 404], COUNTY_MARKERS, what);
    } else if (label(spec) === 'POST /api/v1/certifications') {
      // Declaring another county's office.
      expectDenied(await call(spec, OTHER_COUNTY), [403], COUNTY_MARKERS, what);
    }
  }
});

test('an inspector sees no certification that is not assigned to them', async () => {
  for (const spec of routes.filter((s) => s.roles.includes('INSPECTOR'))) {
    const what = `${label(spec)} as unassigned inspector`;
    if (spec.method === 'get' && !spec.path.includes(':')) {
      expectNoData(await call(spec, OWN.INSPECTOR), COUNTY_MARKERS, what);
    } else if (resourceOf(spec) === 'certification') {
      expectDenied(await call(spec, OWN.INSPECTOR), [404], COUNTY_MARKERS, what);
    }
  }
});

test('no denied request changed anything', async () => {
  expect(await counts()).toEqual(before);
  const certification = await db.prisma.certification.findUniqueOrThrow({
    where: { id: CERTIFICATION_ID },
  });
  expect(certification).toMatchObject({ status: 'DECLARED', revision: 1 });
});
