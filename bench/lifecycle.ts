// `npm run bench:lifecycle [-- --n N --concurrency C]`: how fast full certification
// lifecycles run through the client, against a Temporal dev server, compared with no-op
// workflows that make the same number of updates and activities on the same worker. The
// ratio says how much our own code (rules, validators, projection transactions, certificate
// numbers) costs on top of Temporal's floor. Speed is measured here only, never in tests.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { WorkflowHandle } from '@temporalio/client';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  makeTelemetryFilterString,
} from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import { createActivities } from '../activities';
import type { TemporalDeps } from '../api/certification-service';
import { declareCertification, sendCommand } from '../api/certification-service';
import type { AppConfig, DatabaseConfig } from '../config/env';
import { loadConfig } from '../config/env';
import type { DatabaseHandle } from '../db/client';
import { openDatabase } from '../db/client';
import { DEMO, DEMO_CAMPAIGN_CONFIG, seedDemoData } from '../db/seed';
import { PROVISIONAL_FENGQIAO_CRITERIA } from '../domain/criteria';
import type { CommandInput, CommandType } from '../domain/lifecycle';
import type { Actor } from '../domain/schemas';
import { migrateDatabase } from '../scripts/db-migrate';
import { findTemporalCli, startDevServer } from '../scripts/temporal-dev-server';
import { certificationWorkflowId } from '../workflows/messages';
import type { NoopActivities, NoopStep, noopLifecycleWorkflow } from './workflows';
import { NOOP_WORKFLOW_TYPE, noopStepUpdate } from './workflows';

// The first workflows of each kind pay for the bundle, the workflow cache and connection
// warm-up; they are run first and not counted.
const WARMUP = 2;
const TARGET_RATIO = 0.6;

const say = (message: string) => console.log(`[bench] ${message}`);

interface Options {
  n: number;
  concurrency: number;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      n: { type: 'string', default: '20' },
      concurrency: { type: 'string', default: '4' },
    },
    strict: true,
  });
  const positive = (name: string, text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`--${name} must be a positive integer, got ${JSON.stringify(text)}`);
    }
    return value;
  };
  return { n: positive('n', values.n), concurrency: positive('concurrency', values.concurrency) };
}

// ---------------------------------------------------------------------------------------
// Resources, released in reverse order on success, failure or Ctrl-C.

const cleanups: { what: string; run: () => Promise<void> }[] = [];

function onCleanup(what: string, run: () => Promise<void>): void {
  cleanups.push({ what, run });
}

async function cleanUp(): Promise<boolean> {
  let clean = true;
  for (let next = cleanups.pop(); next; next = cleanups.pop()) {
    try {
      await next.run();
    } catch (error) {
      clean = false;
      console.error(`[bench] could not ${next.what}: ${describe(error)}`);
    }
  }
  return clean;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Ports that are free now; all are held open together so two calls never get the same. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer();
          server.on('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP port');
    return address.port;
  });
  await Promise.all(
    servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  );
  return ports;
}

/**
 * A fresh, migrated database: PGlite files in the run's temp dir, or a throwaway database on
 * the PostgreSQL server at DATABASE_URL (dropped at the end), so runs never see each other.
 */
