// Campaign progress and the statistical export over HTTP, read from the Certification
// projection (no Temporal needed): counts and quotas per county, the counties behind at a
// milestone, what a county operator may see, and the CSV and XLSX files read back with
// csv-parse and exceljs and compared with the JSON progress and the projection.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { COUNTY_HEADERS, OFFICE_HEADERS } from '../../../modules/campaign/statistics-export';
import { DEMO } from '../../../modules/demo/seed';
import type { CampaignTargets } from '../../../modules/campaign/rules/targets';
import type { CertificationStatus } from '../../../modules/certification/rules/schemas';
import { useApiHarness } from '../../support/api-harness';

const REVIEWER = 'Bearer dev-city-reviewer';
const ADMIN = 'Bearer dev-city-admin';
const INSPECTOR = 'Bearer dev-inspector';
const YUZHONG = 'Bearer dev-yuzhong-operator';
const LESHAN = 'Bearer dev-leshan-reviewer';

const CAMPAIGN = 'campaign-progress-test';
const TARGETS: CampaignTargets = {
  city: { count: 4 },
  counties: { [DEMO.counties.yuzhong]: { count: 2 } },
  milestones: [{ date: '2023-06-30', expected: { share: 0.5 }, label: '2023年中' }],
};

const at = (iso: string) => Date.parse(`${iso}T10:00:00+08:00`);

/** Projected certifications, as the workflow's projection activity would have written them. */
const CERTIFICATIONS: {
  officeId: string;
  countyId: string;
  status: CertificationStatus;
  certifiedAt: number | null;
  number: string | null;
}[] = [
  {
    officeId: 'office-jiefangbei',
    countyId: DEMO.counties.yuzhong,
    status: 'CERTIFIED',
    certifiedAt: at('2023-03-01'),
    number: 'CQ-2023-TEST-001',
  },
  {
    officeId: 'office-chaotianmen',
    countyId: DEMO.counties.yuzhong,
    status: 'RECTIFYING',
    certifiedAt: at('2023-09-01'),
    number: 'CQ-2023-TEST-002',
  },
  {
    officeId: 'office-guanyinqiao',
    countyId: DEMO.counties.jiangbei,
    status: 'BUILDING',
    certifiedAt: null,
    number: null,
  },
  {
    officeId: 'office-yuzui',
    countyId: DEMO.counties.jiangbei,
    status: 'REVOKED',
    certifiedAt: at('2023-02-01'),
    number: 'CQ-2023-TEST-003',
  },
];

const h = useApiHarness({
  prepare: async (db) => {
    await db.prisma.campaign.create({
      data: {
        id: CAMPAIGN,
        cityId: DEMO.cityId,
        name: '进度测试创建活动',
        config: {},
        targets: TARGETS,
        startsOn: new Date('2023-01-01T00:00:00Z'),
        endsOn: new Date('2025-12-31T00:00:00Z'),
      },
    });
    for (const [i, c] of CERTIFICATIONS.entries()) {
      await db.prisma.certification.create({
        data: {
          id: `cert-progress-${i}`,
          workflowId: `certification-office-${c.officeId}`,
          officeId: c.officeId,
          countyId: c.countyId,
          cityId: DEMO.cityId,
          campaignId: CAMPAIGN,
          status: c.status,
          revision: 5,
          config: {},
          state: {
            certificate: c.certifiedAt ? { number: c.number, certifiedAt: c.certifiedAt } : null,
          },
          // As the projection writes it (activities/projection.ts): progress reads the column.
          certifiedAt: c.certifiedAt ? new Date(c.certifiedAt) : null,
          certificateNumber: c.number,
          declaredAt: new Date(at('2023-01-10')),
          updatedAt: new Date(),
        },
      });
    }
  },
});

interface CountyBody {
  countyId: string;
  countyName: string;
  countyCode: string;
  offices: number;
  quota: number;
  quotaSource: string;
  achieved: number;
  met: boolean;
  completion: number;
  statuses: Record<CertificationStatus, number>;
  forecast: { expectedAtEnd: number; onTrack: boolean; basis: string };
}
interface ProgressBody {
  targetsSource: string;
  period: { source: string };
  city: Omit<CountyBody, 'countyId' | 'countyName' | 'countyCode'>;
  counties: CountyBody[];
  milestones: {
    date: string;
    passed: boolean;
    city: { expected: number; achieved: number; behind: boolean };
    countiesBehind: { countyId: string; expected: number; achieved: number }[];
  }[];
}

