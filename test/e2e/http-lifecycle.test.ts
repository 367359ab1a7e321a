// The first slice and the full happy path, end to end over HTTP: a real Temporal dev
// server, a real database (PGlite or PostgreSQL) and the Express app.
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../api/app';
import { useWorkflowHarness } from '../support/harness';
import { FENGQIAO_OFFICE_V1 } from '../../modules/criteria/rules/criteria-sets';
import { inspectionAt } from '../support/criteria-fixtures';
import { declaration } from '../support/fixtures';

let app: Express;
const h = useWorkflowHarness({ server: 'dev', name: 'http' });
const { taskQueue } = h;

beforeAll(() => {
  app = createApp({
    prisma: h.db.prisma,
    temporal: { client: h.env.client, taskQueue },
    contract: 'enforce',
  });
});

const KEYS = {
  yuzhong: 'Bearer dev-yuzhong-operator',
  jiangbei: 'Bearer dev-jiangbei-operator',
  reviewer: 'Bearer dev-city-reviewer',
  inspector: 'Bearer dev-inspector',
  leshan: 'Bearer dev-leshan-reviewer',
};

async function declare(officeId: string) {
  const response = await request(app)
    .post('/api/v1/certifications')
    .set('Authorization', KEYS.yuzhong)
    .send(declaration(officeId));
  return response;
}

function act(id: string, path: string, key: string, body: object) {
  return request(app)
    .post(`/api/v1/certifications/${id}/${path}`)
    .set('Authorization', key)
    .send(body);
}

test('health reports the database and Temporal as ok', async () => {
  const response = await request(app).get('/healthz');
  expect(response.status).toBe(200);
  expect(response.body).toEqual({ status: 'ok', database: 'ok', temporal: 'ok' });
});

function inbox(key: string, query = '') {
  return request(app).get(`/api/v1/tasks${query}`).set('Authorization', key);
}

const subjects = (body: unknown) =>
  (body as { items: { kind: string; subject: { id: string } }[] }).items.map((task) => [
    task.kind,
    task.subject.id,
  ]);

test('a county declares, the city approves, and the database shows BUILDING with its audit trail', async () => {
  const declared = await declare('office-jiefangbei');
  expect(declared.status).toBe(201);
  expect(declared.body.status).toBe('DECLARED');
  const id = declared.body.id as string;
  expect(declared.headers.location).toBe(`/api/v1/certifications/${id}`);

  // The reviewer's inbox now holds the review, due within the campaign's review period; the
  // county owes nothing on it, and another city sees nothing.
  const reviewerInbox = await inbox(KEYS.reviewer, '?kind=REVIEW_DECLARATION');
  expect(reviewerInbox.status).toBe(200);
  expect(subjects(reviewerInbox.body)).toContainEqual(['REVIEW_DECLARATION', id]);
  expect(reviewerInbox.body.items[0]).toMatchObject({ overdue: false, dueAt: expect.any(String) });
  expect(subjects((await inbox(KEYS.yuzhong)).body)).not.toContainEqual(
    expect.arrayContaining([id]),
  );
  expect(subjects((await inbox(KEYS.leshan)).body)).toEqual([]);
  const nothingDueYet = await inbox(KEYS.reviewer, '?dueBefore=2000-01-01T00:00:00Z');
  expect(nothingDueYet.body.items).toEqual([]);

  const approved = await act(id, 'declaration-review', KEYS.reviewer, {
    decision: 'APPROVE',
    reason: '申报材料齐全',
  }).set('X-Request-Id', 'req-approve-1');
  expect(approved.status).toBe(200);
  expect(approved.body.status).toBe('BUILDING');
  expect(subjects((await inbox(KEYS.yuzhong)).body)).toContainEqual([
    'BUILD_AND_REQUEST_VERIFICATION',
    id,
  ]);
  expect(subjects((await inbox(KEYS.reviewer)).body)).not.toContainEqual(
    expect.arrayContaining([id]),
  );

  const row = await h.db.prisma.certification.findUniqueOrThrow({ where: { id } });
  expect(row.status).toBe('BUILDING');
  const audit = await h.db.prisma.auditEvent.findMany({
    where: { certificationId: id },
    orderBy: { revision: 'asc' },
  });
  expect(audit.map((e) => [e.action, e.actorRole, e.toStatus])).toEqual([
    ['DECLARED', 'COUNTY_OPERATOR', 'DECLARED'],
    ['DECLARATION_APPROVED', 'CITY_REVIEWER', 'BUILDING'],
  ]);
  expect(audit[1]).toMatchObject({ reason: '申报材料齐全', requestId: 'req-approve-1' });

  const read = await request(app)
    .get(`/api/v1/certifications/${id}`)
    .set('Authorization', KEYS.yuzhong);
  expect(read.status).toBe(200);
  expect(read.body.timeline).toHaveLength(2);
});

