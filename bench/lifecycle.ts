// `npm run bench:lifecycle [-- --n N --concurrency C --rounds R]`: how fast full certification
// lifecycles run through the client, against a Temporal dev server, compared with no-op
// workflows that make the same number of updates and activities on the same worker. The
// ratio says how much our own code (rules, validators, projection transactions, certificate
// numbers, the notification log) costs on top of Temporal's floor. Speed is measured here
// only, never in tests.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import {
  Client,
  Connection,
  WithStartWorkflowOperation,
  WorkflowNotFoundError,
} from '@temporalio/client';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  makeTelemetryFilterString,
} from '@temporalio/worker';
import { createActivities } from '../activities';
import type { TemporalDeps } from '../modules/certification';
import { declareCertification, sendCommand } from '../modules/certification';
import { loadConfig } from '../platform/config/env';
import { DEMO, DEMO_CAMPAIGN_CONFIG, seedDemoData, seedDemoRecipients } from '../modules/demo/seed';
import { PROVISIONAL_FENGQIAO_CRITERIA } from '../modules/criteria/rules/criteria';
import type { CommandInput, CommandType } from '../modules/certification/rules/lifecycle';
import type { Actor } from '../modules/shared';
import type { Mailer } from '../platform/mail/mailer';
import { certificationWorkflowId } from '../modules/certification/messages';
import type { NoopActivities, NoopStep, noopLifecycleWorkflow } from './workflows';
import { NOOP_WORKFLOW_TYPE, noopStepUpdate } from './workflows';
import {
  createDatabase,
  onCleanup,
  runBench,
  say,
  temporalAddress,
  parseBenchOptions,
  positiveInteger,
} from './system';

// The first workflows of each kind pay for the bundle, the workflow cache and connection
// warm-up; they are run first and not counted.
const WARMUP = 2;
// Lifecycles and no-op workflows run in alternating batches, so that load from outside the
// bench (other processes on a shared machine come and go within seconds) falls on both.
// Eight rounds of five: with four, one slow workflow in a round of five moved the median
// by several points.
const DEFAULT_ROUNDS = 8;
const TARGET_RATIO = 0.9;

interface Options {
  n: number;
  concurrency: number;
  rounds: number;
}

function parseOptions(argv: string[]): Options {
  const values = parseBenchOptions(
    argv,
    {
      n: { type: 'string', default: '40' },
      concurrency: { type: 'string', default: '4' },
      rounds: { type: 'string', default: String(DEFAULT_ROUNDS) },
    },
    'node dist/bench/lifecycle.js [--n N] [--concurrency C] [--rounds R]',
  );
  const n = positiveInteger('n', values.n);
  return {
    n,
    concurrency: positiveInteger('concurrency', values.concurrency),
    rounds: Math.min(n, positiveInteger('rounds', values.rounds)),
  };
}

// ---------------------------------------------------------------------------------------
// Activities, counted as they finish (the no-op workflows must do what the lifecycles did,
// and a run is over only when its background activities are done too) and timed by type, so
// a low ratio can be traced to the activities or away from them.

interface Counter {
  completed: number;
  /** Per activity type: calls and total milliseconds from start to completion. */
  byType: Map<string, { calls: number; ms: number }>;
}

type ActivityFunction = (...args: never[]) => Promise<unknown>;

function counted<A extends Record<string, ActivityFunction>>(activities: A, counter: Counter): A {
  return Object.fromEntries(
    Object.entries(activities).map(([name, fn]) => [
      name,
      async (...args: never[]) => {
        const started = performance.now();
        try {
          return await fn(...args);
        } finally {
          const entry = counter.byType.get(name) ?? { calls: 0, ms: 0 };
          entry.calls += 1;
          entry.ms += performance.now() - started;
          counter.byType.set(name, entry);
          counter.completed += 1;
        }
      },
    ]),
  ) as A;
}

