// Idempotency under faults, on a real Temporal dev server: an action that was carried out but
// answered 503 (the response from Temporal was lost) is not carried out again by a retry with
// the same Idempotency-Key, a declaration retried after an unknown outcome answers with the same
// certification instead of 409, and a reservation left by an attempt that died is taken over
// once its lease has expired. The fault is injected where it happens in production: between
// the API and Temporal, after Temporal has applied the update.
import type { Express } from 'express';
import request from 'supertest';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import { Client } from '@temporalio/client';
import { createApp } from '../../api/app';
import { operationIdOf, requestFingerprint } from '../../platform/http/idempotency';
import { hashApiKey } from '../../modules/access/api-keys';
import { useWorkflowHarness } from '../support/harness';
import { declaration } from '../support/fixtures';

const h = useWorkflowHarness({ server: 'dev', name: 'idem-faults' });

const OPERATOR = 'dev-yuzhong-operator';
const REVIEWER = 'dev-city-reviewer';
const JIANGBEI = 'dev-jiangbei-operator';

/** A gRPC UNAVAILABLE as the client library raises it when the frontend goes away. */
function lostConnection(): Error {
  return Object.assign(new Error('14 UNAVAILABLE: connection to Temporal lost (injected)'), {
    code: 14,
    details: 'connection to Temporal lost (injected)',
    metadata: {},
  });
}

/** Lets every update reach Temporal and be applied, then loses its answer. */
const loseAnswers: WorkflowClientInterceptor = {
  async startUpdate(input, next) {
    await next(input);
    throw lostConnection();
  },
  async startUpdateWithStart(input, next) {
    await next(input);
    throw lostConnection();
  },
};

let app: Express;
let faulty: Express;

beforeAll(() => {
  const temporal = { client: h.env.client, taskQueue: h.taskQueue };
  app = createApp({ prisma: h.db.prisma, temporal });
  const lossy = new Client({
    connection: h.env.connection,
    namespace: h.env.namespace ?? 'default',
    interceptors: { workflow: [loseAnswers] },
  });
  faulty = createApp({ prisma: h.db.prisma, temporal: { client: lossy, taskQueue: h.taskQueue } });
});

function post(target: Express, path: string, key: string, body: object, credential: string) {
  return request(target)
    .post(path)
    .set('Authorization', `Bearer ${credential}`)
    .set('Idempotency-Key', key)
    .send(body);
}

async function timelineActions(id: string): Promise<string[]> {
  const events = await h.db.prisma.auditEvent.findMany({
    where: { certificationId: id, revision: { not: null } },
    orderBy: { revision: 'asc' },
  });
  return events.map((event) => event.action);
}

async function building(officeId: string, operator = OPERATOR): Promise<string> {
  const declared = await post(
    app,
    '/api/v1/certifications',
    `declare-${officeId}`,
    declaration(officeId),
    operator,
  );
  expect(declared.status).toBe(201);
  const id = declared.body.id as string;
  const approved = await post(
    app,
    `/api/v1/certifications/${id}/declaration-review`,
    `approve-${officeId}`,
    { decision: 'APPROVE', reason: '申报材料齐全' },
    REVIEWER,
  );
  expect(approved.status).toBe(200);
  return id;
}

