// The inbox: what the caller owes next, from every source of work, soonest due first.
import { z } from 'zod';
import { IsoDateTime } from '../shared';
import { certificationTasks } from './rules/inbox';
import type { CertificationState } from '../certification/workflow-api';
import type { Locale } from '../shared';
import type { InboxTask } from './rules/tasks';
import { TaskKind } from './rules/tasks';
import { ALL_ROLES } from '../shared';
import type { PrismaClient } from '../../generated/prisma/client';
import type { Principal } from '../access';
import { languageHeaders, requestLocale } from '../../api/locale';
import type { RouteSpec } from '../../api/routes';
import { route } from '../../api/routes';
import { Inbox } from '../../api/responses/oversight';
import { visibleCertifications } from '../certification';

export type TaskSource = (
  prisma: PrismaClient,
  principal: Principal,
  now: Date,
  /** The reader's language, for the titles. */
  locale: Locale,
) => Promise<InboxTask[]>;

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

/** Certification steps the caller owes, from the projection of every live certification. */
export const certificationTaskSource: TaskSource = async (prisma, principal, now, locale) => {
  const rows = await prisma.certification.findMany({
    where: {
      AND: [
        visibleCertifications(principal),
        // Only certifications waiting on someone: most of a city's are certified and owe
        // nothing until their recheck, and each row carries its whole state, so they are left
        // in the database (a certified one with an open check has CHECK_DECISION due).
        {
          OR: [
            { status: { in: ['DECLARED', 'BUILDING', 'VERIFYING', 'RECTIFYING'] } },
            { status: 'CERTIFIED', nextDueKind: 'CHECK_DECISION' },
          ],
        },
      ],
    },
    select: { state: true, office: { select: { name: true } } },
  });
  return rows.flatMap((row) =>
    certificationTasks(
      row.state as unknown as CertificationState,
      row.office,
      principal.role,
      now.getTime(),
      locale,
    ),
  );
};

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
        const locale = requestLocale(req);
        const all = (
          await Promise.all(
            deps.sources.map((source) => source(deps.prisma, principal, now, locale)),
          )
        ).flat();
        const before = query.dueBefore ? Date.parse(query.dueBefore) : undefined;
        const after = query.dueAfter ? Date.parse(query.dueAfter) : undefined;
        const tasks = all
          .filter((task) => !query.kind || task.kind === query.kind)
          .filter((task) => query.overdue === undefined || task.overdue === query.overdue)
          .filter((task) => {
            if (before === undefined && after === undefined) return true;
            if (task.dueAt === null) return false;
            const due = Date.parse(task.dueAt);
            return (before === undefined || due <= before) && (after === undefined || due >= after);
          })
          .sort(byUrgency);
        return {
          status: 200,
          body: {
            items: tasks.slice(0, query.limit),
            total: tasks.length,
            overdue: tasks.filter((task) => task.overdue).length,
            asOf: now.toISOString(),
          },
          headers: languageHeaders(locale),
        };
      },
    }),
  ];
}