const getProgress = (key: string, id = CAMPAIGN) =>
  request(h.app).get(`/api/v1/campaigns/${id}/progress`).set('Authorization', key);

async function officeCount(countyId: string): Promise<number> {
  return h.db.prisma.office.count({ where: { countyId } });
}

describe('GET /campaigns/:id/progress', () => {
  test('counts each county’s certifications against its quota, and the city’s', async () => {
    const response = await getProgress(REVIEWER);
    expect(response.status).toBe(200);
    const body = response.body as ProgressBody;
    expect(body.targetsSource).toBe('CAMPAIGN');
    expect(body.period.source).toBe('CAMPAIGN');
    const cityOffices = await h.db.prisma.office.count({
      where: { county: { cityId: DEMO.cityId } },
    });
    expect(body.city).toMatchObject({ offices: cityOffices, quota: 4, achieved: 2, met: false });
    expect(body.city.statuses).toMatchObject({
      CERTIFIED: 1,
      RECTIFYING: 1,
      BUILDING: 1,
      REVOKED: 1,
      DECLARED: 0,
    });
    const yuzhong = body.counties.find((c) => c.countyId === DEMO.counties.yuzhong);
    const jiangbei = body.counties.find((c) => c.countyId === DEMO.counties.jiangbei);
    expect(yuzhong).toMatchObject({
      countyName: '渝中区',
      offices: await officeCount(DEMO.counties.yuzhong),
      quota: 2,
      quotaSource: 'EXPLICIT',
      achieved: 2,
      met: true,
      completion: 1,
      forecast: { onTrack: true },
    });
    const jiangbeiOffices = await officeCount(DEMO.counties.jiangbei);
    expect(jiangbei).toMatchObject({
      offices: jiangbeiOffices,
      quota: Math.ceil((4 * jiangbeiOffices) / cityOffices),
      quotaSource: 'PROPORTIONAL',
      achieved: 0,
      met: false,
      // Nothing named since the start: no pace to carry the county to its quota.
      forecast: { expectedAtEnd: 0, onTrack: false },
    });
  });

  test('names the counties behind at a passed milestone by what they held on its date', async () => {
    const body = (await getProgress(ADMIN)).body as ProgressBody;
    const [milestone] = body.milestones;
    expect(milestone).toMatchObject({
      date: '2023-06-30',
      passed: true,
      // Only Jiefangbei was named by then (Chaotianmen in September, Yuzui since revoked).
      city: { expected: 2, achieved: 1, behind: true },
    });
    expect(milestone!.countiesBehind.map((c) => c.countyId)).toEqual([DEMO.counties.jiangbei]);
  });

  test('a county operator sees its own county and the city totals only', async () => {
    const response = await getProgress(YUZHONG);
    expect(response.status).toBe(200);
    const body = response.body as ProgressBody;
    expect(body.counties.map((c) => c.countyId)).toEqual([DEMO.counties.yuzhong]);
    expect(body.city.achieved).toBe(2);
    expect(body.milestones[0]!.countiesBehind).toEqual([]);
  });

  test('another city’s or an unknown campaign is 404; an inspector is 403', async () => {
    expect((await getProgress(LESHAN)).status).toBe(404);
    expect((await getProgress(REVIEWER, 'campaign-nope')).status).toBe(404);
    expect((await getProgress(INSPECTOR)).status).toBe(403);
  });
});

const exportFile = (key: string, query: string) =>
  request(h.app)
    .get(`/api/v1/campaigns/${CAMPAIGN}/export?${query}`)
    .set('Authorization', key)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });

/** Reads a CSV response back (csv-parse drops the byte-order mark). */
function csvRows(data: unknown): string[][] {
  if (!Buffer.isBuffer(data)) throw new Error('the response is not a file');
  return parse(data, { bom: true });
}

