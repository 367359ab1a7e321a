// Data the database refuses can never freeze a certification. The HTTP edge and the workflow's
// update validators refuse the text we know PostgreSQL cannot store (NUL), so an action is
// refused here by a CHECK constraint the test adds, standing for any rule of the database the
// code does not know: the activity fails at once with a typed, non-retryable ProjectionRefused,
// the workflow undoes the transition, the caller gets 422 with the reason, the certification
// is marked as needing attention (its query, and reconcile) and later actions go through.
// A first declaration the database refuses ends its workflow, so the office can declare again.
// Reconcile also finds a declaration whose first write is stuck retrying (database down).
import { WorkflowFailedError } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import {
  CertificationRefusal,
  declareCertification,
  sendCommand,
} from '../../modules/certification/client';
import { refusalAsProblem } from '../../modules/certification/refusal-problem';
import { Problem } from '../../platform/http/problems';
import { certificationWorkflowId, stateQuery } from '../../modules/certification/messages';
import { reconcile } from '../../modules/certification/reconcile';
import { DEMO } from '../../modules/demo/seed';
import { createTestDatabase } from '../support/database';
import { useWorkflowHarness } from '../support/harness';
import { ACTORS, CHAOTIANMEN, JIEFANGBEI, declareArgs } from '../support/fixtures';
import { createTestWorker, uniqueTaskQueue } from '../support/temporal';

const h = useWorkflowHarness({ server: 'dev', name: 'refusal' });
const temporal = () => ({ client: h.env.client, taskQueue: h.taskQueue });

async function refusedWith(promise: Promise<unknown>): Promise<Problem> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  // The client refuses with a typed refusal; the routes answer it as this problem.
  expect(error).toBeInstanceOf(CertificationRefusal);
  expect((error as CertificationRefusal).kind).toBe('NOT_CARRIED_OUT');
  let problem: unknown;
  try {
    refusalAsProblem(error);
  } catch (answered) {
    problem = answered;
  }
  expect(problem).toBeInstanceOf(Problem);
  return problem as Problem;
}

test('an action the database refuses is undone and answered 422; the next action goes through', async () => {
  const args = declareArgs(JIEFANGBEI);
  await declareCertification(temporal(), args);
  const target = { certificationId: args.certificationId, officeId: JIEFANGBEI.id };
  const handle = h.env.client.workflow.getHandle(certificationWorkflowId(JIEFANGBEI.id));

  // A rule of the database that no validator knows: reasons mentioning 拒收 are refused.
  await h.db.prisma.$executeRawUnsafe(
    `ALTER TABLE "AuditEvent" ADD CONSTRAINT test_refuses_reason CHECK (reason IS NULL OR reason NOT LIKE '%拒收%')`,
  );
  const problem = await refusedWith(
    sendCommand(
      temporal(),
      target,
      'REVIEW_DECLARATION',
      { decision: 'APPROVE', reason: '材料齐全（拒收）' },
      ACTORS.reviewer,
      'req-nul',
    ),
  );
  expect(problem.status).toBe(422);
  expect(problem.message).toMatch(/DECLARATION_APPROVED.*SQLSTATE 23514/);

  // Undone, and flagged for a person.
  const view = await handle.query(stateQuery);
  expect(view.state.status).toBe('DECLARED');
  expect(view.state.revision).toBe(1);
  expect(view.attention).toMatchObject({
    action: 'DECLARATION_APPROVED',
    revision: 2,
    actorId: ACTORS.reviewer.id,
    requestId: 'req-nul',
  });
  const report = await reconcile(h.env.client, h.db.prisma, {
    cityId: DEMO.cityId,
    listRunningWorkflows: true,
  });
  expect(report.mismatches).toEqual([]);
  expect(report.stuck).toEqual([
    expect.objectContaining({
      certificationId: args.certificationId,
      reason: 'PROJECTION_REFUSED',
      activity: 'DECLARATION_APPROVED',
    }),
  ]);

  // Not frozen: the same action with clean text is carried out at once.
  const approved = await sendCommand(
    temporal(),
    target,
    'REVIEW_DECLARATION',
    { decision: 'APPROVE', reason: '材料齐全' },
    ACTORS.reviewer,
    'req-clean',
  );
  expect(approved.status).toBe('BUILDING');
  expect(approved.attention).toBeNull();
  const row = await h.db.prisma.certification.findUniqueOrThrow({
    where: { id: args.certificationId },
  });
  expect(row).toMatchObject({ status: 'BUILDING', revision: 2 });
  const after = await reconcile(h.env.client, h.db.prisma, {
    cityId: DEMO.cityId,
    listRunningWorkflows: true,
  });
  expect(after.stuck).toEqual([]);
});

test('a first declaration the database refuses ends its workflow; the office may declare again', async () => {
  const poisoned = declareArgs(CHAOTIANMEN);
  poisoned.declaration = {
    ...poisoned.declaration,
    plan: { ...poisoned.declaration.plan, summary: '一站式\u0000化解' },
  };
  const problem = await refusedWith(declareCertification(temporal(), poisoned));
  expect(problem.status).toBe(422);
  expect(problem.message).toMatch(/DECLARED/);
  const handle = h.env.client.workflow.getHandle(certificationWorkflowId(CHAOTIANMEN.id));
  const result = await handle.result().catch((e: unknown) => e);
  expect(result).not.toBeInstanceOf(WorkflowFailedError);
  expect(await h.db.prisma.certification.count({ where: { officeId: CHAOTIANMEN.id } })).toBe(0);

  const clean = declareArgs(CHAOTIANMEN);
  const view = await declareCertification(temporal(), clean);
  expect(view.certificationId).toBe(clean.certificationId);
  expect(
    await h.db.prisma.certification.findUniqueOrThrow({ where: { id: clean.certificationId } }),
  ).toMatchObject({ status: 'DECLARED' });
});

test('reconcile lists a first declaration whose projection keeps failing, though it has no row', async () => {
  // A worker whose database is down: its projection is retried, and the workflow never
  // writes a row. Reconcile finds it through Temporal's visibility list.
  const down = await createTestDatabase();
  await down.close();
  const taskQueue = uniqueTaskQueue('db-down');
  const worker: Worker = await createTestWorker(h.env, down.prisma, taskQueue);
  const args = declareArgs({ ...JIEFANGBEI, id: 'office-shangqingsi' });
  const workflowId = certificationWorkflowId('office-shangqingsi');
  await worker.runUntil(async () => {
    const declaring = declareCertification({ client: h.env.client, taskQueue }, args).catch(
      () => undefined,
    );
    const handle = h.env.client.workflow.getHandle(workflowId);
    // Wait (on Temporal's own record, not a clock) until the projection has failed twice.
    for (;;) {
      const attempts = (await handle.describe().catch(() => null))?.raw.pendingActivities?.[0]
        ?.attempt;
      if (attempts && attempts >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const report = await reconcile(h.env.client, h.db.prisma, {
      cityId: DEMO.cityId,
      listRunningWorkflows: true,
      stuckAttempts: 2,
    });
    expect(report.stuck).toEqual([
      expect.objectContaining({
        workflowId,
        certificationId: args.certificationId,
        reason: 'ACTIVITY_RETRYING',
        activity: 'projectTransition',
      }),
    ]);
    expect(report.mismatches).toEqual([
      expect.objectContaining({ workflowId, field: 'row', database: null }),
    ]);
    await handle.terminate('test: the database stays down');
    await declaring;
  });
});
