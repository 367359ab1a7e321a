// Temporal retries an activity whose completion it did not see; a retry must change nothing.
import { createActivities } from '../../../activities';
import { auditEventId } from '../../../modules/certification/activities/projection';
import type { ProjectTransitionArgs } from '../../../modules/certification/activities/projection';
import { PROVISIONAL_FENGQIAO_CRITERIA } from '../../../modules/criteria/rules/criteria';
import type { CertificationState } from '../../../modules/certification/rules/lifecycle';
import {
  apply,
  initialState,
  pendingDueDates,
} from '../../../modules/certification/rules/lifecycle';
import { openSteps } from '../../../modules/inbox/workflow-api';
import { seedDemoData } from '../../../modules/demo/seed';
import type { TestDatabase } from '../../support/database';
import { createTestDatabase } from '../../support/database';
import { refuseMail } from '../../support/temporal';
import { ACTORS, CONFIG, JIEFANGBEI, declaration } from '../../support/fixtures';

let db: TestDatabase;
let activities: ReturnType<typeof createActivities>;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.prisma);
  activities = createActivities({ prisma: db.prisma, mailer: refuseMail() });
});

afterAll(async () => {
  await db?.close();
});

const T0 = Date.UTC(2024, 2, 1);

function declaredTransition(
  certificationId: string,
): ProjectTransitionArgs & { state: CertificationState } {
  const state = initialState({
    certificationId,
    officeId: JIEFANGBEI.id,
    countyId: JIEFANGBEI.countyId,
    cityId: JIEFANGBEI.cityId,
    declaration: declaration(JIEFANGBEI.id),
    config: CONFIG,
    criteria: PROVISIONAL_FENGQIAO_CRITERIA,
    now: T0,
  });
  return {
    state,
    event: {
      action: 'DECLARED',
      fromStatus: 'DECLARED',
      toStatus: 'DECLARED',
      reason: null,
      details: {},
      revision: 1,
      actor: ACTORS.yuzhongOperator,
      requestId: 'req-1',
      occurredAt: T0,
    },
  };
}

test('projecting the same transition twice writes one row and one audit event', async () => {
  const args = declaredTransition('cert-twice');
  await activities.projectTransition(args);
  await activities.projectTransition(args);
  expect(await db.prisma.certification.count({ where: { id: 'cert-twice' } })).toBe(1);
  expect(await db.prisma.auditEvent.count({ where: { certificationId: 'cert-twice' } })).toBe(1);
  const event = await db.prisma.auditEvent.findUniqueOrThrow({
    where: { id: auditEventId('cert-twice', 1) },
  });
  expect(event).toMatchObject({
    action: 'DECLARED',
    requestId: 'req-1',
    actorRole: 'COUNTY_OPERATOR',
  });
});

const storedTasks = async (certificationId: string) =>
  (
    await db.prisma.certificationTask.findMany({
      where: { certificationId },
      orderBy: { kind: 'asc' },
      select: { kind: true, dueAt: true },
    })
  ).map((task) => ({ kind: task.kind, dueAt: task.dueAt?.toISOString() ?? null }));

test('a late retry of an older revision never overwrites a newer one, nor its open steps', async () => {
  const declared = declaredTransition('cert-order');
  await activities.projectTransition(declaredTransition('cert-order-alone'));
  const stepsWhenDeclared = await storedTasks('cert-order-alone');
  const approved = apply(
    declared.state,
    { type: 'REVIEW_DECLARATION', input: { decision: 'APPROVE', reason: '同意' } },
    ACTORS.reviewer,
    T0 + 1000,
  );
  await activities.projectTransition({
    state: approved.state,
    event: {
      ...approved.event,
      revision: 2,
      actor: ACTORS.reviewer,
      requestId: null,
      occurredAt: T0 + 1000,
    },
  });
  const stepsWhenApproved = await storedTasks('cert-order');
  // The approval closed the review step and opened others: the steps were replaced.
  expect(stepsWhenApproved).not.toEqual(stepsWhenDeclared);
  await activities.projectTransition(declared);
  const row = await db.prisma.certification.findUniqueOrThrow({ where: { id: 'cert-order' } });
  expect(row).toMatchObject({ status: 'BUILDING', revision: 2 });
  expect(await storedTasks('cert-order')).toEqual(stepsWhenApproved);
  const actions = await db.prisma.auditEvent.findMany({
    where: { certificationId: 'cert-order' },
    orderBy: { revision: 'asc' },
  });
  expect(actions.map((e) => e.action)).toEqual(['DECLARED', 'DECLARATION_APPROVED']);
});

test('a certificate number is issued once per certification and numbers count up per city and year', async () => {
  const issuedAt = Date.UTC(2025, 5, 1);
  const first = await activities.issueCertificateNumber({
    certificationId: 'c-1',
    cityId: JIEFANGBEI.cityId,
    issuedAt,
  });
  const retried = await activities.issueCertificateNumber({
    certificationId: 'c-1',
    cityId: JIEFANGBEI.cityId,
    issuedAt,
  });
  const second = await activities.issueCertificateNumber({
    certificationId: 'c-2',
    cityId: JIEFANGBEI.cityId,
    issuedAt,
  });
  const nextYear = await activities.issueCertificateNumber({
    certificationId: 'c-3',
    cityId: JIEFANGBEI.cityId,
    issuedAt: Date.UTC(2026, 0, 2),
  });
  expect([first, retried, second, nextYear]).toEqual([
    'CQ-FQ-2025-0001',
    'CQ-FQ-2025-0001',
    'CQ-FQ-2025-0002',
    'CQ-FQ-2026-0001',
  ]);
  expect(await db.prisma.certificate.count()).toBe(3);
});

