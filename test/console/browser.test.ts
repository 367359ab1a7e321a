// The web console in real Chromium against a real running system: the console's build served
// by the API (as `npm start` serves it), the worker and a Temporal dev server, on the test
// database with the demo data and users. Plays issue 13's acceptance scenario through the
// console, each step as its role's demo user: the operator declares, reports progress, adds
// evidence and requests verification; the reviewer approves, assigns the inspector with the
// picker and reviews the documents; the inspector scores with the criteria form; the operator
// records the local opinion; the reviewer decides; the public registry shows the certificate
// number. Reads like a user: roles and labels, no CSS selectors, no sleeps (every locator waits
// for what it looks for). Takes a screenshot of each main page (the README's, with
// UPDATE_SCREENSHOTS=1) and checks each with axe.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { NativeConnection, Worker as TemporalWorker } from '@temporalio/worker';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createActivities } from '../../activities';
import { createApp } from '../../api/app';
import { createTokenSigner } from '../../modules/access/tokens';
import type { PinnedCriteria } from '../../modules/criteria/rules/criteria';
import { allItems, normaliseCriteria } from '../../modules/criteria/rules/criteria';
import { DEMO_PASSWORD, seedDemoUsers } from '../../modules/access/demo-users';
import { seedDemoData } from '../../modules/demo/seed';
import type { DevServer } from '../../scripts/temporal-dev-server';
import { startDevServer } from '../../scripts/temporal-dev-server';
import { buildConsole, launchChromium } from '../../scripts/chromium';
import { freePorts } from '../../scripts/free-ports';
import type { TestDatabase } from '../support/database';
import { createTestDatabase } from '../support/database';
import { refuseMail, workflowBundle } from '../support/temporal';
import { tools } from '../support/tools';
import { seriousViolations } from './axe';
import type { Storage } from './page-storage';
import { reportPageErrors } from './page-errors';

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
  context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 1280, height: 900 },
    // No zooming dialogs or fading toasts (the console honours the preference): a click never
    // lands on a dialog still opening, and axe never reads a half-transparent toast.
    reducedMotion: 'reduce',
  });
  page = await context.newPage();
  reportPageErrors(page);
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
  expect(await seriousViolations(page)).toEqual([]);
}

const screenshot = (name: string) =>
  page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

/** Logs in through the login page as a demo user and waits for their inbox. */
async function logIn(username: string): Promise<void> {
  if (new URL(page.url()).pathname !== '/login') await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '待办事项' }).waitFor();
}

async function logOut(): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('heading', { name: '枫桥式司法所认定系统' }).waitFor();
}

/** Opens the inbox task of this name (e.g. “审核申报 · 解放碑司法所”) and waits for its page. */
async function openTask(name: string, heading = OFFICE): Promise<void> {
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { name: heading, exact: true }).waitFor();
}

/** Sends the open action tab's form and waits for the console to confirm it. */
async function submitAction(): Promise<void> {
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await page.getByText('已提交', { exact: true }).first().waitFor();
}

const OFFICE = '解放碑司法所';

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

test('the reviewer approves the declaration from their inbox', async () => {
  await logOut();
  await logIn('cq.reviewer');
  await openTask(`审核申报 · ${OFFICE}`);
  await page.getByRole('tab', { name: '审核申报' }).click();
  await page.getByLabel('审核结果', { exact: true }).click();
  await page.getByTitle('同意创建', { exact: true }).click();
  await page.getByLabel('理由', { exact: true }).fill('申报材料齐全');
  await submitAction();
  await page.getByText('创建中', { exact: true }).first().waitFor();

  await logOut();
  await logIn('yuzhong.operator');
  await openTask(`创建并申请验收 · ${OFFICE}`);
});

