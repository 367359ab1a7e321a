// Campaigns as a city runs them, on the time-skipping server through the HTTP API and real
// SMTP: a four-phase campaign (seed 002: 调查摸底 → 动员部署 → 组织实施 → 总结提升) creates
// each phase's duties on its date, reminds, marks overdue and assesses at the end; a planned
// campaign is edited and its workflow follows the new plan; a duplicate name is refused; an
// active campaign is closed early (assessment as at closing, what is owed missed) or
// cancelled (nothing owed any more, the counties told); a campaign whose workflow is gone
// can still be cancelled.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { Express } from 'express';
import request from 'supertest';
import { createActivities } from '../../../activities';
import { createApp } from '../../../api/app';
import {
  DEMO,
  DEMO_CAMPAIGN_CONFIG,
  DEMO_RECIPIENTS,
  seedDemoData,
  seedDemoRecipients,
} from '../../../modules/demo/seed';
import type { CampaignAssessment } from '../../../modules/campaign/rules/campaign';
import { dutyId } from '../../../modules/campaign/rules/campaign';
import type { MailCapture } from '../../../platform/mail/mail-capture';
import { startMailCapture } from '../../../platform/mail/mail-capture';
import type { Mailer } from '../../../platform/mail/mailer';
import { createSmtpMailer } from '../../../platform/mail/mailer';
import type { CampaignWorkflowResult } from '../../../modules/campaign/workflow';
import { campaignStateQuery, campaignWorkflowId } from '../../../modules/campaign/messages';
import type { TestDatabase } from '../../support/database';
import { createTestDatabase } from '../../support/database';
import { CONFIG } from '../../support/fixtures';
import { createTestWorker, startTimeSkippingServer, uniqueTaskQueue } from '../../support/temporal';

let env: TestWorkflowEnvironment;
let db: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let capture: MailCapture;
let mailer: Mailer;
let app: Express;
const taskQueue = uniqueTaskQueue('campaign-control');

const YZ = DEMO.counties.yuzhong;
const JB = DEMO.counties.jiangbei;
const ADMIN = 'Bearer dev-city-admin';
const REVIEWER = 'Bearer dev-city-reviewer';
const YZ_OPERATOR = 'Bearer dev-yuzhong-operator';

beforeAll(async () => {
  const mailDir = mkdtempSync(path.join(os.tmpdir(), 'fq-campaign-control-mail-'));
  [env, db, capture] = await Promise.all([
    startTimeSkippingServer(),
    createTestDatabase(),
    startMailCapture({ dir: mailDir }),
  ]);
  await seedDemoData(db.prisma);
  await seedDemoRecipients(db.prisma);
  mailer = createSmtpMailer(capture.url, '枫桥式司法所认定系统 <noreply@fengqiao.local>');
  worker = await createTestWorker(
    env,
    db.prisma,
    taskQueue,
    createActivities({ prisma: db.prisma, mailer }),
  );
  running = worker.run();
  app = createApp({ prisma: db.prisma, temporal: { client: env.client, taskQueue } });
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  mailer?.close();
  await capture?.stop();
  await env?.teardown();
  await db?.close();
});

const email = (id: string) => DEMO_RECIPIENTS.find((r) => r.id === id)?.email ?? '';

async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | null | false>,
): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function mailTo(address: string, subjectPart: string) {
  return (await capture.list()).filter(
    (m) => m.to.includes(address) && (m.subject ?? '').includes(subjectPart),
  );
}

async function advanceTo(instant: string): Promise<void> {
  const target = Date.parse(instant);
  const now = await env.currentTimeMs();
  if (target > now) await env.sleep(target - now);
}

/** The first year wholly ahead of the server's clock. */
async function nextYear(): Promise<number> {
  return new Date((await env.currentTimeMs()) + 8 * 3_600_000).getUTCFullYear() + 1;
}

