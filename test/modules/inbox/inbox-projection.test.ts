// The inbox's certification half is a query over projected steps (issue 16). It must give
// exactly what the pure rules give from the full states (every role, scope, filter and time),
// keep a newer revision's steps against a late older write, and be filled in for
// certifications projected before the table existed.
import { createProjectionActivities } from '../../../modules/certification/activities/projection';
import type { Principal } from '../../../modules/access/authenticate';
import type { TaskFilter } from '../../../modules/inbox/routes';
import { certificationTaskSource, pageOfTasks } from '../../../modules/inbox/routes';
import { backfillCertificationTasks } from '../../../modules/inbox/backfill';
import type { SqlSession } from '../../../platform/db/migrations';
import { seedDemoData } from '../../../modules/demo/seed';
import { certificationTasks } from '../../../modules/inbox/rules/inbox';
import type { CertificationState } from '../../../modules/certification/rules/lifecycle';
import type { InboxTask } from '../../../modules/inbox/rules/tasks';
import type { PrismaClient } from '../../../generated/prisma/client';
import type { TestDatabase } from '../../support/database';
import { createTestDatabase } from '../../support/database';
import { JIEFANGBEI } from '../../support/fixtures';
import {
  CERTIFIED_AT,
  RECHECK_OPENS_AT,
  SPOT_AT,
  SUBMITTED_AT,
  T0,
  building,
  certified,
  day,
  declared,
  operator,
  recheckOpen,
  rectificationSubmitted,
  rectifying,
  returned,
  spotCheckOpen,
  verificationComplete,
  verifying,
} from '../../support/states';

const BUILDERS = {
  declared,
  returned,
  building,
  verifying,
  verificationComplete,
  certified,
  recheckOpen,
  spotCheckOpen,
  rectifying,
  rectificationSubmitted,
};

const STATES: CertificationState[] = Object.entries(BUILDERS).map(([name, build]) => ({
  ...build(),
  certificationId: `cert-inbox-${name}`,
}));
const OFFICE = { name: '解放碑司法所' };
const INSPECTOR_ID = 'inspector-inbox';

const principal = (role: Principal['role'], countyId: string | null = null): Principal => ({
  id: role === 'INSPECTOR' ? INSPECTOR_ID : `user-${role}`,
  kind: 'user',
  name: role,
  role,
  cityId: JIEFANGBEI.cityId,
  countyId,
});
const PRINCIPALS: Principal[] = [
  principal('COUNTY_OPERATOR', JIEFANGBEI.countyId),
  principal('COUNTY_OPERATOR', 'county-jiangbei'),
  principal('CITY_REVIEWER'),
  principal('CITY_ADMIN'),
  principal('INSPECTOR'),
];
// The inspector is assigned to these only: the others are not theirs to see.
const ASSIGNED = ['cert-inbox-verifying', 'cert-inbox-spotCheckOpen'];

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.prisma);
  const projection = createProjectionActivities(db.prisma);
  for (const state of STATES) await projection.projectTransition({ state, event: eventOf(state) });
  await db.prisma.inspectionAssignment.createMany({
    data: ASSIGNED.map((certificationId) => ({
      certificationId,
      inspectorId: INSPECTOR_ID,
      assignedBy: 'user-CITY_REVIEWER',
    })),
  });
}, 120_000);
afterAll(() => db?.close());

function eventOf(state: CertificationState) {
  return {
    action: 'TEST',
    fromStatus: state.status,
    toStatus: state.status,
    reason: null,
    details: {},
    revision: state.revision,
    actor: operator,
    requestId: null,
    occurredAt: T0,
  };
}

/** What the pure rules say the principal owes, seen through the same scope. */
function expected(who: Principal, now: number, filter: TaskFilter) {
  const visible = STATES.filter((state) => {
    if (who.role === 'COUNTY_OPERATOR') return state.countyId === who.countyId;
    if (who.role === 'INSPECTOR') return ASSIGNED.includes(state.certificationId);
    return true;
  });
  return pageOfTasks(
    visible.flatMap((state) => certificationTasks(state, OFFICE, who.role, now)),
    filter,
  );
}

/** Order-free comparison: ties in due date may list in another order. */
const keyed = (tasks: InboxTask[]) =>
  tasks
    .map((task) => `${task.dueAt ?? '-'} ${task.subject.id} ${task.kind} ${task.overdue}`)
    .sort();

const NOWS = [T0, day(3), CERTIFIED_AT, SPOT_AT, RECHECK_OPENS_AT + day(400), SUBMITTED_AT];
const FILTERS: TaskFilter[] = [
  { limit: 1000 },
  { limit: 1000, overdue: true },
  { limit: 1000, overdue: false },
  { limit: 1000, kind: 'RECORD_INSPECTION' },
  { limit: 1000, dueBefore: day(30), dueAfter: day(1) },
];

