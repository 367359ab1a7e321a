// The home page's figures (GET /api/v1/dashboard) against certifications and campaign duties
// written into the projection: counts by status and county, overdue steps (the recheck's own
// timer excluded) and overdue duties, rechecks coming due by China month, the monthly trend of
// declarations and namings — and what each role may see (county operators: their county;
// inspectors: nothing; another city: none of this city's figures).
import request from 'supertest';
import { DEMO } from '../../../modules/demo/seed';
import { chinaMonth } from '../../../modules/dashboard/rules';
import type { CertificationStatus } from '../../../modules/certification/rules/schemas';
import { useApiHarness } from '../../support/api-harness';

const DAY = 86_400_000;
const NOW = Date.now();

interface Row {
  officeId: string;
  countyId: string;
  cityId?: string;
  status: CertificationStatus;
  declaredDaysAgo: number;
  certifiedDaysAgo?: number;
  next?: { kind: string; inDays: number };
  openCheckKind?: string;
}

const ROWS: Row[] = [
  {
    officeId: 'office-jiefangbei',
    countyId: DEMO.counties.yuzhong,
    status: 'CERTIFIED',
    declaredDaysAgo: 200,
    certifiedDaysAgo: 40,
    next: { kind: 'RECHECK_OPENS', inDays: 30 },
  },
  {
    officeId: 'office-chaotianmen',
    countyId: DEMO.counties.yuzhong,
    status: 'DECLARED',
    declaredDaysAgo: 10,
    next: { kind: 'DECLARATION_REVIEW', inDays: -2 },
  },
  {
    officeId: 'office-shangqingsi',
    countyId: DEMO.counties.yuzhong,
    status: 'RECTIFYING',
    declaredDaysAgo: 500,
    certifiedDaysAgo: 400,
    next: { kind: 'RECTIFICATION_DEADLINE', inDays: 5 },
    openCheckKind: 'RECTIFICATION',
  },
  {
    officeId: 'office-guanyinqiao',
    countyId: DEMO.counties.jiangbei,
    status: 'CERTIFIED',
    declaredDaysAgo: 900,
    certifiedDaysAgo: 740,
    next: { kind: 'CHECK_DECISION', inDays: -1 },
    openCheckKind: 'RECHECK',
  },
  {
    officeId: 'office-yuzui',
    countyId: DEMO.counties.jiangbei,
    status: 'REVOKED',
    declaredDaysAgo: 800,
    // A recheck timer that has passed is the system's own step: not counted as overdue.
    next: { kind: 'RECHECK_OPENS', inDays: -3 },
  },
  {
    officeId: 'office-ls-zhanggong',
    countyId: DEMO.counties.shizhong,
    cityId: DEMO.otherCityId,
    status: 'CERTIFIED',
    declaredDaysAgo: 30,
    certifiedDaysAgo: 5,
    next: { kind: 'RECHECK_OPENS', inDays: 20 },
  },
];

const h = useApiHarness({
  prepare: async (db) => {
    for (const [i, row] of ROWS.entries()) {
      const certifiedAt =
        row.certifiedDaysAgo === undefined ? null : NOW - row.certifiedDaysAgo * DAY;
      await db.prisma.certification.create({
        data: {
          id: `cert-dashboard-${i}`,
          workflowId: `certification-office-${row.officeId}`,
          officeId: row.officeId,
          countyId: row.countyId,
          cityId: row.cityId ?? DEMO.cityId,
          campaignId: row.cityId ? DEMO.otherCampaignId : DEMO.campaignId,
          status: row.status,
          revision: 3,
          config: {},
          state: { certificate: certifiedAt ? { number: `N-${i}`, certifiedAt } : null },
          // As the projection writes it from the state (decision 0024).
          certifiedAt: certifiedAt ? new Date(certifiedAt) : null,
          nextDueAt: row.next ? new Date(NOW + row.next.inDays * DAY) : null,
          nextDueKind: row.next?.kind ?? null,
          openCheckKind: row.openCheckKind ?? null,
          declaredAt: new Date(NOW - row.declaredDaysAgo * DAY),
          updatedAt: new Date(NOW),
        },
      });
    }
    for (const [countyId, status] of [
      [DEMO.counties.jiangbei, 'OVERDUE'],
      [DEMO.counties.jiangbei, 'SUBMITTED'],
      [DEMO.counties.yuzhong, 'PENDING'],
    ] as const) {
      await db.prisma.campaignReportDuty.create({
        data: {
          id: `${DEMO.campaignId}:${countyId}:QUARTERLY_PROGRESS:${status}`,
          campaignId: DEMO.campaignId,
          cityId: DEMO.cityId,
          countyId,
          phase: 'IMPLEMENTATION',
          kind: 'QUARTERLY_PROGRESS',
          period: status,
          dueAt: new Date(NOW - DAY),
          status,
        },
      });
    }
  },
});