/** A one-year campaign of seed 002's four phases, with one report due in each. */
function fourPhases(year: number, name: string) {
  return {
    name,
    startYear: year,
    endYear: year,
    startsOn: `${year}-01-01`,
    endsOn: `${year}-12-31`,
    phases: [
      {
        kind: 'SURVEY',
        startsOn: `${year}-01-01`,
        endsOn: `${year}-01-31`,
        duties: [{ kind: 'BASELINE_SURVEY', schedule: { every: 'ONCE', dueOn: `${year}-01-31` } }],
      },
      {
        kind: 'MOBILISATION',
        startsOn: `${year}-02-01`,
        endsOn: `${year}-03-31`,
        duties: [
          { kind: 'IMPLEMENTATION_PLAN', schedule: { every: 'ONCE', dueOn: `${year}-03-15` } },
        ],
      },
      {
        kind: 'IMPLEMENTATION',
        startsOn: `${year}-04-01`,
        endsOn: `${year}-09-30`,
        duties: [
          { kind: 'QUARTERLY_PROGRESS', schedule: { every: 'QUARTER', daysAfterQuarterEnd: 10 } },
        ],
      },
      {
        kind: 'SUMMARY',
        name: '总结提升',
        nameEn: 'summary and improvement',
        startsOn: `${year}-10-01`,
        endsOn: `${year}-12-31`,
        duties: [{ kind: 'SUMMARY_REPORT', schedule: { every: 'ONCE', dueOn: `${year}-10-15` } }],
      },
    ],
    reminderOffsets: ['3d'],
    criteriaVersionId: 'fengqiao-office@1',
    config: CONFIG,
    targets: { city: { share: 0.1 } },
  };
}

const create = (body: object) =>
  request(app).post('/api/v1/campaigns').set('Authorization', ADMIN).send(body);
const idOf = (body: unknown) => (body as { id: string }).id;
const handleOf = (campaignId: string) =>
  env.client.workflow.getHandle(campaignWorkflowId(campaignId));
const dutyCount = (campaignId: string, where: object = {}) =>
  db.prisma.campaignReportDuty.count({ where: { campaignId, ...where } });

test('a four-phase campaign creates each phase’s duties, reminds, chases and assesses', async () => {
  const Y = await nextYear();
  const created = await create(fourPhases(Y, `${Y}年社区矫正大帮教改革试点`));
  expect(created.status).toBe(201);
  const campaignId = idOf(created.body);
  expect(
    (created.body as { phases: { kind: string; name: string }[] }).phases.map((p) => p.name),
  ).toEqual(['调查摸底', '动员部署', '组织实施', '总结提升']);
  const submit = async (kind: string, period: string) => {
    const submitted = await request(app)
      .post(`/api/v1/campaigns/${campaignId}/reports`)
      .set('Authorization', YZ_OPERATOR)
      .send({ dutyId: dutyId(campaignId, YZ, kind, period), content: { summary: '按时报送' } });
    expect(submitted.status).toBe(201);
    const reviewed = await request(app)
      .post(`/api/v1/campaigns/${campaignId}/reports/${idOf(submitted.body)}/review`)
      .set('Authorization', REVIEWER)
      .send({ decision: 'ACCEPT' });
    expect(reviewed.status).toBe(200);
  };
  const jbOperator = email('rcpt-jb-operator');

  // 调查摸底: both counties owe the survey; Yuzhong files it, Jiangbei is reminded, then overdue.
  await advanceTo(`${Y}-01-01T00:00:01+08:00`);
  await eventually('survey duties', async () => (await dutyCount(campaignId)) === 2);
  await eventually('the survey notice', async () => (await mailTo(jbOperator, '调查摸底')).length);
  await submit('BASELINE_SURVEY', `${Y}-01-31`);
  await advanceTo(`${Y}-01-29T00:00:01+08:00`);
  await eventually('the reminder', async () => (await mailTo(jbOperator, '报送提醒')).length);
  expect(await mailTo(email('rcpt-yz-operator'), '报送提醒')).toHaveLength(0);
  await advanceTo(`${Y}-02-01T00:00:01+08:00`);
  await eventually(
    'the survey overdue',
    async () =>
      (await dutyCount(campaignId, {
        countyId: JB,
        kind: 'BASELINE_SURVEY',
        status: 'OVERDUE',
      })) === 1,
  );
  // 动员部署 started on the same date, with its own duty.
  await eventually(
    'mobilisation duties',
    async () => (await dutyCount(campaignId, { phase: 'MOBILISATION' })) === 2,
  );
  await submit('IMPLEMENTATION_PLAN', `${Y}-03-15`);

  // 组织实施: the second quarter's progress report; 总结提升: the summary report.
  await advanceTo(`${Y}-04-01T00:00:01+08:00`);
  await eventually(
    'implementation duties',
    async () => (await dutyCount(campaignId, { phase: 'IMPLEMENTATION' })) === 2,
  );
  await submit('QUARTERLY_PROGRESS', `${Y}Q2`);
  await advanceTo(`${Y}-10-01T00:00:01+08:00`);
  await eventually(
    'summary duties',
    async () => (await dutyCount(campaignId, { phase: 'SUMMARY' })) === 2,
  );
  await eventually('the summary notice', async () => (await mailTo(jbOperator, '总结提升')).length);
  await submit('SUMMARY_REPORT', `${Y}-10-15`);

  // The end: Jiangbei missed all four; Yuzhong filed all four on time.
  await advanceTo(`${Y + 1}-01-01T00:00:01+08:00`);
  const result = await handleOf(campaignId).result();
  expect(result).toMatchObject({ closed: true, failedNotices: [] });
  const campaign = await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } });
  expect(campaign.status).toBe('CLOSED');
  const assessment = campaign.assessment as unknown as CampaignAssessment;
  expect(assessment.counties.find((c) => c.countyId === YZ)?.duties).toMatchObject({
    total: 4,
    onTime: 4,
    missed: 0,
  });
  expect(assessment.counties.find((c) => c.countyId === JB)?.duties).toMatchObject({
    total: 4,
    missed: 4,
  });
  const started = await db.prisma.auditEvent.findMany({
    where: {
      action: 'CAMPAIGN_PHASE_STARTED',
      details: { path: ['campaignId'], equals: campaignId },
    },
    orderBy: { occurredAt: 'asc' },
  });
  expect(started.map((e) => e.toStatus)).toEqual([
    'SURVEY',
    'MOBILISATION',
    'IMPLEMENTATION',
    'SUMMARY',
  ]);
});