test('an action applied but answered 503 is not applied again by a retry with the same key', async () => {
  const id = await building('office-jiefangbei');
  const evidence = { kind: 'DOCUMENT', title: '制度汇编' };
  const path = `/api/v1/certifications/${id}/evidence`;

  const lost = await post(faulty, path, 'evidence-1', evidence, OPERATOR);
  expect(lost.status).toBe(503);
  expect(lost.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(Number(lost.headers['retry-after'])).toBeGreaterThan(0);
  expect(lost.body).toMatchObject({ status: 503, dependency: 'temporal' });
  // Temporal did apply it: the answer was lost, not the action.
  expect(await timelineActions(id)).toEqual(['DECLARED', 'DECLARATION_APPROVED', 'EVIDENCE_ADDED']);

  const retried = await post(app, path, 'evidence-1', evidence, OPERATOR);
  expect(retried.status).toBe(200);
  expect(await timelineActions(id)).toEqual(['DECLARED', 'DECLARATION_APPROVED', 'EVIDENCE_ADDED']);
  // And that answer is now kept under the key.
  const replayed = await post(app, path, 'evidence-1', evidence, OPERATOR);
  expect(replayed.status).toBe(200);
  expect(replayed.headers['idempotent-replayed']).toBe('true');
  expect(await timelineActions(id)).toHaveLength(3);
});

test('a transition retried after an unknown outcome gets its first outcome, not a false 409', async () => {
  const id = await building('office-shangqingsi');
  const report = await post(
    app,
    `/api/v1/certifications/${id}/progress-reports`,
    'report-1',
    { period: '2023-Q1', summary: '进展' },
    OPERATOR,
  );
  expect(report.status).toBe(200);
  const evidence = await post(
    app,
    `/api/v1/certifications/${id}/evidence`,
    'evidence-for-verification',
    { kind: 'DOCUMENT', title: '制度汇编' },
    OPERATOR,
  );
  expect(evidence.status).toBe(200);
  const path = `/api/v1/certifications/${id}/verification-request`;
  const body = { selfAssessment: { summary: '自评合格' } };
  const lost = await post(faulty, path, 'verify-1', body, OPERATOR);
  expect(lost.status).toBe(503);
  const retried = await post(app, path, 'verify-1', body, OPERATOR);
  expect(retried.status).toBe(200);
  expect(retried.body.status).toBe('VERIFYING');
  expect(await timelineActions(id)).toEqual([
    'DECLARED',
    'DECLARATION_APPROVED',
    'PROGRESS_REPORTED',
    'EVIDENCE_ADDED',
    'VERIFICATION_REQUESTED',
  ]);
});

test('a declaration retried after an unknown outcome answers with the same certification', async () => {
  const body = declaration('office-chaotianmen');
  const lost = await post(faulty, '/api/v1/certifications', 'declare-lost', body, OPERATOR);
  expect(lost.status).toBe(503);

  const retried = await post(app, '/api/v1/certifications', 'declare-lost', body, OPERATOR);
  expect(retried.status).toBe(201);
  const rows = await h.db.prisma.certification.findMany({
    where: { officeId: 'office-chaotianmen' },
  });
  expect(rows.map((row) => row.id)).toEqual([retried.body.id]);
  expect(await timelineActions(retried.body.id as string)).toEqual(['DECLARED']);
});

test('a key left reserved by an attempt that died is taken over once its lease expires', async () => {
  const id = await building('office-guanyinqiao', JIANGBEI);
  const path = `/api/v1/certifications/${id}/evidence`;
  const evidence = { kind: 'PHOTO', title: '调解室照片' };
  const key = await h.db.prisma.apiKey.findFirstOrThrow({
    where: { keyHash: hashApiKey(JIANGBEI) },
  });
  // What an attempt leaves when its process dies, or when the database is down on its
  // failure path: a reservation without a response.
  const reservation = {
    principalId: key.id,
    key: 'evidence-orphan',
    method: 'POST',
    path,
    requestHash: requestFingerprint('POST', path, evidence),
  };
  await h.db.prisma.idempotencyRecord.create({
    data: { ...reservation, leaseExpiresAt: new Date(Date.now() + 60_000) },
  });
  const held = await post(app, path, 'evidence-orphan', evidence, JIANGBEI);
  expect(held.status).toBe(409);
  expect(Number(held.headers['retry-after'])).toBeGreaterThan(0);
  expect(Number(held.headers['retry-after'])).toBeLessThanOrEqual(60);

  await h.db.prisma.idempotencyRecord.update({
    where: { principalId_key: { principalId: key.id, key: 'evidence-orphan' } },
    data: { leaseExpiresAt: new Date(Date.now() - 1000) },
  });
  const taken = await post(app, path, 'evidence-orphan', evidence, JIANGBEI);
  expect(taken.status).toBe(200);
  expect(await timelineActions(id)).toEqual(['DECLARED', 'DECLARATION_APPROVED', 'EVIDENCE_ADDED']);
  expect(operationIdOf(key.id, 'evidence-orphan')).toMatch(/^idem-[0-9a-f]{40}$/);
});
