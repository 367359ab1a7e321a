// A message the relay accepted is never sent twice because the database stumbled right after:
// recording it as sent is retried inside the activity, not by a new attempt that would send it
// again. Real SMTP (the local capture), real PGlite; the outage is a database rule that refuses
// to record SENT for a moment, switched on by the relay's acceptance.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createOutbox, messageIdFor } from '../../../modules/notification/activities';
import { DEMO, seedDemoData } from '../../../modules/demo/seed';
import type { MailCapture } from '../../../platform/mail/mail-capture';
import { startMailCapture } from '../../../platform/mail/mail-capture';
import type { Mailer } from '../../../platform/mail/mailer';
import { createSmtpMailer } from '../../../platform/mail/mailer';
import type { TestDatabase } from '../../support/database';
import { createTestDatabase } from '../../support/database';

let db: TestDatabase;
let capture: MailCapture;
let smtp: Mailer;
let mailDir: string;

beforeAll(async () => {
  mailDir = mkdtempSync(path.join(os.tmpdir(), 'fq-outbox-'));
  [db, capture] = await Promise.all([createTestDatabase(), startMailCapture({ dir: mailDir })]);
  await seedDemoData(db.prisma);
  smtp = createSmtpMailer(capture.url, '枫桥式司法所认定系统 <noreply@fengqiao.local>');
});

afterAll(async () => {
  smtp?.close();
  await capture?.stop();
  await db?.close();
  rmSync(mailDir, { recursive: true, force: true });
});

test('a database outage right after the relay accepted a message does not send it twice', async () => {
  let outageOver: Promise<void> = Promise.resolve();
  // The relay accepts the message; at that very moment the database starts refusing to record
  // it as sent, and recovers a second later.
  const mailer: Mailer = {
    async send(message) {
      await smtp.send(message);
      await db.prisma.$executeRawUnsafe(
        `ALTER TABLE "Notification" ADD CONSTRAINT test_outage CHECK (status <> 'SENT')`,
      );
      outageOver = new Promise((resolve) => setTimeout(resolve, 1_000)).then(async () => {
        await db.prisma.$executeRawUnsafe(`ALTER TABLE "Notification" DROP CONSTRAINT test_outage`);
      });
    },
    close() {},
  };
  const outbox = createOutbox({ prisma: db.prisma, mailer });
  const key = 'outbox-test:declared:rcpt';

  const outcome = await outbox.sendOnce({
    key,
    kind: 'DECLARED',
    certificationId: null,
    recipient: {
      id: 'rcpt-outbox',
      email: 'reviewer@example.gov.cn',
      locale: 'zh-CN',
      cityId: DEMO.cityId,
      countyId: null,
    },
    message: { subject: '申报受理', text: '已受理', html: '<p>已受理</p>' },
    finalAttempt: false,
  });
  await outageOver;

  expect(outcome).toBe('sent');
  const row = await db.prisma.notification.findUniqueOrThrow({ where: { key } });
  expect(row).toMatchObject({ status: 'SENT', attempts: 1 });
  const delivered = (await capture.list()).filter((m) => m.messageId === messageIdFor(key));
  expect(delivered).toHaveLength(1);
});
