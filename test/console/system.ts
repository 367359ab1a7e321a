// The running system a browser test drives, as `npm start` runs it: the Temporal dev server
// (through the same start-up code), a worker, and the API serving a fresh build of the
// console, on a fresh database with the demo data and users; plus Chromium and one page.
// One start per test file (`useConsoleSystem()` registers beforeAll/afterAll); the page's
// helpers (axe, screenshots, logging in) are here too.
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
import { DEMO_PASSWORD, seedDemoUsers } from '../../modules/access/demo-users';
import { seedDemoData } from '../../modules/demo/seed';
import type { DevServer } from '../../scripts/temporal-dev-server';
import { startDevServer } from '../../scripts/temporal-dev-server';
import { buildConsole, launchChromium } from '../../scripts/chromium';
import { freePorts } from '../../scripts/free-ports';
import { seriousViolations } from './axe';
import type { TestDatabase } from '../support/database';
import { createTestDatabase } from '../support/database';
import { refuseMail, workflowBundle } from '../support/temporal';
import { tools } from '../support/tools';
import { reportPageErrors } from './page-errors';

export interface ConsoleSystem {
  readonly db: TestDatabase;
  readonly baseUrl: string;
  readonly page: Page;
  /** No serious or critical accessibility violation on the page as it stands. */
  expectAccessible(): Promise<void>;
  /** A full-page screenshot (into docs/screenshots with UPDATE_SCREENSHOTS=1). */
  screenshot(name: string): Promise<void>;
  /** Logs in through the login page as a demo user and waits for the inbox. */
  login(username: string): Promise<void>;
  /** Calls the API with a demo key, e.g. to compare a page's figures with the API's. */
  apiGet<T>(apiKey: string, route: string): Promise<T>;
}

export function useConsoleSystem(options: {
  tokenSecret: string;
  /** More data the file needs once the demo data is in, before the API starts. */
  prepare?: (db: TestDatabase) => Promise<void>;
}): ConsoleSystem {
  const taskQueue = `console-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  // The README's screenshots are refreshed only when asked (pixels differ from run to run,
  // and a test run must leave a clean checkout); otherwise they go to a scratch folder.
  const screenshots = process.env.UPDATE_SCREENSHOTS
    ? path.join(__dirname, '..', '..', 'docs', 'screenshots')
    : mkdtempSync(path.join(os.tmpdir(), 'fq-screenshots-'));
  let dataDir: string | undefined;
  let devServer: DevServer | undefined;
  let db: TestDatabase | undefined;
  let connection: Connection | undefined;
  let nativeConnection: NativeConnection | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let consoleDir: string | undefined;
  let server: Server | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let baseUrl = '';

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started (beforeAll failed?)`);
    return value;
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
    await options.prepare?.(db);
    connection = await Connection.connect({ address: devServer.address });
    nativeConnection = await NativeConnection.connect({ address: devServer.address });
    worker = await TemporalWorker.create({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue,
      workflowBundle: workflowBundle(),
      activities: createActivities({ prisma: db.prisma, mailer: refuseMail() }),
    });
    running = worker.run();
    consoleDir = buildConsole();
    const app = createApp({
      prisma: db.prisma,
      temporal: { client: new Client({ connection }), taskQueue },
      consoleDir,
      security: { tokenSecret: options.tokenSecret },
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
    mkdirSync(screenshots, { recursive: true });
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
    const scratch = process.env.UPDATE_SCREENSHOTS ? [] : [screenshots];
    for (const dir of [consoleDir, dataDir, ...scratch]) {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  const system: ConsoleSystem = {
    get db() {
      return started(db, 'the database');
    },
    get baseUrl() {
      return started(baseUrl || undefined, 'the API');
    },
    get page() {
      return started(page, 'the browser');
    },
    async expectAccessible() {
      expect(await seriousViolations(system.page)).toEqual([]);
    },
    async screenshot(name) {
      await system.page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
    },
    async login(username) {
      const current = system.page;
      // Whoever was logged in before is logged out: the session lives in sessionStorage.
      await current.goto(`${system.baseUrl}/login`);
      await current.evaluate(() => {
        (globalThis as unknown as { sessionStorage: { clear(): void } }).sessionStorage.clear();
      });
      await current.goto(`${system.baseUrl}/login`);
      await current.getByLabel('用户名', { exact: true }).fill(username);
      await current.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
      await current.getByRole('button', { name: '登录' }).click();
      await current.getByRole('heading', { name: '待办事项' }).waitFor();
    },
    async apiGet<T>(apiKey: string, route: string): Promise<T> {
      const response = await fetch(`${system.baseUrl}${route}`, {
        headers: { Authorization: `Bearer ${apiKey}` },
      });
      expect(response.status).toBe(200);
      return (await response.json()) as T;
    },
  };
  return system;
}
