// The lifecycle as the city's and counties' people meet it (issue 14, points 8–11), over the
// API and in their mailboxes, with real workflows on the time-skipping server, a real SMTP
// exchange and a real database:
// - an overdue city-owed step escalates inside the city, never to the county bureau head;
// - an office under a spot check is visible and filterable as such, though still CERTIFIED;
// - it may add evidence while the check is open, and not once it is closed;
// - system reasons, function names and task titles come in the reader's language.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { Express } from 'express';
import request from 'supertest';
import { createActivities } from '../../activities';
import { createApp } from '../../api/app';
import { DEMO_RECIPIENTS, seedDemoData, seedDemoRecipients } from '../../modules/demo/seed';
import type { CapturedMessage, MailCapture } from '../../platform/mail/mail-capture';
import { startMailCapture } from '../../platform/mail/mail-capture';
import type { Mailer } from '../../platform/mail/mailer';
import { createSmtpMailer } from '../../platform/mail/mailer';
import { formatReport, reconcile } from '../../modules/certification/reconcile';
import { OpenCheckKey } from '../../modules/certification/search-attributes';
import type { TestDatabase } from '../support/database';
import { createTestDatabase } from '../support/database';
import {
  ACTORS,
  CHAOTIANMEN,
  CONFIG,
  FAILING_SCORES,
  JIEFANGBEI,
  PASSING_SCORES,
  declareArgs,
} from '../support/fixtures';
import { LifecycleDriver } from '../support/lifecycle-driver';
import { createTestWorker, startTimeSkippingServer, uniqueTaskQueue } from '../support/temporal';

let env: TestWorkflowEnvironment;
let db: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let capture: MailCapture;
let mailer: Mailer;
let app: Express;
const taskQueue = uniqueTaskQueue('seen');

