// A three-year campaign for a small city (3 counties, 30 offices) end to end on the
// time-skipping server, through the HTTP API and real SMTP: phases advance on their dates and
// create each county's duties; reports are submitted on time, returned and resubmitted,
// submitted late after an escalation, or missed; offices are named along the way; the
// milestone notice names the lagging county; the final assessment is stored.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { Express } from 'express';
import request from 'supertest';
import { createActivities } from '../../../activities';
import { createApp } from '../../../api/app';
import { hashApiKey } from '../../../modules/access/api-keys';
import {
  DEMO,
  DEMO_RECIPIENTS,
  seedDemoData,
  seedDemoRecipients,
} from '../../../modules/demo/seed';
import type { CampaignAssessment } from '../../../modules/campaign/rules/campaign';
import { dutyId } from '../../../modules/campaign/rules/campaign';
import { PROVISIONAL_FENGQIAO_CRITERIA } from '../../../modules/criteria/rules/criteria';
import type { Actor } from '../../../modules/shared';
import type { CapturedMessage, MailCapture } from '../../../platform/mail/mail-capture';
import { startMailCapture } from '../../../platform/mail/mail-capture';
import type { Mailer } from '../../../platform/mail/mailer';
import { createSmtpMailer } from '../../../platform/mail/mailer';
import { campaignStateQuery, campaignWorkflowId } from '../../../modules/campaign/messages';
import type { TestDatabase } from '../../support/database';
import { createTestDatabase } from '../../support/database';
import { CONFIG } from '../../support/fixtures';
import { LifecycleDriver } from '../../support/lifecycle-driver';
import { createTestWorker, startTimeSkippingServer, uniqueTaskQueue } from '../../support/temporal';

let env: TestWorkflowEnvironment;
let db: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let capture: MailCapture;
let mailer: Mailer;
let app: Express;
const taskQueue = uniqueTaskQueue('campaign');

// The demo city with a third county, and ten offices in each.
const YZ = DEMO.counties.yuzhong;
const JB = DEMO.counties.jiangbei;
const BB = 'county-test-beibei';
const KEYS: Record<string, string> = {
  admin: 'Bearer dev-city-admin',
  reviewer: 'Bearer dev-city-reviewer',
  [YZ]: 'Bearer dev-yuzhong-operator',
  [JB]: 'Bearer dev-jiangbei-operator',
  [BB]: 'Bearer test-beibei-operator',
};
const OPERATORS: Record<string, Actor> = {
  [YZ]: {
    id: 'apikey-dev-yuzhong-operator',
    role: 'COUNTY_OPERATOR',
    cityId: DEMO.cityId,
    countyId: YZ,
  },
  [JB]: {
    id: 'apikey-dev-jiangbei-operator',
    role: 'COUNTY_OPERATOR',
    cityId: DEMO.cityId,
    countyId: JB,
  },
  [BB]: {
    id: 'apikey-test-beibei-operator',
    role: 'COUNTY_OPERATOR',
    cityId: DEMO.cityId,
    countyId: BB,
  },
};
const BB_OPERATOR_EMAIL = 'operator@beibei.example.gov.cn';
const BB_HEAD_EMAIL = 'head@beibei.example.gov.cn';

async function seedSmallCity(): Promise<void> {
  const prisma = db.prisma;
  await prisma.county.create({
    data: { id: BB, cityId: DEMO.cityId, code: 'CQ-BB', name: '北碚区' },
  });
  const existing = await prisma.office.groupBy({ by: ['countyId'], _count: { _all: true } });
  for (const countyId of [YZ, JB, BB]) {
    const have = existing.find((e) => e.countyId === countyId)?._count._all ?? 0;
    await prisma.office.createMany({
      data: Array.from({ length: 10 - have }, (_, i) => ({
        id: `office-${countyId}-${i + 1}`,
        countyId,
        code: `${countyId}-T${i + 1}`,
        name: `测试司法所${i + 1}`,
        type: 'STREET' as const,
      })),
    });
  }
  await prisma.recipient.createMany({
    data: [
      {
        id: 'rcpt-bb-operator',
        cityId: DEMO.cityId,
        countyId: BB,
        function: 'COUNTY_OPERATOR',
        name: '北碚区经办人',
        email: BB_OPERATOR_EMAIL,
      },
      {
        id: 'rcpt-bb-head',
        cityId: DEMO.cityId,
        countyId: BB,
        function: 'COUNTY_BUREAU_HEAD',
        name: '北碚区局长',
        email: BB_HEAD_EMAIL,
      },
    ],
  });
  await prisma.apiKey.create({
    data: {
      id: 'apikey-test-beibei-operator',
      name: '北碚区司法局 operator',
      role: 'COUNTY_OPERATOR',
      cityId: DEMO.cityId,
      countyId: BB,
      keyHash: hashApiKey('test-beibei-operator'),
    },
  });
}

