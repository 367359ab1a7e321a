// `npm run bench:scale -- --parked N [--steps K] [--concurrency C] [--probes P]`: does the
// system stay flat as live certifications pile up? Parks N declarations (each a running
// certification workflow waiting for the city's review) through the HTTP API, in K steps; after
// each step, once the step's notices are all sent, it measures, with P sequential requests each,
// the p95 and p50 of the inbox (as the city reviewer, who owes a review of every one), the
// certification list and the campaign's progress, and the worker's RSS. On PostgreSQL the worker is its own process, the production
// entry point (dist/worker/main.js, as the compose `worker` service runs it), so its RSS is the
// worker's alone; the API runs in this process. With PGlite, which lives inside one process, the
// worker, the API and the database share this process, as under `npm start`, and the RSS is
// theirs together. The worker cache is bounded as configured (WORKER_MAX_CACHED_WORKFLOWS, or
// sized from the heap). The last line compares the first step with the last (issue 16). Not a
// test: speed is measured here only.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  makeTelemetryFilterString,
} from '@temporalio/worker';
import { createApp } from '../api/app';
import type { AppConfig, DatabaseConfig } from '../platform/config/env';
import { loadConfig } from '../platform/config/env';
import type { PrismaClient } from '../generated/prisma/client';
import { DEMO, seedDemoData } from '../modules/demo/seed';
import { startMailCapture } from '../platform/mail/mail-capture';
import type { Mailer } from '../platform/mail/mailer';
import { createWorker } from '../worker/create-worker';
import {
  createDatabase,
  onCleanup,
  runBench,
  rssMbOf,
  say,
  startNode,
  startOwnDevServer,
  systemProcessEnv,
  tail,
  WORKER_PROCESS_ENV,
  parseBenchOptions,
  positiveInteger,
} from './system';

interface Options {
  parked: number;
  steps: number;
  concurrency: number;
  probes: number;
}

function parseOptions(argv: string[]): Options {
  const values = parseBenchOptions(
    argv,
    {
      parked: { type: 'string', default: '1000' },
      steps: { type: 'string', default: '4' },
      concurrency: { type: 'string', default: '8' },
      probes: { type: 'string', default: '100' },
    },
    'node dist/bench/scale.js [--parked N] [--steps K] [--concurrency C] [--probes P]',
  );
  const parked = positiveInteger('parked', values.parked);
  return {
    parked,
    steps: Math.min(parked, positiveInteger('steps', values.steps)),
    concurrency: positiveInteger('concurrency', values.concurrency),
    probes: positiveInteger('probes', values.probes),
  };
}

/** Requests per route and step sent before the measured ones. */
const PROBE_WARMUP = 5;

const discardingMailer: Mailer = { send: () => Promise.resolve(), close: () => undefined };

/** The demo API keys of the two Yuzhong and Jiangbei operators, and the city reviewer's. */
const OPERATOR_KEYS = {
  [DEMO.counties.yuzhong]: 'dev-yuzhong-operator',
  [DEMO.counties.jiangbei]: 'dev-jiangbei-operator',
} as const;
const REVIEWER_KEY = 'dev-city-reviewer';

interface Office {
  id: string;
  countyId: keyof typeof OPERATOR_KEYS;
}

/** A route's latency over one step's probes, in ms. */
interface Latency {
  p50: number;
  p95: number;
}

interface Step {
  parked: number;
  declarePerS: number;
  inbox: Latency;
  list: Latency;
  progress: Latency;
  /** The worker's RSS (with PGlite: the one process's). */
  rssMb: number;
  /** This process's RSS: the API's (with PGlite: the same as rssMb). */
  apiRssMb: number;
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * fraction) - 1)] ?? 0;
}

function latency(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
}

/**
 * Starts the worker: its own process on PostgreSQL, in this process with PGlite. Returns how to
 * read its RSS in MB.
 */
