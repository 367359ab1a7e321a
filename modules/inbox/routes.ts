// The inbox: what the caller owes next, from every source of work, soonest due first.
import { z } from 'zod';
import { IsoDateTime } from '../shared';
import type { CertificationTaskKind } from './rules/inbox';
import { certificationTask, kindsOwnedBy } from './rules/inbox';
import type { Locale } from '../shared';
import type { InboxTask } from './rules/tasks';
import { TaskKind } from './rules/tasks';
import { ALL_ROLES, negotiateLocale } from '../shared';
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import type { Principal } from '../access';
import { languageHeaders, requestLocale } from '../../platform/http/locale';
import type { RouteSpec } from '../access';
import { route } from '../access';
import { Inbox } from './responses';
import { wholeCountyScope, visibleTasks } from '../certification';

/** What the caller asked the inbox for; each source applies it to its own records. */
export interface TaskFilter {
  kind?: TaskKind;
  /** Epoch ms: only tasks due at or before / at or after (tasks without a due date excluded). */
  dueBefore?: number;
  dueAfter?: number;
  overdue?: boolean;
  limit: number;
}

/** A source's most urgent tasks (at most `limit`) and how many match in all. */
export interface TaskPage {
  items: InboxTask[];
  total: number;
  overdue: number;
}

export type TaskSource = (
  prisma: PrismaClient,
  principal: Principal,
  now: Date,
  /** The reader's language, for the titles. */
  locale: Locale,
  filter: TaskFilter,
) => Promise<TaskPage>;

const booleanFlag = z.enum(['true', 'false']).transform((value) => value === 'true');

const TasksQuery = z
  .object({
    kind: TaskKind.optional(),
    /** Only tasks due at or before this time (e.g. "what is due this week"). */
    dueBefore: IsoDateTime.optional(),
    dueAfter: IsoDateTime.optional(),
    overdue: booleanFlag.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .refine((q) => !q.dueAfter || !q.dueBefore || Date.parse(q.dueAfter) <= Date.parse(q.dueBefore), {
    path: ['dueBefore'],
    message: 'must not be before `dueAfter`',
  });

/** The due-date conditions of a filter, as a database filter on a `dueAt` column. */
function dueWhere(filter: TaskFilter, now: Date): Prisma.CertificationTaskWhereInput[] {
  const conditions: Prisma.CertificationTaskWhereInput[] = [];
  if (filter.overdue === true) conditions.push({ dueAt: { lt: now } });
  if (filter.overdue === false) conditions.push({ OR: [{ dueAt: null }, { dueAt: { gte: now } }] });
  if (filter.dueBefore !== undefined)
    conditions.push({ dueAt: { lte: new Date(filter.dueBefore) } });
  if (filter.dueAfter !== undefined) conditions.push({ dueAt: { gte: new Date(filter.dueAfter) } });
  return conditions;
}

/**
 * Certification steps the caller owes, from the projected steps (table CertificationTask):
 * ordered, counted and cut in SQL, so that the inbox costs the same at 40,000 live
 * certifications as at 1,000 (issue 16).
 */
export const certificationTaskSource: TaskSource = async (
  prisma,
  principal,
  now,
  locale,
  filter,
) => {
  const kinds = kindsOwnedBy(principal.role).filter((kind) => !filter.kind || kind === filter.kind);
  if (kinds.length === 0) return { items: [], total: 0, overdue: 0 };
  const owed: Prisma.CertificationTaskWhereInput = {
    AND: [visibleTasks(principal), { kind: { in: kinds } }],
  };
  const where: Prisma.CertificationTaskWhereInput = { AND: [owed, ...dueWhere(filter, now)] };
  const [rows, counts] = await Promise.all([
    prisma.certificationTask.findMany({
      where,
      // Overdue first is soonest due first: an overdue step's due date is the earliest.
      orderBy: [
        { dueAt: { sort: 'asc', nulls: 'last' } },
        { certificationId: 'asc' },
        { kind: 'asc' },
      ],
      take: filter.limit,
      select: {
        kind: true,
        dueAt: true,
        cityId: true,
        countyId: true,
        certification: { select: { id: true, officeId: true, office: { select: { name: true } } } },
      },
    }),
    certificationTaskCounts(prisma, principal, kinds, owed, where, filter, now),
  ]);
  const items = rows.map((row) =>
    certificationTask(
      { kind: row.kind as CertificationTaskKind, dueAt: row.dueAt?.getTime() ?? null },
      {
        certificationId: row.certification.id,
        officeId: row.certification.officeId,
        officeName: row.certification.office.name,
        cityId: row.cityId,
        countyId: row.countyId,
      },
      now.getTime(),
      locale,
    ),
  );
  return { items, ...counts };
};

/**
 * How many steps match the filter, and how many of those are overdue. A whole county's or
 * city's steps without a date filter are summed from the counts a trigger keeps per county
 * (CertificationTaskCount), so that the total costs the same at 40,000 open steps as at 100;
 * only the overdue ones, few, are counted row by row. An inspector's steps (their assignments)
 * and date-filtered ones are counted row by row, within what the filter bounds.
 */
async function certificationTaskCounts(
  prisma: PrismaClient,
  principal: Principal,
  kinds: readonly CertificationTaskKind[],
  owed: Prisma.CertificationTaskWhereInput,
  where: Prisma.CertificationTaskWhereInput,
  filter: TaskFilter,
  now: Date,
): Promise<Omit<TaskPage, 'items'>> {
  const scope = wholeCountyScope(principal);
  const dated = filter.dueBefore !== undefined || filter.dueAfter !== undefined;
  if (scope === null || dated) {
    const [total, overdue] = await Promise.all([
      prisma.certificationTask.count({ where }),
      prisma.certificationTask.count({ where: { AND: [where, { dueAt: { lt: now } }] } }),
    ]);
    return { total, overdue };
  }
  const [kept, overdue] = await Promise.all([
    prisma.certificationTaskCount.findMany({ where: scope, select: { counts: true } }),
    prisma.certificationTask.count({ where: { AND: [owed, { dueAt: { lt: now } }] } }),
  ]);
  const open = sumOfKinds(
    kept.map((row) => row.counts),
    kinds,
  );
  if (filter.overdue === true) return { total: overdue, overdue };
  // Read apart, the two may straddle a write: never report fewer than none.
  if (filter.overdue === false) return { total: Math.max(0, open - overdue), overdue: 0 };
  return { total: open, overdue };
}

/** The sum, over counties' kept counts ({ kind: count }), of the counts of these kinds. */
function sumOfKinds(counts: readonly unknown[], kinds: readonly string[]): number {
  let sum = 0;
  for (const county of counts) {
    if (typeof county !== 'object' || county === null) continue;
    for (const kind of kinds) {
      const n = (county as Record<string, unknown>)[kind];
      if (typeof n === 'number') sum += n;
    }
  }
  return sum;
}

/** A source that lists all its tasks in memory (few: campaign duties), filtered and cut here. */
export function inMemorySource(
  list: (
    prisma: PrismaClient,
    principal: Principal,
    now: Date,
    locale: Locale,
  ) => Promise<InboxTask[]>,
): TaskSource {
  return async (prisma, principal, now, locale, filter) =>
    pageOfTasks(await list(prisma, principal, now, locale), filter);
}

/** The tasks that match a filter, most urgent first, cut at its limit, with the counts. */
export function pageOfTasks(tasks: readonly InboxTask[], filter: TaskFilter): TaskPage {
  const matching = tasks
    .filter((task) => !filter.kind || task.kind === filter.kind)
    .filter((task) => filter.overdue === undefined || task.overdue === filter.overdue)
    .filter((task) => {
      if (filter.dueBefore === undefined && filter.dueAfter === undefined) return true;
      if (task.dueAt === null) return false;
      const due = Date.parse(task.dueAt);
      return (
        (filter.dueBefore === undefined || due <= filter.dueBefore) &&
        (filter.dueAfter === undefined || due >= filter.dueAfter)
      );
    })
    .sort(byUrgency);
  return {
    items: matching.slice(0, filter.limit),
    total: matching.length,
    overdue: matching.filter((task) => task.overdue).length,
  };
}

function byUrgency(a: InboxTask, b: InboxTask): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.dueAt === b.dueAt) return a.title.localeCompare(b.title);
  if (a.dueAt === null) return 1;
  if (b.dueAt === null) return -1;
  return a.dueAt.localeCompare(b.dueAt);
}

