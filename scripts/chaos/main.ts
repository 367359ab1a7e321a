// `npm run chaos [-- --n 100 --faults 25 --seed 7 --concurrency 8]`: the standing chaos suite.
// Runs the system as separate processes (PostgreSQL, Temporal dev server, SMTP sink, worker,
// API), drives N certification lifecycles over HTTP with Idempotency-Keys and client retries,
// and meanwhile injects faults drawn from a seeded PRNG: worker SIGKILL, Temporal restart,
// PostgreSQL stop/start, SMTP stop/start. Then it checks that nothing was lost, applied twice
// or mailed twice and that reconcile is clean, and ends with one summary line (exit 1 if not).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { simpleParser } from 'mailparser';
import { z } from 'zod';
import { loadConfig } from '../../platform/config/env';
import { findTemporalCli } from '../temporal-dev-server';
import type { LifecycleOutcome } from './driver';
import {
  COUNTIES,
  Driver,
  INTENDED_ACTIONS,
  KEYS,
  REQUESTS_PER_LIFECYCLE,
  driveLifecycle,
  importRow,
} from './driver';
import type { CapturedCopy, ChaosFigures, FaultKind, PlannedFault } from './plan';
import {
  FAULT_KINDS,
  SEND_WINDOW_MS,
  duplicateMessages,
  extraApplications,
  passed,
  percentile,
  planFaults,
  revisionGaps,
  summaryLine,
} from './plan';
import { say } from './log';
import { waitFor } from './processes';
import type { System } from './system';
import { MissingPostgresError, startSystem } from './system';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const positiveInt = z.coerce.number().int().min(1);
const Options = z.object({
  n: positiveInt.max(5000).default(20),
  faults: z.coerce.number().int().min(0).max(1000).optional(),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
  concurrency: positiveInt.max(200).default(8),
  /** Longest outage of Temporal, PostgreSQL or SMTP, in milliseconds. */
  maxDownMs: z.coerce.number().int().min(500).max(600_000).default(8000),
  /** How long one HTTP attempt may take before the client gives up on it and retries. */
  attemptTimeoutMs: positiveInt.default(30_000),
  /** How long a client keeps retrying one request before the lifecycle counts as lost. */
  requestDeadlineMs: positiveInt.default(180_000),
  keep: z.boolean().default(false),
});
type Options = z.infer<typeof Options>;

const USAGE =
  'usage: npm run chaos -- [--n N] [--faults F] [--seed S] [--concurrency C] ' +
  '[--max-down-ms MS] [--attempt-timeout-ms MS] [--request-deadline-ms MS] [--keep]';

class UsageError extends Error {}