beforeAll(async () => {
  [env, db, capture] = await Promise.all([
    startTimeSkippingServer(),
    createTestDatabase(),
    startMailCapture({ dir: mkdtempSync(path.join(os.tmpdir(), 'fq-seen-')) }),
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

afterEach(async () => {
  if (!env || !db) return;
  const report = await reconcile(env.client, db.prisma);
  if (report.mismatches.length > 0) throw new Error(formatReport(report));
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  mailer?.close();
  await capture?.stop();
  await env?.teardown();
  await db?.close();
});

const KEYS = {
  yuzhong: 'Bearer dev-yuzhong-operator',
  reviewer: 'Bearer dev-city-reviewer',
};

const email = (id: string) => DEMO_RECIPIENTS.find((r) => r.id === id)?.email ?? '';

async function messagesTo(address: string, subjectPart: string): Promise<CapturedMessage[]> {
  return (await capture.list()).filter(
    (m) => m.to.includes(address) && (m.subject ?? '').includes(subjectPart),
  );
}

/** Waits until `count` matching messages have arrived (delivery is asynchronous). */
async function arrived(address: string, subjectPart: string, count: number) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const found = await messagesTo(address, subjectPart);
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function driver(office: { id: string; countyId: string; cityId: string }) {
  return new LifecycleDriver(
    { client: env.client, taskQueue, prisma: db.prisma },
    declareArgs(office, CONFIG),
  );
}

function get(url: string, key: string, language?: string) {
  const req = request(app).get(url).set('Authorization', key);
  return language ? req.set('Accept-Language', language) : req;
}

interface Listed {
  items: { id: string }[];
}
interface Inbox {
  items: { title: string }[];
}
interface Detail {
  timeline: { action: string; reason: string | null; reasonCode: string | null }[];
}

const ids = (body: unknown) => (body as Listed).items.map((item) => item.id);
const titles = (body: unknown) => (body as Inbox).items.map((task) => task.title);
const timelineEntry = (body: unknown, action: string) =>
  (body as Detail).timeline.find((entry) => entry.action === action);

test('a certified office under spot check is listed, filtered and searchable as such, and files evidence only while the check is open', async () => {
  const d = driver(JIEFANGBEI);
  await d.declare();
  await d.certify();
  const id = d.certificationId;

  const started = await request(app)
    .post(`/api/v1/certifications/${id}/spot-checks`)
    .set('Authorization', KEYS.reviewer)
    .send({ reason: '随机抽查' });
  expect(started.status).toBe(200);
  expect(started.body).toMatchObject({
    status: 'CERTIFIED',
    openCheck: { kind: 'SPOT_CHECK', dueAt: expect.any(String) },
  });

  // The list, its filters and the office list all show the check; the status stays CERTIFIED.
  const spot = await get('/api/v1/certifications?check=SPOT_CHECK', KEYS.reviewer);
  expect(spot.status).toBe(200);
  expect(spot.body.items).toEqual([
    expect.objectContaining({
      id,
      status: 'CERTIFIED',
      openCheck: { kind: 'SPOT_CHECK', dueAt: started.body.openCheck.dueAt },
    }),
  ]);
  expect(ids((await get('/api/v1/certifications?check=ANY', KEYS.reviewer)).body)).toContain(id);
  expect(ids((await get('/api/v1/certifications?check=NONE', KEYS.reviewer)).body)).not.toContain(
    id,
  );
  expect(ids((await get('/api/v1/certifications?check=RECHECK', KEYS.yuzhong)).body)).not.toContain(
    id,
  );
  const offices = await get('/api/v1/offices?check=SPOT_CHECK', KEYS.yuzhong);
  expect(offices.status).toBe(200);
  expect(offices.body.items).toEqual([
    expect.objectContaining({
      id: JIEFANGBEI.id,
      status: 'CERTIFIED',
      certification: expect.objectContaining({ id, openCheck: started.body.openCheck }),
    }),
  ]);
  const office = await get(`/api/v1/offices/${JIEFANGBEI.id}`, KEYS.yuzhong);
  expect(office.body.certification.openCheck).toEqual(started.body.openCheck);
  const bad = await get('/api/v1/certifications?check=SOMETIMES', KEYS.reviewer);
  expect(bad.status).toBe(400);
  expect(bad.body.errors[0]).toMatchObject({ field: 'check' });
  const described = await d.handle().describe();
  expect(described.typedSearchAttributes.get(OpenCheckKey)).toBe('SPOT_CHECK');

  // The county supplies evidence for the check; it is recorded against it.
  const evidence = await request(app)
    .post(`/api/v1/certifications/${id}/evidence`)
    .set('Authorization', KEYS.yuzhong)
    .send({ kind: 'RECORD', title: '2026年调解台账' });
  expect(evidence.status).toBe(200);
  expect((evidence.body as Detail).timeline.at(-1)).toMatchObject({
    action: 'EVIDENCE_ADDED',
    fromStatus: 'CERTIFIED',
    details: { title: '2026年调解台账', check: 'SPOT_CHECK' },
  });

  // The reviewer's inbox asks for the inspection, in Chinese unless English is asked for.
  const zhInbox = await get('/api/v1/tasks?kind=RECORD_INSPECTION', KEYS.reviewer);
  expect(zhInbox.headers['content-language']).toBe('zh-CN');
  expect(titles(zhInbox.body)).toContain('录入实地检查结果:解放碑司法所');
  const enInbox = await get('/api/v1/tasks?kind=RECORD_INSPECTION', KEYS.reviewer, 'en-GB,en');
  expect(enInbox.headers['content-language']).toBe('en');
  expect(titles(enInbox.body)).toContain('Record the on-site inspection: 解放碑司法所');

  await d.send(
    'RECORD_INSPECTION',
    { scores: PASSING_SCORES, triggeredVetoes: [], findings: '' },
    ACTORS.inspector,
  );
  await d.send('DECIDE', {}, ACTORS.reviewer);

  // The check is closed: nothing shows it, and evidence is refused again, saying why.
  const none = await get('/api/v1/certifications?check=NONE&status=CERTIFIED', KEYS.reviewer);
  expect(none.body.items).toContainEqual(expect.objectContaining({ id, openCheck: null }));
  expect((await d.handle().describe()).typedSearchAttributes.get(OpenCheckKey)).toBeUndefined();
  const refused = await request(app)
    .post(`/api/v1/certifications/${id}/evidence`)
    .set('Authorization', KEYS.yuzhong)
    .send({ kind: 'RECORD', title: '补充材料' });
  expect(refused.status).toBe(409);
  expect(refused.body.detail).toMatch(/CERTIFIED with no recheck or spot check open/);
});

test('an overdue spot-check decision escalates inside the city, in each reader’s language', async () => {
  const d = driver(CHAOTIANMEN);
  await d.declare();
  await d.certify();
  const spot = await d.send('START_SPOT_CHECK', { reason: '群众来信反映' }, ACTORS.reviewer);
  const dueAt = spot.state.openCheck?.dueAt ?? 0;

  // recheckWindow 60d, then the city division at once and the city admin 7 days later.
  await env.sleep('60 days');
  await env.sleep('8 days');
  await d.until((v) => v.due[0]?.escalations === 2, 'two escalations');
  const escalations = await db.prisma.auditEvent.findMany({
    where: { certificationId: d.certificationId, action: 'ESCALATED' },
    orderBy: { revision: 'asc' },
  });
  expect(escalations.map((e) => e.details)).toEqual([
    expect.objectContaining({
      dueKind: 'CHECK_DECISION',
      owner: 'CITY',
      target: 'CITY_BUREAU_DIVISION',
    }),
    expect.objectContaining({ dueKind: 'CHECK_DECISION', owner: 'CITY', target: 'CITY_ADMIN' }),
  ]);
  expect(escalations[1]!.occurredAt.getTime() - dueAt).toBeGreaterThanOrEqual(7 * 86_400_000);

  // The division (Chinese) and the admin (English) hear of it; the county head does not.
  const [division] = await arrived(email('rcpt-cq-division'), '逾期督办', 1);
  expect(division?.subject).toBe('【逾期督办】渝中区朝天门司法所');
  expect(division?.text).toContain('现提请市司法局业务处室督办。');
  expect(division?.text).toContain('复查/抽查结论截止日期');
  expect(division?.text).not.toMatch(/[A-Z]+_[A-Z_]+/);
  const [admin] = await arrived(email('rcpt-cq-admin'), 'Overdue', 1);
  expect(admin?.text).toContain('escalated to the city bureau leadership and administrator.');
  expect(await messagesTo(email('rcpt-yz-head'), '逾期督办')).toHaveLength(0);

  // The timeline gives the system's reason in the reader's language, with its code.
  const zh = await get(`/api/v1/certifications/${d.certificationId}`, KEYS.reviewer);
  expect(timelineEntry(zh.body, 'ESCALATED')).toMatchObject({
    reasonCode: 'STEP_OVERDUE',
    reason: expect.stringMatching(/^复查\/抽查结论已于\d{4}年\d{2}月\d{2}日到期,尚未办理$/),
  });
  const en = await get(`/api/v1/certifications/${d.certificationId}`, KEYS.reviewer, 'en');
  expect(timelineEntry(en.body, 'ESCALATED')?.reason).toMatch(
    /^The recheck\/spot check decision was due on /,
  );
  // A person's reason stays as written.
  expect(timelineEntry(en.body, 'SPOT_CHECK_STARTED')?.reason).toBe('群众来信反映');

  await d.send(
    'RECORD_INSPECTION',
    { scores: PASSING_SCORES, triggeredVetoes: [], findings: '' },
    ACTORS.inspector,
  );
  await d.send('DECIDE', {}, ACTORS.reviewer);
});

test('a title revoked for a missed rectification deadline is explained in Chinese to the county', async () => {
  const office = { ...JIEFANGBEI, id: 'office-shangqingsi' };
  const d = driver(office);
  await d.declare();
  await d.certify();
  await d.send('START_SPOT_CHECK', { reason: '随机抽查' }, ACTORS.reviewer);
  await d.send(
    'RECORD_INSPECTION',
    { scores: FAILING_SCORES, triggeredVetoes: [], findings: '台账不全' },
    ACTORS.inspector,
  );
  const ordered = await d.send('DECIDE', {}, ACTORS.reviewer);
  expect(ordered.state.status).toBe('RECTIFYING');
  // A rectification order is itself a check in the making: the list shows none until submitted.
  expect(ordered.state.openCheck).toBeNull();
  await env.sleep('91 days');
  expect((await d.handle().result()).state.status).toBe('REVOKED');

  const [notice] = await arrived(email('rcpt-yz-operator'), '撤销命名】渝中区上清寺司法所', 1);
  expect(notice?.text).toContain('理由:未在整改期限内提交整改报告');
  expect(notice?.text).not.toContain('the rectification was not submitted');
});