/** Waits until `target` activities have finished in all (they may trail their update). */
async function drain(counter: Counter, target: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (counter.completed < target) {
    if (Date.now() > deadline) {
      throw new Error(`only ${counter.completed} of ${target} activities finished within 60 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const noopActivities: NoopActivities = {
  noop: () => Promise.resolve(),
};

// Email is as fast as the relay, which is not what we measure: notifications are rendered
// and logged in the database as usual, and the message itself is dropped.
const discardingMailer: Mailer = {
  send: () => Promise.resolve(),
  close: () => undefined,
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
  if (view.status !== 'CERTIFIED') {
    throw new Error(`lifecycle of ${office.id} ended in ${view.status}, not CERTIFIED`);
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
  workflowId: string,
  plan: NoopStep[],
): Promise<WorkflowHandle<typeof noopLifecycleWorkflow>> {
  const [first, ...rest] = plan;
  if (!first) throw new Error('empty no-op plan');
  const start = new WithStartWorkflowOperation<typeof noopLifecycleWorkflow>(NOOP_WORKFLOW_TYPE, {
    workflowId,
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

type HistoryEvent = NonNullable<
  Awaited<ReturnType<WorkflowHandle['fetchHistory']>>['events']
>[number];

/**
 * A history's encoded bytes by kind of event (an activity's schedule and completion by its
 * name), largest first: where to look when the history is too large.
 */
function historyBreakdown(events: HistoryEvent[]): string {
  const scheduled = new Map<string, string>();
  const bytes = new Map<string, number>();
  for (const event of events) {
    const type = (proto.api.enums.v1.EventType[event.eventType ?? 0] ?? 'UNKNOWN').replace(
      /^EVENT_TYPE_/,
      '',
    );
    const activity = event.activityTaskScheduledEventAttributes?.activityType?.name;
    if (activity) scheduled.set(String(event.eventId), activity);
    const completedOf = event.activityTaskCompletedEventAttributes?.scheduledEventId;
    const name = activity ?? (completedOf ? scheduled.get(String(completedOf)) : undefined);
    const key = name ? `${type}(${name})` : type;
    const size = proto.api.history.v1.HistoryEvent.encode(event).finish().length;
    bytes.set(key, (bytes.get(key) ?? 0) + size);
  }
  return [...bytes]
    .sort((a, b) => b[1] - a[1])
    .map(([key, size]) => `${key} ${(size / 1024).toFixed(1)} KB`)
    .join(', ');
}

/**
 * What each update of a lifecycle did, read from its history, as the no-op workflow's steps.
 * The commands of one workflow task follow its WorkflowTaskCompleted event. Activities
 * scheduled while an update is open are waited for by it; those scheduled by the workflow
 * task that answers it run in the background (notifications).
 */
function stepsFromHistory(events: HistoryEvent[]): NoopStep[] {
  const batches: HistoryEvent[][] = [[]];
  for (const event of events) {
    if (event.workflowTaskCompletedEventAttributes) batches.push([]);
    batches[batches.length - 1]?.push(event);
  }
  const steps: NoopStep[] = [];
  let open: NoopStep | undefined;
  let unclaimed = 0;
  for (const batch of batches) {
    const scheduled = batch.filter((e) => e.activityTaskScheduledEventAttributes).length;
    const accepted = batch.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    const completed = batch.filter((e) => e.workflowExecutionUpdateCompletedEventAttributes);
    if (accepted.length > 1 || completed.length > 1 || (accepted.length > 0 && open)) {
      throw new Error('the lifecycle history has overlapping updates');
    }
    if (accepted.length > 0) {
      open = { activities: unclaimed, background: 0, final: false };
      unclaimed = 0;
    }
    if (completed.length > 0) {
      if (!open) throw new Error('the lifecycle history completes an update it never accepted');
      open.background += scheduled;
      steps.push(open);
      open = undefined;
    } else if (open) {
      open.activities += scheduled;
    } else {
      unclaimed += scheduled;
    }
  }
  const last = steps[steps.length - 1];
  if (open || !last) throw new Error('the lifecycle history ends with an update open');
  // Whatever the workflow started after its last update (none today) runs in the background.
  last.background += unclaimed;
  last.final = true;
  return steps;
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
  workflows: number;
  updates: number;
  activities: number;
  seconds: number;
  /** CPU seconds of this process (client, worker, workflow threads, PGlite) in the run. */
  cpuSeconds: number;
  /** Calls and total milliseconds of each activity type during the measurement. */
  activityTimes: Map<string, { calls: number; ms: number }>;
}

function emptyMeasurement(): Measurement {
  return {
    workflows: 0,
    updates: 0,
    activities: 0,
    seconds: 0,
    cpuSeconds: 0,
    activityTimes: new Map(),
  };
}

/**
 * Times `run` until it has returned and the activities it implies have all finished, and
 * adds the result to each of `targets` (the totals and the round's).
 */
async function measure(
  targets: Measurement[],
  counter: Counter,
  expectedActivities: number,
  run: () => Promise<{ workflows: number; updates: number }>,
): Promise<void> {
  const activitiesBefore = counter.completed;
  const before = new Map([...counter.byType].map(([type, entry]) => [type, { ...entry }]));
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const { workflows, updates } = await run();
  await drain(counter, activitiesBefore + expectedActivities);
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  for (const into of targets) {
    into.seconds += seconds;
    into.cpuSeconds += (cpu.user + cpu.system) / 1e6;
    into.workflows += workflows;
    into.updates += updates;
    into.activities += counter.completed - activitiesBefore;
    for (const [type, entry] of counter.byType) {
      const total = into.activityTimes.get(type) ?? { calls: 0, ms: 0 };
      total.calls += entry.calls - (before.get(type)?.calls ?? 0);
      total.ms += entry.ms - (before.get(type)?.ms ?? 0);
      if (total.calls > 0) into.activityTimes.set(type, total);
    }
  }
}

/** Lifecycles per second over no-op workflows per second. */
function rateRatio(lifecycle: Measurement, noop: Measurement): number {
  return lifecycle.workflows / lifecycle.seconds / (noop.workflows / noop.seconds);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function report(
  lifecycle: Measurement,
  noop: Measurement,
  rounds: { lifecycle: Measurement; noop: Measurement }[],
  options: Options,
  database: string,
  temporal: string,
): void {
  const measured = { lifecycle, 'no-op': noop };
  const rows = Object.entries(measured).map(([kind, m]) => [
    kind,
    String(m.workflows),
    String(m.updates),
    String(m.activities),
    m.seconds.toFixed(2),
    m.cpuSeconds.toFixed(2),
    (m.workflows / m.seconds).toFixed(2),
    (m.updates / m.seconds).toFixed(1),
  ]);
  const header = [
    '',
    'workflows',
    'updates',
    'activities',
    'wall s',
    'node cpu s',
    'lifecycles/s',
    'updates/s',
  ];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)));
  const overall = rateRatio(lifecycle, noop);
  const perRound = rounds.map((round) => rateRatio(round.lifecycle, round.noop));
  // Each round runs both kinds back to back, seconds apart, so its ratio compares like with
  // like; a stall from outside (another process, the VM's disk) lands on one kind in one round,
  // and the median of the rounds leaves it out where the ratio of the totals would not.
  const ratio = median(perRound);
  console.log('');
  console.log(line(header).join('  '));
  for (const row of rows) console.log(line(row).join('  '));
  console.log('');
  for (const [kind, m] of Object.entries(measured)) {
    const times = [...m.activityTimes]
      .map(([type, t]) => `${type} ${t.calls} x ${(t.ms / t.calls).toFixed(1)} ms`)
      .join(', ');
    console.log(`${kind} activities (calls x mean duration): ${times}`);
  }
  console.log(
    `ratio (lifecycle rate / no-op rate) per round: ${perRound.map((r) => r.toFixed(2)).join(' ')}; ` +
      `of the totals: ${overall.toFixed(2)}`,
  );
  console.log(
    `ratio, median of the rounds: ${ratio.toFixed(2)} ` +
      `(target >= ${TARGET_RATIO}${ratio >= TARGET_RATIO ? ', met' : ', NOT met'})`,
  );
  const load = os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  console.log(
    `n ${options.n} in ${options.rounds} alternating rounds, concurrency ${options.concurrency}, ` +
      `warm-up ${WARMUP} of each; ` +
      `node ${process.version}, ${os.cpus().length} CPUs, load ${load}; ` +
      `database ${database}; temporal ${temporal}; email discarded after logging`,
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
  // Recipients as `npm start` seeds them, so transitions notify someone as they would there.
  await seedDemoRecipients(handle.prisma);
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
      : 'starting a dev server (in memory)',
  );
  const address = await temporalAddress(config);
  const connection = await Connection.connect({ address });
  onCleanup('close the client connection', () => connection.close());
  const client = new Client({ connection, namespace: config.temporal.namespace });
  const nativeConnection = await NativeConnection.connect({ address });
  onCleanup('close the worker connection', () => nativeConnection.close());

  const taskQueue = `bench-lifecycle-${process.pid}-${runId}`;
  const counter: Counter = { completed: 0, byType: new Map() };
  say('bundling workflows and starting the worker');
  const worker = await Worker.create({
    connection: nativeConnection,
    namespace: config.temporal.namespace,
    taskQueue,
    workflowsPath: require.resolve('./workflows'),
    activities: counted(
      {
        ...createActivities({ prisma: handle.prisma, mailer: discardingMailer }),
        ...noopActivities,
      },
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
  // Certified workflows wait years for their recheck, and a failed run may leave no-op ones
  // waiting for their next update: terminate whatever is still open, so that a shared server
  // (TEMPORAL_ADDRESS) keeps no strays.
  const open = new Set<string>();
  onCleanup('terminate the open bench workflows', async () => {
    for (const workflowId of open) {
      try {
        await client.workflow.getHandle(workflowId).terminate('bench done');
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      }
    }
  });
  const lifecycles = (from: number, count: number) =>
    inPool(count, options.concurrency, (i) => {
      const office = offices[from + i];
      if (!office) throw new Error(`no office ${from + i}`);
      open.add(certificationWorkflowId(office.id));
      return runLifecycle(temporal, office);
    });
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

  say(`warming up: ${WARMUP} lifecycles`);
  const warmupUpdates = sum(await guarded(lifecycles(0, WARMUP)));
  const plans = await Promise.all(
    offices.slice(0, WARMUP).map(async (office) => {
      const history = await client.workflow
        .getHandle(certificationWorkflowId(office.id))
        .fetchHistory();
      return stepsFromHistory(history.events ?? []);
    }),
  );
  // What one lifecycle leaves in Temporal's history (issue 16 target: ≤ 50 KB).
  const described = await client.workflow
    .getHandle(certificationWorkflowId((offices[0] as Office).id))
    .describe();
  say(
    `one lifecycle's history: ${described.historyLength} events, ` +
      `${((described.historySize ?? 0) / 1024).toFixed(1)} KB`,
  );
  const firstHistory = await client.workflow
    .getHandle(certificationWorkflowId((offices[0] as Office).id))
    .fetchHistory();
  say(`where its bytes are: ${historyBreakdown(firstHistory.events ?? [])}`);
  const plan = plans[0] ?? [];
  if (plans.some((other) => JSON.stringify(other) !== JSON.stringify(plan))) {
    throw new Error(`the warm-up lifecycles differ: ${JSON.stringify(plans)}`);
  }
  if (plan.length * WARMUP !== warmupUpdates) {
    throw new Error(`sent ${warmupUpdates} updates, the histories show ${plan.length * WARMUP}`);
  }
  const activitiesPerLifecycle = sum(plan.map((step) => step.activities + step.background));
  await guarded(drain(counter, WARMUP * activitiesPerLifecycle));
  say(
    `one lifecycle = ${plan.length} updates, ${activitiesPerLifecycle} activities ` +
      `(${sum(plan.map((step) => step.background))} in the background); ` +
      `warming up: ${WARMUP} no-op workflows`,
  );
  const noops = (count: number) =>
    inPool(count, options.concurrency, () => {
      const workflowId = `bench-noop-${runId}-${randomUUID()}`;
      open.add(workflowId);
      return runNoop(client, taskQueue, workflowId, plan);
    });
  const checkCompleted = async (handles: WorkflowHandle<typeof noopLifecycleWorkflow>[]) => {
    for (const h of handles) {
      const steps = await h.result();
      if (steps !== plan.length) throw new Error(`${h.workflowId} ran ${steps} steps`);
      open.delete(h.workflowId);
    }
  };
  await guarded(noops(WARMUP).then(checkCompleted));

  say(
    `measuring: ${options.n} lifecycles and ${options.n} no-op workflows in ` +
      `${options.rounds} rounds, ${options.concurrency} in flight`,
  );
  const lifecycle = emptyMeasurement();
  const noop = emptyMeasurement();
  const rounds: { lifecycle: Measurement; noop: Measurement }[] = [];
  let nextOffice = WARMUP;
  for (let round = 0; round < options.rounds; round += 1) {
    const thisRound = { lifecycle: emptyMeasurement(), noop: emptyMeasurement() };
    rounds.push(thisRound);
    const count =
      Math.floor(options.n / options.rounds) + (round < options.n % options.rounds ? 1 : 0);
    const runLifecycles = () =>
      measure(
        [lifecycle, thisRound.lifecycle],
        counter,
        count * activitiesPerLifecycle,
        async () => {
          const from = nextOffice;
          nextOffice += count;
          return { workflows: count, updates: sum(await guarded(lifecycles(from, count))) };
        },
      );
    let handles: WorkflowHandle<typeof noopLifecycleWorkflow>[] = [];
    const runNoops = () =>
      measure([noop, thisRound.noop], counter, count * activitiesPerLifecycle, async () => {
        handles = await guarded(noops(count));
        return { workflows: count, updates: count * plan.length };
      });
    // Alternate which kind goes first, so neither always follows the other's tail.
    if (round % 2 === 0) {
      await runLifecycles();
      await runNoops();
    } else {
      await runNoops();
      await runLifecycles();
    }
    await guarded(checkCompleted(handles));
  }

  report(
    lifecycle,
    noop,
    rounds,
    options,
    database.kind,
    config.temporal.address
      ? config.temporal.address
      : 'dev server in memory (started by the bench)',
  );
}

runBench(main);
