// The city dashboard's figures (首页), shaped from grouped counts: the database groups and
// counts (api/dashboard.ts); these pure functions name the months in China time, fill in the
// statuses, counties and months nobody counted (a chart needs its zeros), and put the rows in
// a stable order. Nothing here reads the database or the clock.
import type { CertificationStatus } from '../certification/workflow-api';
import { CertificationStatus as StatusSchema } from '../certification/workflow-api';

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China calendar month (YYYY-MM) of an instant. */
export function chinaMonth(epochMs: number): string {
  return new Date(epochMs + CHINA_OFFSET_MS).toISOString().slice(0, 7);
}

/** The first instant of a China calendar month (YYYY-MM). */
export function startOfChinaMonth(month: string): number {
  return Date.parse(`${month}-01T00:00:00Z`) - CHINA_OFFSET_MS;
}

/** `month` moved by `delta` months (negative: back). */
export function addMonths(month: string, delta: number): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (mon - 1) + delta;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/** `count` consecutive months starting at `first`. */
export function monthRange(first: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(first, i));
}

/** One grouped count as the database returns it. */
export interface CountRow {
  key: string;
  n: number;
}

/** Counts by key, every key of `keys` present (0 where nothing was counted). */
export function filled<K extends string>(keys: readonly K[], rows: readonly CountRow[]) {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const row of rows) {
    if ((keys as readonly string[]).includes(row.key)) out[row.key as K] += row.n;
  }
  return out;
}

export interface DashboardCounty {
  countyId: string;
  countyCode: string;
  countyName: string;
  offices: number;
}

export interface DashboardInput {
  now: number;
  /** Months of the trend, ending with the current one. */
  months: number;
  /** Months ahead in which rechecks come due, starting with the current one. */
  ahead: number;
  counties: readonly DashboardCounty[];
  /** Certifications per county and status. */
  statuses: readonly { countyId: string; status: string; n: number }[];
  /** Certifications whose next step (someone's, not the recheck timer's) is past due. */
  overdue: readonly { countyId: string; n: number }[];
  /** Campaign report duties past due and unsubmitted. */
  dutiesOverdue: readonly { countyId: string; n: number }[];
  /** Rechecks that open, by China month (only months from now on are asked for). */
  rechecksDue: readonly CountRow[];
  /** Certifications with a recheck open now. */
  rechecksOpen: number;
  declaredByMonth: readonly CountRow[];
  namedByMonth: readonly CountRow[];
}

export type StatusCounts = Record<CertificationStatus, number>;

const STATUSES = StatusSchema.options;

/** An office holds the title in these statuses (as campaign progress counts it). */
const HOLDS_TITLE: readonly CertificationStatus[] = ['CERTIFIED', 'RECTIFYING'];

function sumBy(rows: readonly { countyId: string; n: number }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of rows) out.set(row.countyId, (out.get(row.countyId) ?? 0) + row.n);
  return out;
}

export function shapeDashboard(input: DashboardInput) {
  const byCounty = new Map<string, StatusCounts>();
  for (const row of input.statuses) {
    const counts = byCounty.get(row.countyId) ?? filled(STATUSES, []);
    if ((STATUSES as readonly string[]).includes(row.status)) {
      counts[row.status as CertificationStatus] += row.n;
    }
    byCounty.set(row.countyId, counts);
  }
  const byStatus = filled(
    STATUSES,
    input.statuses.map((row) => ({ key: row.status, n: row.n })),
  );
  const overdue = sumBy(input.overdue);
  const dutiesOverdue = sumBy(input.dutiesOverdue);
  const counties = [...input.counties]
    .sort((a, b) => a.countyCode.localeCompare(b.countyCode, 'en'))
    .map((county) => {
      const statuses = byCounty.get(county.countyId) ?? filled(STATUSES, []);
      return {
        ...county,
        statuses,
        certifications: STATUSES.reduce((sum, s) => sum + statuses[s], 0),
        holdingTitle: HOLDS_TITLE.reduce((sum, s) => sum + statuses[s], 0),
        overdue: overdue.get(county.countyId) ?? 0,
        dutiesOverdue: dutiesOverdue.get(county.countyId) ?? 0,
      };
    });
  const thisMonth = chinaMonth(input.now);
  const trendMonths = monthRange(addMonths(thisMonth, -(input.months - 1)), input.months);
  const declared = filled(trendMonths, input.declaredByMonth);
  const named = filled(trendMonths, input.namedByMonth);
  const dueMonths = monthRange(thisMonth, input.ahead);
  const due = filled(dueMonths, input.rechecksDue);
  return {
    asOf: new Date(input.now).toISOString(),
    total: STATUSES.reduce((sum, s) => sum + byStatus[s], 0),
    byStatus,
    counties,
    overdue: {
      certifications: counties.reduce((sum, c) => sum + c.overdue, 0),
      duties: counties.reduce((sum, c) => sum + c.dutiesOverdue, 0),
    },
    rechecks: {
      open: input.rechecksOpen,
      comingDue: dueMonths.map((month) => ({ month, count: due[month] ?? 0 })),
    },
    trend: trendMonths.map((month) => ({
      month,
      declared: declared[month] ?? 0,
      named: named[month] ?? 0,
    })),
  };
}
export type Dashboard = ReturnType<typeof shapeDashboard>;
