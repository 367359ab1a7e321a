// The setup every workflow and end-to-end test file shares: a Temporal server, a fresh
// database with the demo data, a worker on its own task queue, reconcile after each test
// (the projection must match the workflows), and an orderly teardown.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { seedDemoData } from '../../modules/demo/seed';
import { formatReport, reconcile } from '../../modules/certification/reconcile';
import type { TestDatabase } from './database';
import { createTestDatabase } from './database';
import {
  createTestWorker,
  startDevServer,
  startTimeSkippingServer,
  uniqueTaskQueue,
} from './temporal';

export interface WorkflowHarness {
  readonly env: TestWorkflowEnvironment;
  readonly db: TestDatabase;
  readonly taskQueue: string;
}

export function useWorkflowHarness(options: {
  server: 'time-skipping' | 'dev';
  name: string;
  /** Also require that each test left at least one certification to reconcile. */
  expectCertifications?: boolean;
}): WorkflowHarness {
  let env: TestWorkflowEnvironment | undefined;
  let db: TestDatabase | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const taskQueue = uniqueTaskQueue(options.name);

  beforeAll(async () => {
    [env, db] = await Promise.all([
      options.server === 'dev' ? startDevServer() : startTimeSkippingServer(),
      createTestDatabase(),
    ]);
    await seedDemoData(db.prisma);
    worker = await createTestWorker(env, db.prisma, taskQueue);
    running = worker.run();
  });

  afterEach(async () => {
    if (!env || !db) return; // beforeAll failed; its error is the one to read
    const report = await reconcile(env.client, db.prisma);
    if (report.mismatches.length > 0) throw new Error(formatReport(report));
    if (options.expectCertifications) expect(report.checked).toBeGreaterThan(0);
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await db?.close();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started (beforeAll failed?)`);
    return value;
  };
  return {
    get env() {
      return started(env, 'the Temporal server');
    },
    get db() {
      return started(db, 'the database');
    },
    taskQueue,
  };
}