async function startWorker(args: {
  config: AppConfig;
  database: DatabaseConfig;
  address: string;
  taskQueue: string;
  tmp: string;
  prisma: PrismaClient;
}): Promise<() => number> {
  const { config, database, address, taskQueue, tmp } = args;
  if (database.kind === 'postgres') {
    // Real SMTP for the worker's notices, kept in the run's temp dir.
    const mail = await startMailCapture({ dir: path.join(tmp, 'mail') });
    onCleanup('stop the mail capture', () => mail.stop());
    const worker = startNode(
      'worker',
      'worker/main.js',
      {
        ...systemProcessEnv({
          databaseUrl: database.url,
          temporalAddress: address,
          namespace: config.temporal.namespace,
          taskQueue,
          smtpUrl: mail.url,
        }),
        ...WORKER_PROCESS_ENV,
        ...(config.worker.maxCachedWorkflows !== undefined
          ? { WORKER_MAX_CACHED_WORKFLOWS: String(config.worker.maxCachedWorkflows) }
          : {}),
      },
      tmp,
    );
    const pid = worker.child.pid;
    if (pid === undefined) throw new Error(`the worker process did not start:\n${tail(worker)}`);
    void worker.exited.then((code) => {
      if (code !== null && code !== 0) {
        console.error(`[bench] the worker exited (${code}):\n${tail(worker)}`);
      }
    });
    return () => rssMbOf(pid);
  }
  const nativeConnection = await NativeConnection.connect({ address });
  onCleanup('close the worker connection', () => nativeConnection.close());
  const worker = await createWorker({
    connection: nativeConnection,
    namespace: config.temporal.namespace,
    taskQueue,
    prisma: args.prisma,
    mailer: discardingMailer,
    maxCachedWorkflows: config.worker.maxCachedWorkflows,
  });
  const workerDone = worker.run();
  onCleanup('stop the worker', async () => {
    worker.shutdown();
    await workerDone;
  });
  return () => process.memoryUsage().rss / 1024 / 1024;
}

