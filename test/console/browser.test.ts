// The web console in real Chromium against a real running system: the console's build served
// by the API (as `npm start` serves it), the worker and a Temporal dev server, on the test
// database with the demo data and users. Reads like a user: roles and labels, no CSS
// selectors, no sleeps (every locator waits for what it looks for). Takes a screenshot of each
// main page (the README's, with UPDATE_SCREENSHOTS=1) and checks each with axe.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Client, Connection } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { NativeConnection, Worker as TemporalWorker } from '@temporalio/worker';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createActivities } from '../../activities';
import { createApp } from '../../api/app';
import { createTokenSigner } from '../../modules/access/tokens';
import { DEMO_PASSWORD, seedDemoUsers } from '../../modules/access/demo-users';
import { seedDemoData } from '../../db/seed';
import type { DevServer } from '../../scripts/temporal-dev-server';
import { startDevServer } from '../../scripts/temporal-dev-server';
import { buildConsole, launchChromium } from '../../scripts/chromium';
import { freePorts } from '../../scripts/free-ports';
import type { TestDatabase } from '../support/database';
import { createTestDatabase } from '../support/database';
import { refuseMail, workflowBundle } from '../support/temporal';
import { tools } from '../support/tools';
import type { Storage } from './page-storage';

const TOKEN_SECRET = 'console-browser-test-secret-0123456789abcdef';
const TASK_QUEUE = `console-${process.pid}`;
/**
 * The README's screenshots are refreshed only when asked (`UPDATE_SCREENSHOTS=1 npm run jest --
 * test/console/browser.test.ts`): pixels differ from run to run (countdowns, ids), and a test
 * run must leave a clean checkout. Otherwise they go to a scratch folder, still proving the
 * pages render.
 */
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? path.join(__dirname, '..', '..', 'docs', 'screenshots')
  : mkdtempSync(path.join(os.tmpdir(), 'fq-screenshots-'));

// The system as `npm start` runs it: the Temporal dev server (through the same start-up code),
// the worker, and the API serving the console's build, on a fresh database.
let dataDir: string | undefined;
let devServer: DevServer | undefined;
let db: TestDatabase | undefined;
let connection: Connection | undefined;
let nativeConnection: NativeConnection | undefined;
let worker: Worker | undefined;
let running: Promise<void> | undefined;
let consoleDir: string | undefined;
let server: Server | undefined;
let baseUrl = '';
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
let certificationId = '';

const database = (): TestDatabase => {
  if (!db) throw new Error('the database is not started (beforeAll failed?)');
  return db;
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'fq-console-temporal-'));
  const [port, uiPort] = (await freePorts(2)) as [number, number];
  [devServer, db] = await Promise.all([
    startDevServer({ cli: tools().temporalCli, dataDir, port, uiPort, namespace: 'default' }),
    createTestDatabase(),
  ]);
  await seedDemoData(db.prisma);
  await seedDemoUsers(db.prisma);
  connection = await Connection.connect({ address: devServer.address });
  nativeConnection = await NativeConnection.connect({ address: devServer.address });
  worker = await TemporalWorker.create({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue: TASK_QUEUE,
    workflowBundle: workflowBundle(),
    activities: createActivities({ prisma: db.prisma, mailer: refuseMail() }),
  });
  running = worker.run();
  consoleDir = buildConsole();
  const app = createApp({
    prisma: db.prisma,
    temporal: { client: new Client({ connection }), taskQueue: TASK_QUEUE },
    consoleDir,
    security: { tokenSecret: TOKEN_SECRET },
  });
  const listening = app.listen(0, '127.0.0.1');
  server = listening;
  await new Promise<void>((resolve, reject) => {
    listening.once('listening', resolve);
    listening.once('error', reject);
  });
  baseUrl = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 300_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  worker?.shutdown();
  await running;
  await nativeConnection?.close();
  await connection?.close();
  await devServer?.stop();
  await db?.close();
  const scratch = process.env.UPDATE_SCREENSHOTS ? [] : [SCREENSHOTS];
  for (const dir of [consoleDir, dataDir, ...scratch]) {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

/** No serious or critical accessibility violation on the page as it stands. */
async function expectAccessible(): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    );
  expect(serious).toEqual([]);
}