test('a login that expired mid-form asks for the password and sends what was typed', async () => {
  await page.getByRole('tab', { name: '报送创建进度' }).click();
  await page.getByLabel(/报告期/).fill('2024年第一季度');
  await page.getByLabel('进展情况', { exact: true }).fill('完成场所改造，人员到位');

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

  await page.getByRole('button', { name: '提交' }).click();
  const prompt = page.getByRole('dialog', { name: '登录已过期' });
  await prompt.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await prompt.getByRole('button', { name: '继续' }).click();
  // Progress reports / evidence: the report is counted.
  await page.getByText('1 / 0', { exact: true }).waitFor();

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
  await page.getByLabel('材料类型', { exact: true }).click();
  await page.getByTitle('照片', { exact: true }).click();
  await page.getByLabel('标题', { exact: true }).fill('调解室照片');
  await page.getByLabel(/SHA-256/).fill('not-a-checksum');
  await page.getByRole('button', { name: '提交' }).click();
  await page.getByText('must be 64 lowercase hex characters').waitFor();
  expect(await page.getByLabel(/SHA-256/).getAttribute('aria-invalid')).toBe('true');

  await page.getByLabel(/SHA-256/).fill('');
  await page.getByRole('button', { name: '提交' }).click();
  await page.getByText('1 / 1').waitFor();
  await expectAccessible();
  await screenshot('certification');
});

test('a refused action shows the workflow’s reason (the page was out of date)', async () => {
  // The operator starts the verification request…
  await page.getByRole('tab', { name: '申请验收' }).click();
  await page.getByLabel('自评情况', { exact: true }).fill('各项指标均已达到');

  // …while a colleague, in another tab, sends it first.
  const other = await context!.newPage();
  await other.goto(`${baseUrl}/login`);
  await other.getByLabel('用户名', { exact: true }).fill('yuzhong.operator');
  await other.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await other.getByRole('button', { name: '登录' }).click();
  await other.getByRole('heading', { name: '待办事项' }).waitFor();
  await other.goto(`${baseUrl}/certifications/${certificationId}`);
  await other.getByRole('tab', { name: '申请验收' }).click();
  await other.getByLabel('自评情况', { exact: true }).fill('场所、人员、制度均已到位');
  await other.getByRole('button', { name: '提交', exact: true }).click();
  await other.getByText('验收中', { exact: true }).first().waitFor();
  await other.close();

  await page.getByRole('button', { name: '提交', exact: true }).click();
  await page
    .getByRole('alert')
    .getByText(/cannot request verification while the certification is VERIFYING/)
    .waitFor();
  // What was typed is still there.
  expect(await page.getByLabel('自评情况', { exact: true }).inputValue()).toBe('各项指标均已达到');
  await page.reload();
  await page.getByText('验收中', { exact: true }).first().waitFor();
});

test('the reviewer assigns the inspector with the picker and records the document review', async () => {
  await logOut();
  await logIn('cq.reviewer');
  await openTask(`材料审查 · ${OFFICE}`);
  // Assigning the inspector with the picker: the city's active inspectors, people and keys,
  // each with their open workload.
  await page.getByRole('button', { name: '指派检查员' }).click();
  const dialog = page.getByRole('dialog', { name: '指派检查员' });
  await dialog.getByLabel('检查员', { exact: true }).click();
  await page.getByTitle('重庆市司法局 inspector · API 密钥 · 在办 0 件', { exact: true }).click();
  // The key is revoked (by an admin, elsewhere) before the reviewer sends: the server's message
  // on the field, and the dialog stays open for another choice.
  await database().prisma.apiKey.update({
    where: { id: 'apikey-dev-inspector' },
    data: { revokedAt: new Date() },
  });
  await dialog.getByRole('button', { name: '指派', exact: true }).click();
  await dialog.getByText('no active inspector with this id in your city').waitFor();
  expect(await dialog.getByLabel('检查员', { exact: true }).getAttribute('aria-invalid')).toBe(
    'true',
  );
  await database().prisma.apiKey.update({
    where: { id: 'apikey-dev-inspector' },
    data: { revokedAt: null },
  });
  await dialog.getByLabel('检查员', { exact: true }).click();
  await page.getByTitle('重庆市司法局 评估员 · 人员 · 在办 0 件', { exact: true }).click();
  await dialog.getByRole('button', { name: '指派', exact: true }).click();
  await page.getByRole('cell', { name: '重庆市司法局 评估员', exact: true }).waitFor();
  const assigned = await database().prisma.inspectionAssignment.findMany({
    where: { certificationId },
  });
  expect(assigned.map((row) => row.inspectorId)).toEqual(['user-cq.inspector']);
  await expectAccessible();

  await page.getByRole('tab', { name: '材料审查' }).click();
  await page.getByLabel('材料审查通过', { exact: true }).click();
  await page.getByLabel('审查意见', { exact: true }).fill('创建方案、台账、制度材料齐全');
  await submitAction();
});

