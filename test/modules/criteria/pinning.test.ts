// Criteria over HTTP on a real Temporal dev server: an inspection is validated against the
// version the certification pinned (400 naming each item), carries the office profile in
// effect on its date, and a certification pinned to an old version is decided by it after a
// newer version is published.
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../../api/app';
import { DEMO } from '../../../modules/demo/seed';
import type { CriteriaSet } from '../../../modules/criteria/rules/criteria';
import { FENGQIAO_OFFICE_V1 } from '../../../modules/criteria/rules/criteria-sets';
import { goodProfile, inspectionAt } from '../../support/criteria-fixtures';
import { useWorkflowHarness } from '../../support/harness';
import { declaration } from '../../support/fixtures';

let app: Express;
const h = useWorkflowHarness({ server: 'dev', name: 'criteria' });
const { taskQueue } = h;

const KEYS = {
  yuzhong: 'Bearer dev-yuzhong-operator',
  jiangbei: 'Bearer dev-jiangbei-operator',
  reviewer: 'Bearer dev-city-reviewer',
  inspector: 'Bearer dev-inspector',
  admin: 'Bearer dev-city-admin',
};

beforeAll(() => {
  app = createApp({
    prisma: h.db.prisma,
    temporal: { client: h.env.client, taskQueue },
    contract: 'enforce',
  });
});

function act(id: string, path: string, key: string, body: object) {
  return request(app)
    .post(`/api/v1/certifications/${id}/${path}`)
    .set('Authorization', key)
    .send(body);
}

/** Declares an office and brings it to VERIFYING; returns the certification id. */
async function verifying(officeId: string, county: string): Promise<string> {
  const declared = await request(app)
    .post('/api/v1/certifications')
    .set('Authorization', county)
    .send(declaration(officeId));
  expect(declared.status).toBe(201);
  const id = declared.body.id as string;
  const steps: [string, string, object][] = [
    ['declaration-review', KEYS.reviewer, { decision: 'APPROVE', reason: '同意创建' }],
    ['progress-reports', county, { period: '2024Q1', summary: '完成阵地建设' }],
    ['evidence', county, { kind: 'DOCUMENT', title: '创建方案' }],
    ['verification-request', county, { selfAssessment: { summary: '自评达标' } }],
  ];
  for (const [path, key, body] of steps) {
    expect([path, (await act(id, path, key, body)).status]).toEqual([path, 200]);
  }
  const assigned = await act(id, 'inspectors', KEYS.reviewer, {
    inspectorId: 'apikey-dev-inspector',
  });
  expect(assigned.status).toBe(201);
  return id;
}

async function documentsAndOpinionThenDecide(id: string, county: string) {
  expect(
    (await act(id, 'document-review', KEYS.reviewer, { passed: true, findings: '' })).status,
  ).toBe(200);
  expect(
    (
      await act(id, 'local-opinion', county, {
        authority: '街道党工委',
        supportive: true,
        summary: '同意',
      })
    ).status,
  ).toBe(200);
  return act(id, 'decision', KEYS.reviewer, {});
}

test('a declaration pins the campaign’s criteria version', async () => {
  const id = await verifying('office-chaotianmen', KEYS.yuzhong);
  const row = await h.db.prisma.certification.findUniqueOrThrow({ where: { id } });
  expect((row.state as { criteria: CriteriaSet }).criteria).toEqual(FENGQIAO_OFFICE_V1);
});

test('inspection scores that do not fit the pinned version answer 400 naming each item', async () => {
  const { id } = await h.db.prisma.certification.findFirstOrThrow({
    where: { officeId: 'office-chaotianmen' },
  });
  const good = inspectionAt(FENGQIAO_OFFICE_V1, 0.9);
  const response = await act(id, 'inspection', KEYS.inspector, {
    scores: { ...good.scores, LIBRARY: 3, FEATURE_BRAND: 13, PARTY: 20 },
    triggeredVetoes: ['VETO_FLOOD'],
    mandatory: { PARTY_BRANCH: true },
    findings: '',
  });
  expect(response.status).toBe(400);
  expect(response.body.detail).toBe(
    "the inspection does not fit the certification's criteria (fengqiao-office version 1)",
  );
  expect(response.body.errors).toEqual([
    { field: 'scores.FEATURE_BRAND', message: '13 is above the maximum of 12' },
    { field: 'scores.LIBRARY', message: 'not a scored item' },
    { field: 'scores.PARTY', message: 'not a scored item' },
    { field: 'triggeredVetoes', message: 'VETO_FLOOD is not a veto item' },
    {
      field: 'mandatory.PARTY_BRANCH',
      message: 'is checked automatically from the office profile',
    },
    { field: 'mandatory.SIX_POINTS', message: 'missing' },
  ]);
  const audit = await h.db.prisma.auditEvent.count({
    where: { certificationId: id, action: 'INSPECTION_RECORDED' },
  });
  expect(audit).toBe(0);
});

