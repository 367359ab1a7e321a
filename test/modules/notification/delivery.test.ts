// Email over a real SMTP exchange (nodemailer → smtp-server on loopback), driven by real
// workflows on the time-skipping server: reminders and escalations at their simulated times,
// exactly-once delivery across an SMTP crash and across a failed activity, the daily digest.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import request from 'supertest';
import { createActivities } from '../../../activities';
import { messageIdFor } from '../../../modules/notification/activities';
import { createApp } from '../../../api/app';
import { DEMO_RECIPIENTS, seedDemoData, seedDemoRecipients } from '../../../modules/demo/seed';
import type { CapturedMessage, MailCapture } from '../../../platform/mail/mail-capture';
import { startMailCapture } from '../../../platform/mail/mail-capture';
import type { Mailer } from '../../../platform/mail/mailer';
import { createSmtpMailer } from '../../../platform/mail/mailer';
import { formatReport, reconcile } from '../../../modules/certification/reconcile';
import { DAILY_DIGEST_WORKFLOW_TYPE } from '../../../modules/notification/digest-workflow';
import type { TestDatabase } from '../../support/database';
import { createTestDatabase } from '../../support/database';
import { ACTORS, CHAOTIANMEN, CONFIG, JIEFANGBEI, declareArgs } from '../../support/fixtures';
import { LifecycleDriver } from '../../support/lifecycle-driver';
import { createTestWorker, startTimeSkippingServer, uniqueTaskQueue } from '../../support/temporal';

let env: TestWorkflowEnvironment;
let db: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let capture: MailCapture;
let mailer: Mailer;
let mailDir: string;
const taskQueue = uniqueTaskQueue('mail');
/** Set by a test to make the activity fail once after a message was sent and recorded. */
let failAfterRecording: string | null = null;