test('a sequence past 9,999 keeps every digit of its number', async () => {
  await db.prisma.certificateSequence.create({
    data: { cityId: JIEFANGBEI.cityId, year: 2028, lastNumber: 9_999 },
  });
  const number = await activities.issueCertificateNumber({
    certificationId: 'c-ten-thousandth',
    cityId: JIEFANGBEI.cityId,
    issuedAt: Date.UTC(2028, 6, 1),
  });
  expect(number).toBe('CQ-FQ-2028-10000');
  await expect(
    db.prisma.certificate.findUniqueOrThrow({ where: { certificationId: 'c-ten-thousandth' } }),
  ).resolves.toMatchObject({ number, cityId: JIEFANGBEI.cityId, year: 2028 });
});

test('a certificate number for a city that does not exist is refused, and nothing is kept', async () => {
  await expect(
    activities.issueCertificateNumber({
      certificationId: 'c-no-city',
      cityId: 'city-nowhere',
      issuedAt: Date.UTC(2025, 5, 1),
    }),
  ).rejects.toThrow(/city-nowhere/);
  expect(await db.prisma.certificate.count({ where: { certificationId: 'c-no-city' } })).toBe(0);
  expect(await db.prisma.certificateSequence.count({ where: { cityId: 'city-nowhere' } })).toBe(0);
});

test('a transition sent without its settled parts keeps the ones stored with the declaration', async () => {
  // The first write carries the whole state, as a run's first projection does (and as inputs
  // recorded before issue 16 do: no due dates or steps, derived here from the state).
  const declared = declaredTransition('cert-slim');
  await activities.projectTransition(declared);
  const approved = apply(
    declared.state,
    { type: 'REVIEW_DECLARATION', input: { decision: 'APPROVE', reason: '同意' } },
    ACTORS.reviewer,
    T0 + 1000,
  );
  // As the workflow sends every later transition: the settled parts left out, the due dates
  // and open steps computed from the whole state.
  const {
    criteria: _criteria,
    config: _config,
    declaration: _declaration,
    ...slim
  } = approved.state;
  await activities.projectTransition({
    state: slim,
    event: { ...declared.event, action: 'DECLARATION_APPROVED', revision: approved.state.revision },
    due: pendingDueDates(approved.state),
    steps: openSteps(approved.state),
  });
  const row = await db.prisma.certification.findUniqueOrThrow({ where: { id: 'cert-slim' } });
  expect(row.status).toBe('BUILDING');
  expect(row.state).toEqual(JSON.parse(JSON.stringify(approved.state)));
  expect(row.config).toEqual(JSON.parse(JSON.stringify(approved.state.config)));
  const due = pendingDueDates(approved.state)[0];
  expect(row.nextDueAt?.getTime()).toBe(due?.dueAt);
  const tasks = await db.prisma.certificationTask.findMany({
    where: { certificationId: 'cert-slim' },
  });
  expect(tasks.map((task) => [task.kind, task.dueAt?.getTime() ?? null])).toEqual(
    openSteps(approved.state).map((step) => [step.kind, step.dueAt]),
  );
});

test('a transition without its settled parts and without due dates is refused, not guessed', async () => {
  const declared = declaredTransition('cert-unknowable');
  const { config: _config, ...withoutConfig } = declared.state;
  await expect(
    activities.projectTransition({ state: withoutConfig, event: declared.event }),
  ).rejects.toThrow(/neither due dates nor the state they come from/);
  expect(await db.prisma.certification.count({ where: { id: 'cert-unknowable' } })).toBe(0);
});

// Two workers (decision 0026) may certify offices of one city at the same moment, and Temporal
// may run a timed-out attempt again on the other worker while the first is still writing. On
// PostgreSQL (DATABASE_URL) these really run in parallel transactions.
test('certificate numbers issued at once by several workers are unique, consecutive and once per certification', async () => {
  const issuedAt = Date.UTC(2027, 3, 1);
  const ids = Array.from({ length: 8 }, (_, i) => `c-parallel-${i}`);
  // Each certification asked twice at once: a first attempt and its retry on another worker.
  const issued = await Promise.all(
    [...ids, ...ids].map((certificationId) =>
      activities.issueCertificateNumber({ certificationId, cityId: JIEFANGBEI.cityId, issuedAt }),
    ),
  );
  const byCertification = ids.map((_, i) => [issued[i], issued[i + ids.length]]);
  for (const [first, retried] of byCertification) expect(retried).toBe(first);
  const numbers = issued.slice(0, ids.length).sort();
  expect(numbers).toEqual(ids.map((_, i) => `CQ-FQ-2027-${String(i + 1).padStart(4, '0')}`));
  expect(await db.prisma.certificate.count({ where: { year: 2027 } })).toBe(ids.length);
});