describe('GET /campaigns/:id/export', () => {
  test('the county sheet as CSV: UTF-8 with BOM, Chinese headers, the progress numbers', async () => {
    const response = await exportFile(REVIEWER, 'format=csv&sheet=counties');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''/);
    const data = response.body as Buffer;
    expect([...data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [headers, ...rows] = csvRows(data);
    expect(headers).toEqual(COUNTY_HEADERS);
    expect(headers!.slice(0, 4)).toEqual(['区县', '区县编码', '司法所总数', '目标数']);

    const progress = (await getProgress(REVIEWER)).body as ProgressBody;
    const column = (name: string) => COUNTY_HEADERS.indexOf(name);
    expect(rows).toHaveLength(progress.counties.length + 1);
    for (const county of progress.counties) {
      const row = rows.find((r) => r[0] === county.countyName)!;
      expect(row[column('区县编码')]).toBe(county.countyCode);
      expect(Number(row[column('司法所总数')])).toBe(county.offices);
      expect(Number(row[column('目标数')])).toBe(county.quota);
      expect(Number(row[column('已命名')])).toBe(county.statuses.CERTIFIED);
      expect(Number(row[column('整改中')])).toBe(county.statuses.RECTIFYING);
      expect(Number(row[column('已撤销')])).toBe(county.statuses.REVOKED);
      expect(Number(row[column('达标数')])).toBe(county.achieved);
      expect(row[column('是否可按期完成')]).toBe(county.forecast.onTrack ? '是' : '否');
    }
    const total = rows[rows.length - 1]!;
    expect(total[0]).toBe('全市合计');
    expect(Number(total[column('达标数')])).toBe(progress.city.achieved);
    expect(total[column('完成率')]).toBe('50.0%');
  });

  test('the office sheet as CSV: every office of the city with its status from the projection', async () => {
    const [headers, ...rows] = csvRows(
      (await exportFile(REVIEWER, 'format=csv&sheet=offices')).body,
    );
    expect(headers).toEqual(OFFICE_HEADERS);
    const offices = await h.db.prisma.office.findMany({
      where: { county: { cityId: DEMO.cityId } },
      include: { county: true },
    });
    expect(rows).toHaveLength(offices.length);
    for (const office of offices) {
      const row = rows.find((r) => r[2] === office.code)!;
      const projected = CERTIFICATIONS.find((c) => c.officeId === office.id);
      expect(row[0]).toBe(office.county.name);
      expect(row[1]).toBe(office.name);
      expect(row[3]).toBe(office.type === 'STREET' ? '街道' : '乡镇');
      const expectedStatus = {
        CERTIFIED: '已命名',
        RECTIFYING: '整改中',
        BUILDING: '创建中',
        REVOKED: '已撤销',
      }[projected?.status as string];
      expect(row[4]).toBe(expectedStatus ?? '未申报');
      expect(row[5]).toBe(projected?.number ?? '');
      expect(row[7]).toBe(
        projected?.certifiedAt
          ? new Date(projected.certifiedAt + 8 * 3_600_000).toISOString().slice(0, 10)
          : '',
      );
    }
  });

  test('the XLSX workbook holds both sheets, which read back equal to the CSV ones', async () => {
    const response = await exportFile(ADMIN, 'format=xlsx');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(response.body as Buffer).buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['区县进度', '司法所状态']);
    const sheetRows = (sheet: ExcelJS.Worksheet): string[][] => {
      const rows: string[][] = [];
      sheet.eachRow((row) => {
        const values = row.values as ExcelJS.CellValue[];
        rows.push(
          values
            .slice(1)
            .map((v) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '')),
        );
      });
      return rows;
    };
    const counties = csvRows((await exportFile(ADMIN, 'format=csv&sheet=counties')).body);
    const offices = csvRows((await exportFile(ADMIN, 'format=csv&sheet=offices')).body);
    expect(sheetRows(workbook.getWorksheet('区县进度')!)).toEqual(counties);
    expect(sheetRows(workbook.getWorksheet('司法所状态')!)).toEqual(offices);
    // Numbers stay numbers in the workbook.
    expect(typeof workbook.getWorksheet('区县进度')!.getRow(2).getCell(3).value).toBe('number');
  });

  test('a county operator exports its own county only; CSV cannot hold both sheets', async () => {
    const [, ...rows] = csvRows((await exportFile(YUZHONG, 'format=csv&sheet=offices')).body);
    expect(rows.length).toBe(await officeCount(DEMO.counties.yuzhong));
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['渝中区']));
    const [, ...countyRows] = csvRows((await exportFile(YUZHONG, 'format=csv')).body);
    expect(countyRows.map((r) => r[0])).toEqual(['渝中区', '全市合计']);
    const both = await request(h.app)
      .get(`/api/v1/campaigns/${CAMPAIGN}/export?format=csv&sheet=all`)
      .set('Authorization', REVIEWER);
    expect(both.status).toBe(400);
    expect(both.body.errors).toEqual([
      { field: 'sheet', message: 'choose counties or offices for CSV' },
    ]);
  });
});