test('an inspection dated before any office profile answers 422; a future date answers 400', async () => {
  const { id } = await h.db.prisma.certification.findFirstOrThrow({
    where: { officeId: 'office-chaotianmen' },
  });
  const body = { ...inspectionAt(FENGQIAO_OFFICE_V1, 0.9), findings: '' };
  const early = await act(id, 'inspection', KEYS.inspector, { ...body, inspectedOn: '2021-06-01' });
  expect(early.status).toBe(422);
  expect(early.body.errors).toEqual([
    { field: 'inspectedOn', message: 'no office profile in effect on 2021-06-01' },
  ]);
  const future = await act(id, 'inspection', KEYS.inspector, {
    ...body,
    inspectedOn: '2999-01-01',
  });
  expect(future.status).toBe(400);
});

test('the inspection carries the profile in effect on its date, and the decision is computed from it', async () => {
  const { id } = await h.db.prisma.certification.findFirstOrThrow({
    where: { officeId: 'office-chaotianmen' },
  });
  // A later profile (a lost-supervision case) must not affect an inspection dated before it.
  const later = await request(app)
    .post('/api/v1/offices/office-chaotianmen/profiles')
    .set('Authorization', KEYS.yuzhong)
    .send({
      effectiveFrom: '2025-01-01',
      values: goodProfile({ communityCorrection: { supervised: 12, lostSupervision: 1 } }),
    });
  expect(later.status).toBe(201);
  const inspected = await act(id, 'inspection', KEYS.inspector, {
    ...inspectionAt(FENGQIAO_OFFICE_V1, 0.9),
    findings: '良好',
    inspectedOn: '2024-06-01',
  });
  expect(inspected.status).toBe(200);
  expect(inspected.body.state.openCheck.inspection).toMatchObject({
    inspectedOn: '2024-06-01',
    officeProfile: {
      recordId: 'profile-office-chaotianmen-2022',
      asOf: '2024-06-01',
      effectiveFrom: '2022-01-01',
      values: { premisesAreaM2: 130, communityCorrection: { lostSupervision: 0 } },
    },
  });
  const decided = await documentsAndOpinionThenDecide(id, KEYS.yuzhong);
  expect(decided.status).toBe(200);
  expect(decided.body.status).toBe('CERTIFIED');
  const decision = decided.body.state.lastDecision.decision;
  expect(decision).toMatchObject({ total: 90, passed: true, unmetMandatory: [] });
  expect(decision.autoChecks).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        item: 'NO_LOST_SUPERVISION',
        status: 'MET',
        requirements: [expect.objectContaining({ measured: 0, required: 0 })],
      }),
      expect.objectContaining({
        item: 'LEGAL_QUALIFIED_STAFF',
        requirements: [expect.objectContaining({ measured: 1, required: 1 })],
      }),
    ]),
  );
});

test('a certification pinned to an old version is decided by it after a new version is published', async () => {
  const { version: _v, ...base } = structuredClone(FENGQIAO_OFFICE_V1);
  const publish = (passThreshold: number) =>
    request(app)
      .post('/api/v1/criteria-sets')
      .set('Authorization', KEYS.admin)
      .send({ ...base, code: 'cq-pilot', passThreshold });
  const useVersion = (id: string) =>
    h.db.prisma.campaign.update({
      where: { id: DEMO.campaignId },
      data: { criteriaVersionId: id },
    });

  expect((await publish(60)).status).toBe(201);
  await useVersion('cq-pilot@1');
  const pinnedToOld = await verifying('office-shangqingsi', KEYS.yuzhong);

  expect((await publish(95)).status).toBe(201);
  await useVersion('cq-pilot@2');
  const pinnedToNew = await verifying('office-guanyinqiao', KEYS.jiangbei);

  // The same inspection for both: 69 points (70% of each item, to the half point).
  const inspection = { ...inspectionAt(FENGQIAO_OFFICE_V1, 0.7), findings: '' };
  for (const id of [pinnedToOld, pinnedToNew]) {
    expect((await act(id, 'inspection', KEYS.inspector, inspection)).status).toBe(200);
  }
  const old = await documentsAndOpinionThenDecide(pinnedToOld, KEYS.yuzhong);
  expect(old.body.status).toBe('CERTIFIED');
  expect(old.body.state.lastDecision.decision).toMatchObject({
    criteria: { code: 'cq-pilot', version: 1 },
    total: 69,
    passThreshold: 60,
    passed: true,
  });
  const recent = await documentsAndOpinionThenDecide(pinnedToNew, KEYS.jiangbei);
  expect(recent.body.status).toBe('BUILDING');
  expect(recent.body.state.lastDecision.decision).toMatchObject({
    criteria: { code: 'cq-pilot', version: 2 },
    passThreshold: 95,
    passed: false,
    reasons: [{ zh: '总分 69 低于合格线 95', en: 'Total 69 is below the pass threshold of 95' }],
  });
  await useVersion('fengqiao-office@1');
});
