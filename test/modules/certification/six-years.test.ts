// Six simulated years of one certification on Temporal's time-skipping test server: named,
// three biennial rechecks (each continuing the run as new), a failed spot check rectified in
// time, then a failed recheck revoked for a missed rectification deadline. Afterwards the
// database projection and the audit trail must agree with the workflow (reconcile).
import { useWorkflowHarness } from '../../support/harness';
import {
  ACTORS,
  CONFIG,
  FAILING_SCORES,
  JIEFANGBEI,
  PASSING_SCORES,
  declareArgs,
} from '../../support/fixtures';
import { LifecycleDriver } from '../../support/lifecycle-driver';

// The Java time-skipping server occasionally leaves a request unanswered around a
// continue-as-new, or stops skipping time. A hung step fails with its name (LifecycleDriver
// bounds every call) and the test is tried again on a server, database and worker of its own:
// a retry on the same server would inherit a stuck clock and the failed attempt's timers.
jest.retryTimes(2, { logErrorsBeforeRetry: true });

const h = useWorkflowHarness({
  server: 'time-skipping',
  name: 'six-years',
  expectCertifications: true,
  isolation: 'test',
});

function driver(office: { id: string; countyId: string; cityId: string }) {
  return new LifecycleDriver(
    { client: h.env.client, taskQueue: h.taskQueue, prisma: h.db.prisma },
    { ...declareArgs(office, CONFIG), actor: ACTORS.yuzhongOperator },
  );
}

async function timeline(certificationId: string): Promise<string[]> {
  const events = await h.db.prisma.auditEvent.findMany({
    where: { certificationId },
    orderBy: { revision: 'asc' },
  });
  return events.map((e) => e.action);
}

test('six simulated years: named, three rechecks, a failed spot check rectified, then a failed recheck revoked for a late rectification', async () => {
  const d = driver(JIEFANGBEI);
  await d.declare();
  const named = await d.certify();
  expect(named.state.status).toBe('CERTIFIED');
  expect(named.state.certificate?.number).toMatch(/^CQ-FQ-\d{4}-\d{4}$/);
  const firstRun = (await d.handle().describe()).runId;

  // Year 2: the first biennial recheck opens by itself and passes; the run continues as new.
  await d.skip(h.env, 731);
  await d.until((v) => v.state.openCheck?.kind === 'RECHECK', 'recheck 1 to open');
  await d.recordFullCheck();
  await d.send('DECIDE', {}, ACTORS.reviewer);
  await d.until((v) => v.state.rechecksPassed === 1, 'recheck 1 to pass');
  const secondRun = await d.nextRun(firstRun);
  expect(secondRun).not.toBe(firstRun);

  // Year 3: a spot check fails, the county rectifies in time, the city verifies it.
  await d.skip(h.env, 365);
  await d.send('START_SPOT_CHECK', { reason: '随机抽查' }, ACTORS.reviewer);
  await d.send(
    'RECORD_INSPECTION',
    { scores: FAILING_SCORES, triggeredVetoes: [], findings: '台账不全' },
    ACTORS.inspector,
  );
  const ordered = await d.send('DECIDE', {}, ACTORS.reviewer);
  expect(ordered.state.status).toBe('RECTIFYING');
  await d.skip(h.env, 30);
  await d.send('SUBMIT_RECTIFICATION', { summary: '已补齐台账' }, d.operator());
  await d.send(
    'RECORD_INSPECTION',
    { scores: PASSING_SCORES, triggeredVetoes: [], findings: '整改到位' },
    ACTORS.inspector,
  );
  const restored = await d.send('VERIFY_RECTIFICATION', {}, ACTORS.reviewer);
  expect(restored.state.status).toBe('CERTIFIED');

  // Year 4: the second recheck passes; an update racing the continue-as-new is not lost.
  await d.skip(h.env, 366);
  await d.until((v) => v.state.openCheck?.kind === 'RECHECK', 'recheck 2 to open');
  await d.recordFullCheck();
  const [, marked] = await Promise.all([
    d.send('DECIDE', {}, ACTORS.reviewer),
    d.send('MARK_EXEMPLARY', { experienceSummary: '矛盾纠纷多元化解经验' }, ACTORS.reviewer),
  ]);
  expect(marked.state.exemplary?.experienceSummary).toBe('矛盾纠纷多元化解经验');
  expect(await d.nextRun(secondRun)).not.toBe(secondRun);
  const afterCycle = await d.until((v) => v.state.rechecksPassed === 2, 'recheck 2 to pass');
  expect(afterCycle.state.exemplary?.experienceSummary).toBe('矛盾纠纷多元化解经验');

  // Year 6: the third recheck fails; the county misses the rectification deadline.
  await d.skip(h.env, 731);
  await d.until((v) => v.state.openCheck?.kind === 'RECHECK', 'recheck 3 to open');
  await d.recordFullCheck(FAILING_SCORES);
  const failed = await d.send('DECIDE', {}, ACTORS.reviewer);
  expect(failed.state.status).toBe('RECTIFYING');
  await d.skip(h.env, 91);
  await expect(
    d.send('SUBMIT_RECTIFICATION', { summary: '迟交' }, d.operator()),
  ).rejects.toMatchObject({
    kind: 'CLOSED',
  });
  const result = await d.handle().result();
  expect(result.state.status).toBe('REVOKED');

  const actions = await timeline(d.certificationId);
  expect(actions.filter((a) => a === 'RECHECK_OPENED')).toHaveLength(3);
  expect(actions.filter((a) => a === 'RECHECK_PASSED')).toHaveLength(2);
  expect(actions).toContain('SPOT_CHECK_FAILED');
  expect(actions).toContain('RECTIFICATION_PASSED');
  expect(actions.slice(-2)).toEqual(['RECHECK_FAILED', 'REVOKED']);
  const row = await h.db.prisma.certification.findUniqueOrThrow({
    where: { id: d.certificationId },
  });
  expect(row.status).toBe('REVOKED');
  expect(row.certificateNumber).toBe(named.state.certificate?.number);
});