test('the inspector scores with the criteria form: live preview, a field error on its item', async () => {
  await logOut();
  await logIn('cq.inspector');
  await openTask(`现场验收评分 · ${OFFICE}`, `现场检查评分 · ${OFFICE}`);

  const row = await database().prisma.certification.findUniqueOrThrow({
    where: { id: certificationId },
  });
  const criteria = normaliseCriteria((row.state as { criteria: PinnedCriteria }).criteria);
  const items = allItems(criteria);
  const total = page.getByRole('status');
  await total.getByText('预计不通过').waitFor();

  for (const item of items.filter((i) => i.kind === 'SCORED')) {
    await page
      .getByLabel(`${item.titleZh}（满分 ${item.maxPoints} 分）`)
      .fill(String(item.maxPoints));
  }
  for (const item of items.filter((i) => i.kind === 'MANDATORY' && !i.autoCheck)) {
    await page.getByLabel(`${item.titleZh}（必备条件）`).click();
  }
  // Full marks, every judgement met, the office's data meeting the automatic checks.
  await total.getByText(`${criteria.totalPoints}`, { exact: true }).waitFor();
  await total.getByText('预计通过').waitFor();

  // A veto fails it whatever the points, and says why.
  const veto = items.find((i) => i.kind === 'VETO');
  if (!veto) throw new Error('the criteria have no veto item');
  await page.getByLabel(`${veto.titleZh}（一票否决）`).click();
  await total.getByText('预计不通过').waitFor();
  await total.getByText(`一票否决:${veto.titleZh}`).waitFor();
  await page.getByLabel(`${veto.titleZh}（一票否决）`).click();
  await total.getByText('预计通过').waitFor();
  await page.getByLabel('检查意见', { exact: true }).fill('现场查看调解室、档案室，台账规范');
  await expectAccessible();
  await screenshot('inspection');

  // A day before the office's data was recorded: the server's message on the date field.
  const date = page.getByLabel('检查日期', { exact: true });
  await date.fill('2021-06-01');
  await page.getByText('该日期无司法所基本情况数据').waitFor();
  await page.getByRole('button', { name: '提交评分' }).click();
  await page.getByText('no office profile in effect on 2021-06-01').waitFor();
  expect(await date.getAttribute('aria-invalid')).toBe('true');

  await date.fill(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
  await total.getByText('预计通过').waitFor();
  await page.getByRole('button', { name: '提交评分' }).click();
  // Back on the certification's page (its heading is the office's name alone).
  await page.getByRole('heading', { name: OFFICE, exact: true }).waitFor();
  const inspected = await database().prisma.certification.findUniqueOrThrow({
    where: { id: certificationId },
  });
  const check = (inspected.state as { openCheck: { inspection: { scores: object } | null } })
    .openCheck;
  expect(Object.keys(check.inspection?.scores ?? {}).length).toBe(
    items.filter((i) => i.kind === 'SCORED').length,
  );
});

test('the operator records the local opinion', async () => {
  await logOut();
  await logIn('yuzhong.operator');
  await openTask(`录入党委政府意见 · ${OFFICE}`);
  await page.getByRole('tab', { name: '录入乡镇（街道）党委政府意见' }).click();
  await page.getByLabel('出具意见的党委政府', { exact: true }).fill('解放碑街道党工委');
  await page.getByLabel('同意命名', { exact: true }).click();
  await page.getByLabel('意见内容', { exact: true }).fill('同意命名为“枫桥式司法所”');
  await submitAction();
});

test('the reviewer decides, and the public registry shows the certificate number', async () => {
  await logOut();
  await logIn('cq.reviewer');
  await openTask(`作出认定决定 · ${OFFICE}`);
  await page.getByRole('tab', { name: '作出认定决定' }).click();
  await submitAction();
  await page.getByText('已命名', { exact: true }).first().waitFor();
  const row = await database().prisma.certification.findUniqueOrThrow({
    where: { id: certificationId },
  });
  const number = row.certificateNumber;
  if (!number) throw new Error('the certified office has no certificate number');
  await page.getByText(number, { exact: true }).waitFor();

  await logOut();
  await page.goto(`${baseUrl}/registry`);
  await page.getByRole('heading', { name: '“枫桥式司法所”公示名单' }).waitFor();
  await page.getByRole('cell', { name: number, exact: true }).waitFor();
  await page.getByRole('cell', { name: OFFICE, exact: true }).first().waitFor();
  await expectAccessible();
});
