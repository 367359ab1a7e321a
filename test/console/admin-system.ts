// A running system for a console browser test file, as test/console/browser.test.ts starts
// its own: the Temporal dev server (through the same start-up code as `npm start`), a worker,
// and the API serving a fresh build of the console, on a fresh database with the demo data and
// users; then Chromium with one page. One start per test file (beforeAll), stopped in afterAll.
// Also the axe check and the screenshot rule those files share.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createActivities } from '../../activities';
import { createApp } from '../../api/app';
import { seedDemoUsers } from '../../modules/access/demo-users';
import { seedDemoData } from '../../modules/demo/seed';
import { buildConsole, launchChromium } from '../../scripts/chromium';
import { freePorts } from '../../scripts/free-ports';
import { startDevServer } from '../../scripts/temporal-dev-server';
import type { TestDatabase } from '../support/database';
import { createTestDatabase } from '../support/database';
import { refuseMail, workflowBundle } from '../support/temporal';
import { tools } from '../support/tools';
import { reportPageErrors } from './page-errors';

export interface AdminSystem {
  baseUrl: string;
  db: TestDatabase;
  page: Page;
  /** Where screenshots go: docs/screenshots with UPDATE_SCREENSHOTS=1, else a scratch folder. */
  screenshot: (name: string) => Promise<unknown>;
  stop: () => Promise<void>;
}

/** Starts everything; on a failure part-way, stops what had started and rethrows. */
export async function startAdminSystem(name: string): Promise<AdminSystem> {
  const cleanups: (() => unknown)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), `fq-${name}-temporal-`));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const [port, uiPort] = (await freePorts(2)) as [number, number];
    const [devServer, db] = await Promise.all([
      startDevServer({ cli: tools().temporalCli, dataDir, port, uiPort, namespace: 'default' }),
      createTestDatabase(),
    ]);
    cleanups.push(
      () => devServer.stop(),
      () => db.close(),
    );
    await seedDemoData(db.prisma);
    await seedDemoUsers(db.prisma);
    const taskQueue = `${name}-${process.pid}`;
    const connection = await Connection.connect({ address: devServer.address });
    cleanups.push(() => connection.close());
    const nativeConnection = await NativeConnection.connect({ address: devServer.address });
    cleanups.push(() => nativeConnection.close());
    const worker = await Worker.create({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue,
      workflowBundle: workflowBundle(),
      activities: createActivities({ prisma: db.prisma, mailer: refuseMail() }),
    });
    const running = worker.run();
    cleanups.push(async () => {
      worker.shutdown();
      await running;
    });
    const consoleDir = buildConsole();
    cleanups.push(() => rmSync(consoleDir, { recursive: true, force: true }));
    const app = createApp({
      prisma: db.prisma,
      temporal: { client: new Client({ connection }), taskQueue },
      consoleDir,
      security: { tokenSecret: `${name}-browser-test-secret-0123456789abcdef` },
    });
    const server: Server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser: Browser = await launchChromium();
    cleanups.push(() => browser.close());
    const context: BrowserContext = await browser.newContext({
      locale: 'zh-CN',
      // No zooming dialogs or fading toasts (the console honours the preference): a click never
      // lands on a dialog still opening, and axe never reads a half-transparent toast.
      reducedMotion: 'reduce',
      viewport: { width: 1280, height: 900 },
    });
    cleanups.push(() => context.close());
    const page = await context.newPage();
    reportPageErrors(page);

    const screenshots = process.env.UPDATE_SCREENSHOTS
      ? path.join(__dirname, '..', '..', 'docs', 'screenshots')
      : mkdtempSync(path.join(os.tmpdir(), `fq-${name}-screenshots-`));
    mkdirSync(screenshots, { recursive: true });
    if (!process.env.UPDATE_SCREENSHOTS) {
      cleanups.push(() => rmSync(screenshots, { recursive: true, force: true }));
    }
    const screenshot = (file: string) =>
      page.screenshot({ path: path.join(screenshots, `${file}.png`), fullPage: true });

    return { baseUrl, db, page, screenshot, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