const screenshot = (name: string) =>
  page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

async function asReviewer(route: string, body: object): Promise<void> {
  const response = await fetch(`${baseUrl}/api/v1/certifications/${certificationId}/${route}`, {
    method: 'POST',
    headers: { Authorization: 'Bearer dev-city-reviewer', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

/** The open action tab's form (the others are hidden, and role and label queries skip them). */
const openForm = () => page;

test('the public registry needs no login and prints without its controls', async () => {
  await page.goto(`${baseUrl}/registry`);
  await page.getByRole('heading', { name: '“枫桥式司法所”公示名单' }).waitFor();
  await page.getByRole('heading', { name: /已命名/ }).waitFor();
  await page.getByRole('heading', { name: /已撤销命名/ }).waitFor();
  expect(page.url()).toBe(`${baseUrl}/registry`);
  await page.emulateMedia({ media: 'print' });
  expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
  await page.emulateMedia({ media: 'screen' });
  await expectAccessible();
  await screenshot('registry');
});

test('logging in at / as the Yuzhong operator shows their county and its offices', async () => {
  await page.goto(`${baseUrl}/`);
  await page.getByRole('heading', { name: '枫桥式司法所认定系统' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/login');
  await expectAccessible();
  await screenshot('login');

  await page.getByLabel('用户名', { exact: true }).fill('yuzhong.operator');
  await page.getByLabel('密码', { exact: true }).fill('wrong-password');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('alert').getByText('用户名或密码错误').waitFor();

  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '待办事项' }).waitFor();
  // The city's name and the county's arrive from two queries, in either order: wait for both.
  await page
    .getByTestId('shell-user')
    .getByText(/重庆市.*渝中区/)
    .waitFor();

  // The English switch, and back.
  await page.getByRole('button', { name: '切换语言' }).click();
  await page.getByRole('heading', { name: 'Inbox' }).waitFor();
  await page.getByRole('button', { name: 'Switch language' }).click();
  await page.getByRole('heading', { name: '待办事项' }).waitFor();
  await expectAccessible();
  await screenshot('inbox');

  // The declaration form offers the county's own offices.
  await page.getByRole('link', { name: '认定' }).click();
  await page.getByRole('heading', { name: '认定' }).waitFor();
  await page.getByRole('button', { name: '申报' }).click();
  await page.getByLabel('司法所', { exact: true }).click();
  // (antd's visible options carry their text as a title; its role="option" twins are hidden.)
  await page.getByTitle(/解放碑司法所/).waitFor();
  await page.getByTitle(/朝天门司法所/).waitFor();
  expect(await page.getByTitle(/观音桥司法所/).count()).toBe(0);
  await page.keyboard.press('Escape');
});

test('an operator declares an office; a bad field shows its message next to the field', async () => {
  await page.getByLabel('司法所', { exact: true }).fill('解放碑');
  await page.getByTitle(/解放碑司法所/).click();
  await page.getByLabel('创建活动', { exact: true }).click();
  await page.getByTitle(/2022—2024年/).click();
  await page.getByLabel('创建方案概要', { exact: true }).fill('一站式矛盾纠纷化解中心');
  await page.getByLabel('特色（一所一品）', { exact: true }).fill('老马工作法');
  await page.getByLabel('联系人', { exact: true }).fill('张三');
  await page.getByLabel('联系电话', { exact: true }).fill('not a phone');
  await page.getByRole('button', { name: '提交申报' }).click();

  // The server's message for contact.phone, on the phone field.
  const phone = page.getByLabel('联系电话', { exact: true });
  await page.getByText('must be a phone number').waitFor();
  expect(await phone.getAttribute('aria-invalid')).toBe('true');
  expect(await phone.getAttribute('aria-describedby')).toMatch(/contact_phone_help/);

  await phone.fill('023-63000000');
  await page.getByRole('button', { name: '提交申报' }).click();
  await page.getByRole('heading', { name: '解放碑司法所' }).waitFor();
  certificationId = new URL(page.url()).pathname.split('/').pop() ?? '';
  expect(certificationId).toMatch(/^[0-9a-f-]{36}$/);
  await page.getByText('已申报', { exact: true }).first().waitFor();
});

test('a refused action shows the workflow’s reason', async () => {
  await asReviewer('declaration-review', { decision: 'APPROVE', reason: '申报材料齐全' });
  await page.reload();
  await page.getByText('创建中', { exact: true }).first().waitFor();

  await page.getByRole('tab', { name: '申请验收' }).click();
  await openForm().getByLabel('自评情况', { exact: true }).fill('各项指标均已达到');
  await openForm().getByRole('button', { name: '提交' }).click();
  await openForm()
    .getByRole('alert')
    .getByText('verification needs at least one progress report first')
    .waitFor();
  // What was typed is still there, to send again once the report is filed.
  expect(await openForm().getByLabel('自评情况', { exact: true }).inputValue()).toBe(
    '各项指标均已达到',
  );
});

test('a login that expired mid-form asks for the password and sends what was typed', async () => {
  await page.getByRole('tab', { name: '报送创建进度' }).click();
  await openForm()
    .getByLabel(/报告期/)
    .fill('2024年第一季度');
  await openForm().getByLabel('进展情况', { exact: true }).fill('完成场所改造，人员到位');

  // The token runs out while the form is open: a genuinely expired one, signed by the app.
  const user = await database().prisma.user.findUniqueOrThrow({
    where: { username: 'yuzhong.operator' },
  });
  const signer = createTokenSigner({ secret: TOKEN_SECRET, ttlSeconds: 15 * 60 });
  const expired = await signer.issue(user.id, new Date(Date.now() - 16 * 60 * 1000));
  await page.evaluate((token) => {
    // Runs in the page, where sessionStorage exists (this file is typed for Node).
    const storage = (globalThis as unknown as { sessionStorage: Storage }).sessionStorage;
    const session = JSON.parse(storage.getItem('fengqiao.session') ?? '{}') as object;
    storage.setItem('fengqiao.session', JSON.stringify({ ...session, token }));
  }, expired.token);

  await openForm().getByRole('button', { name: '提交' }).click();
  const prompt = page.getByRole('dialog', { name: '登录已过期' });
  await prompt.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await prompt.getByRole('button', { name: '继续' }).click();
  await page.getByText('已提交').first().waitFor();

  const row = await database().prisma.certification.findUniqueOrThrow({
    where: { id: certificationId },
  });
  expect((row.state as { progressReportCount: number }).progressReportCount).toBe(1);
  const report = await database().prisma.auditEvent.findFirst({
    where: { certificationId, action: { contains: 'PROGRESS' } },
  });
  expect(JSON.stringify(report?.details)).toContain('2024年第一季度');
});

test('evidence with a malformed checksum shows the message on that field', async () => {
  await page.getByRole('tab', { name: '上传佐证材料' }).click();
  await openForm().getByLabel('材料类型', { exact: true }).click();
  await page.getByTitle('照片', { exact: true }).click();
  await openForm().getByLabel('标题', { exact: true }).fill('调解室照片');
  await openForm()
    .getByLabel(/SHA-256/)
    .fill('not-a-checksum');
  await openForm().getByRole('button', { name: '提交' }).click();
  await openForm().getByText('must be 64 lowercase hex characters').waitFor();
  expect(
    await openForm()
      .getByLabel(/SHA-256/)
      .getAttribute('aria-invalid'),
  ).toBe('true');

  await openForm()
    .getByLabel(/SHA-256/)
    .fill('');
  await openForm().getByRole('button', { name: '提交' }).click();
  await page.getByText('1 / 1').waitFor();
  await expectAccessible();
  await screenshot('certification');
});