interface CountyFigures {
  countyId: string;
  countyName: string;
  offices: number;
  certifications: number;
  holdingTitle: number;
  overdue: number;
  dutiesOverdue: number;
  statuses: Record<CertificationStatus, number>;
}
interface Figures {
  scope: { cityId: string; countyId: string | null };
  total: number;
  byStatus: Record<CertificationStatus, number>;
  counties: CountyFigures[];
  overdue: { certifications: number; duties: number };
  rechecks: { open: number; comingDue: { month: string; count: number }[] };
  trend: { month: string; declared: number; named: number }[];
}

const get = (key: string, query = '') =>
  request(h.app).get(`/api/v1/dashboard${query}`).set('Authorization', `Bearer ${key}`);

const monthOf = (daysFromNow: number) => chinaMonth(NOW + daysFromNow * DAY);

test('a city reviewer sees the city’s certifications by status and overdue work by county', async () => {
  const response = await get('dev-city-reviewer');
  expect(response.status).toBe(200);
  const body = response.body as Figures;
  expect(body.scope).toEqual({ cityId: DEMO.cityId, countyId: null });
  expect(body.total).toBe(5);
  expect(body.byStatus).toEqual({
    DECLARED: 1,
    BUILDING: 0,
    VERIFYING: 0,
    CERTIFIED: 2,
    RECTIFYING: 1,
    REVOKED: 1,
    REJECTED: 0,
    WITHDRAWN: 0,
  });
  const byId = new Map(body.counties.map((c) => [c.countyId, c]));
  expect(body.counties.map((c) => c.countyId).sort()).toEqual(
    [DEMO.counties.jiangbei, DEMO.counties.yuzhong].sort(),
  );
  expect(byId.get(DEMO.counties.yuzhong)).toMatchObject({
    countyName: '渝中区',
    offices: 3,
    certifications: 3,
    holdingTitle: 2,
    overdue: 1,
    dutiesOverdue: 0,
  });
  expect(byId.get(DEMO.counties.jiangbei)).toMatchObject({
    countyName: '江北区',
    offices: 2,
    certifications: 2,
    holdingTitle: 1,
    overdue: 1,
    dutiesOverdue: 1,
  });
  expect(byId.get(DEMO.counties.jiangbei)?.statuses.REVOKED).toBe(1);
  expect(body.overdue).toEqual({ certifications: 2, duties: 1 });
});

test('rechecks coming due are counted by China month; the trend by month of declaring and naming', async () => {
  const body = (await get('dev-city-admin')).body as Figures;
  expect(body.rechecks.open).toBe(1);
  expect(body.rechecks.comingDue).toHaveLength(6);
  expect(body.rechecks.comingDue[0]?.month).toBe(monthOf(0));
  expect(body.rechecks.comingDue.filter((m) => m.count > 0)).toEqual([
    { month: monthOf(30), count: 1 },
  ]);

  expect(body.trend).toHaveLength(12);
  expect(body.trend.at(-1)?.month).toBe(monthOf(0));
  // Only what happened within the last twelve months counts.
  const declared = body.trend.filter((m) => m.declared > 0);
  const named = body.trend.filter((m) => m.named > 0);
  const expectedDeclared = new Map<string, number>();
  for (const days of [-200, -10]) {
    expectedDeclared.set(monthOf(days), (expectedDeclared.get(monthOf(days)) ?? 0) + 1);
  }
  expect(Object.fromEntries(declared.map((m) => [m.month, m.declared]))).toEqual(
    Object.fromEntries(expectedDeclared),
  );
  expect(named).toEqual([
    { month: monthOf(-40), declared: expectedDeclared.get(monthOf(-40)) ?? 0, named: 1 },
  ]);

  const longer = (await get('dev-city-admin', '?months=36&ahead=1')).body as Figures;
  expect(longer.trend).toHaveLength(36);
  expect(longer.trend.reduce((sum, m) => sum + m.declared, 0)).toBe(5);
  // Only this month: the recheck due in 30 days counts if that is still this month.
  expect(longer.rechecks.comingDue).toEqual([
    { month: monthOf(0), count: monthOf(30) === monthOf(0) ? 1 : 0 },
  ]);
});

test('a county operator sees their own county only', async () => {
  const response = await get('dev-yuzhong-operator');
  expect(response.status).toBe(200);
  const body = response.body as Figures;
  expect(body.scope).toEqual({ cityId: DEMO.cityId, countyId: DEMO.counties.yuzhong });
  expect(body.counties.map((c) => c.countyId)).toEqual([DEMO.counties.yuzhong]);
  expect(body.total).toBe(3);
  expect(body.overdue).toEqual({ certifications: 1, duties: 0 });
  expect(body.rechecks.open).toBe(0);
  expect(JSON.stringify(body)).not.toContain(DEMO.counties.jiangbei);
});

test('inspectors have no dashboard; another city sees only its own figures; bad numbers are refused', async () => {
  expect((await get('dev-inspector')).status).toBe(403);
  const leshan = (await get('dev-leshan-reviewer')).body as Figures;
  expect(leshan.total).toBe(1);
  expect(leshan.counties.map((c) => c.countyId)).toEqual([DEMO.counties.shizhong]);
  expect(JSON.stringify(leshan)).not.toContain(DEMO.counties.yuzhong);

  const bad = await get('dev-city-reviewer', '?months=0');
  expect(bad.status).toBe(400);
  expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'months' })]);
});