test('a planned campaign is edited and its workflow follows; names are unique; then it closes early', async () => {
  const Y = await nextYear();
  const name = `${Y}年司法所规范化建设`;
  const created = await create(fourPhases(Y, name));
  expect(created.status).toBe(201);
  const campaignId = idOf(created.body);
  const base = `/api/v1/campaigns/${campaignId}`;

  // The same name again in the city is refused.
  const twin = await create(fourPhases(Y, name));
  expect(twin.status).toBe(409);
  expect(twin.headers['content-type']).toMatch(/application\/problem\+json/);

  // An edit is checked as a new campaign is, naming the field.
  const bad = await request(app)
    .patch(base)
    .set('Authorization', ADMIN)
    .send({ config: { ...CONFIG, escalationChain: ['COUNTY_HEAD', 'CITY_ADMIN'] } });
  expect(bad.status).toBe(400);
  expect((bad.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
    'config.escalationChain.0',
  ]);
  const reviewerEdit = await request(app).patch(base).set('Authorization', REVIEWER).send({ name });
  expect(reviewerEdit.status).toBe(403);

  // The admin moves the start to March, in three phases of seed 000, under a new name.
  const plan = {
    name: `${name}(调整)`,
    startsOn: `${Y}-03-01`,
    phases: [
      {
        kind: 'MOBILISATION',
        startsOn: `${Y}-03-01`,
        endsOn: `${Y}-04-30`,
        duties: [{ kind: 'IMPLEMENTATION_PLAN', schedule: { every: 'ONCE', dueOn: `${Y}-03-31` } }],
      },
      { kind: 'IMPLEMENTATION', startsOn: `${Y}-05-01`, endsOn: `${Y}-09-30`, duties: [] },
      {
        kind: 'SUMMARY',
        startsOn: `${Y}-10-01`,
        endsOn: `${Y}-12-31`,
        duties: [{ kind: 'SUMMARY_REPORT', schedule: { every: 'ONCE', dueOn: `${Y}-11-30` } }],
      },
    ],
  };
  const edited = await request(app).patch(base).set('Authorization', ADMIN).send(plan);
  expect(edited.status).toBe(200);
  expect(edited.body).toMatchObject({
    name: `${name}(调整)`,
    status: 'PLANNED',
    startsOn: `${Y}-03-01`,
    planRevision: 1,
  });
  const view = await eventually('the workflow on the new plan', async () => {
    const state = await handleOf(campaignId).query(campaignStateQuery);
    return state.revision === 1 ? state : undefined;
  });
  expect(view.next).toMatchObject({ key: 'phase:MOBILISATION' });
  expect(view.next?.at).toBe(Date.parse(`${Y}-03-01T00:00:00+08:00`));
  // The old name is free again.
  const reuse = await create(fourPhases(Y + 5, name));
  expect(reuse.status).toBe(201);
  await request(app)
    .post(`/api/v1/campaigns/${idOf(reuse.body)}/cancellation`)
    .set('Authorization', ADMIN)
    .send({ reason: '重复创建' })
    .expect(200);

  // January passes with nothing: the survey of the old plan is gone. March starts the plan.
  await advanceTo(`${Y}-03-01T00:00:01+08:00`);
  await eventually('the new plan’s duties', async () => (await dutyCount(campaignId)) === 2);
  expect(await dutyCount(campaignId, { kind: 'BASELINE_SURVEY' })).toBe(0);
  const active = await request(app).get(base).set('Authorization', ADMIN);
  expect(active.body).toMatchObject({ status: 'ACTIVE', phase: 'MOBILISATION' });
  const late = await request(app).patch(base).set('Authorization', ADMIN).send({ name: '再改' });
  expect(late.status).toBe(409);

  // Yuzhong files its plan; then the city closes the campaign early, in April.
  const filed = await request(app)
    .post(`${base}/reports`)
    .set('Authorization', YZ_OPERATOR)
    .send({
      dutyId: dutyId(campaignId, YZ, 'IMPLEMENTATION_PLAN', `${Y}-03-31`),
      content: { summary: '实施方案' },
    });
  expect(filed.status).toBe(201);
  await advanceTo(`${Y}-04-10T00:00:01+08:00`);
  const noReason = await request(app)
    .post(`${base}/early-closure`)
    .set('Authorization', ADMIN)
    .send({});
  expect(noReason.status).toBe(400);
  const closed = await request(app)
    .post(`${base}/early-closure`)
    .set('Authorization', ADMIN)
    .send({ reason: '试点任务提前完成' });
  expect(closed.status).toBe(200);
  expect(closed.body).toMatchObject({
    status: 'CLOSED',
    stopped: { by: 'apikey-dev-city-admin', reason: '试点任务提前完成' },
  });
  const assessment = (closed.body as { assessment: CampaignAssessment }).assessment;
  // As at closing (within the second the request took), not at the end date.
  expect(assessment.assessedAt - Date.parse(`${Y}-04-10T00:00:01+08:00`)).toBeLessThan(60_000);
  expect(assessment.counties.find((c) => c.countyId === JB)?.duties).toMatchObject({
    total: 1,
    missed: 1,
  });
  expect(assessment.counties.find((c) => c.countyId === YZ)?.duties).toMatchObject({
    total: 1,
    onTime: 1,
    notAccepted: 1,
  });
  expect(await dutyCount(campaignId, { status: 'MISSED' })).toBe(1);
  const result = (await handleOf(campaignId).result()) as CampaignWorkflowResult;
  expect(result).toMatchObject({ closed: true, stopped: 'CLOSED' });
  await eventually(
    'the early closing notice',
    async () => (await mailTo(email('rcpt-jb-head'), '提前结束')).length,
  );
  const again = await request(app)
    .post(`${base}/early-closure`)
    .set('Authorization', ADMIN)
    .send({ reason: '再次' });
  expect(again.status).toBe(409);
});

