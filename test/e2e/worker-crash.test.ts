// A worker killed mid-activity (SIGKILL of a real worker process, as a crash) delays the
// transition in flight by the database activity's short start-to-close timeout, not a minute:
// the projection is retried on another worker and the update completes. The latency is
// printed, not asserted (timing on two shared cores is no gate); the configured bounds are.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { once } from 'node:events';
import type { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { parseDuration } from '../../platform/config/duration';
import { declareCertification, sendCommand } from '../../modules/certification/client';
import { DATABASE_ACTIVITY_OPTIONS } from '../../platform/temporal/activity-options';
import { STICKY_QUEUE_TIMEOUT } from '../../worker/create-worker';
import { seedDemoData } from '../../modules/demo/seed';
import { formatReport, reconcile } from '../../modules/certification/reconcile';
import type { TestDatabase } from '../support/database';
import { createTestDatabase } from '../support/database';
import { ACTORS, JIEFANGBEI, declareArgs } from '../support/fixtures';
import {
  createTestWorker,
  startDevServer,
  uniqueTaskQueue,
  workflowBundle,
} from '../support/temporal';

let env: TestWorkflowEnvironment;
let db: TestDatabase;
let child: ChildProcessWithoutNullStreams | undefined;

beforeAll(async () => {
  [env, db] = await Promise.all([startDevServer(), createTestDatabase()]);
  await seedDemoData(db.prisma);
});

afterAll(async () => {
  child?.kill('SIGKILL');
  await env?.teardown();
  await db?.close();
});

/** Seconds in a Temporal duration string such as '10 seconds'. */
function seconds(text: string): number {
  const match = /^(\d+) seconds?$/.exec(text);
  if (!match) throw new Error(`unexpected duration ${text}`);
  return Number(match[1]);
}

test('the database activities are bounded so a crash costs at most about 15 s', () => {
  const timeout = seconds(DATABASE_ACTIVITY_OPTIONS.startToCloseTimeout);
  const firstRetry = seconds(DATABASE_ACTIVITY_OPTIONS.retry.initialInterval);
  expect(timeout).toBeLessThanOrEqual(10);
  // A lost attempt is retried after its timeout plus the first backoff; the next workflow
  // task may wait on the dead worker's sticky queue for STICKY_QUEUE_TIMEOUT.
  expect(timeout + firstRetry + seconds(STICKY_QUEUE_TIMEOUT)).toBeLessThanOrEqual(15);
  expect(parseDuration('15s')).toBe(15_000);
});

function lines(stream: NodeJS.ReadableStream, wanted: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    stream.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.includes(wanted)) resolve();
    });
    stream.on('end', () => reject(new Error(`the worker exited before ${wanted}`)));
  });
}

test('a transition in flight when its worker is killed completes on another worker', async () => {
  const taskQueue = uniqueTaskQueue('crash');
  const temporal = { client: env.client, taskQueue };
  const args = declareArgs(JIEFANGBEI);
  const first = await createTestWorker(env, db.prisma, taskQueue);
  await first.runUntil(declareCertification(temporal, args));

  child = spawn(
    process.execPath,
    [
      path.join(__dirname, '..', 'support', 'doomed-worker.js'),
      env.address,
      env.namespace ?? 'default',
      taskQueue,
      workflowBundle().codePath,
      STICKY_QUEUE_TIMEOUT,
    ],
    { stdio: 'pipe' },
  );
  const started = lines(child.stdout, 'ACTIVITY_STARTED');
  await lines(child.stdout, 'READY');

  const approving = sendCommand(
    temporal,
    { certificationId: args.certificationId, officeId: JIEFANGBEI.id },
    'REVIEW_DECLARATION',
    { decision: 'APPROVE', reason: '申报材料齐全' },
    ACTORS.reviewer,
    'req-crash',
  );
  await started;
  const killedAt = Date.now();
  child.kill('SIGKILL');
  await once(child, 'exit');
  child = undefined;

  // Reconcile queries the workflows, so the replacement worker keeps running for it too.
  const replacement: Worker = await createTestWorker(env, db.prisma, taskQueue);
  await replacement.runUntil(async () => {
    const view = await approving;
    const latency = Date.now() - killedAt;
    console.log(
      `transition completed ${(latency / 1000).toFixed(1)} s after its worker was killed`,
    );
    expect(view.status).toBe('BUILDING');
    const row = await db.prisma.certification.findUniqueOrThrow({
      where: { id: args.certificationId },
    });
    expect(row).toMatchObject({ status: 'BUILDING', revision: 2 });
    const report = await reconcile(env.client, db.prisma);
    if (report.mismatches.length > 0) throw new Error(formatReport(report));
  });
});
