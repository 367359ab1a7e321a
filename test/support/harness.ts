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
  /**
   * 'test' gives every test (and every retry of it) a server, database and worker of its own,
   * so a retry does not inherit what a failed attempt left behind (a stuck time-skipping
   * server, its workflows' timers). Default 'file': one set for the whole file.
   */
  isolation?: 'file' | 'test';
}): WorkflowHarness {
  let env: TestWorkflowEnvironment | undefined;
  let db: TestDatabase | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const taskQueue = uniqueTaskQueue(options.name);
  const perTest = options.isolation === 'test';

  async function setUp(): Promise<void> {
    [env, db] = await Promise.all([
      options.server === 'dev' ? startDevServer() : startTimeSkippingServer(),
      createTestDatabase(),
    ]);
    await seedDemoData(db.prisma);
    worker = await createTestWorker(env, db.prisma, taskQueue);
    running = worker.run();
  }

  async function tearDown(): Promise<void> {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await db?.close();
    [env, db, worker, running] = [undefined, undefined, undefined, undefined];
  }

  async function reconcileClean(): Promise<void> {
    if (!env || !db) return; // the set-up failed; its error is the one to read
    const report = await reconcile(env.client, db.prisma);
    if (report.mismatches.length > 0) throw new Error(formatReport(report));
    if (options.expectCertifications) expect(report.checked).toBeGreaterThan(0);
  }

  if (perTest) {
    beforeEach(setUp);
    afterEach(async () => {
      try {
        await reconcileClean();
      } finally {
        await tearDown();
      }
    });
  } else {
    beforeAll(setUp);
    afterEach(reconcileClean);
    afterAll(tearDown);
  }

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
