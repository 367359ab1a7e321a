// Determinism guard for certifications that run for years: a history recorded by an
// earlier version of the workflow code must replay against the current code. A change that
// alters the order of commands for an existing history (a new activity, timer or branch)
// fails here and must be guarded with patched() — see "Changing workflow code safely" in
// the README.
//
// To record a fresh fixture after a deliberate, patched change:
//   RECORD_HISTORY=test/fixtures/histories/<name>.json npx jest test/workflows/replay.test.ts
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { seedDemoData } from '../../modules/demo/seed';
import { createTestDatabase } from '../support/database';
import { ACTORS, JIEFANGBEI, declareArgs } from '../support/fixtures';
import { LifecycleDriver } from '../support/lifecycle-driver';
import {
  createTestWorker,
  startTimeSkippingServer,
  uniqueTaskQueue,
  workflowBundle,
} from '../support/temporal';

const HISTORIES = path.join(__dirname, '..', 'fixtures', 'histories');
const recordTo = process.env.RECORD_HISTORY;

const fixtures = readdirSync(HISTORIES).filter((name) => name.endsWith('.json'));

test('at least one recorded history is kept as a fixture', () => {
  expect(fixtures.length).toBeGreaterThan(0);
});

test.each(fixtures)(
  'the recorded history %s replays against the current workflow code',
  async (name) => {
    // protobufjs' JSON helpers fail under jest's module sandbox ("type must be a Type");
    // fromObject reads the same message JSON that protobufjs' toJSON wrote.
    const history = temporal.api.history.v1.History.fromObject(
      JSON.parse(readFileSync(path.join(HISTORIES, name), 'utf8')) as Record<string, unknown>,
    );
    expect(history.events?.length).toBeGreaterThan(20);
    await Worker.runReplayHistory({ workflowBundle: workflowBundle() }, history);
  },
);

(recordTo ? test : test.skip)(
  'records a full first cycle: declaration to the first passed recheck',
  async () => {
    const [env, db] = await Promise.all([startTimeSkippingServer(), createTestDatabase()]);
    const taskQueue = uniqueTaskQueue('record');
    try {
      await seedDemoData(db.prisma);
      const worker = await createTestWorker(env, db.prisma, taskQueue);
      await worker.runUntil(async () => {
        const d = new LifecycleDriver(
          { client: env.client, taskQueue, prisma: db.prisma },
          declareArgs(JIEFANGBEI),
        );
        await d.declare();
        await d.certify();
        const firstRun = (await d.handle().describe()).runId;
        await d.send('MARK_EXEMPLARY', { experienceSummary: '经验' }, ACTORS.reviewer);
        await env.sleep('731 days');
        await d.until((v) => v.state.openCheck?.kind === 'RECHECK', 'the recheck to open');
        await d.recordFullCheck();
        await d.send('DECIDE', {}, ACTORS.reviewer);
        await d.until((v) => v.state.rechecksPassed === 1, 'the recheck to pass');
        const history = await env.client.workflow
          .getHandle(d.handle().workflowId, firstRun)
          .fetchHistory();
        writeFileSync(recordTo ?? '', JSON.stringify(history, null, 1));
        await d.send('START_SPOT_CHECK', { reason: '结束' }, ACTORS.reviewer);
      });
    } finally {
      await env.teardown();
      await db.close();
    }
  },
);