/** Waits until a worker polls the task queue, so that the first step does not time start-up. */
async function untilPolled(connection: Connection, namespace: string, taskQueue: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { pollers } = await connection.workflowService.describeTaskQueue({
      namespace,
      taskQueue: { name: taskQueue },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    if ((pollers ?? []).length > 0) return;
    if (Date.now() > deadline) throw new Error(`no worker polls ${taskQueue} after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Waits until the notices of the step's declarations are all sent: the outbox has no PENDING
 * row and its size has not moved for a second. Without it the probes shared the machine with
 * a thousand notices still being rendered, sent and captured (the capture lives in this very
 * process), a load that grew with the worker's backlog, not with what the routes read.
 * Returns the seconds it waited; gives up after two minutes and says so.
 */
async function untilNoticesSent(prisma: PrismaClient): Promise<number> {
  const started = performance.now();
  let last = -1;
  for (;;) {
    const [rows, pending] = await Promise.all([
      prisma.notification.count(),
      prisma.notification.count({ where: { status: 'PENDING' } }),
    ]);
    if (pending === 0 && rows === last) break;
    if (performance.now() - started > 120_000) {
      say(`notices still pending after 120 s (${pending} of ${rows}): probing anyway`);
      break;
    }
    last = pending === 0 ? rows : -1;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return (performance.now() - started) / 1000;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const config = loadConfig();
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }) } },
    shutdownSignals: [],
  });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'fq-bench-scale-'));
  onCleanup(`remove ${tmp}`, () => Promise.resolve(rmSync(tmp, { recursive: true, force: true })));

  say(`preparing a throwaway ${config.database.kind} database with ${options.parked} offices`);
  const { config: database, handle } = await createDatabase(config.database, tmp);
  await seedDemoData(handle.prisma);
  const runId = Date.now().toString(36);
  const counties = Object.keys(OPERATOR_KEYS) as Office['countyId'][];
  const offices: Office[] = Array.from({ length: options.parked }, (_, i) => ({
    id: `office-scale-${runId}-${i}`,
    countyId: counties[i % counties.length] as Office['countyId'],
  }));
  for (let from = 0; from < offices.length; from += 1000) {
    await handle.prisma.office.createMany({
      data: offices.slice(from, from + 1000).map((office, i) => ({
        id: office.id,
        countyId: office.countyId,
        code: `SCALE-${runId}-${from + i}`,
        name: `规模测试司法所${from + i}`,
        type: 'STREET' as const,
      })),
    });
  }

  // Its own dev server in any case: the worker process creates the system's Schedules, which
  // must never land on a shared server.
  const address = await startOwnDevServer(config, tmp);
  const connection = await Connection.connect({ address });
  onCleanup('close the client connection', () => connection.close());
  const taskQueue = `bench-scale-${process.pid}-${runId}`;
  const workerRssMb = await startWorker({
    config,
    database,
    address,
    taskQueue,
    tmp,
    prisma: handle.prisma,
  });
  await untilPolled(connection, config.temporal.namespace, taskQueue);
  const client = new Client({ connection, namespace: config.temporal.namespace });
  const app = createApp({ prisma: handle.prisma, temporal: { client, taskQueue } });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  onCleanup('stop the API', () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // After a Ctrl-C the declaring loops still hold keep-alive connections: close them too.
    server.closeAllConnections();
    return closed;
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const declare = async (office: Office) => {
    const response = await fetch(`${baseUrl}/api/v1/certifications`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${OPERATOR_KEYS[office.countyId]}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        officeId: office.id,
        campaignId: DEMO.campaignId,
        plan: { summary: '以“枫桥经验”为引领,建设一站式矛盾纠纷化解平台', feature: '老马工作法' },
        contact: { name: '张三', phone: '023-63000000' },
      }),
    });
    if (response.status !== 201) {
      throw new Error(`declaring ${office.id}: ${response.status} ${await response.text()}`);
    }
  };
  const probe = async (route: string): Promise<Latency> => {
    const samples: number[] = [];
    // The first requests of a route after a step's declarations pay for cold caches and JIT:
    // sent, not counted, so that the first step's p95 is not a start-up figure.
    for (let i = -PROBE_WARMUP; i < options.probes; i += 1) {
      const started = performance.now();
      const response = await fetch(`${baseUrl}${route}`, {
        headers: { Authorization: `Bearer ${REVIEWER_KEY}` },
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`GET ${route}: ${response.status}`);
      if (i >= 0) samples.push(performance.now() - started);
    }
    return latency(samples);
  };

  const steps: Step[] = [];
  let parked = 0;
  for (let step = 1; step <= options.steps; step += 1) {
    const target = Math.round((options.parked * step) / options.steps);
    const batch = offices.slice(parked, target);
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(options.concurrency, batch.length) }, async () => {
        for (let i = next++; i < batch.length; i = next++) await declare(batch[i] as Office);
      }),
    );
    const declarePerS = batch.length / ((performance.now() - started) / 1000);
    const settleS = await untilNoticesSent(handle.prisma);
    parked = target;
    const measured: Step = {
      parked,
      declarePerS,
      inbox: await probe('/api/v1/tasks?limit=50'),
      list: await probe('/api/v1/certifications?limit=50'),
      progress: await probe(`/api/v1/campaigns/${DEMO.campaignId}/progress`),
      rssMb: workerRssMb(),
      apiRssMb: process.memoryUsage().rss / 1024 / 1024,
    };
    steps.push(measured);
    const ms = (l: Latency) => `${l.p95.toFixed(1)} (p50 ${l.p50.toFixed(1)})`;
    say(
      `parked=${parked} declare_per_s=${declarePerS.toFixed(1)} inbox_p95_ms=${ms(measured.inbox)} ` +
        `list_p95_ms=${ms(measured.list)} progress_p95_ms=${ms(measured.progress)} ` +
        `rss_mb=${measured.rssMb.toFixed(0)} api_rss_mb=${measured.apiRssMb.toFixed(0)} ` +
        `notices_settled_s=${settleS.toFixed(1)}`,
    );
  }
  const first = steps[0] as Step;
  const last = steps[steps.length - 1] as Step;
  const span = (pick: (step: Step) => number, digits: number) =>
    `${pick(first).toFixed(digits)}→${pick(last).toFixed(digits)}`;
  // A p95 of one step's probes moves with whatever else the machine did then; the ranges over
  // every step, and the p50s, tell a route that grows from a noisy one.
  const range = (pick: (step: Step) => number) => {
    const values = steps.map(pick);
    return `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}`;
  };
  for (const [name, pick] of [
    ['inbox', (s: Step) => s.inbox],
    ['list', (s: Step) => s.list],
    ['progress', (s: Step) => s.progress],
  ] as const) {
    say(
      `${name}: p95 ${range((s) => pick(s).p95)} ms, p50 ${range((s) => pick(s).p50)} ms over ` +
        `${steps.length} steps; p50 ${span((s) => pick(s).p50, 1)} first to last`,
    );
  }
  say(
    `${config.database.kind}, ${os.cpus().length} CPUs; rss_mb is the ` +
      `${database.kind === 'postgres' ? "worker process's" : 'one process (API, worker, PGlite)'}; worker cache as configured ` +
      `(WORKER_MAX_CACHED_WORKFLOWS=${config.worker.maxCachedWorkflows ?? 'unset: sized from the heap'})`,
  );
  console.log(
    `bench:scale parked=${options.parked} inbox_p95_ms=${span((s) => s.inbox.p95, 1)} ` +
      `list_p95_ms=${span((s) => s.list.p95, 1)} progress_p95_ms=${span((s) => s.progress.p95, 1)} ` +
      `rss_mb=${span((s) => s.rssMb, 0)} declare_per_s=${span((s) => s.declarePerS, 1)}`,
  );
}

runBench(main);
