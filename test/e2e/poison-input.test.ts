// Poison input end to end, against a real Temporal dev server, worker and database: a NUL in
// a declaration or in an action's reason is refused with 400 naming the field, promptly, and
// the certification goes on as if it had never been sent (the office can declare, the next
// actions are answered, reconcile finds the projection in step with the workflow). Before the
// edge refused it, the workflow accepted such text, its projection failed on every retry and
// the certification froze. Every request here has a deadline so a freeze fails the test.
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../api/app';
import { useWorkflowHarness } from '../support/harness';
import { declaration } from '../support/fixtures';

const DEADLINE = { response: 20_000, deadline: 25_000 };
const NUL = '\u0000';
const OPERATOR = 'Bearer dev-yuzhong-operator';
const REVIEWER = 'Bearer dev-city-reviewer';

let app: Express;
const h = useWorkflowHarness({ server: 'dev', name: 'poison', expectCertifications: true });

beforeAll(() => {
  app = createApp({
    prisma: h.db.prisma,
    temporal: { client: h.env.client, taskQueue: h.taskQueue },
  });
});

function post(path: string, key: string, body: object) {
  return request(app).post(path).set('Authorization', key).timeout(DEADLINE).send(body);
}

function expectNamed(response: request.Response, field: string) {
  expect(response.status).toBe(400);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body.errors).toEqual([
    { field, message: 'must not contain a NUL character (U+0000)' },
  ]);
}

test('a NUL in a declaration or a reason is a 400, and the certification keeps working', async () => {
  const valid = declaration('office-jiefangbei');
  expectNamed(
    await post('/api/v1/certifications', OPERATOR, {
      ...valid,
      plan: { ...valid.plan, summary: `创建方案${NUL}` },
    }),
    'plan.summary',
  );
  // Nothing was started: the office declares at once, with no "already has a live one".
  expect(await h.db.prisma.certification.count()).toBe(0);
  const declared = await post('/api/v1/certifications', OPERATOR, valid);
  expect(declared.status).toBe(201);
  const id = declared.body.id as string;

  expectNamed(
    await post(`/api/v1/certifications/${id}/declaration-review`, REVIEWER, {
      decision: 'APPROVE',
      reason: `同意${NUL}`,
    }),
    'reason',
  );
  const approved = await post(`/api/v1/certifications/${id}/declaration-review`, REVIEWER, {
    decision: 'APPROVE',
    reason: '同意',
  });
  expect(approved.status).toBe(200);
  expect(approved.body.status).toBe('BUILDING');

  expectNamed(
    await post(`/api/v1/certifications/${id}/progress-reports`, OPERATOR, {
      period: '2023-Q1',
      summary: `进展${NUL}`,
    }),
    'summary',
  );
  const reported = await post(`/api/v1/certifications/${id}/progress-reports`, OPERATOR, {
    period: '2023-Q1',
    summary: '进展顺利',
  });
  expect(reported.status).toBe(200);

  const read = await request(app)
    .get(`/api/v1/certifications/${id}`)
    .set('Authorization', OPERATOR)
    .timeout(DEADLINE);
  expect(read.status).toBe(200);
  expect(read.body.status).toBe('BUILDING');
  const audit = await h.db.prisma.auditEvent.findMany({
    where: { certificationId: id },
    orderBy: { revision: 'asc' },
  });
  expect(audit.map((event) => event.action)).toEqual([
    'DECLARED',
    'DECLARATION_APPROVED',
    'PROGRESS_REPORTED',
  ]);
  expect(JSON.stringify(audit)).not.toContain('\\u0000');
});