beforeAll(async () => {
  const mailDir = mkdtempSync(path.join(os.tmpdir(), 'fq-campaign-mail-'));
  [env, db, capture] = await Promise.all([
    startTimeSkippingServer(),
    createTestDatabase(),
    startMailCapture({ dir: mailDir }),
  ]);
  await seedDemoData(db.prisma);
  await seedDemoRecipients(db.prisma);
  await seedSmallCity();
  mailer = createSmtpMailer(capture.url, '枫桥式司法所认定系统 <noreply@fengqiao.local>');
  worker = await createTestWorker(
    env,
    db.prisma,
    taskQueue,
    createActivities({ prisma: db.prisma, mailer }),
  );
  running = worker.run();
  app = createApp({
    prisma: db.prisma,
    temporal: { client: env.client, taskQueue },
    contract: 'enforce',
  });
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

/** Polls until `check` returns a value (activities and SMTP run asynchronously). */
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

async function mailTo(address: string, subjectPart: string): Promise<CapturedMessage[]> {
  return (await capture.list()).filter(
    (m) => m.to.includes(address) && (m.subject ?? '').includes(subjectPart),
  );
}

/** Skips simulated time to `instant` (an ISO string in China time). */
async function advanceTo(instant: string): Promise<void> {
  const target = Date.parse(instant);
  const now = await env.currentTimeMs();
  if (target > now) await env.sleep(target - now);
}

const duty = (campaignId: string, countyId: string, kind: string, period: string) =>
  db.prisma.campaignReportDuty.findUnique({
    where: { id: dutyId(campaignId, countyId, kind, period) },
  });

test('a three-year campaign runs its phases, chases its reports and assesses the counties', async () => {
  // The campaign starts on 1 January of next year and runs three years.
  const startYear = new Date((await env.currentTimeMs()) + 8 * 3_600_000).getUTCFullYear() + 1;
  const [Y1, Y2, Y3] = [startYear, startYear + 1, startYear + 2];
  const created = await request(app)
    .post('/api/v1/campaigns')
    .set('Authorization', KEYS.admin!)
    .send({
      name: `${Y1}—${Y3}年“枫桥式”司法所创建`,
      startYear: Y1,
      endYear: Y3,
      startsOn: `${Y1}-01-01`,
      endsOn: `${Y3}-12-31`,
      phases: [
        {
          kind: 'MOBILISATION',
          startsOn: `${Y1}-01-01`,
          endsOn: `${Y1}-02-28`,
          duties: [
            { kind: 'IMPLEMENTATION_PLAN', schedule: { every: 'ONCE', dueOn: `${Y1}-01-31` } },
            { kind: 'BASELINE_SURVEY', schedule: { every: 'ONCE', dueOn: `${Y1}-02-28` } },
          ],
        },
        {
          kind: 'IMPLEMENTATION',
          startsOn: `${Y1}-03-01`,
          endsOn: `${Y3}-09-30`,
          duties: [{ kind: 'ANNUAL_WORK_PLAN', schedule: { every: 'YEAR', dueMonthDay: '03-31' } }],
        },
        {
          kind: 'SUMMARY',
          startsOn: `${Y3}-10-01`,
          endsOn: `${Y3}-12-31`,
          duties: [
            { kind: 'SUMMARY_REPORT', schedule: { every: 'ONCE', dueOn: `${Y3}-11-30` } },
            { kind: 'STATISTICAL_REPORT', schedule: { every: 'ONCE', dueOn: `${Y3}-11-30` } },
          ],
        },
      ],
      reminderOffsets: ['7d'],
      criteriaVersionId: 'fengqiao-office@1',
      config: CONFIG,
      targets: {
        city: { share: 0.3 },
        milestones: [{ date: `${Y1}-12-31`, expected: { share: 0.34 }, label: `${Y1}年度` }],
      },
    });
  expect(created.status).toBe(201);
  const campaignId = (created.body as { id: string }).id;
  const base = `/api/v1/campaigns/${campaignId}`;
  const handle = env.client.workflow.getHandle(campaignWorkflowId(campaignId));
  const firstRunId = (await handle.describe()).runId;
  const submit = (
    countyId: string,
    kind: string,
    period: string,
    content: object = { summary: '按要求报送' },
  ) =>
    request(app)
      .post(`${base}/reports`)
      .set('Authorization', KEYS[countyId]!)
      .send({ dutyId: dutyId(campaignId, countyId, kind, period), content });
  const reviewReport = async (
    reportId: string,
    decision: 'ACCEPT' | 'RETURN',
    comments?: string,
  ) => {
    const response = await request(app)
      .post(`${base}/reports/${reportId}/review`)
      .set('Authorization', KEYS.reviewer!)
      .send({ decision, ...(comments ? { comments } : {}) });
    expect(response.status).toBe(200);
  };
  const submitAndAccept = async (
    countyId: string,
    kind: string,
    period: string,
    content?: object,
  ) => {
    const response = await submit(countyId, kind, period, content);
    expect(response.status).toBe(201);
    const report = response.body as { id: string; late: boolean };
    await reviewReport(report.id, 'ACCEPT');
    return report;
  };

  // Mobilisation starts on its date: every county owes its plan and survey.
  await advanceTo(`${Y1}-01-01T00:00:01+08:00`);
  await eventually(
    'mobilisation duties',
    async () => (await db.prisma.campaignReportDuty.count({ where: { campaignId } })) === 6,
  );
  await eventually(
    'the phase notice',
    async () => (await mailTo(BB_OPERATOR_EMAIL, '动员部署')).length === 1,
  );
  const detail = await request(app).get(base).set('Authorization', KEYS.reviewer!);
  expect(detail.body).toMatchObject({ status: 'ACTIVE', phase: 'MOBILISATION' });

  // Yuzhong submits on time; Jiangbei's plan is returned and resubmitted; Beibei says nothing.
  expect((await submitAndAccept(YZ, 'IMPLEMENTATION_PLAN', `${Y1}-01-31`)).late).toBe(false);
  const jb = await submit(JB, 'IMPLEMENTATION_PLAN', `${Y1}-01-31`);
  await reviewReport((jb.body as { id: string }).id, 'RETURN', '请细化年度目标');
  await submitAndAccept(JB, 'IMPLEMENTATION_PLAN', `${Y1}-01-31`);
  await submitAndAccept(YZ, 'BASELINE_SURVEY', `${Y1}-02-28`);
  await submitAndAccept(JB, 'BASELINE_SURVEY', `${Y1}-02-28`);

  // A week before the end of the due date only Beibei is reminded; then it is escalated.
  await advanceTo(`${Y1}-01-25T00:00:01+08:00`);
  await eventually(
    'the reminder',
    async () => (await mailTo(BB_OPERATOR_EMAIL, '报送提醒')).length === 1,
  );
  expect(await mailTo(email('rcpt-yz-operator'), '报送提醒')).toHaveLength(0);
  await advanceTo(`${Y1}-02-01T00:00:01+08:00`);
  await eventually(
    'the escalation',
    async () => (await mailTo(BB_HEAD_EMAIL, '逾期督办')).length === 1,
  );
  expect((await duty(campaignId, BB, 'IMPLEMENTATION_PLAN', `${Y1}-01-31`))?.status).toBe(
    'OVERDUE',
  );
  const overdueTasks = await request(app)
    .get(`${base}/duties?status=OVERDUE`)
    .set('Authorization', KEYS[BB]!);
  expect((overdueTasks.body as { items: { overdue: boolean }[] }).items).toEqual([
    expect.objectContaining({ overdue: true }),
  ]);

  // Beibei submits late; it is accepted, and the next escalation level never comes.
  expect((await submitAndAccept(BB, 'IMPLEMENTATION_PLAN', `${Y1}-01-31`)).late).toBe(true);
  await advanceTo(`${Y1}-02-09T00:00:01+08:00`);
  const division = email('rcpt-cq-division');
  expect(
    (await mailTo(division, '逾期督办')).filter((m) => (m.subject ?? '').includes('实施方案')),
  ).toHaveLength(0);

  // Offices are named along the way: three in Yuzhong, two in Jiangbei, none in Beibei.
  const named = [
    ...['office-jiefangbei', 'office-chaotianmen', 'office-shangqingsi'].map((id) => ({
      id,
      countyId: YZ,
    })),
    ...['office-guanyinqiao', 'office-yuzui'].map((id) => ({ id, countyId: JB })),
  ];
  for (const office of named) {
    const driver = new LifecycleDriver(
      { client: env.client, taskQueue, prisma: db.prisma },
      {
        certificationId: randomUUID(),
        office: { ...office, cityId: DEMO.cityId },
        declaration: {
          officeId: office.id,
          campaignId,
          plan: { summary: '一站式矛盾纠纷化解', feature: '老马工作法' },
          contact: { name: '张三', phone: '023-63000000' },
        },
        config: CONFIG,
        criteria: PROVISIONAL_FENGQIAO_CRITERIA,
        actor: OPERATORS[office.countyId]!,
        requestId: randomUUID(),
      },
    );
    await driver.declare();
    expect((await driver.certify()).state.status).toBe('CERTIFIED');
  }

  // Implementation: the annual work plans of all three years are owed from its start.
  await advanceTo(`${Y1}-03-01T00:00:01+08:00`);
  await eventually(
    'implementation duties',
    async () =>
      (await db.prisma.campaignReportDuty.count({
        where: { campaignId, kind: 'ANNUAL_WORK_PLAN' },
      })) === 9,
  );
  for (const countyId of [YZ, JB]) {
    for (const year of [Y1, Y2, Y3])
      await submitAndAccept(countyId, 'ANNUAL_WORK_PLAN', String(year));
  }
  expect((await duty(campaignId, BB, 'BASELINE_SURVEY', `${Y1}-02-28`))?.status).toBe('OVERDUE');

  // The first-year milestone names the county behind.
  await advanceTo(`${Y2}-01-01T00:00:01+08:00`);
  const [milestone] = await eventually('the milestone notice', async () => {
    const found = await mailTo(division, '阶段目标');
    return found.length > 0 ? found : undefined;
  });
  expect(milestone?.subject).toContain('1个区县进度滞后');
  expect(milestone?.text).toContain('北碚区');
  expect(milestone?.text).not.toContain('渝中区');

  // Summary: Yuzhong files both reports on time; the others never do.
  await advanceTo(`${Y3}-10-01T00:00:01+08:00`);
  await eventually(
    'summary duties',
    async () =>
      (await db.prisma.campaignReportDuty.count({ where: { campaignId, phase: 'SUMMARY' } })) === 6,
  );
  await submitAndAccept(YZ, 'SUMMARY_REPORT', `${Y3}-11-30`);
  await submitAndAccept(YZ, 'STATISTICAL_REPORT', `${Y3}-11-30`, {
    summary: '统计报表',
    figures: { 命名数: 3 },
  });

  // The end: what is still owed is missed, and the final assessment is stored.
  await advanceTo(`${Y3 + 1}-01-01T00:00:01+08:00`);
  const result = await handle.result();
  expect(result).toMatchObject({ campaignId, closed: true, failedNotices: [] });
  expect((await handle.describe()).runId).not.toBe(firstRunId);
  const campaign = await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } });
  expect(campaign.status).toBe('CLOSED');
  const assessment = campaign.assessment as unknown as CampaignAssessment;
  const county = (id: string) => assessment.counties.find((c) => c.countyId === id);
  expect(county(YZ)).toMatchObject({
    duties: { total: 7, onTime: 7, late: 0, missed: 0, accepted: 7 },
    certified: 3,
    target: 3,
    passed: true,
  });
  expect(county(JB)).toMatchObject({
    duties: { total: 7, onTime: 5, late: 0, missed: 2 },
    certified: 2,
    targetMet: false,
  });
  expect(county(BB)).toMatchObject({
    duties: { total: 7, onTime: 0, late: 1, missed: 6, accepted: 1 },
    certified: 0,
    targetMet: false,
  });
  expect(assessment.city).toMatchObject({ certified: 5, target: 9, targetMet: false });
  expect(assessment.countiesFallingShort).toEqual([JB, BB].sort());
  expect((await duty(campaignId, BB, 'SUMMARY_REPORT', `${Y3}-11-30`))?.status).toBe('MISSED');
  await eventually(
    'the closing notice',
    async () => (await mailTo(division, '已结束')).length === 1,
  );

  // Every step is in the audit trail, keyed to the campaign.
  const actions = await db.prisma.auditEvent.groupBy({
    by: ['action'],
    where: { details: { path: ['campaignId'], equals: campaignId } },
    _count: { _all: true },
  });
  const count = (action: string) => actions.find((a) => a.action === action)?._count._all ?? 0;
  expect(count('CAMPAIGN_CREATED')).toBe(1);
  expect(count('CAMPAIGN_PHASE_STARTED')).toBe(3);
  expect(count('CAMPAIGN_REPORT_RETURNED')).toBe(1);
  expect(count('CAMPAIGN_REPORT_OVERDUE')).toBeGreaterThanOrEqual(1 + 1 + 3);
  expect(count('CAMPAIGN_MILESTONE_REACHED')).toBe(1);
  expect(count('CAMPAIGN_REPORT_MISSED')).toBe(2 + 6);
  expect(count('CAMPAIGN_CLOSED')).toBe(1);
  const view = await handle.query(campaignStateQuery);
  expect(view.next).toBeNull();
});