test('a campaign is cancelled while planned or active; its duties are no longer owed', async () => {
  const Y = await nextYear();
  const planned = await create(fourPhases(Y, `${Y}年待取消活动`));
  const plannedId = idOf(planned.body);
  const closeTooSoon = await request(app)
    .post(`/api/v1/campaigns/${plannedId}/early-closure`)
    .set('Authorization', ADMIN)
    .send({ reason: '尚未开始' });
  expect(closeTooSoon.status).toBe(409);
  const cancelled = await request(app)
    .post(`/api/v1/campaigns/${plannedId}/cancellation`)
    .set('Authorization', ADMIN)
    .send({ reason: '与省厅部署重复' });
  expect(cancelled.status).toBe(200);
  expect(cancelled.body).toMatchObject({
    status: 'CANCELLED',
    stopped: { reason: '与省厅部署重复' },
  });
  expect(await handleOf(plannedId).result()).toMatchObject({ stopped: 'CANCELLED' });

  const activeRes = await create(fourPhases(Y, `${Y}年进行中活动`));
  const activeId = idOf(activeRes.body);
  await advanceTo(`${Y}-01-02T00:00:01+08:00`);
  await eventually('survey duties', async () => (await dutyCount(activeId)) === 2);
  const cancel = await request(app)
    .post(`/api/v1/campaigns/${activeId}/cancellation`)
    .set('Authorization', ADMIN)
    .send({ reason: '机构改革,活动终止' });
  expect(cancel.status).toBe(200);
  expect(cancel.body).toMatchObject({ status: 'CANCELLED' });
  expect(await dutyCount(activeId, { status: 'CANCELLED' })).toBe(2);
  expect(await handleOf(activeId).result()).toMatchObject({ stopped: 'CANCELLED' });
  const yzMail = await eventually('the counties are told', async () => {
    const found = await mailTo(email('rcpt-yz-operator'), '活动取消');
    return found.find((m) => (m.subject ?? '').includes('进行中活动'));
  });
  expect(yzMail.text).toContain('机构改革,活动终止');
  // Nothing is owed: the county's inbox and a submission say so.
  const submit = await request(app)
    .post(`/api/v1/campaigns/${activeId}/reports`)
    .set('Authorization', YZ_OPERATOR)
    .send({
      dutyId: dutyId(activeId, YZ, 'BASELINE_SURVEY', `${Y}-01-31`),
      content: { summary: '迟到的报告' },
    });
  expect(submit.status).toBe(409);
  const audit = await db.prisma.auditEvent.findMany({
    where: { action: 'CAMPAIGN_CANCELLED', details: { path: ['campaignId'], equals: activeId } },
  });
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ actorId: 'apikey-dev-city-admin', fromStatus: 'ACTIVE' });
  const twice = await request(app)
    .post(`/api/v1/campaigns/${activeId}/cancellation`)
    .set('Authorization', ADMIN)
    .send({ reason: '再次取消' });
  expect(twice.status).toBe(409);
});