export function taskRoutes(deps: {
  prisma: PrismaClient;
  sources: readonly TaskSource[];
  clock?: () => Date;
}): RouteSpec[] {
  const clock = deps.clock ?? (() => new Date());
  return [
    route({
      method: 'get',
      path: '/api/v1/tasks',
      tag: 'Inbox',
      summary:
        'What the caller owes next: reviews, inspections, rectifications, campaign reports… with due dates and overdue flags',
      roles: ALL_ROLES,
      query: TasksQuery,
      responses: { 200: { description: 'Tasks, overdue first, then soonest due', schema: Inbox } },
      handler: async ({ req, principal, query }) => {
        const now = clock();
        const locale = requestLocale(req, negotiateLocale);
        const filter: TaskFilter = {
          kind: query.kind,
          dueBefore: query.dueBefore ? Date.parse(query.dueBefore) : undefined,
          dueAfter: query.dueAfter ? Date.parse(query.dueAfter) : undefined,
          overdue: query.overdue,
          limit: query.limit,
        };
        const pages = await Promise.all(
          deps.sources.map((source) => source(deps.prisma, principal, now, locale, filter)),
        );
        // Each source gave its most urgent; together they hold the caller's most urgent.
        const merged = pageOfTasks(
          pages.flatMap((page) => page.items),
          { limit: query.limit },
        );
        return {
          status: 200,
          body: {
            items: merged.items,
            total: pages.reduce((sum, page) => sum + page.total, 0),
            overdue: pages.reduce((sum, page) => sum + page.overdue, 0),
            asOf: now.toISOString(),
          },
          headers: languageHeaders(locale),
        };
      },
    }),
  ];
}
