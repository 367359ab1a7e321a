import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { declareCertification, sendCommand } from '../../api/certification-service';
import { seedDemoData } from '../../db/seed';
import { formatReport, reconcile } from '../../ops/reconcile';
import { stateQuery, certificationWorkflowId } from '../../workflows/messages';
import type { TestDatabase } from '../support/database';
import { createTestDatabase } from '../support/database';
import { ACTORS, CONFIG, JIEFANGBEI, declareArgs } from '../support/fixtures';
import { createTestWorker, startTimeSkippingServer, uniqueTaskQueue } from '../support/temporal';

let env: TestWorkflowEnvironment;
let db: TestDatabase;
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueTaskQueue('declaration');

beforeAll(async () => {
  [env, db] = await Promise.all([startTimeSkippingServer(), createTestDatabase()]);
  await seedDemoData(db.prisma);
  worker = await createTestWorker(env, db.prisma, taskQueue);
  running = worker.run();
});

afterEach(async () => {
  if (!env || !db) return; // beforeAll failed; its error is the one to read
  const report = await reconcile(env.client, db.prisma);
  if (report.mismatches.length > 0) throw new Error(formatReport(report));
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await db?.close();
});

const temporal = () => ({ client: env.client, taskQueue });

test('an unreviewed declaration escalates along the chain after its review period, over 730 simulated days', async () => {
  const args = declareArgs(JIEFANGBEI, {
    ...CONFIG,
    declarationReviewPeriod: '700d',
    escalationInterval: '15d',
  });
  const declared = await declareCertification(temporal(), args);
  expect(declared.state.status).toBe('DECLARED');

  const started = Date.now();
  await env.sleep('731 days');
  const handle = env.client.workflow.getHandle(certificationWorkflowId(JIEFANGBEI.id));
  const view = await handle.query(stateQuery);
  expect(view.due[0]).toMatchObject({ kind: 'DECLARATION_REVIEW', escalations: 3 });

  const events = await db.prisma.auditEvent.findMany({
    where: { certificationId: args.certificationId },
    orderBy: { revision: 'asc' },
  });
  expect(events.map((e) => e.action)).toEqual(['DECLARED', 'ESCALATED', 'ESCALATED', 'ESCALATED']);
  expect(events.slice(1).map((e) => (e.details as { target: string }).target)).toEqual(
    CONFIG.escalationChain,
  );
  expect(Date.now() - started).toBeLessThan(60_000);

  const approved = await sendCommand(
    temporal(),
    { certificationId: args.certificationId, officeId: JIEFANGBEI.id },
    'REVIEW_DECLARATION',
    { decision: 'APPROVE', reason: '材料齐全' },
    ACTORS.reviewer,
    'req-1',
  );
  expect(approved.state.status).toBe('BUILDING');
  const row = await db.prisma.certification.findUniqueOrThrow({
    where: { id: args.certificationId },
  });
  expect(row.status).toBe('BUILDING');
});
