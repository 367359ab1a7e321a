// The local mail capture's read-only route shows a city admin only the mail addressed to
// their own city (its users and notification recipients), with other cities' addressees cut
// from the recipient list: one city's captured mail never reaches another city's admin.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import request from 'supertest';
import { hashApiKey } from '../../../modules/access/api-keys';
import { DEMO, seedDemoRecipients } from '../../../modules/demo/seed';
import type { CapturedMessage, MailCapture } from '../../../platform/mail/mail-capture';
import { startMailCapture } from '../../../platform/mail/mail-capture';
import { useApiHarness } from '../../support/api-harness';

const CHONGQING_ADMIN = 'Bearer dev-city-admin';
const LESHAN_ADMIN_KEY = 'test-leshan-admin-key';
const LESHAN_ADDRESS = 'office@leshan.example.gov.cn';
const CHONGQING_ADDRESS = 'operator@yuzhong.example.gov.cn';

const mailDir = mkdtempSync(path.join(tmpdir(), 'fq-dev-mail-'));
let capture: MailCapture | undefined;

const h = useApiHarness({
  prepare: async (db) => {
    await seedDemoRecipients(db.prisma);
    await db.prisma.recipient.create({
      data: {
        id: 'rcpt-ls-office',
        cityId: DEMO.otherCityId,
        function: 'CITY_REVIEWER',
        name: '乐山市司法局',
        email: LESHAN_ADDRESS,
      },
    });
    await db.prisma.apiKey.create({
      data: {
        id: 'apikey-test-leshan-admin',
        name: 'Leshan admin (test)',
        role: 'CITY_ADMIN',
        cityId: DEMO.otherCityId,
        keyHash: hashApiKey(LESHAN_ADMIN_KEY),
      },
    });
  },
});

beforeAll(async () => {
  capture = await startMailCapture({ dir: mailDir });
  const transport = nodemailer.createTransport(capture.url);
  const send = (to: string[], subject: string) =>
    transport.sendMail({ from: 'noreply@example.gov.cn', to, subject, text: subject });
  await send([CHONGQING_ADDRESS], 'chongqing only');
  await send([LESHAN_ADDRESS], 'leshan only');
  // Addresses match whatever their case.
  await send(['OPERATOR@yuzhong.example.gov.cn', LESHAN_ADDRESS], 'both cities');
  await send(['stranger@example.com'], 'no city');
  transport.close();
});

afterAll(async () => {
  await capture?.stop();
  rmSync(mailDir, { recursive: true, force: true });
});

async function mailOf(key: string) {
  if (!capture) throw new Error('the mail capture is not started');
  const response = await request(h.appWith({ devMailbox: capture }))
    .get('/api/v1/dev/mail')
    .set('Authorization', key);
  expect(response.status).toBe(200);
  return (response.body.items as CapturedMessage[]).map((m) => [m.subject, m.to]);
}

test('each city admin sees only mail to their own city, and only their city’s addressees', async () => {
  expect(await mailOf(CHONGQING_ADMIN)).toEqual([
    ['chongqing only', [CHONGQING_ADDRESS]],
    ['both cities', ['OPERATOR@yuzhong.example.gov.cn']],
  ]);
  expect(await mailOf(`Bearer ${LESHAN_ADMIN_KEY}`)).toEqual([
    ['leshan only', [LESHAN_ADDRESS]],
    ['both cities', [LESHAN_ADDRESS]],
  ]);
});
