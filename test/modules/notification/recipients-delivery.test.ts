// Who receives email, end to end: the city admin sets a new county up through the API (with
// its head's contact), adds users with email addresses and an extra address, and real
// certification workflows on the time-skipping server send their notices over a real SMTP
// exchange to exactly the people holding each function — county functions in the county,
// city functions in the city, one message per address, nothing to disabled users or to
// another county's people, each in their own language. Nothing here is seeded as a recipient.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { Express } from 'express';
import request from 'supertest';
import { createActivities } from '../../../activities';
import { createApp } from '../../../api/app';
import { DEMO, seedDemoData } from '../../../modules/demo/seed';
import type { Actor } from '../../../modules/shared';
import type { CapturedMessage, MailCapture } from '../../../platform/mail/mail-capture';
import { startMailCapture } from '../../../platform/mail/mail-capture';
import type { Mailer } from '../../../platform/mail/mailer';
import { createSmtpMailer } from '../../../platform/mail/mailer';
import type { TestDatabase } from '../../support/database';
import { createTestDatabase } from '../../support/database';
import { ACTORS, declareArgs } from '../../support/fixtures';
import { LifecycleDriver } from '../../support/lifecycle-driver';
import { createTestWorker, startTimeSkippingServer, uniqueTaskQueue } from '../../support/temporal';

let env: TestWorkflowEnvironment;
let db: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let capture: MailCapture;
let mailer: Mailer;
let app: Express;
const taskQueue = uniqueTaskQueue('recipients');

const ADMIN = 'Bearer dev-city-admin';
const ADDRESS = {
  operator: 'operator@spb.example.gov.cn',
  duty: 'duty@spb.example.gov.cn',
  head: 'head@spb.example.gov.cn',
  reviewer: 'new.reviewer@cq.example.gov.cn',
  disabled: 'left@spb.example.gov.cn',
  yuzhong: 'operator2@yuzhong.example.gov.cn',
  inspector: 'inspector@cq.example.gov.cn',
};

