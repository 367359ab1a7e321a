// `npm run bench:workers [-- --n N --concurrency C --apis A --kill-at F]`: scale-out on one
// Temporal and one PostgreSQL (issue 16, decision 0026). Starts a Temporal dev server of its
// own, a throwaway database on the PostgreSQL server at DATABASE_URL, A API processes
// (dist/api/server.js) and two worker processes (dist/worker/main.js, the production entry
// points, each its own OS process and Temporal identity), and drives N certifications from
// declaration to CERTIFIED over HTTP with the demo API keys, spreading the requests over the
// APIs as a proxy would. Once a fraction F of the steps is done it SIGKILLs the second worker,
// as a crash. When all is settled it proves from the histories that both workers did work and
// from the database, the mail received and reconcile that nothing was lost or done twice.
// Not a test: it needs real processes and a real PostgreSQL, and prints what it measured.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { WorkflowHandle } from '@temporalio/client';
import { DEMO, seedDemoData, seedDemoRecipients } from '../modules/demo/seed';
import { formatReport, reconcile } from '../modules/certification';
import { certificationWorkflowId } from '../modules/certification/messages';
import { loadConfig } from '../platform/config/env';
import { startMailCapture } from '../platform/mail/mail-capture';
import { freePorts } from '../scripts/free-ports';
import { passingInspection } from '../scripts/chaos/driver';
import {
  type Started,
  UsageError,
  createDatabase,
  onCleanup,
  parseBenchOptions,
  positiveInteger,
  runBench,
  say,
  startNode,
  startOwnDevServer,
  systemProcessEnv,
  tail,
  WORKER_PROCESS_ENV,
} from './system';

const USAGE =
  'DATABASE_URL=postgresql://… node dist/bench/workers.js [--n N] [--concurrency C] [--apis A] [--kill-at F]';
const WORKERS = 2;
/**
 * How long the system may take to settle after the last request: an email lost with the killed
 * worker waits out its 2-minute timeout and 30 s retry interval.
 */
const SETTLE_TIMEOUT_MS = 6 * 60_000;

interface Options {
  n: number;
  concurrency: number;
  apis: number;
  /** Fraction of all steps after which the second worker is killed; 0: never. */
  killAt: number;
}

function parseOptions(argv: string[]): Options {
  const values = parseBenchOptions(
    argv,
    {
      n: { type: 'string', default: '40' },
      concurrency: { type: 'string', default: '8' },
      apis: { type: 'string', default: '2' },
      'kill-at': { type: 'string', default: '0.4' },
    },
    USAGE,
  );
  const killAt = Number(values['kill-at']);
  if (!(killAt >= 0 && killAt < 1)) {
    throw new UsageError(`--kill-at must be a fraction in [0, 1), got ${values['kill-at']}`);
  }
  return {
    n: positiveInteger('n', values.n),
    concurrency: positiveInteger('concurrency', values.concurrency),
    apis: positiveInteger('apis', values.apis),
    killAt,
  };
}

// ---------------------------------------------------------------------------------------
// Processes: each one's output goes to a log file in the run's temp dir, shown if it fails.