test('a campaign whose workflow is gone can still be cancelled', async () => {
  const Y = await nextYear();
  const stray = await create(fourPhases(Y, `${Y}年失联活动`));
  const strayId = idOf(stray.body);
  await handleOf(strayId).terminate('lost');
  const cancelled = await request(app)
    .post(`/api/v1/campaigns/${strayId}/cancellation`)
    .set('Authorization', ADMIN)
    .send({ reason: '测试活动,误建' });
  expect(cancelled.status).toBe(200);
  expect(cancelled.body).toMatchObject({ status: 'CANCELLED' });

  // A campaign from before plans were data, left ACTIVE with no workflow at all.
  await db.prisma.campaign.create({
    data: {
      id: 'campaign-cq-legacy',
      cityId: DEMO.cityId,
      name: '旧版创建活动',
      config: DEMO_CAMPAIGN_CONFIG,
      status: 'ACTIVE',
    },
  });
  const closeLegacy = await request(app)
    .post('/api/v1/campaigns/campaign-cq-legacy/early-closure')
    .set('Authorization', ADMIN)
    .send({ reason: '旧数据清理' });
  expect(closeLegacy.status).toBe(409);
  const legacy = await request(app)
    .post('/api/v1/campaigns/campaign-cq-legacy/cancellation')
    .set('Authorization', ADMIN)
    .send({ reason: '旧数据清理' });
  expect(legacy.status).toBe(200);
  expect(legacy.body).toMatchObject({ status: 'CANCELLED', stopped: { reason: '旧数据清理' } });
});