beforeAll(async () => {
  const mailDir = mkdtempSync(path.join(os.tmpdir(), 'fq-recipients-'));
  [env, db, capture] = await Promise.all([
    startTimeSkippingServer(),
    createTestDatabase(),
    startMailCapture({ dir: mailDir }),
  ]);
  await seedDemoData(db.prisma);
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

async function messagesTo(address: string): Promise<CapturedMessage[]> {
  // Addresses are compared without case, as the directory compares them.
  return (await capture.list()).filter((m) =>
    m.to.some((to) => to.toLowerCase() === address.toLowerCase()),
  );
}

/** Waits until `count` messages to `address` have arrived (delivery is asynchronous). */
async function arrived(address: string, count: number): Promise<CapturedMessage[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const found = await messagesTo(address);
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The certification's notification log once every row is SENT, or as it is after 30 s. */
async function settledLog(certificationId: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const log = await db.prisma.notification.findMany({ where: { certificationId } });
    if (log.every((n) => n.status === 'SENT') || Date.now() > deadline) return log;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const post = (url: string, body: object) =>
  request(app).post(url).set('Authorization', ADMIN).send(body);

async function createUser(body: Record<string, unknown>): Promise<{ id: string }> {
  const response = await post('/api/v1/users', { password: 'a-long-password', ...body });
  expect(response.status).toBe(201);
  return response.body as { id: string };
}

test('users added with an email, the new county’s head and an extra address receive their functions’ notices', async () => {
  // A county that did not exist, with its head's contact, and an office in it.
  const county = await post('/api/v1/counties', {
    code: 'CQ-SPB',
    name: '沙坪坝区',
    head: { name: '陈局长', email: ADDRESS.head },
  });
  expect(county.status).toBe(201);
  const countyId = (county.body as { id: string }).id;
  const imported = await post('/api/v1/offices/import', {
    offices: [
      { code: 'CQ-SPB-101', name: '覃家岗街道司法所', type: 'STREET', countyCode: 'CQ-SPB' },
    ],
  });
  expect(imported.status).toBe(201);
  const officeId = (imported.body as { items: { id: string }[] }).items[0]?.id ?? '';

  // People: the county's operator reads English; the city's new reviewer Chinese (default).
  const operator = await createUser({
    username: 'spb.operator',
    displayName: '沙坪坝区司法局 经办人',
    role: 'COUNTY_OPERATOR',
    countyId,
    email: ADDRESS.operator,
    language: 'en',
  });
  const reviewer = await createUser({
    username: 'cq.reviewer2',
    displayName: '市司法局 审核员',
    role: 'CITY_REVIEWER',
    email: ADDRESS.reviewer,
  });
  // Hear nothing of Shapingba: a user who has left, another county's operator, an inspector.
  const left = await createUser({
    username: 'spb.left',
    displayName: '已调离',
    role: 'COUNTY_OPERATOR',
    countyId,
    email: ADDRESS.disabled,
  });
  expect(
    (
      await request(app)
        .post(`/api/v1/users/${left.id}/deactivation`)
        .set('Authorization', ADMIN)
        .send({})
    ).status,
  ).toBe(200);
  await createUser({
    username: 'yz.operator2',
    displayName: '渝中区司法局 经办人',
    role: 'COUNTY_OPERATOR',
    countyId: DEMO.counties.yuzhong,
    email: ADDRESS.yuzhong,
  });
  await createUser({
    username: 'cq.inspector2',
    displayName: '评估员',
    role: 'INSPECTOR',
    email: ADDRESS.inspector,
  });
  // The county's duty mailbox, and the operator's own address again: one message each.
  for (const [email, language] of [
    [ADDRESS.duty, 'zh-CN'],
    [ADDRESS.operator.toUpperCase(), 'en'],
  ]) {
    const extra = await post('/api/v1/notification-recipients', {
      name: '沙坪坝区司法局值班信箱',
      email,
      language,
      function: 'COUNTY_OPERATOR',
      countyId,
    });
    expect(extra.status).toBe(201);
  }

  const actor: Actor = { id: operator.id, role: 'COUNTY_OPERATOR', cityId: DEMO.cityId, countyId };
  const args = declareArgs({ id: officeId, countyId, cityId: DEMO.cityId });
  const d = new LifecycleDriver(
    { client: env.client, taskQueue, prisma: db.prisma },
    { ...args, actor },
  );

  // DECLARED: the county's operator and the city's reviewer are told.
  await d.declare();
  expect(await arrived(ADDRESS.operator, 1)).toHaveLength(1);
  expect(await arrived(ADDRESS.duty, 1)).toHaveLength(1);
  expect(await arrived(ADDRESS.reviewer, 1)).toHaveLength(1);

  // CERTIFIED: the county's operator and its head are told (the head from the county record).
  await d.certify();
  expect(await arrived(ADDRESS.head, 1)).toHaveLength(1);
  expect(await arrived(ADDRESS.operator, 4)).toHaveLength(4);

  // Each address got each notice once, upper-case duplicate or not.
  // A message reaches the mailbox a moment before its row is marked SENT (the activity records
  // it after the SMTP exchange): wait for the log to catch up, as for the mailbox above.
  const log = await settledLog(d.certificationId);
  expect(log.every((n) => n.status === 'SENT')).toBe(true);
  const byAddress = (address: string) =>
    log
      .filter((n) => n.email.toLowerCase() === address)
      .map((n) => n.kind)
      .sort();
  expect(byAddress(ADDRESS.operator)).toEqual(
    ['DECLARATION_DECIDED', 'DECLARATION_RECEIVED', 'NAMED', 'VERIFICATION_SCHEDULED'].sort(),
  );
  expect(byAddress(ADDRESS.duty)).toEqual(byAddress(ADDRESS.operator));
  expect(byAddress(ADDRESS.head)).toEqual(['NAMED']);
  expect(byAddress(ADDRESS.reviewer)).toEqual(['DECLARATION_RECEIVED', 'VERIFICATION_SCHEDULED']);
  // In each recipient's language: the operator reads English, the others Chinese.
  const operatorRows = log.filter((n) => n.email.toLowerCase() === ADDRESS.operator);
  expect(new Set(operatorRows.map((n) => n.locale))).toEqual(new Set(['en']));
  for (const message of await messagesTo(ADDRESS.operator)) {
    expect(message.subject).toMatch(/^[A-Za-z]/);
  }
  for (const message of await messagesTo(ADDRESS.reviewer)) {
    expect(message.subject).toMatch(/^【/);
  }
  expect(log.find((n) => n.email === ADDRESS.reviewer)).toMatchObject({
    recipientId: reviewer.id,
    locale: 'zh-CN',
    cityId: DEMO.cityId,
    countyId: null,
  });
  expect(log.find((n) => n.email === ADDRESS.head)).toMatchObject({
    recipientId: `county-head:${countyId}`,
    countyId,
  });
  for (const silent of [ADDRESS.disabled, ADDRESS.yuzhong, ADDRESS.inspector]) {
    expect({ silent, got: (await messagesTo(silent)).length }).toEqual({ silent, got: 0 });
  }
});

test('a user’s own language is used, and a change of email or functions applies to the next notice', async () => {
  const countyId = DEMO.counties.jiangbei;
  const user = await createUser({
    username: 'jb.operator.en',
    displayName: 'Jiangbei operator',
    role: 'COUNTY_OPERATOR',
    countyId,
    email: 'first@jiangbei.example.gov.cn',
    language: 'en',
  });
  const actor: Actor = { ...ACTORS.jiangbeiOperator };
  const jiangbeiOffice = await db.prisma.office.findFirstOrThrow({
    where: { countyId },
    orderBy: { code: 'asc' },
  });
  const d = new LifecycleDriver(
    { client: env.client, taskQueue, prisma: db.prisma },
    { ...declareArgs({ id: jiangbeiOffice.id, countyId, cityId: DEMO.cityId }), actor },
  );
  await d.declare();
  const [first] = await arrived('first@jiangbei.example.gov.cn', 1);
  expect(first?.subject).toMatch(/^[A-Za-z]/);
  const row = await db.prisma.notification.findFirstOrThrow({
    where: { certificationId: d.certificationId, recipientId: user.id },
  });
  expect(row.locale).toBe('en');

  // The admin moves the user to a new address and adds the county head's function.
  const changed = await request(app)
    .patch(`/api/v1/users/${user.id}`)
    .set('Authorization', ADMIN)
    .send({
      email: 'second@jiangbei.example.gov.cn',
      notificationFunctions: ['COUNTY_OPERATOR', 'COUNTY_BUREAU_HEAD'],
    });
  expect(changed.status).toBe(200);
  await d.send('REVIEW_DECLARATION', { decision: 'REJECT', reason: '不符合条件' }, ACTORS.reviewer);
  expect(await arrived('second@jiangbei.example.gov.cn', 1)).toHaveLength(1);
  expect(await messagesTo('first@jiangbei.example.gov.cn')).toHaveLength(1);
});