beforeAll(async () => {
  mailDir = mkdtempSync(path.join(os.tmpdir(), 'fq-mail-'));
  [env, db, capture] = await Promise.all([
    startTimeSkippingServer(),
    createTestDatabase(),
    startMailCapture({ dir: mailDir }),
  ]);
  await seedDemoData(db.prisma);
  await seedDemoRecipients(db.prisma);
  mailer = createSmtpMailer(capture.url, '枫桥式司法所认定系统 <noreply@fengqiao.local>');
  const activities = createActivities({
    prisma: db.prisma,
    mailer,
    faults: {
      // A database that refuses to record a sent message gives up quickly here (a minute in
      // production), so the attempt fails and Temporal retries it within the test.
      recordSentWindowMs: 300,
      afterRecorded(key) {
        if (failAfterRecording !== null && key.startsWith(failAfterRecording)) {
          failAfterRecording = null;
          throw new Error('crash after the message was sent and recorded');
        }
      },
    },
  });
  worker = await createTestWorker(env, db.prisma, taskQueue, activities);
  running = worker.run();
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
    // Reading the mailbox resolves without I/O; let the SMTP server in this process run.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

test('reminders arrive at their offsets, escalations climb the city side in order, and approval cancels the rest', async () => {
  const d = new LifecycleDriver(
    { client: env.client, taskQueue, prisma: db.prisma },
    declareArgs(JIEFANGBEI, {
      ...CONFIG,
      declarationReviewPeriod: '30d',
      escalationInterval: '5d',
      reminderOffsets: { DECLARATION_REVIEW: ['7d', '1d'] },
    }),
  );
  const declared = await d.declare();
  const dueAt = declared.due[0]?.dueAt ?? 0;
  const reviewer = email('rcpt-cq-reviewer');
  expect(await arrived(reviewer, '申报受理', 1)).toHaveLength(1);
  expect(await arrived(email('rcpt-yz-operator'), '申报受理', 1)).toHaveLength(1);

  await env.sleep('22 days');
  expect(await messagesTo(reviewer, '待办提醒')).toHaveLength(0);
  await env.sleep('1 day');
  const first = await arrived(reviewer, '待办提醒', 1);
  expect(first).toHaveLength(1);
  await env.sleep('6 days');
  expect(await arrived(reviewer, '待办提醒', 2)).toHaveLength(2);

  // The review is the city's: its division hears first, then its admin (in English); the
  // county bureau head, who cannot act on it, never does.
  await env.sleep('1 day');
  expect(await arrived(email('rcpt-cq-division'), '逾期督办', 1)).toHaveLength(1);
  await env.sleep('5 days');
  expect(await arrived(email('rcpt-cq-admin'), 'Overdue', 1)).toHaveLength(1);

  await d.send('REVIEW_DECLARATION', { decision: 'APPROVE', reason: '同意' }, ACTORS.reviewer);
  await arrived(email('rcpt-yz-operator'), '申报审核', 1);
  await env.sleep('30 days');
  expect(await messagesTo(email('rcpt-cq-admin'), 'Overdue')).toHaveLength(1);
  expect(await messagesTo(email('rcpt-yz-head'), '逾期督办')).toHaveLength(0);

  const events = await db.prisma.auditEvent.findMany({
    where: { certificationId: d.certificationId },
    orderBy: { revision: 'asc' },
  });
  // Relative to the due date, in whole minutes: timers fire a few milliseconds after the
  // instant they were computed for, as the workflow task itself takes time.
  const timeline = events.map((e) => [
    e.action,
    Math.round((e.occurredAt.getTime() - dueAt) / 60_000),
  ]);
  const DAY = 24 * 60;
  expect(timeline.slice(1)).toEqual([
    ['REMINDED', -7 * DAY],
    ['REMINDED', -1 * DAY],
    ['ESCALATED', 0],
    ['ESCALATED', 5 * DAY],
    ['DECLARATION_APPROVED', expect.any(Number)],
  ]);
  const log = await db.prisma.notification.findMany({
    where: { certificationId: d.certificationId },
  });
  expect(log.every((n) => n.status === 'SENT')).toBe(true);
  expect(log.map((n) => n.kind).sort()).toEqual(
    [
      'DECLARATION_RECEIVED',
      'DECLARATION_RECEIVED',
      'REMINDER',
      'REMINDER',
      'ESCALATION',
      'ESCALATION',
      'DECLARATION_DECIDED',
    ].sort(),
  );
  await d.send('WITHDRAW', { reason: '测试结束' }, d.operator());
});

test('an SMTP server killed during a send and restarted delivers the message exactly once', async () => {
  const port = capture.port;
  let killed = false;
  await capture.stop();
  capture = await startMailCapture({
    dir: mailDir,
    port,
    beforeAccept: () => {
      if (killed) return 'accept';
      killed = true;
      return 'hang';
    },
  });
  const d = new LifecycleDriver(
    { client: env.client, taskQueue, prisma: db.prisma },
    declareArgs(CHAOTIANMEN),
  );
  const reviewer = email('rcpt-cq-reviewer');
  await d.declare();
  // The first message reached the server, which never answered; now the server dies.
  while (!killed) await new Promise((resolve) => setImmediate(resolve));
  await capture.stop();
  capture = await startMailCapture({ dir: mailDir, port });
  await env.sleep('10 minutes'); // Temporal's retry backoff, skipped
  expect(await arrived(reviewer, '朝天门司法所', 1)).toHaveLength(1);
  expect(await arrived(email('rcpt-yz-operator'), '朝天门司法所', 1)).toHaveLength(1);
  await env.sleep('10 minutes'); // any further retry would have happened by now
  expect(await messagesTo(reviewer, '朝天门司法所')).toHaveLength(1);
  const rows = await db.prisma.notification.findMany({
    where: { certificationId: d.certificationId },
  });
  expect(rows.every((n) => n.status === 'SENT')).toBe(true);
  expect(rows.some((n) => n.attempts === 2)).toBe(true);
  await d.send('WITHDRAW', { reason: '测试结束' }, d.operator());
});

test('a send activity that fails after the message was sent and recorded sends nothing on retry', async () => {
  const office = { ...JIEFANGBEI, id: 'office-shangqingsi' };
  const args = declareArgs(office);
  failAfterRecording = `${args.certificationId}:1:rcpt-cq-reviewer`;
  const d = new LifecycleDriver({ client: env.client, taskQueue, prisma: db.prisma }, args);
  await d.declare();
  await env.sleep('10 minutes');
  const reviewer = email('rcpt-cq-reviewer');
  const row = await db.prisma.notification.findUniqueOrThrow({
    where: { key: `${args.certificationId}:1:rcpt-cq-reviewer` },
  });
  expect(failAfterRecording).toBeNull(); // the fault fired
  expect(row).toMatchObject({ status: 'SENT', attempts: 1 });
  const received = (await capture.list()).filter(
    (m) => m.to.includes(reviewer) && (m.subject ?? '').includes('上清寺司法所'),
  );
  expect(received).toHaveLength(1);
  expect(received[0]?.messageId).toBe(messageIdFor(row.key));
  await d.send('WITHDRAW', { reason: '测试结束' }, d.operator());
});

test('a message the relay accepted but the database would not record is recorded by the next attempt, not resent', async () => {
  const office = { ...JIEFANGBEI, id: 'office-shangqingsi' };
  const args = declareArgs(office);
  const key = `${args.certificationId}:1:rcpt-cq-reviewer`;
  // The database refuses to mark this one message SENT until the constraint is dropped: the
  // attempt that sent it gives up recording and fails, as if its worker had died waiting.
  await db.prisma.$executeRawUnsafe(
    `ALTER TABLE "Notification" ADD CONSTRAINT test_refuse_sent CHECK ("status" <> 'SENT' OR "key" <> '${key}')`,
  );
  const d = new LifecycleDriver({ client: env.client, taskQueue, prisma: db.prisma }, args);
  try {
    await d.declare();
    const delivered = async () =>
      (await capture.list()).filter((m) => m.messageId === messageIdFor(key));
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { raw } = await d.handle().describe();
      const retrying = (raw.pendingActivities ?? []).some((a) => (a.attempt ?? 1) >= 2);
      if (retrying && (await delivered()).length === 1) break;
      if (Date.now() > deadline) throw new Error('the first attempt never failed after sending');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await db.prisma.$executeRawUnsafe(
      `ALTER TABLE "Notification" DROP CONSTRAINT IF EXISTS test_refuse_sent`,
    );
  }
  await env.sleep('10 minutes'); // the retry's backoff
  const row = await db.prisma.notification.findUniqueOrThrow({ where: { key } });
  expect(row).toMatchObject({ status: 'SENT', attempts: 2 });
  const received = (await capture.list()).filter((m) => m.messageId === messageIdFor(key));
  expect(received).toHaveLength(1);
  await d.send('WITHDRAW', { reason: '测试结束' }, d.operator());
});

test('the daily digest lists due and overdue items per person and sends nothing to those with none', async () => {
  const d = new LifecycleDriver(
    { client: env.client, taskQueue, prisma: db.prisma },
    declareArgs(
      { id: 'office-guanyinqiao', countyId: 'county-jiangbei', cityId: JIEFANGBEI.cityId },
      {
        ...CONFIG,
        declarationReviewPeriod: '3d',
      },
    ),
  );
  await d.declare();
  const result = await env.client.workflow.execute(DAILY_DIGEST_WORKFLOW_TYPE, {
    taskQueue,
    workflowId: `digest-${Date.now()}`,
    args: [],
  });
  expect(result).toMatchObject({ sent: 1 });
  const digests = await arrived(email('rcpt-cq-reviewer'), '每日待办', 1);
  expect(digests).toHaveLength(1);
  expect(digests[0]?.text).toContain('江北区观音桥司法所:申报审核');
  expect(await messagesTo(email('rcpt-jb-operator'), '每日待办')).toHaveLength(0);
  await d.send('REVIEW_DECLARATION', { decision: 'REJECT', reason: '测试结束' }, ACTORS.reviewer);
});

test('the notification log is visible through the API, scoped to the caller', async () => {
  const app = createApp({
    prisma: db.prisma,
    temporal: { client: env.client, taskQueue },
    contract: 'enforce',
  });
  const reviewer = await request(app)
    .get('/api/v1/notifications?status=SENT')
    .set('Authorization', 'Bearer dev-city-reviewer');
  expect(reviewer.status).toBe(200);
  const items = reviewer.body.items as { email: string; status: string }[];
  expect(items.length).toBeGreaterThan(5);
  expect(items.every((n) => n.status === 'SENT')).toBe(true);
  const county = await request(app)
    .get('/api/v1/notifications')
    .set('Authorization', 'Bearer dev-jiangbei-operator');
  const countyItems = county.body.items as { email: string }[];
  expect(countyItems.length).toBeGreaterThan(0);
  expect(countyItems.every((n) => n.email.endsWith('@jiangbei.example.gov.cn'))).toBe(true);
  const inspector = await request(app)
    .get('/api/v1/notifications')
    .set('Authorization', 'Bearer dev-inspector');
  expect(inspector.status).toBe(403);
});

test('mail that still fails after the last retry is surfaced in the timeline and the log', async () => {
  const port = capture.port;
  const office = { id: 'office-yuzui', countyId: 'county-jiangbei', cityId: JIEFANGBEI.cityId };
  const args = declareArgs(office);
  await capture.stop();
  // The relay refuses every message about this one certification.
  capture = await startMailCapture({
    dir: mailDir,
    port,
    beforeAccept: (raw) =>
      raw.toString('utf8').includes(args.certificationId) ? 'refuse' : 'accept',
  });
  const d = new LifecycleDriver(
    { client: env.client, taskQueue, prisma: db.prisma },
    {
      ...args,
      actor: ACTORS.jiangbeiOperator,
    },
  );
  await d.declare();
  await env.sleep('6 hours'); // ten attempts with backoff up to an hour, skipped
  const failed = await d.until(
    (v) => v.state.revision === 2 && v.projected?.revision === 2,
    'the failure to be recorded',
  );
  expect(failed.state.status).toBe('DECLARED');
  const event = await db.prisma.auditEvent.findFirstOrThrow({
    where: { certificationId: args.certificationId, action: 'NOTIFICATION_FAILED' },
  });
  expect(event.details).toMatchObject({ forRevision: 1, forAction: 'DECLARED' });
  expect(event.reason).toMatch(/could not send/);
  const rows = await db.prisma.notification.findMany({
    where: { certificationId: args.certificationId },
  });
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((n) => n.status === 'FAILED' && n.attempts === 10)).toBe(true);
  await capture.stop();
  capture = await startMailCapture({ dir: mailDir, port });
  await d.send('WITHDRAW', { reason: '测试结束' }, ACTORS.jiangbeiOperator);
});
