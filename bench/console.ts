// `npm run bench:console`: what a first visit to the console costs, in real Chromium on
// localhost. Serves the build `npm run build` made (dist/console) from the API on a fresh
// embedded database with the demo data, logs in as the demo Yuzhong operator, and opens the
// inbox five times in a fresh browser context (empty cache). Prints the gzipped size of the
// JavaScript the visit loaded and the median time from navigation to a usable inbox (heading
// and task count shown). Targets: ≤ 350 KB, ≤ 1 s. Not a test: speed is measured here only.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Client } from '@temporalio/client';
import { createApp } from '../api/app';
import { builtConsoleDir } from '../platform/http/console-serving';
import { openDatabase } from '../platform/db/client';
import { DEMO_PASSWORD, seedDemoUsers } from '../modules/access/demo-users';
import { seedDemoData } from '../modules/demo/seed';
import { launchChromium } from '../scripts/chromium';
import { migrateDatabase } from '../scripts/db-migrate';

const RUNS = 5;
const TARGET_KB = 350;
const TARGET_MS = 1000;
/** `--waterfall`: print when each request of each run started and ended (where the time goes). */
const WATERFALL = process.argv.includes('--waterfall');

async function main(): Promise<void> {
  // `--console-dir=<dir>`: measure another build (e.g. an older commit's), for a comparison
  // under the same conditions.
  const given = process.argv.find((arg) => arg.startsWith('--console-dir='));
  const consoleDir = given ? given.slice('--console-dir='.length) : builtConsoleDir();
  if (!consoleDir) throw new Error('no console build in dist/console: run npm run build');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fq-bench-console-'));
  const database = { kind: 'pglite' as const, dataDir };
  await migrateDatabase(database, 'pipe');
  const handle = openDatabase(database);
  await seedDemoData(handle.prisma);
  await seedDemoUsers(handle.prisma);
  // The pages measured here (login, inbox) read the database only; no workflow is started, so
  // no Temporal server is needed (a call that reached it would fail the run).
  const app = createApp({
    prisma: handle.prisma,
    temporal: { client: {} as Client, taskQueue: 'unused' },
    consoleDir,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  try {
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'yuzhong.operator', password: DEMO_PASSWORD }),
    });
    const body = (await login.json()) as { accessToken: string; expiresAt: string; user: object };
    const session = JSON.stringify({
      token: body.accessToken,
      expiresAt: body.expiresAt,
      user: body.user,
    });

    const times: number[] = [];
    let gzippedBytes = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const context = await browser.newContext({ locale: 'zh-CN' });
      // Logged in already, as a user coming back to the tab would be.
      await context.addInitScript((value) => {
        (
          globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }
        ).sessionStorage.setItem('fengqiao.session', value);
      }, session);
      const page = await context.newPage();
      const scripts = new Map<string, Promise<Buffer>>();
      const requests: { path: string; start: number; end: number }[] = [];
      page.on('requestfinished', (request) => {
        const timing = request.timing();
        requests.push({
          path: new URL(request.url()).pathname.replace(/-[\w-]{8}\.js$/, '.js'),
          start: timing.startTime,
          end: timing.startTime + timing.responseEnd,
        });
      });
      page.on('response', (response) => {
        if (response.request().resourceType() === 'script') {
          scripts.set(response.url(), response.body());
        }
      });
      const cdp = WATERFALL ? await context.newCDPSession(page) : null;
      await cdp?.send('Performance.enable');
      const started = Date.now();
      await page.goto(`${baseUrl}/`);
      await page.getByRole('heading', { name: '待办事项' }).waitFor();
      await page.getByText(/^共 \d+ 项$/).waitFor();
      const elapsed = Date.now() - started;
      times.push(elapsed);
      if (WATERFALL && cdp) {
        // The page's own CPU time by kind: what the browser worked on, apart from waiting.
        const { metrics } = await cdp.send('Performance.getMetrics');
        const cpu = metrics
          .filter((m) => /^(Script|Layout|RecalcStyle|Task)Duration$/.test(m.name))
          .map((m) => `${m.name.replace('Duration', '')} ${Math.round(m.value * 1000)} ms`);
        console.log(`run ${run + 1}: inbox usable at ${elapsed} ms; CPU: ${cpu.join(', ')}`);
        for (const r of requests.sort((a, b) => a.start - b.start)) {
          console.log(
            `  ${String(Math.round(r.start - started)).padStart(5)} → ${String(Math.round(r.end - started)).padStart(5)} ms  ${r.path}`,
          );
        }
      }
      gzippedBytes = 0;
      for (const bytes of await Promise.all(scripts.values())) {
        gzippedBytes += gzipSync(bytes, { level: 9 }).length;
      }
      await context.close();
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    const kb = gzippedBytes / 1024;
    console.log(`runs (ms): ${times.join(', ')}`);
    console.log(
      `console first visit: ${kb.toFixed(1)} KB gzipped JavaScript (target ≤ ${TARGET_KB} KB), inbox usable in ${median} ms median of ${RUNS} (target ≤ ${TARGET_MS} ms)`,
    );
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
