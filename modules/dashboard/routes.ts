// GET /api/v1/dashboard: the figures of the console's home page (首页) — certifications by
// status, overdue work by county, rechecks coming due, the monthly trend — counted by the
// database with GROUP BY over the projection, never by loading each certification's state.
// City reviewers and admins see the whole city; a county operator sees the same page for
// their own county (their county bureau's view), never another county's figures. Inspectors
// see only the certifications assigned to them, so they have no dashboard (403).
import { z } from 'zod';
import type { CountRow } from './rules';
import { addMonths, chinaMonth, shapeDashboard, startOfChinaMonth } from './rules';
import type { PrismaClient } from '../../generated/prisma/client';
import { Prisma } from '../../generated/prisma/client';
import type { RouteSpec } from '../access';
import { route } from '../access';
import { Dashboard } from './responses';

const DashboardQuery = z.object({
  /** Months of the trend, ending with the current one. */
  months: z.coerce.number().int().min(1).max(36).default(12),
  /** Months ahead in which rechecks coming due are counted, from the current one. */
  ahead: z.coerce.number().int().min(1).max(24).default(6),
});

/** China time is UTC+8 all year: a stored UTC timestamp plus 8 hours gives its China month. */
const CHINA_MONTH = (column: Prisma.Sql) =>
  Prisma.sql`to_char(${column} + interval '8 hours', 'YYYY-MM')`;

export function dashboardRoutes(deps: { prisma: PrismaClient }): RouteSpec[] {
  const { prisma } = deps;
  return [
    route({
      method: 'get',
      path: '/api/v1/dashboard',
      tag: 'Dashboard',
      summary:
        'The home page’s figures: certifications by status, overdue work by county, rechecks ' +
        'coming due and the monthly trend (county operators: their county)',
      roles: ['COUNTY_OPERATOR', 'CITY_REVIEWER', 'CITY_ADMIN'],
      query: DashboardQuery,
      responses: { 200: { description: 'The figures as of now', schema: Dashboard } },
      handler: async ({ principal, query }) => {
        const now = Date.now();
        const countyId = principal.role === 'COUNTY_OPERATOR' ? principal.countyId : null;
        // A county operator without a county sees nothing rather than the city.
        const county = countyId ?? (principal.role === 'COUNTY_OPERATOR' ? '' : null);
        const inScope = (alias: string) =>
          county === null
            ? Prisma.sql`${Prisma.raw(alias)}."cityId" = ${principal.cityId}`
            : Prisma.sql`${Prisma.raw(alias)}."cityId" = ${principal.cityId} AND ${Prisma.raw(alias)}."countyId" = ${county}`;
        const nowDate = new Date(now);
        const thisMonth = chinaMonth(now);
        const trendStart = startOfChinaMonth(addMonths(thisMonth, -(query.months - 1)));
        const aheadEnd = startOfChinaMonth(addMonths(thisMonth, query.ahead));

        const [counties, statuses, overdue, dutiesOverdue, rechecksDue, open, declared, named] =
          await Promise.all([
            prisma.$queryRaw<
              { countyId: string; countyCode: string; countyName: string; offices: number }[]
            >`
              SELECT c.id AS "countyId", c.code AS "countyCode", c.name AS "countyName",
                     count(o.id)::int AS offices
              FROM "County" c LEFT JOIN "Office" o ON o."countyId" = c.id
              WHERE c."cityId" = ${principal.cityId}
                ${county === null ? Prisma.empty : Prisma.sql`AND c.id = ${county}`}
              GROUP BY c.id, c.code, c.name`,
            prisma.$queryRaw<{ countyId: string; status: string; n: number }[]>`
              SELECT ce."countyId", ce.status::text AS status, count(*)::int AS n
              FROM "Certification" ce WHERE ${inScope('ce')}
              GROUP BY ce."countyId", ce.status`,
            // The recheck's opening is the system's own timer, not a step anyone owes.
            prisma.$queryRaw<{ countyId: string; n: number }[]>`
              SELECT ce."countyId", count(*)::int AS n
              FROM "Certification" ce
              WHERE ${inScope('ce')} AND ce."nextDueAt" < ${nowDate}
                AND ce."nextDueKind" IS DISTINCT FROM 'RECHECK_OPENS'
              GROUP BY ce."countyId"`,
            prisma.$queryRaw<{ countyId: string; n: number }[]>`
              SELECT d."countyId", count(*)::int AS n
              FROM "CampaignReportDuty" d
              WHERE ${inScope('d')} AND d.status = 'OVERDUE'
              GROUP BY d."countyId"`,
            prisma.$queryRaw<CountRow[]>`
              SELECT ${CHINA_MONTH(Prisma.sql`ce."nextDueAt"`)} AS key, count(*)::int AS n
              FROM "Certification" ce
              WHERE ${inScope('ce')} AND ce."nextDueKind" = 'RECHECK_OPENS'
                AND ce."nextDueAt" >= ${nowDate}
                AND ce."nextDueAt" < ${new Date(aheadEnd)}
              GROUP BY key`,
            prisma.$queryRaw<{ n: number }[]>`
              SELECT count(*)::int AS n FROM "Certification" ce
              WHERE ${inScope('ce')} AND ce."openCheckKind" = 'RECHECK'`,
            prisma.$queryRaw<CountRow[]>`
              SELECT ${CHINA_MONTH(Prisma.sql`ce."declaredAt"`)} AS key, count(*)::int AS n
              FROM "Certification" ce
              WHERE ${inScope('ce')} AND ce."declaredAt" >= ${new Date(trendStart)}
              GROUP BY key`,
            // When an office was named, as projected from state.certificate.certifiedAt
            // (decision 0024): an indexed column, not the state of every certification.
            prisma.$queryRaw<CountRow[]>`
              SELECT ${CHINA_MONTH(Prisma.sql`ce."certifiedAt"`)} AS key, count(*)::int AS n
              FROM "Certification" ce
              WHERE ${inScope('ce')} AND ce."certifiedAt" >= ${new Date(trendStart)}
              GROUP BY key`,
          ]);

        const figures = shapeDashboard({
          now,
          months: query.months,
          ahead: query.ahead,
          counties,
          statuses,
          overdue,
          dutiesOverdue,
          rechecksDue,
          rechecksOpen: open[0]?.n ?? 0,
          declaredByMonth: declared,
          namedByMonth: named,
        });
        return {
          status: 200,
          body: { ...figures, scope: { cityId: principal.cityId, countyId: county } },
        };
      },
    }),
  ];
}