async function waitUntilHealthy(api: Started, url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (api.child.exitCode !== null) {
      throw new Error(`${api.name} exited at start-up:\n${tail(api)}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${api.name} was not healthy within 60 s:\n${tail(api)}`);
}

// ---------------------------------------------------------------------------------------
// One certification's lifecycle over HTTP, as a county's and the city's systems drive it.

const KEYS = {
  [DEMO.counties.yuzhong]: 'dev-yuzhong-operator',
  [DEMO.counties.jiangbei]: 'dev-jiangbei-operator',
  reviewer: 'dev-city-reviewer',
  inspector: 'dev-inspector',
} as const;
type CountyId = typeof DEMO.counties.yuzhong | typeof DEMO.counties.jiangbei;

/** The demo campaign pins the Fengqiao-style set; the chaos driver's passing inspection fits it. */
const PASSING_INSPECTION = passingInspection();

/** The audit actions of one lifecycle, in order; each transition writes exactly one. */
const EXPECTED_ACTIONS = [
  'DECLARED',
  'DECLARATION_APPROVED',
  'PROGRESS_REPORTED',
  'EVIDENCE_ADDED',
  'VERIFICATION_REQUESTED',
  'INSPECTION_RECORDED',
  'DOCUMENT_REVIEW_RECORDED',
  'LOCAL_OPINION_RECORDED',
  'CERTIFIED',
];

interface Office {
  id: string;
  countyId: CountyId;
}

interface Step {
  /** Path under /api/v1/certifications/:id, or '' for the declaration itself. */
  path: string;
  key: string;
  body: object;
  expected: number;
}

function stepsFor(office: Office): Step[] {
  const county = KEYS[office.countyId];
  return [
    {
      path: '',
      key: county,
      expected: 201,
      body: {
        officeId: office.id,
        campaignId: DEMO.campaignId,
        plan: { summary: '以“枫桥经验”为引领,建设一站式矛盾纠纷化解平台', feature: '老马工作法' },
        contact: { name: '张三', phone: '023-63000000' },
      },
    },
    {
      path: 'declaration-review',
      key: KEYS.reviewer,
      expected: 200,
      body: { decision: 'APPROVE', reason: '同意创建' },
    },
    {
      path: 'progress-reports',
      key: county,
      expected: 200,
      body: { period: '2023Q1', summary: '完成阵地建设' },
    },
    { path: 'evidence', key: county, expected: 200, body: { kind: 'PHOTO', title: '调解室照片' } },
    {
      path: 'verification-request',
      key: county,
      expected: 200,
      body: { selfAssessment: { summary: '自评达标' } },
    },
    {
      path: 'inspectors',
      key: KEYS.reviewer,
      expected: 201,
      body: { inspectorId: 'apikey-dev-inspector' },
    },
    { path: 'inspection', key: KEYS.inspector, expected: 200, body: PASSING_INSPECTION },
    {
      path: 'document-review',
      key: KEYS.reviewer,
      expected: 200,
      body: { passed: true, findings: '资料完整' },
    },
    {
      path: 'local-opinion',
      key: county,
      expected: 200,
      body: { authority: '街道党工委', supportive: true, summary: '同意' },
    },
    { path: 'decision', key: KEYS.reviewer, expected: 200, body: {} },
  ];
}

/** Requests sent, and those sent again after an unknown outcome (5xx or network error). */
const traffic = { requests: 0, retried: 0 };
let nextApi = 0;

/**
 * POSTs with an Idempotency-Key, to the next API in turn (round robin, as a proxy in front of
 * the replicas would), and sends the same request again, to whichever API is next, while the
 * outcome is unknown: what a careful client does, and what decision 0013 makes safe.
 */
async function post(
  apis: string[],
  route: string,
  step: Step,
): Promise<{ id?: string; status?: string; certificateNumber?: string }> {
  const key = randomUUID();
  for (let attempt = 1; ; attempt += 1) {
    const base = apis[nextApi++ % apis.length] as string;
    traffic.requests += 1;
    try {
      const response = await fetch(`${base}${route}`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${step.key}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': key,
        },
        body: JSON.stringify(step.body),
      });
      const text = await response.text();
      if (response.status === step.expected) return JSON.parse(text) as { id?: string };
      const unknownOutcome = response.status >= 500 || response.headers.has('retry-after');
      if (!unknownOutcome || attempt >= 20) {
        throw new Error(`POST ${route}: ${response.status} ${text.slice(0, 400)}`);
      }
    } catch (error) {
      if (!(error instanceof TypeError) || attempt >= 20) throw error;
    }
    traffic.retried += 1;
    await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
  }
}

// ---------------------------------------------------------------------------------------

type HistoryEvent = NonNullable<
  Awaited<ReturnType<WorkflowHandle['fetchHistory']>>['events']
