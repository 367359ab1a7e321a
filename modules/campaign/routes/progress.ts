// A campaign's progress against its targets, and the statistical report (统计报表) of it.
// City reviewers and admins see every county; a county operator sees its own county's row and
// the city totals (which every county is measured against), never another county's row —
// also not in a milestone's list of counties behind.
import { z } from 'zod';
import type { LoadedCampaignProgress } from '../progress-store';
import { loadCampaignProgress, loadOfficeStatusRows, loadSigningRates } from '../progress-store';
import type { CountyProgress, MilestoneProgress, ProgressRow } from '../rules/targets';
import type { PrismaClient } from '../../../generated/prisma/client';
import type { Principal } from '../../access';
import { countyTable, officeTable, toCsv, toXlsx } from '../statistics-export';
import { chinaToday } from '../../shared';
import { Problem, notFound } from '../../../platform/http/problems';
import type { RouteSpec } from '../../access';
import { RawBody } from '../../../platform/http/routes';
import { route } from '../../access';
import { CampaignProgress } from '../responses';

const READERS = ['COUNTY_OPERATOR', 'CITY_REVIEWER', 'CITY_ADMIN'] as const;

const CampaignParams = z.object({ id: z.string().min(1).max(200) });

const ExportQuery = z.object({
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
  /** counties: progress per county; offices: every office's status; all: both (XLSX only). */
  sheet: z.enum(['counties', 'offices', 'all']).optional(),
});

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What a principal may see of a loaded progress: its own county only, for an operator. */
function visibleCountyIds(principal: Principal): ((countyId: string) => boolean) | null {
  if (principal.role !== 'COUNTY_OPERATOR') return null;
  return (countyId) => countyId === principal.countyId;
}

async function load(
  prisma: PrismaClient,
  principal: Principal,
  campaignId: string,
): Promise<{ loaded: LoadedCampaignProgress; counties: CountyProgress[] }> {
  const loaded = await loadCampaignProgress(prisma, {
    campaignId,
    cityId: principal.cityId,
    now: Date.now(),
  });
  // Another city's campaign is as unknown as a missing one.
  if (!loaded) throw notFound(`campaign ${campaignId}`, 'id');
  const visible = visibleCountyIds(principal);
  const counties = visible
    ? loaded.progress.counties.filter((c) => visible(c.countyId))
    : loaded.progress.counties;
  return { loaded, counties };
}

function presentRow(row: ProgressRow) {
  return { ...row, forecast: { ...row.forecast } };
}

export function presentProgress(
  loaded: LoadedCampaignProgress,
  counties: CountyProgress[],
  principal: Principal,
) {
  const names = new Map(loaded.counties.map((c) => [c.id, c]));
  const visible = visibleCountyIds(principal);
  const presentMilestone = (m: MilestoneProgress) => ({
    date: m.date,
    label: m.label,
    at: new Date(m.at).toISOString(),
    passed: m.passed,
    fraction: m.fraction,
    city: m.city,
    countiesBehind: m.countiesBehind
      .filter((c) => !visible || visible(c.countyId))
      .map((c) => ({ ...c, countyName: names.get(c.countyId)?.name ?? null })),
  });
  const { progress } = loaded;
  return {
    campaign: { id: loaded.campaign.id, name: loaded.campaign.name },
    asOf: new Date(progress.asOf).toISOString(),
    period: {
      start: new Date(progress.period.start).toISOString(),
      end: new Date(progress.period.end).toISOString(),
      source: loaded.periodSource,
    },
    targets: loaded.targets,
    targetsSource: loaded.targetsSource,
    city: presentRow(progress.city),
    counties: counties.map((c) => ({
      ...presentRow(c),
      countyId: c.countyId,
      countyCode: names.get(c.countyId)?.code ?? null,
      countyName: names.get(c.countyId)?.name ?? null,
    })),
    milestones: progress.milestones.map(presentMilestone),
    lastPassedMilestone: progress.lastPassedMilestone
      ? presentMilestone(progress.lastPassedMilestone)
      : null,
  };
}

export function campaignProgressRoutes(deps: { prisma: PrismaClient }): RouteSpec[] {
  const { prisma } = deps;
  return [
    route({
      method: 'get',
      path: '/api/v1/campaigns/:id/progress',
      tag: 'Campaigns',
      summary:
        'Progress per county and for the city against the targets, with a pace forecast and ' +
        'the counties behind at each milestone (county operators: their county and the city)',
      roles: READERS,
      params: CampaignParams,
      responses: { 200: { description: 'Progress of the campaign now', schema: CampaignProgress } },
      handler: async ({ principal, params }) => {
        const { loaded, counties } = await load(prisma, principal, params.id);
        const signing = await loadSigningRates(prisma, loaded);
        const visible = visibleCountyIds(principal);
        const names = new Map(loaded.counties.map((c) => [c.id, c.name]));
        return {
          status: 200,
          body: {
            ...presentProgress(loaded, counties, principal),
            /** Pairings (挂钩结对) with a signed letter (责任状) against targets.signingRate. */
            signing: {
              city: signing.city,
              counties: signing.counties
                .filter((c) => !visible || visible(c.countyId))
                .map((c) => ({ ...c, countyName: names.get(c.countyId) ?? null })),
            },
          },
        };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/campaigns/:id/export',
      tag: 'Campaigns',
      summary:
        'The statistical report (统计报表): progress per county and every office’s status, as ' +
        'CSV (UTF-8 with BOM, one sheet) or XLSX, with Chinese headers',
      roles: READERS,
      params: CampaignParams,
      query: ExportQuery,
      responses: {
        200: {
          description:
            'The report file: CSV (`format=csv`, UTF-8 with BOM) or XLSX, offered as a download',
          mediaTypes: ['text/csv', XLSX_TYPE],
        },
      },
      handler: async ({ principal, params, query }) => {
        const sheet = query.sheet ?? (query.format === 'csv' ? 'counties' : 'all');
        if (query.format === 'csv' && sheet === 'all') {
          throw new Problem(400, 'Bad Request', 'a CSV file holds one sheet', [
            { field: 'sheet', message: 'choose counties or offices for CSV' },
          ]);
        }
        const { loaded, counties } = await load(prisma, principal, params.id);
        const tables = [];
        if (sheet !== 'offices') tables.push(countyTable(loaded, counties));
        if (sheet !== 'counties') {
          const rows = await loadOfficeStatusRows(prisma, {
            campaignId: loaded.campaign.id,
            cityId: principal.cityId,
            countyId: principal.role === 'COUNTY_OPERATOR' ? principal.countyId : null,
          });
          tables.push(officeTable(rows));
        }
        const base = `${loaded.campaign.name}-统计报表-${chinaToday()}`;
        if (query.format === 'csv') {
          const table = tables[0]!;
          return {
            status: 200,
            body: new RawBody('text/csv; charset=utf-8', toCsv(table), `${base}-${table.name}.csv`),
          };
        }
        const data = await toXlsx(tables, { title: base });
        return { status: 200, body: new RawBody(XLSX_TYPE, data, `${base}.xlsx`) };
      },
    }),
  ];
}
