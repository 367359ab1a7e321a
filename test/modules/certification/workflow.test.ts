// The certification workflow on Temporal's time-skipping test server: every kind of
// transition with real timers, refusals that never enter history, continue-as-new at each
// recheck, and six simulated years in seconds. After every test the database projection
// and the audit trail must agree with the workflows (reconcile reports no mismatch).
import { useWorkflowHarness } from '../../support/harness';
import {
  ACTORS,
  CHAOTIANMEN,
  CONFIG,
  FAILING_SCORES,
  JIEFANGBEI,
  PASSING_SCORES,
  declareArgs,
} from '../../support/fixtures';
import { LifecycleDriver } from '../../support/lifecycle-driver';
import { pendingDueDates } from '../../../modules/certification/rules/lifecycle';
import {
  CertificationStatusKey,
  CityIdKey,
  CountyIdKey,
  NextDueAtKey,
  OfficeIdKey,
  OpenCheckKey,
} from '../../../modules/certification/search-attributes';

const h = useWorkflowHarness({
  server: 'time-skipping',
  name: 'lifecycle',
  expectCertifications: true,
});
const { taskQueue } = h;

const SHANGQINGSI = { ...JIEFANGBEI, id: 'office-shangqingsi' };
const GUANYINQIAO = {
  id: 'office-guanyinqiao',
  countyId: 'county-jiangbei',
  cityId: JIEFANGBEI.cityId,
};
const YUZUI = { ...GUANYINQIAO, id: 'office-yuzui' };

function driver(office: { id: string; countyId: string; cityId: string }, config = CONFIG) {
  const args = declareArgs(office, config);
  const actor =
    office.countyId === 'county-jiangbei' ? ACTORS.jiangbeiOperator : ACTORS.yuzhongOperator;
  return new LifecycleDriver(
    { client: h.env.client, taskQueue, prisma: h.db.prisma },
    { ...args, actor },
  );
}

async function timeline(certificationId: string): Promise<string[]> {
  const events = await h.db.prisma.auditEvent.findMany({
    where: { certificationId },
    orderBy: { revision: 'asc' },
  });
  return events.map((e) => e.action);
}

// A step the Java time-skipping server leaves unanswered fails with its name (LifecycleDriver
// bounds every call) and the test is tried again; the long six-year run, which crosses three
// continue-as-new, has a file and a server per attempt of its own (six-years.test.ts).
jest.retryTimes(2, { logErrorsBeforeRetry: true });

test('a refused action is answered at once and leaves no trace in the workflow history', async () => {
  const d = driver(CHAOTIANMEN);
  await d.declare();
  // Other workflows' timers may fire meanwhile (time skips while the client waits), so count
  // accepted updates rather than all events.
  const acceptedUpdates = async () =>
    ((await d.handle().fetchHistory()).events ?? []).filter(
      (e) => e.workflowExecutionUpdateAcceptedEventAttributes != null,
    ).length;
  const before = await acceptedUpdates();
  expect(before).toBe(1);
  await expect(
    d.send('REQUEST_VERIFICATION', { selfAssessment: { summary: '自评' } }, d.operator()),
  ).rejects.toMatchObject({ kind: 'REFUSED', message: expect.stringMatching(/DECLARED/) });
  await expect(
    d.send('REVIEW_DECLARATION', { decision: 'APPROVE', reason: 'ok' }, ACTORS.inspector),
  ).rejects.toMatchObject({ kind: 'REFUSED', message: expect.stringMatching(/role INSPECTOR/) });
  await expect(
    d.send('REVIEW_DECLARATION', { decision: 'APPROVE', reason: 'ok' }, ACTORS.otherCityReviewer),
  ).rejects.toMatchObject({ kind: 'REFUSED', message: expect.stringMatching(/another city/) });
  expect(await acceptedUpdates()).toBe(before);
  expect(await timeline(d.certificationId)).toEqual(['DECLARED']);
  await d.send('WITHDRAW', { reason: '测试结束' }, d.operator());
});

test('search attributes follow the certification, and a transition that changes none upserts none', async () => {
  // A new office for each try (the file's tests are retried; see above).
  const officeId = `office-search-attributes-${Date.now()}`;
  await h.db.prisma.office.create({
    data: {
      id: officeId,
      countyId: JIEFANGBEI.countyId,
      code: `CQ-YZ-SA-${Date.now()}`,
      name: '检索属性司法所',
      type: 'STREET',
    },
  });
  const d = driver({ ...JIEFANGBEI, id: officeId });
  // The workflow's own upserts: the SDK adds one of TemporalChangeVersion for each patch.
  const upserts = async () =>
    ((await d.handle().fetchHistory()).events ?? []).flatMap((e) => {
      const fields =
        e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields;
      const keys = Object.keys(fields ?? {}).filter((key) => key !== 'TemporalChangeVersion');
      return keys.length > 0 ? [keys.sort()] : [];
    });
  await d.declare();
  // Published once before the first write; the DECLARED record changes none of them.
  expect(await upserts()).toEqual([
    ['CertificationStatus', 'CityId', 'CountyId', 'NextDueAt', 'OfficeId'],
  ]);
  const approved = await d.send(
    'REVIEW_DECLARATION',
    { decision: 'APPROVE', reason: '同意' },
    ACTORS.reviewer,
  );
  await d.send('ADD_EVIDENCE', { kind: 'DOCUMENT', title: '创建方案' }, d.operator());
  // Approval changes the status and the due date, the evidence nothing.
  expect((await upserts()).slice(1)).toEqual([['CertificationStatus', 'NextDueAt']]);
  const attributes = (await d.handle().describe()).typedSearchAttributes;
  expect(attributes.get(CertificationStatusKey)).toBe('BUILDING');
  expect(attributes.get(CityIdKey)).toBe(JIEFANGBEI.cityId);
  expect(attributes.get(CountyIdKey)).toBe(JIEFANGBEI.countyId);
  expect(attributes.get(OfficeIdKey)).toBe(officeId);
  expect(attributes.get(NextDueAtKey)?.getTime()).toBe(pendingDueDates(approved.state)[0]?.dueAt);
  expect(attributes.get(OpenCheckKey)).toBeUndefined();
  await d.send('WITHDRAW', { reason: '测试结束' }, d.operator());
});