>[number];

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const config = loadConfig();
  if (config.database.kind !== 'postgres') {
    throw new UsageError(
      'bench:workers needs DATABASE_URL to name a PostgreSQL server: the API and worker ' +
        'processes share one database, and PGlite lives inside a single process.\n' +
        `usage: ${USAGE}`,
    );
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'fq-bench-workers-'));
  onCleanup(`remove ${tmp}`, () => Promise.resolve(rmSync(tmp, { recursive: true, force: true })));

  say(`preparing a throwaway PostgreSQL database with ${options.n} offices`);
  const { config: database, handle } = await createDatabase(config.database, tmp);
  if (database.kind !== 'postgres') throw new Error('expected a PostgreSQL database');
  const prisma = handle.prisma;
  await seedDemoData(prisma);
  // Recipients as `npm start` seeds them, so that transitions notify someone.
  await seedDemoRecipients(prisma);
  const runId = randomBytes(4).toString('hex');
  const counties: CountyId[] = [DEMO.counties.yuzhong, DEMO.counties.jiangbei];
  const offices: Office[] = Array.from({ length: options.n }, (_, i) => ({
    id: `office-workers-${runId}-${i}`,
    countyId: counties[i % counties.length] as CountyId,
  }));
  await prisma.office.createMany({
    data: offices.map((office, i) => ({
      id: office.id,
      countyId: office.countyId,
      code: `WORKERS-${runId}-${i}`,
      name: `扩展测试司法所${i}`,
      type: 'STREET' as const,
    })),
  });
  // Each office meets the measurable standards as the demo's Jiefangbei office does.
  const model = await prisma.officeProfile.findFirstOrThrow({
    where: { officeId: 'office-jiefangbei' },
  });
  await prisma.officeProfile.createMany({
    data: offices.map((office) => ({
      id: `profile-${office.id}`,
      officeId: office.id,
      effectiveFrom: model.effectiveFrom,
      values: model.values as object,
      recordedBy: 'bench',
    })),
  });

  const mail = await startMailCapture({ dir: path.join(tmp, 'mail') });
  onCleanup('stop the mail capture', () => mail.stop());

  say('starting a Temporal dev server of its own');
  const address = await startOwnDevServer(config, tmp);
  const connection = await Connection.connect({ address });
  onCleanup('close the client connection', () => connection.close());
  const client = new Client({ connection, namespace: config.temporal.namespace });
  const taskQueue = `bench-workers-${runId}`;

  const common = systemProcessEnv({
    databaseUrl: database.url,
    temporalAddress: address,
    namespace: config.temporal.namespace,
    taskQueue,
    smtpUrl: mail.url,
  });
  // Started together, as `docker compose up` starts replicas: start-up must be safe in parallel.
  say(`starting ${WORKERS} worker processes and ${options.apis} API processes`);
  const workers = Array.from({ length: WORKERS }, (_, i) =>
    startNode(`worker-${i + 1}`, 'worker/main.js', { ...common, ...WORKER_PROCESS_ENV }, tmp),
  );
  const ports = await freePorts(options.apis);
  const apis = ports.map((port, i) =>
    startNode(
      `api-${i + 1}`,
      'api/server.js',
      { ...common, HOST: '127.0.0.1', PORT: String(port) },
      tmp,
    ),
  );
  const apiUrls = ports.map((port) => `http://127.0.0.1:${port}`);
  const killed = new Set<string>();
  await Promise.all(apis.map((api, i) => waitUntilHealthy(api, apiUrls[i] as string)));
  // A worker that dies of itself is news; one stopped by the clean-up at the end is not.
  let watching = true;
  onCleanup('stop watching the workers', () => Promise.resolve(void (watching = false)));
  for (const worker of workers) {
    void worker.exited.then((code) => {
      if (watching && !killed.has(worker.name)) {
        console.error(`[bench] ${worker.name} exited (${code}) on its own:\n${tail(worker)}`);
      }
    });
  }
  // Workflows left open (certified ones wait years for their recheck) die with the dev server.
  const identities = new Map(
    workers.map((worker) => [`${worker.child.pid}@${os.hostname()}`, worker.name]),
  );

  const victim = workers[WORKERS - 1] as Started;
  const totalSteps = offices.length * stepsFor(offices[0] as Office).length;
  let stepsDone = 0;
  let killedAtStep: number | undefined;
  const maybeKill = () => {
    if (
      options.killAt > 0 &&
      killedAtStep === undefined &&
      stepsDone >= totalSteps * options.killAt
    ) {
      killedAtStep = stepsDone;
      killed.add(victim.name);
      victim.child.kill('SIGKILL');
      say(
        `SIGKILL ${victim.name} (pid ${victim.child.pid}) after ${stepsDone} of ${totalSteps} steps`,
      );
    }
  };

  const certificationIds = new Map<string, string>();
  const certificates: string[] = [];
  const runOne = async (office: Office) => {
    let id = '';
    for (const step of stepsFor(office)) {
      const route =
        step.path === '' ? '/api/v1/certifications' : `/api/v1/certifications/${id}/${step.path}`;
      const body = await post(apiUrls, route, step);
      if (step.path === '') id = body.id ?? '';
      if (step.path === 'decision') {
        if (body.status !== 'CERTIFIED') throw new Error(`${office.id} ended ${body.status}`);
        certificates.push(body.certificateNumber ?? '');
      }
      stepsDone += 1;
      maybeKill();
    }
    certificationIds.set(office.id, id);
  };

  say(
    `driving ${options.n} certifications, ${options.concurrency} at a time, over ${options.apis} APIs`,
  );
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(options.concurrency, offices.length) }, async () => {
      for (let i = next++; i < offices.length; i = next++) await runOne(offices[i] as Office);
    }),
  );
  const driveSeconds = (performance.now() - started) / 1000;
  say(
    `all ${options.n} certified in ${driveSeconds.toFixed(1)} s ` +
      `(${traffic.requests} requests, ${traffic.retried} sent again after an unknown outcome)`,
  );

  // Settled: no workflow has an activity pending (notifications run after their update
  // answered) and every notification row has been sent.
  const handles = offices.map((office) =>
    client.workflow.getHandle(certificationWorkflowId(office.id)),
  );
  const settleDeadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const pending = (
      await Promise.all(
        handles.map(async (h) => (await h.describe()).raw.pendingActivities?.length ?? 0),
      )
    ).reduce((a, b) => a + b, 0);
    const unsent = await prisma.notification.count({ where: { status: { not: 'SENT' } } });
    if (pending === 0 && unsent === 0) break;
    if (Date.now() > settleDeadline) {
      throw new Error(`not settled: ${pending} activities pending, ${unsent} notifications unsent`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const settleSeconds = (performance.now() - started) / 1000 - driveSeconds;

  // (a) Who did the work: the identity on each completed workflow task and started activity.
  const tasksBy = new Map<string, number>(workers.map((w) => [w.name, 0]));
  const activitiesBy = new Map<string, number>(workers.map((w) => [w.name, 0]));
  const strangers = new Set<string>();
  const count = (into: Map<string, number>, identity: string | null | undefined) => {
    const name = identities.get(identity ?? '');
    if (name === undefined) strangers.add(identity ?? '(none)');
    else into.set(name, (into.get(name) ?? 0) + 1);
  };
  for (const h of handles) {
    const events: HistoryEvent[] = (await h.fetchHistory()).events ?? [];
    for (const event of events) {
      if (event.workflowTaskCompletedEventAttributes) {
        count(tasksBy, event.workflowTaskCompletedEventAttributes.identity);
      }
      if (event.activityTaskStartedEventAttributes) {
        count(activitiesBy, event.activityTaskStartedEventAttributes.identity);
      }
    }
  }

  // (b) Nothing done twice, nothing lost.
  const ids = [...certificationIds.values()];
  const problems: string[] = [];
  const rows = await prisma.certification.findMany({ where: { id: { in: ids } } });
  const notCertified = options.n - rows.filter((r) => r.status === 'CERTIFIED').length;
  if (notCertified > 0)
    problems.push(`${notCertified} certifications are not CERTIFIED in the database`);
  const audit = await prisma.auditEvent.findMany({
    where: { certificationId: { in: ids } },
    select: { certificationId: true, revision: true, action: true },
    orderBy: [{ certificationId: 'asc' }, { revision: 'asc' }],
  });
  let auditDuplicates = 0;
  let auditLost = 0;
  for (const id of ids) {
    // Transitions carry the workflow's revision; the inspector's assignment is no transition.
    const events = audit.filter((e) => e.certificationId === id && e.revision !== null);
    const revisions = new Set(events.map((e) => e.revision));
    const actions = events.map((e) => e.action);
    const assignments = audit.filter(
      (e) => e.certificationId === id && e.action === 'INSPECTOR_ASSIGNED',
    ).length;
    auditDuplicates +=
      events.length -
      revisions.size +
      Math.max(0, actions.length - EXPECTED_ACTIONS.length) +
      Math.max(0, assignments - 1);
    auditLost +=
      EXPECTED_ACTIONS.filter((a) => !actions.includes(a)).length + (assignments === 0 ? 1 : 0);
    if (JSON.stringify(actions) !== JSON.stringify(EXPECTED_ACTIONS) || assignments !== 1) {
      problems.push(
        `audit trail of ${id}: ${actions.join(', ')}; ${assignments} inspector assignment(s)`,
      );
    }
  }
  const numbers = await prisma.certificate.findMany({ where: { certificationId: { in: ids } } });
  const distinctNumbers = new Set(numbers.map((c) => c.number));
  const certificateDuplicates =
    numbers.length - distinctNumbers.size + (certificates.length - new Set(certificates).size);
  const certificateLost = options.n - numbers.length;
  const notifications = await prisma.notification.findMany({
    where: { certificationId: { in: ids } },
  });
  const notificationKeys = new Set(notifications.map((n) => n.key));
  const received = await mail.list();
  const receivedIds = received.map((m) => m.messageId ?? '');
  const mailResent = receivedIds.length - new Set(receivedIds).size;
  const mailLost = notifications.filter(
    (n) => !receivedIds.includes(`<${n.messageId}>`) && !receivedIds.includes(n.messageId),
  ).length;
  const report = await reconcile(client, prisma, { listRunningWorkflows: true });
  const mismatches = report.mismatches.length + report.stuck.length;
  if (mismatches > 0) problems.push(formatReport(report));
  if (strangers.size > 0) problems.push(`work by unknown identities: ${[...strangers].join(', ')}`);

  const duplicates =
    auditDuplicates + certificateDuplicates + (notifications.length - notificationKeys.size);
  const lost = notCertified + auditLost + certificateLost + mailLost;
  const tasks = workers.map((w) => tasksBy.get(w.name) ?? 0);
  const acts = workers.map((w) => activitiesBy.get(w.name) ?? 0);
  const load = os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');
  say(
    `audit events ${audit.length} (${EXPECTED_ACTIONS.length} transitions and an inspector assignment per certification expected), ` +
      `certificates ${numbers.length} (${distinctNumbers.size} distinct numbers), ` +
      `notifications ${notifications.length} (${notificationKeys.size} keys), mail received ${received.length} ` +
      `(${mailResent} resent with the same Message-ID), reconcile checked ${report.checked}: ` +
      `${report.mismatches.length} mismatches, ${report.stuck.length} stuck`,
  );
  say(
    `workflow tasks by worker ${tasks.join('/')}, activities by worker ${acts.join('/')}; ` +
      `${victim.name} ${killedAtStep === undefined ? 'not killed' : `killed after step ${killedAtStep} of ${totalSteps}`}; ` +
      `settled ${settleSeconds.toFixed(1)} s after the last request; ${os.cpus().length} CPUs, load ${load}`,
  );
  for (const problem of problems) console.error(`[bench] problem: ${problem}`);
  console.log(
    `bench:workers certifications=${options.n} workers=${WORKERS} apis=${options.apis} ` +
      `tasks_by_worker=${tasks.join('/')} activities_by_worker=${acts.join('/')} ` +
      `killed=${killedAtStep === undefined ? 'none' : `${victim.name}@${killedAtStep}/${totalSteps}`} ` +
      `duplicates=${duplicates} lost=${lost} mail_resent=${mailResent} reconcile_mismatches=${mismatches} ` +
      `retried_requests=${traffic.retried} certified_per_s=${(options.n / driveSeconds).toFixed(2)} ` +
      `settle_s=${settleSeconds.toFixed(0)}`,
  );
  if (duplicates > 0 || lost > 0 || mismatches > 0 || problems.length > 0) {
    throw new Error('the scale-out run did work twice or lost some');
  }
  // Sticky queues keep a workflow on the worker that last ran it, so with few certifications
  // one worker may happen to run every workflow task; activities go to whichever polls first.
  if (workers.some((_, i) => (tasks[i] ?? 0) + (acts[i] ?? 0) === 0)) {
    throw new Error('a worker did no work: the queue was not shared');
  }
}

runBench(main);