async function createDatabase(
  configured: DatabaseConfig,
  tmp: string,
): Promise<{ config: DatabaseConfig; handle: DatabaseHandle }> {
  let config: DatabaseConfig;
  if (configured.kind === 'pglite') {
    config = { kind: 'pglite', dataDir: path.join(tmp, 'pglite') };
  } else {
    const name = `fq_bench_${randomBytes(6).toString('hex')}`;
    await withPg(configured.url, (pg) => pg.query(`CREATE DATABASE "${name}"`));
    onCleanup(`drop database ${name}`, () =>
      withPg(configured.url, (pg) => pg.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
    );
    const url = new URL(configured.url);
    url.pathname = `/${name}`;
    config = { kind: 'postgres', url: url.toString() };
  }
  await migrateDatabase(config, 'pipe');
  const handle = openDatabase(config);
  onCleanup('close the database', () => handle.close());
  return { config, handle };
}

async function withPg(url: string, fn: (pg: PgClient) => Promise<unknown>): Promise<void> {
  const pg = new PgClient({ connectionString: url });
  await pg.connect();
  try {
    await fn(pg);
  } finally {
    await pg.end();
  }
}

async function temporalAddress(config: AppConfig, tmp: string): Promise<string> {
  if (config.temporal.address) return config.temporal.address;
  const [port, uiPort] = (await freePorts(2)) as [number, number];
  const server = await startDevServer({
    cli: findTemporalCli(config.temporal.cliPath),
    dataDir: tmp,
    port,
    uiPort,
    namespace: config.temporal.namespace,
  });
  onCleanup('stop the Temporal dev server', () => server.stop());
  return server.address;
}

// ---------------------------------------------------------------------------------------
// Activities, counted (the no-op workflows must do exactly what the lifecycles did) and
// timed by type, so a low ratio can be traced to the activities or away from them.

interface Counter {
  activities: number;
  /** Per activity type: calls and total milliseconds from start to completion. */
  byType: Map<string, { calls: number; ms: number }>;
}

type ActivityFunction = (...args: never[]) => Promise<unknown>;

function counted<A extends Record<string, ActivityFunction>>(activities: A, counter: Counter): A {
  return Object.fromEntries(
    Object.entries(activities).map(([name, fn]) => [
      name,
      async (...args: never[]) => {
        counter.activities += 1;
        const started = performance.now();
        try {
          return await fn(...args);
        } finally {
          const entry = counter.byType.get(name) ?? { calls: 0, ms: 0 };
          entry.calls += 1;
          entry.ms += performance.now() - started;
          counter.byType.set(name, entry);
        }
      },
    ]),
  ) as A;
}

const noopActivities: NoopActivities = {
  noop: () => Promise.resolve(),
};

// ---------------------------------------------------------------------------------------
// One full lifecycle, declaration to certificate, the way the API drives it.

const OPERATOR: Actor = {
  id: 'apikey-dev-yuzhong-operator',
  role: 'COUNTY_OPERATOR',
  cityId: DEMO.cityId,
  countyId: DEMO.counties.yuzhong,
};
const REVIEWER: Actor = {
  id: 'apikey-dev-city-reviewer',
  role: 'CITY_REVIEWER',
  cityId: DEMO.cityId,
  countyId: null,
};
const INSPECTOR: Actor = {
  id: 'apikey-dev-inspector',
  role: 'INSPECTOR',
  cityId: DEMO.cityId,
  countyId: null,
};

// Derived from the criteria rather than typed in, so the bench keeps passing when they change.
const PASSING_SCORES: Record<string, number> = Object.fromEntries(
  PROVISIONAL_FENGQIAO_CRITERIA.items
    .filter((item) => item.kind === 'SCORED')
    .map((item) => [item.code, Math.floor(item.maxPoints * 0.9)]),
);

interface Office {
  id: string;
  countyId: string;
  cityId: string;
}

/** Runs one lifecycle to CERTIFIED and answers how many updates it sent. */
async function runLifecycle(temporal: TemporalDeps, office: Office): Promise<number> {
  const certificationId = randomUUID();
  const target = { certificationId, officeId: office.id };
  let updates = 0;
  const send = <T extends CommandType>(type: T, input: CommandInput<T>, actor: Actor) => {
    updates += 1;
    return sendCommand(temporal, target, type, input, actor, randomUUID());
  };

  updates += 1;
  await declareCertification(temporal, {
    certificationId,
    office,
    declaration: {
      officeId: office.id,
      campaignId: DEMO.campaignId,
      plan: { summary: '以“枫桥经验”为引领,建设一站式矛盾纠纷化解平台', feature: '老马工作法' },
      contact: { name: '张三', phone: '023-63000000' },
    },
    config: DEMO_CAMPAIGN_CONFIG,
    criteria: PROVISIONAL_FENGQIAO_CRITERIA,
    actor: OPERATOR,
    requestId: randomUUID(),
  });
  await send('REVIEW_DECLARATION', { decision: 'APPROVE', reason: '同意创建' }, REVIEWER);
  await send('SUBMIT_PROGRESS_REPORT', { period: '2023Q1', summary: '阵地建设完成' }, OPERATOR);
  await send('ADD_EVIDENCE', { kind: 'DOCUMENT', title: '创建方案' }, OPERATOR);
  await send('REQUEST_VERIFICATION', { selfAssessment: { summary: '自评达标' } }, OPERATOR);
  await send(
    'RECORD_INSPECTION',
    { scores: PASSING_SCORES, triggeredVetoes: [], findings: '' },
    INSPECTOR,
  );
  await send('RECORD_DOCUMENT_REVIEW', { passed: true, findings: '' }, REVIEWER);
  await send(
    'RECORD_LOCAL_OPINION',
    { authority: '街道党工委', supportive: true, summary: '同意' },
    REVIEWER,
  );
  const view = await send('DECIDE', {}, REVIEWER);
  if (view.state.status !== 'CERTIFIED') {
    throw new Error(`lifecycle of ${office.id} ended in ${view.state.status}, not CERTIFIED`);
  }
  return updates;
}

/**
 * One no-op lifecycle: started by its first update (update-with-start, like a declaration)
 * and driven step by step. Answers the handle, so the caller can check completion later
 * without timing it (a certification is not awaited to completion either: it stays open).
 */
async function runNoop(
  client: Client,
  taskQueue: string,
  plan: NoopStep[],
): Promise<WorkflowHandle<typeof noopLifecycleWorkflow>> {
  const [first, ...rest] = plan;
  if (!first) throw new Error('empty no-op plan');
  const start = new WithStartWorkflowOperation<typeof noopLifecycleWorkflow>(NOOP_WORKFLOW_TYPE, {
    workflowId: `bench-noop-${randomUUID()}`,
    taskQueue,
    workflowIdConflictPolicy: 'USE_EXISTING',
    args: [],
  });
  await client.workflow.executeUpdateWithStart(noopStepUpdate, {
    args: [first],
    startWorkflowOperation: start,
  });
  const handle = await start.workflowHandle();
  for (const step of rest) await handle.executeUpdate(noopStepUpdate, { args: [step] });
  return handle;
}

/** `updates` steps carrying `activities` no-op activities, the extra ones on the last steps. */
function noopPlan(updates: number, activities: number): NoopStep[] {
  const base = Math.floor(activities / updates);
  const extra = activities % updates;
  return Array.from({ length: updates }, (_, i) => ({
    activities: base + (i >= updates - extra ? 1 : 0),
    final: i === updates - 1,
  }));
}

/** Runs `count` tasks with at most `concurrency` in flight; stops starting new ones on error. */
async function inPool<T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  let failed = false;
  const runner = async () => {
    while (!failed && next < count) {
      const index = next;
      next += 1;
      try {
        results[index] = await task(index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, runner));
  return results;
}

interface Measurement {
  kind: string;
  workflows: number;
  updates: number;
  activities: number;
  seconds: number;
  /** Calls and mean milliseconds of each activity type during the measurement. */
  activityTimes: { type: string; calls: number; meanMs: number }[];
}

async function measure(
  kind: string,
  counter: Counter,
  run: () => Promise<{ workflows: number; updates: number }>,
): Promise<Measurement> {
  const activitiesBefore = counter.activities;
  const before = new Map([...counter.byType].map(([type, entry]) => [type, { ...entry }]));
  const started = process.hrtime.bigint();
  const { workflows, updates } = await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const activityTimes = [...counter.byType].flatMap(([type, entry]) => {
    const calls = entry.calls - (before.get(type)?.calls ?? 0);
    const ms = entry.ms - (before.get(type)?.ms ?? 0);
    return calls > 0 ? [{ type, calls, meanMs: ms / calls }] : [];
  });
  return {
    kind,
    workflows,
    updates,
    activities: counter.activities - activitiesBefore,
    seconds,
    activityTimes,
  };
}

function report(
  lifecycle: Measurement,
  noop: Measurement,
  options: Options,
  database: string,
  temporal: string,
): void {
  const rows = [lifecycle, noop].map((m) => [
    m.kind,
    String(m.workflows),
    String(m.updates),
    String(m.activities),
    m.seconds.toFixed(2),
    (m.workflows / m.seconds).toFixed(2),
    (m.updates / m.seconds).toFixed(1),
  ]);
  const header = ['', 'workflows', 'updates', 'activities', 'wall s', 'lifecycles/s', 'updates/s'];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)));
  const ratio = lifecycle.workflows / lifecycle.seconds / (noop.workflows / noop.seconds);
  console.log('');
  console.log(line(header).join('  '));
  for (const row of rows) console.log(line(row).join('  '));
  console.log('');
  for (const m of [lifecycle, noop]) {
    const times = m.activityTimes
      .map((t) => `${t.type} ${t.calls} x ${t.meanMs.toFixed(1)} ms`)
      .join(', ');
    console.log(`${m.kind} activities (calls x mean duration): ${times}`);
  }
  console.log(
    `ratio (lifecycle rate / no-op rate): ${ratio.toFixed(2)} ` +
      `(target >= ${TARGET_RATIO}${ratio >= TARGET_RATIO ? ', met' : ', NOT met'})`,
  );
  const load = os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  console.log(
    `n ${options.n}, concurrency ${options.concurrency}, warm-up ${WARMUP} of each; ` +
      `node ${process.version}, ${os.cpus().length} CPUs, load ${load}; ` +
      `database ${database}; temporal ${temporal}`,
  );
  if (lifecycle.updates !== noop.updates || lifecycle.activities !== noop.activities) {
    console.log('note: the two runs did not make the same number of updates and activities');
  }
}