test('a returned declaration is resubmitted, approved, then withdrawn; the office may declare again', async () => {
  const d = driver(SHANGQINGSI);
  await d.declare();
  await d.send('REVIEW_DECLARATION', { decision: 'RETURN', reason: '方案不完整' }, ACTORS.reviewer);
  await expect(
    d.send('REVIEW_DECLARATION', { decision: 'APPROVE', reason: 'ok' }, ACTORS.reviewer),
  ).rejects.toMatchObject({ kind: 'REFUSED' });
  await d.send(
    'RESUBMIT_DECLARATION',
    { plan: { summary: '补充完善', feature: '一所一特色' }, note: '已补充' },
    d.operator(),
  );
  const approved = await d.send(
    'REVIEW_DECLARATION',
    { decision: 'APPROVE', reason: '同意' },
    ACTORS.reviewer,
  );
  expect(approved.state.status).toBe('BUILDING');
  await d.send('WITHDRAW', { reason: '司法所撤并' }, d.operator());
  expect((await d.handle().result()).state.status).toBe('WITHDRAWN');

  const again = driver(SHANGQINGSI);
  const redeclared = await again.declare();
  expect(redeclared.state.certificationId).toBe(again.certificationId);
  expect(redeclared.state.certificationId).not.toBe(d.certificationId);
  await again.send(
    'REVIEW_DECLARATION',
    { decision: 'REJECT', reason: '不符合条件' },
    ACTORS.reviewer,
  );
  expect((await again.handle().result()).state.status).toBe('REJECTED');
  expect(await timeline(d.certificationId)).toEqual([
    'DECLARED',
    'DECLARATION_RETURNED',
    'DECLARATION_RESUBMITTED',
    'DECLARATION_APPROVED',
    'WITHDRAWN',
  ]);
});

test('a failed verification returns the office to building while attempts remain, then rejects it', async () => {
  const d = driver(GUANYINQIAO, { ...CONFIG, maxVerificationAttempts: 2 });
  await d.declare();
  await d.send('REVIEW_DECLARATION', { decision: 'APPROVE', reason: '同意' }, ACTORS.reviewer);
  await d.buildAndRequestVerification();
  await d.recordFullCheck(FAILING_SCORES);
  const first = await d.send('DECIDE', {}, ACTORS.reviewer);
  expect(first.state.status).toBe('BUILDING');
  expect(first.state.lastDecision?.decision.reasons[0]?.en).toMatch(/below the pass threshold/);
  await d.send('REQUEST_VERIFICATION', { selfAssessment: { summary: '再次申请' } }, d.operator());
  await d.recordFullCheck(FAILING_SCORES);
  await d.send('DECIDE', {}, ACTORS.reviewer);
  expect((await d.handle().result()).state.status).toBe('REJECTED');
  expect(await timeline(d.certificationId)).toContain('VERIFICATION_FAILED_FINAL');
});

test('an overdue verification escalates inside the city, and a reasoned override is recorded', async () => {
  const d = driver(YUZUI, { ...CONFIG, verificationPeriod: '10d', escalationInterval: '5d' });
  await d.declare();
  await d.send('REVIEW_DECLARATION', { decision: 'APPROVE', reason: '同意' }, ACTORS.reviewer);
  await d.buildAndRequestVerification();
  await d.skip(h.env, 21);
  // The city owes the decision: its division, then its admin; never the county bureau head.
  const overdue = await d.until((v) => v.due[0]?.escalations === 2, 'two escalations');
  expect(overdue.due[0]?.kind).toBe('VERIFICATION_DECISION');
  await d.recordFullCheck({ ...PASSING_SCORES, SERVE: 5 });
  const decided = await d.send(
    'DECIDE',
    { override: { passed: true, reason: '特色突出,经局务会研究同意命名' } },
    ACTORS.reviewer,
  );
  expect(decided.state.status).toBe('CERTIFIED');
  expect(decided.state.lastDecision).toMatchObject({
    overridden: true,
    decision: { passed: false },
  });
  const certified = await h.db.prisma.auditEvent.findFirstOrThrow({
    where: { certificationId: d.certificationId, action: 'CERTIFIED' },
  });
  expect(certified.reason).toBe('特色突出,经局务会研究同意命名');
  expect(certified.details).toMatchObject({ passed: true, computed: { passed: false } });
  const escalations = await h.db.prisma.auditEvent.findMany({
    where: { certificationId: d.certificationId, action: 'ESCALATED' },
    orderBy: { revision: 'asc' },
  });
  expect(escalations.map((e) => (e.details as { target: string }).target)).toEqual([
    'CITY_BUREAU_DIVISION',
    'CITY_ADMIN',
  ]);
  await d.send('MARK_EXEMPLARY', { experienceSummary: '“一所一特色”经验' }, ACTORS.reviewer);
});