test('the query gives what the pure rules give, for every role, scope, time and filter', async () => {
  for (const who of PRINCIPALS) {
    for (const now of NOWS) {
      for (const filter of FILTERS) {
        const page = await certificationTaskSource(db.prisma, who, new Date(now), 'zh-CN', filter);
        const want = expected(who, now, filter);
        const context = { role: who.role, county: who.countyId, now, filter };
        expect({ ...context, items: keyed(page.items) }).toEqual({
          ...context,
          items: keyed(want.items),
        });
        expect({ ...context, total: page.total, overdue: page.overdue }).toEqual({
          ...context,
          total: want.total,
          overdue: want.overdue,
        });
        // Titles are the pure rules' too, in the reader's language.
        expect(page.items.map((task) => task.title).sort()).toEqual(
          want.items.map((task) => task.title).sort(),
        );
      }
    }
  }
});

test('a limit keeps the most urgent and still counts them all', async () => {
  const reviewer = PRINCIPALS[2] as Principal;
  const now = new Date(RECHECK_OPENS_AT + day(400));
  const all = await certificationTaskSource(db.prisma, reviewer, now, 'zh-CN', { limit: 1000 });
  expect(all.total).toBeGreaterThan(2);
  const two = await certificationTaskSource(db.prisma, reviewer, now, 'zh-CN', { limit: 2 });
  expect(two.items).toHaveLength(2);
  expect(two.total).toBe(all.total);
  expect(two.overdue).toBe(all.overdue);
  const dueTimes = (tasks: InboxTask[]) => tasks.map((task) => task.dueAt ?? '~');
  const sorted = dueTimes(all.items).sort();
  expect(dueTimes(two.items).sort()).toEqual(sorted.slice(0, 2));
});

async function tasksOf(prisma: PrismaClient, certificationId: string) {
  const rows = await prisma.certificationTask.findMany({
    where: { certificationId },
    orderBy: { kind: 'asc' },
  });
  return rows.map((row) => ({ kind: row.kind, dueAt: row.dueAt?.getTime() ?? null }));
}

test('a late write of an older revision leaves the newer steps alone', async () => {
  const projection = createProjectionActivities(db.prisma);
  const id = 'cert-inbox-verificationComplete';
  const before = await tasksOf(db.prisma, id);
  expect(before.map((task) => task.kind)).toEqual(['DECIDE_CHECK']);
  const older: CertificationState = { ...verifying(), certificationId: id };
  expect(older.revision).toBeLessThan(verificationComplete().revision);
  await projection.projectTransition({ state: older, event: eventOf(older) });
  expect(await tasksOf(db.prisma, id)).toEqual(before);
});

test('certifications projected before the table existed get their steps once', async () => {
  const session: SqlSession = {
    exec: async (sql) => {
      await db.prisma.$executeRawUnsafe(sql);
    },
    query: <T>(sql: string, params: unknown[]) => db.prisma.$queryRawUnsafe<T[]>(sql, ...params),
  };
  const reviewer = PRINCIPALS[2] as Principal;
  const now = new Date(SPOT_AT);
  const projected = await certificationTaskSource(db.prisma, reviewer, now, 'zh-CN', {
    limit: 1000,
  });
  // As an upgraded database has them: rows with their state, no steps, not marked.
  await db.prisma.certificationTask.deleteMany({});
  await db.prisma.certification.updateMany({ data: { tasksProjected: false } });

  expect(await backfillCertificationTasks(session)).toBe(STATES.length);
  const filled = await certificationTaskSource(db.prisma, reviewer, now, 'zh-CN', { limit: 1000 });
  expect(keyed(filled.items)).toEqual(keyed(projected.items));
  expect(filled.total).toBe(projected.total);

  // Again: nothing left to do, nothing doubled.
  expect(await backfillCertificationTasks(session)).toBe(0);
  expect(await db.prisma.certificationTask.count()).toBe(
    STATES.reduce((sum, state) => sum + tasksCount(state), 0),
  );
});

/** How many steps a state waits for, whoever owes them (every role's tasks together). */
function tasksCount(state: CertificationState): number {
  const kinds = new Set(
    (['COUNTY_OPERATOR', 'CITY_REVIEWER', 'INSPECTOR', 'CITY_ADMIN'] as const).flatMap((role) =>
      certificationTasks(state, OFFICE, role, T0).map((task) => task.kind),
    ),
  );
  return kinds.size;
}