// ---------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const config = loadConfig();
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }) } },
    // Ctrl-C goes through our cleanup, which shuts the worker down in order.
    shutdownSignals: [],
  });

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'fq-bench-'));
  onCleanup(`remove ${tmp}`, () => Promise.resolve(rmSync(tmp, { recursive: true, force: true })));

  say(`preparing a throwaway ${config.database.kind} database`);
  const { config: database, handle } = await createDatabase(config.database, tmp);
  await seedDemoData(handle.prisma, DEMO_CAMPAIGN_CONFIG);
  const runId = randomBytes(4).toString('hex');
  const offices: Office[] = Array.from({ length: WARMUP + options.n }, (_, i) => ({
    id: `office-bench-${runId}-${i}`,
    countyId: DEMO.counties.yuzhong,
    cityId: DEMO.cityId,
  }));
  await handle.prisma.office.createMany({
    data: offices.map((office, i) => ({
      id: office.id,
      countyId: office.countyId,
      code: `BENCH-${runId}-${i}`,
      name: `压测司法所${i}`,
      type: 'STREET' as const,
    })),
  });

  say(
    config.temporal.address
      ? `using Temporal at ${config.temporal.address}`
      : 'starting dev server',
  );
  const address = await temporalAddress(config, tmp);
  const connection = await Connection.connect({ address });
  onCleanup('close the client connection', () => connection.close());
  const client = new Client({ connection, namespace: config.temporal.namespace });
  const nativeConnection = await NativeConnection.connect({ address });
  onCleanup('close the worker connection', () => nativeConnection.close());

  const taskQueue = `bench-lifecycle-${process.pid}-${runId}`;
  const counter: Counter = { activities: 0, byType: new Map() };
  say('bundling workflows and starting the worker');
  const worker = await Worker.create({
    connection: nativeConnection,
    namespace: config.temporal.namespace,
    taskQueue,
    workflowsPath: require.resolve('./workflows'),
    activities: counted(
      { ...createActivities({ prisma: handle.prisma }), ...noopActivities },
      counter,
    ),
  });
  const workerDone = worker.run();
  onCleanup('stop the worker', async () => {
    worker.shutdown();
    await workerDone;
  });
  // A worker that dies mid-run would otherwise leave the updates waiting for ever.
  const workerFailed = workerDone.then(() => {
    throw new Error('the worker stopped during the run');
  });
  // Handled here so that the worker's orderly stop during clean-up is no unhandled rejection.
  workerFailed.catch(() => undefined);
  const guarded = <T>(promise: Promise<T>) => Promise.race([promise, workerFailed]);

  const temporal: TemporalDeps = { client, taskQueue };
  const certified: string[] = [];
  onCleanup('terminate the certified workflows', async () => {
    // Certified workflows wait years for their recheck; leave no stray ones on a shared server.
    for (const officeId of certified) {
      await client.workflow.getHandle(certificationWorkflowId(officeId)).terminate('bench done');
    }
  });
  const lifecycles = (from: number, count: number) =>
    inPool(count, options.concurrency, async (i) => {
      const office = offices[from + i];
      if (!office) throw new Error(`no office ${from + i}`);
      const updates = await runLifecycle(temporal, office);
      certified.push(office.id);
      return updates;
    });
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

  say(`warming up: ${WARMUP} lifecycles`);
  const warmupActivities = counter.activities;
  const warmupUpdates = sum(await guarded(lifecycles(0, WARMUP)));
  const updatesPerLifecycle = warmupUpdates / WARMUP;
  const activitiesPerLifecycle = (counter.activities - warmupActivities) / WARMUP;
  if (!Number.isInteger(updatesPerLifecycle) || !Number.isInteger(activitiesPerLifecycle)) {
    throw new Error(
      `warm-up lifecycles differ: ${warmupUpdates} updates, ` +
        `${counter.activities - warmupActivities} activities for ${WARMUP} lifecycles`,
    );
  }
  const plan = noopPlan(updatesPerLifecycle, activitiesPerLifecycle);
  say(
    `one lifecycle = ${updatesPerLifecycle} updates, ${activitiesPerLifecycle} activities; ` +
      `warming up: ${WARMUP} no-op workflows`,
  );
  const noops = (count: number) =>
    inPool(count, options.concurrency, () => runNoop(client, taskQueue, plan));
  const checkCompleted = async (handles: WorkflowHandle<typeof noopLifecycleWorkflow>[]) => {
    for (const h of handles) {
      const steps = await h.result();
      if (steps !== plan.length) throw new Error(`${h.workflowId} ran ${steps} steps`);
    }
  };
  await checkCompleted(await guarded(noops(WARMUP)));

  say(`measuring: ${options.n} lifecycles, ${options.concurrency} in flight`);
  const lifecycle = await measure('lifecycle', counter, async () => {
    const updates = await guarded(lifecycles(WARMUP, options.n));
    return { workflows: options.n, updates: sum(updates) };
  });
  say(`measuring: ${options.n} no-op workflows, ${options.concurrency} in flight`);
  let handles: WorkflowHandle<typeof noopLifecycleWorkflow>[] = [];
  const noop = await measure('no-op', counter, async () => {
    handles = await guarded(noops(options.n));
    return { workflows: options.n, updates: options.n * plan.length };
  });
  await guarded(checkCompleted(handles));

  report(
    lifecycle,
    noop,
    options,
    database.kind,
    config.temporal.address ? config.temporal.address : 'dev server (started by the bench)',
  );
}

let exiting = false;
async function exit(code: number): Promise<never> {
  if (!exiting) {
    exiting = true;
    if (!(await cleanUp())) code = code || 1;
  }
  process.exit(code);
}

process.once('SIGINT', () => {
  console.error('[bench] interrupted; cleaning up');
  void exit(130);
});

main().then(
  () => exit(0),
  (error: unknown) => {
    console.error(`[bench] failed: ${describe(error)}`);
    return exit(1);
  },
);