function parseOptions(argv: string[]): Options {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        n: { type: 'string' },
        faults: { type: 'string' },
        seed: { type: 'string' },
        concurrency: { type: 'string' },
        'max-down-ms': { type: 'string' },
        'attempt-timeout-ms': { type: 'string' },
        'request-deadline-ms': { type: 'string' },
        keep: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const parsed = Options.safeParse({
    n: values.n,
    faults: values.faults,
    seed: values.seed,
    concurrency: values.concurrency,
    maxDownMs: values['max-down-ms'],
    attemptTimeoutMs: values['attempt-timeout-ms'],
    requestDeadlineMs: values['request-deadline-ms'],
    keep: values.keep,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  --${i.path.join('.')}: ${i.message}`);
    throw new UsageError(`${lines.join('\n')}\n${USAGE}`);
  }
  return parsed.data;
}

/** Creates the run's offices (two counties, with profiles that meet every standard). */
async function importOffices(driver: Driver, n: number, tag: string) {
  const rows = Array.from({ length: n }, (_, i) => {
    const county = COUNTIES[i % COUNTIES.length] as (typeof COUNTIES)[number];
    const number = String(i + 1).padStart(4, '0');
    return {
      row: importRow(`${county.code}-X${tag}-${number}`, `混沌测试${number}号司法所`, county.code),
      county,
    };
  });
  const answer = await driver.request('POST', '/api/v1/offices/import', KEYS.admin, {
    offices: rows.map((r) => r.row),
  });
  if (answer.status !== 201) {
    throw new Error(`importing offices: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  const ids = new Map(
    (answer.body as { items: { id: string; code: string }[] }).items.map((i) => [i.code, i.id]),
  );
  return rows.map(({ row, county }) => ({
    id: ids.get(row.code) as string,
    operatorKey: county.key,
  }));
}

/** Injects the fault; a worker kill's moment goes into `workerKills` (see duplicateMessages). */
async function injectFault(
  system: System,
  fault: PlannedFault,
  workerKills: number[],
): Promise<string> {
  switch (fault.kind) {
    case 'worker-kill':
      workerKills.push(Date.now()); // the signal is sent synchronously, first thing
      await system.killWorker();
      return 'worker SIGKILL, restarted';
    case 'temporal-restart':
      await system.restartTemporal(fault.hard, fault.downMs);
      return `Temporal ${fault.hard ? 'SIGKILL' : 'SIGTERM'}, down ${fault.downMs} ms`;
    case 'postgres-restart':
      await system.restartPostgres(fault.downMs);
      return `PostgreSQL fast stop, down ${fault.downMs} ms`;
    case 'smtp-restart':
      await system.restartSmtp(fault.downMs);
      return `SMTP sink stopped, down ${fault.downMs} ms`;
  }
}

/**
 * The sink's accepted messages: each one's Message-ID, and when it was accepted (the sink names
 * its files after its clock, milliseconds).
 */
async function capturedCopies(mailDir: string): Promise<CapturedCopy[]> {
  const files = readdirSync(mailDir).filter((f) => f.endsWith('.eml'));
  const copies: CapturedCopy[] = [];
  for (const file of files) {
    const { messageId } = await simpleParser(readFileSync(path.join(mailDir, file)));
    copies.push({ messageId, acceptedAt: Number(file.split('-')[0]) });
  }
  return copies;
}

async function notificationCount(driver: Driver, status: 'PENDING' | 'FAILED'): Promise<number> {
  const answer = await driver.request(
    'GET',
    `/api/v1/notifications?status=${status}&limit=500`,
    KEYS.admin,
  );
  if (answer.status !== 200) throw new Error(`notifications: HTTP ${answer.status}`);
  return (answer.body as { items: unknown[] }).items.length;
}

interface Settled {
  lost: number;
  appliedTwice: number;
  auditGaps: number;
  lostReasons: string[];
}

/** Each lifecycle as the database finally shows it (the projection may lag its workflow). */
async function settleLifecycles(driver: Driver, outcomes: LifecycleOutcome[]): Promise<Settled> {
  const settled: Settled = { lost: 0, appliedTwice: 0, auditGaps: 0, lostReasons: [] };
  for (const outcome of outcomes) {
    if (!outcome.certificationId) {
      // The client never learnt an id; say whether the office was declared all the same.
      const office = await driver.request('GET', `/api/v1/offices/${outcome.officeId}`, KEYS.admin);
      const current = (office.body as { certification?: { id: string; status: string } | null })
        ?.certification;
      settled.lost += 1;
      settled.lostReasons.push(
        `office ${outcome.officeId} (${current ? `certification ${current.id} is ${current.status}` : 'no certification'}): ${outcome.failure ?? 'never declared'}`,
      );
      continue;
    }
    let view: { status: string; timeline: { action: string; revision: number }[] } | undefined;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const answer = await driver.request(
        'GET',
        `/api/v1/certifications/${outcome.certificationId}`,
        KEYS.admin,
      );
      if (answer.status === 200) view = answer.body as typeof view;
      if (view?.status === 'CERTIFIED' || outcome.failure) break;
      await pause(500);
    }
    const actions = view?.timeline.map((e) => e.action) ?? [];
    settled.appliedTwice += extraApplications(INTENDED_ACTIONS, actions);
    settled.auditGaps += revisionGaps(view?.timeline.map((e) => e.revision) ?? []);
    if (view?.status !== 'CERTIFIED') {
      settled.lost += 1;
      settled.lostReasons.push(
        `${outcome.certificationId} (${outcome.officeId}) is ${view?.status ?? 'unreadable'}: ${outcome.failure ?? 'no failure seen by the client'}`,
      );
    }
  }
  return settled;
}

/** Polls reconcile until it is clean (projections catch up), or reports what stays wrong. */
async function finalReconcile(driver: Driver): Promise<string> {
  let last = 'unknown';
  try {
    await waitFor(
      'a clean reconcile',
      async () => {
        const answer = await driver.request('GET', '/api/v1/admin/reconcile', KEYS.admin);
        const body = answer.body as { mismatches?: unknown[]; pending?: unknown[] } | null;
        if (answer.status !== 200 || !body?.mismatches) {
          last = `http_${answer.status}`;
          return false;
        }
        const pending = body.pending?.length ?? 0;
        last = `mismatches_${body.mismatches.length}_pending_${pending}`;
        if (body.mismatches.length > 0)
          say(`reconcile: ${JSON.stringify(body.mismatches).slice(0, 2000)}`);
        return body.mismatches.length === 0 && pending === 0;
      },
      60_000,
      2000,
    );
    return 'clean';
  } catch {
    return last;
  }
}

/** Waits until no notification is pending and the sink's count stops moving. */
async function drainMail(driver: Driver, mailDir: string): Promise<void> {
  let previous = -1;
  await waitFor(
    'the mail outbox to drain',
    async () => {
      const captured = readdirSync(mailDir).length;
      const stable = captured === previous;
      previous = captured;
      return stable && (await notificationCount(driver, 'PENDING')) === 0;
    },
    // Longer than the notification activity's start-to-close timeout (2 minutes) plus its
    // first retry interval, so a send lost with a killed worker is retried before we count.
    240_000,
    2000,
  ).catch((error: unknown) => say(error instanceof Error ? error.message : String(error)));
}

async function run(options: Options): Promise<number> {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
  const faultCount = options.faults ?? Math.max(1, Math.round(options.n / 4));
  const config = loadConfig();
  const externalUrl = config.database.kind === 'postgres' ? config.database.url : undefined;
  say(
    `seed ${seed} (--seed ${seed} reproduces the fault plan), ${options.n} lifecycles, ${faultCount} faults, concurrency ${options.concurrency}`,
  );

  const runDir = mkdtempSync(path.join(os.tmpdir(), 'fengqiao-chaos-'));
  let system: System | undefined;
  let ok = false;
  const stop = () => {
    say('interrupted; stopping everything');
    void (system?.shutdown() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    system = await startSystem({
      runDir,
      temporalCli: findTemporalCli(config.temporal.cliPath),
      externalDatabaseUrl: externalUrl,
    }).catch((error: unknown) => {
      // Nothing ran, so there is nothing to keep; any other failure keeps its logs.
      if (error instanceof MissingPostgresError) rmSync(runDir, { recursive: true, force: true });
      else say(`could not start the system; logs kept in ${runDir}/logs`);
      throw error;
    });
    const kinds: FaultKind[] = FAULT_KINDS.filter(
      (kind) => kind !== 'postgres-restart' || system?.canRestartPostgres,
    );
    const plan = planFaults({ seed, count: faultCount, kinds, maxDownMs: options.maxDownMs });

    const total = options.n * REQUESTS_PER_LIFECYCLE;
    let answered = 0;
    const driver = new Driver({
      apiUrl: system.apiUrl,
      attemptTimeoutMs: options.attemptTimeoutMs,
      requestDeadlineMs: options.requestDeadlineMs,
      onAnswered: () => (answered += 1),
    });
    const offices = await importOffices(driver, options.n, seed.toString(36));
    say(`${offices.length} offices imported; driving lifecycles`);
    driver.stats.latencies.length = 0;
    answered = 0;

    const outcomes: LifecycleOutcome[] = [];
    let next = 0;
    let driving = true;
    const lanes = Array.from(
      { length: Math.min(options.concurrency, offices.length) },
      async () => {
        for (let i = next++; i < offices.length; i = next++) {
          outcomes.push(await driveLifecycle(driver, offices[i] as (typeof offices)[number]));
          if (outcomes.length % Math.max(1, Math.round(offices.length / 10)) === 0) {
            say(`${outcomes.length}/${offices.length} lifecycles done`);
          }
        }
      },
    );
    const drivingDone = Promise.all(lanes).finally(() => (driving = false));

    let injected = 0;
    const workerKills: number[] = [];
    const faultLoop = (async () => {
      for (const fault of plan) {
        while (driving && answered < fault.atProgress * total) await pause(100);
        if (!driving) break;
        const started = Date.now();
        const what = await injectFault(system, fault, workerKills);
        injected += 1;
        say(
          `fault ${injected}/${plan.length} at ${Math.round((100 * answered) / total)}%: ${what} (back in ${Date.now() - started} ms)`,
        );
      }
    })();
    await drivingDone;
    await faultLoop;
    const p99Ms = percentile(driver.stats.latencies, 99);
    const p50Ms = percentile(driver.stats.latencies, 50);
    const maxMs = percentile(driver.stats.latencies, 100);

    say('driving done; checking what the system kept');
    await system.ensureAllUp();
    const settled = await settleLifecycles(driver, outcomes);
    for (const reason of settled.lostReasons.slice(0, 20)) say(`lost: ${reason}`);
    say(`${outcomes.length - settled.lost} of ${outcomes.length} certifications are CERTIFIED`);
    const reconcile = await finalReconcile(driver);
    say(`reconcile: ${reconcile}; waiting for the mail outbox to drain`);
    await drainMail(driver, system.mailDir);
    const copies = await capturedCopies(system.mailDir);
    say(`${copies.length} messages captured`);
    const duplicates = duplicateMessages(copies, workerKills);
    for (const resent of duplicates.resentAfterKill) {
      say(
        `resent after a worker kill: ${resent.messageId} accepted, the worker SIGKILLed ${resent.killedAt - resent.acceptedAt} ms later (before it could record the send; window ${SEND_WINDOW_MS} ms), sent again ${Math.round((resent.resentAt - resent.killedAt) / 1000)} s after the kill`,
      );
    }
    const failedMail = await notificationCount(driver, 'FAILED');
    const pendingMail = await notificationCount(driver, 'PENDING');
    const crashes = system.crashes();

    const figures: ChaosFigures = {
      lifecycles: options.n,
      faults: injected,
      lost: settled.lost,
      appliedTwice: settled.appliedTwice,
      duplicateEmails: duplicates.duplicates,
      reconcile,
      p99Ms,
      seed,
      extra: {
        p50_ms: p50Ms,
        max_ms: maxMs,
        requests: driver.stats.latencies.length,
        retries: driver.stats.retries,
        false_conflicts: driver.stats.falseConflicts,
        audit_gaps: settled.auditGaps,
        emails: copies.length,
        resent_after_kill: duplicates.resentAfterKill.length,
        mail_failed: failedMail,
        mail_pending: pendingMail,
        crashes: Object.values(crashes).reduce((a, b) => a + b, 0),
      },
    };
    ok = passed(figures);
    const shutdown = system.shutdown();
    system = undefined;
    await shutdown;
    if (ok && !options.keep) rmSync(runDir, { recursive: true, force: true });
    else say(`run directory kept: ${runDir} (logs/, mail/, postgres/)`);
    console.log(summaryLine(figures));
    return ok ? 0 : 1;
  } finally {
    if (system) {
      await system.shutdown();
      say(`run directory kept: ${runDir}`);
    }
  }
}

if (require.main === module) {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  run(options).then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof MissingPostgresError) {
        console.error(`[chaos] cannot run: ${error.message}`);
        process.exit(3);
      }
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(2);
    },
  );
}