test('a second declaration for an office with a live certification answers 409', async () => {
  const first = await declare('office-chaotianmen');
  expect(first.status).toBe(201);
  const second = await declare('office-chaotianmen');
  expect(second.status).toBe(409);
  expect(second.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(second.body.detail).toContain(first.body.id);
  const rows = await h.db.prisma.certification.count({ where: { officeId: 'office-chaotianmen' } });
  expect(rows).toBe(1);
});

test('an invalid transition answers 409 problem+json with the reason', async () => {
  const declared = await declare('office-shangqingsi');
  const id = declared.body.id as string;
  const response = await act(id, 'verification-request', KEYS.yuzhong, {
    selfAssessment: { summary: '自评合格' },
  });
  expect(response.status).toBe(409);
  expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(response.body).toMatchObject({ status: 409, title: 'Conflict' });
  expect(response.body.detail).toMatch(/DECLARED/);
  expect(response.body.requestId).toEqual(expect.any(String));
});

test('a malformed body answers 400 problem+json naming the field', async () => {
  const response = await request(app)
    .post('/api/v1/certifications')
    .set('Authorization', KEYS.yuzhong)
    .send({ ...declaration('office-jiefangbei'), contact: { name: '张三', phone: 'call me' } });
  expect(response.status).toBe(400);
  expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(response.body.errors).toEqual([
    { field: 'contact.phone', message: 'must be a phone number' },
  ]);

  const broken = await request(app)
    .post('/api/v1/certifications')
    .set('Authorization', KEYS.yuzhong)
    .set('Content-Type', 'application/json')
    .send('{"officeId": ');
  expect(broken.status).toBe(400);
  expect(broken.body.errors).toEqual([{ field: 'body', message: 'malformed JSON' }]);
});

test('no credentials answer 401 and a wrong key answers 401', async () => {
  const none = await request(app)
    .post('/api/v1/certifications')
    .send(declaration('office-jiefangbei'));
  expect(none.status).toBe(401);
  expect(none.headers['content-type']).toMatch(/application\/problem\+json/);
  const wrong = await request(app)
    .get('/api/v1/certifications')
    .set('Authorization', 'Bearer nope');
  expect(wrong.status).toBe(401);
});

test('another county answers 403 and another city cannot see the certification at all', async () => {
  // office-jiefangbei (渝中区) has a live certification from the first test.
  const { id } = await h.db.prisma.certification.findFirstOrThrow({
    where: { officeId: 'office-jiefangbei' },
  });
  const otherCounty = await request(app)
    .get(`/api/v1/certifications/${id}`)
    .set('Authorization', KEYS.jiangbei);
  expect(otherCounty.status).toBe(403);
  const otherCountyAction = await act(id, 'withdrawal', KEYS.jiangbei, { reason: '撤回' });
  expect(otherCountyAction.status).toBe(403);
  const otherCity = await request(app)
    .get(`/api/v1/certifications/${id}`)
    .set('Authorization', KEYS.leshan);
  expect(otherCity.status).toBe(404);
  const declareOtherCounty = await request(app)
    .post('/api/v1/certifications')
    .set('Authorization', KEYS.jiangbei)
    .send(declaration('office-chaotianmen'));
  expect(declareOtherCounty.status).toBe(403);
});

test('a role that may not act answers 403 before reaching the workflow', async () => {
  const row = await h.db.prisma.certification.findFirstOrThrow({
    where: { officeId: 'office-shangqingsi' },
  });
  const response = await act(row.id, 'declaration-review', KEYS.inspector, {
    decision: 'APPROVE',
    reason: 'ok',
  });
  expect(response.status).toBe(403);
  const audit = await h.db.prisma.auditEvent.count({ where: { certificationId: row.id } });
  expect(audit).toBe(1);
});

test('a certification goes from declaration to CERTIFIED through HTTP only', async () => {
  const declared = await request(app)
    .post('/api/v1/certifications')
    .set('Authorization', 'Bearer dev-jiangbei-operator')
    .send(declaration('office-yuzui'));
  expect(declared.status).toBe(201);
  const id = declared.body.id as string;
  const jiangbei = KEYS.jiangbei;
  const steps: [string, string, object][] = [
    ['declaration-review', KEYS.reviewer, { decision: 'APPROVE', reason: '同意创建' }],
    ['progress-reports', jiangbei, { period: '2023Q1', summary: '完成阵地建设' }],
    ['evidence', jiangbei, { kind: 'PHOTO', title: '调解室照片' }],
    ['verification-request', jiangbei, { selfAssessment: { summary: '自评达标' } }],
    // Scored against the campaign's pinned Fengqiao-style set and yuzui's office profile.
    ['inspection', KEYS.inspector, { ...inspectionAt(FENGQIAO_OFFICE_V1, 0.9), findings: '良好' }],
    ['document-review', KEYS.reviewer, { passed: true, findings: '资料完整' }],
    ['local-opinion', jiangbei, { authority: '鱼嘴镇党委', supportive: true, summary: '同意' }],
    ['decision', KEYS.reviewer, {}],
  ];
  let last = declared;
  for (const [path, key, body] of steps) {
    if (path === 'inspection') {
      // An inspector sees only what the city assigned to them.
      const unassigned = await act(id, path, key, body);
      expect(unassigned.status).toBe(404);
      const assigned = await act(id, 'inspectors', KEYS.reviewer, {
        inspectorId: 'apikey-dev-inspector',
      });
      expect(assigned.status).toBe(201);
    }
    last = await act(id, path, key, body);
    expect([path, last.status]).toEqual([path, 200]);
  }
  expect(last.body.status).toBe('CERTIFIED');
  expect(last.body.inspectors).toEqual([
    expect.objectContaining({ inspectorId: 'apikey-dev-inspector' }),
  ]);
  expect(last.body.certificateNumber).toMatch(/^CQ-FQ-\d{4}-0001$/);
  expect(last.body.nextDue.kind).toBe('RECHECK_OPENS');
  const timeline = last.body.timeline as { action: string }[];
  expect(timeline.map((e) => e.action)).toEqual([
    'DECLARED',
    'DECLARATION_APPROVED',
    'PROGRESS_REPORTED',
    'EVIDENCE_ADDED',
    'VERIFICATION_REQUESTED',
    'INSPECTION_RECORDED',
    'DOCUMENT_REVIEW_RECORDED',
    'LOCAL_OPINION_RECORDED',
    'CERTIFIED',
  ]);

  // Named, it owes nothing until a check opens; a spot check puts it back in the inbox.
  expect(subjects((await inbox(KEYS.reviewer)).body)).not.toContainEqual(
    expect.arrayContaining([id]),
  );
  expect((await act(id, 'spot-checks', KEYS.reviewer, { reason: '随机抽查' })).status).toBe(200);
  expect(subjects((await inbox(KEYS.inspector)).body)).toContainEqual(['RECORD_INSPECTION', id]);
});

test('search attributes let the Temporal CLI and UI list certifications by status and county', async () => {
  const listed: string[] = [];
  const query = "CertificationStatus = 'CERTIFIED' AND CountyId = 'county-jiangbei'";
  // Visibility is eventually consistent on the dev server: poll until the listing shows it.
  const deadline = Date.now() + 20_000;
  while (listed.length === 0 && Date.now() < deadline) {
    for await (const info of h.env.client.workflow.list({ query })) listed.push(info.workflowId);
  }
  expect(listed).toEqual(['certification-office-office-yuzui']);
});

test('reconcile finds no mismatch, then reports a tampered projection; only a city admin may run it', async () => {
  const reviewer = await request(app)
    .get('/api/v1/admin/reconcile')
    .set('Authorization', KEYS.reviewer);
  expect(reviewer.status).toBe(403);

  const clean = await request(app)
    .get('/api/v1/admin/reconcile')
    .set('Authorization', 'Bearer dev-city-admin');
  expect(clean.status).toBe(200);
  expect(clean.body.mismatches).toEqual([]);
  expect(clean.body.checked).toBeGreaterThanOrEqual(4);

  const row = await h.db.prisma.certification.findFirstOrThrow({
    where: { officeId: 'office-yuzui' },
  });
  await h.db.prisma.certification.update({ where: { id: row.id }, data: { status: 'REVOKED' } });
  const tampered = await request(app)
    .get('/api/v1/admin/reconcile')
    .set('Authorization', 'Bearer dev-city-admin');
  expect(tampered.body.mismatches).toEqual([
    expect.objectContaining({
      certificationId: row.id,
      field: 'status',
      workflow: 'CERTIFIED',
      database: 'REVOKED',
    }),
  ]);
  await h.db.prisma.certification.update({ where: { id: row.id }, data: { status: 'CERTIFIED' } });
});

test('the public registry lists named offices without a key and carries no personal data', async () => {
  const response = await request(app).get('/api/v1/registry');
  expect(response.status).toBe(200);
  const named = response.body.named as { office: string; certificateNumber: string }[];
  expect(named).toEqual([
    expect.objectContaining({
      office: '鱼嘴镇司法所',
      county: '江北区',
      city: '重庆市',
      certificateNumber: expect.stringMatching(/^CQ-FQ-\d{4}-0001$/),
      certifiedAt: expect.any(String),
      exemplary: false,
    }),
  ]);
  expect(response.body.revoked).toEqual([]);
  expect(JSON.stringify(response.body)).not.toMatch(/张三|023-63000000|phone|contact/);
  const filtered = await request(app).get('/api/v1/registry?countyId=county-yuzhong');
  expect(filtered.body.named).toEqual([]);
  const stillClosed = await request(app).get('/api/v1/certifications');
  expect(stillClosed.status).toBe(401);
  const openApi = await request(app).get('/openapi.json');
  expect(openApi.body.paths['/api/v1/registry'].get.security).toEqual([]);
});
