// Organisations and offices over HTTP (no Temporal needed): the city and its counties, the
// bulk import of offices from CSV and JSON (all or nothing, with a row-level report), and the
// office list with filters, search, county scoping and cursor pagination through 1,034 offices.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { Prisma } from '../../../generated/prisma/client';
import { DEMO, DEMO_CAMPAIGN_CONFIG } from '../../../modules/demo/seed';
import {
  FIXTURE_COUNTIES,
  FIXTURE_OFFICE_COUNT,
  FIXTURE_PATH,
  officeFixtureCsv,
} from '../../../scripts/generate-office-fixture';
import { useApiHarness } from '../../support/api-harness';

const ADMIN = 'Bearer dev-city-admin';
const REVIEWER = 'Bearer dev-city-reviewer';
const INSPECTOR = 'Bearer dev-inspector';
const YUZHONG = 'Bearer dev-yuzhong-operator';
const JIANGBEI = 'Bearer dev-jiangbei-operator';
const LESHAN = 'Bearer dev-leshan-reviewer';

/** Offices the demo seed gives Chongqing (CQ-YZ-001..003, CQ-JB-001..002). */
const SEEDED_CQ_OFFICES = 5;

const fixture = readFileSync(path.join(__dirname, '../../../', FIXTURE_PATH), 'utf8');
const [HEADER = '', ...FIXTURE_ROWS] = fixture.trimEnd().split('\n');

interface ListBody {
  items: {
    id: string;
    code: string;
    name: string;
    type: string;
    status: string;
    county: { id: string; code: string; name: string };
    certification: { id: string; status: string } | null;
  }[];
  nextCursor: string | null;
}

interface ImportProblem {
  status: number;
  detail: string;
  errors: { field: string; message: string }[];
  rows: { row: number; code: string | null; reasons: { field: string; message: string }[] }[];
}

const h = useApiHarness({
  prepare: async (db) => {
    // The fixture spreads offices over all 38 of Chongqing's districts and counties; the demo
    // seed has two of them.
    await db.prisma.county.createMany({
      data: FIXTURE_COUNTIES.map((county) => ({
        id: `county-${county.code.toLowerCase()}`,
        cityId: DEMO.cityId,
        code: county.code,
        name: county.name,
      })),
      skipDuplicates: true,
    });
  },
});

const importCsv = (csv: string | Buffer, key = ADMIN) =>
  request(h.app)
    .post('/api/v1/offices/import')
    .set('Authorization', key)
    .set('Content-Type', 'text/csv')
    .send(csv);

const importJson = (body: unknown, key = ADMIN) =>
  request(h.app)
    .post('/api/v1/offices/import')
    .set('Authorization', key)
    .send(body as object);

const list = (query: string, key = ADMIN) =>
  request(h.app).get(`/api/v1/offices${query}`).set('Authorization', key);

const officeCount = () => h.db.prisma.office.count();
const profileCount = () => h.db.prisma.officeProfile.count();

/** A CSV of the fixture's header and the given rows. */
const csvOf = (...rows: string[]) => `${[HEADER, ...rows].join('\n')}\n`;

const MINIMAL_HEADER = 'code,name,type,countyCode';

function expectProblem(response: request.Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  return response.body as ImportProblem;
}

describe('the fixture', () => {
  test('the committed CSV is what the generator writes: 1,034 offices, both types', () => {
    expect(fixture).toBe(officeFixtureCsv());
    expect(FIXTURE_ROWS).toHaveLength(FIXTURE_OFFICE_COUNT);
    expect(fixture).toContain(',STREET,');
    expect(fixture).toContain(',TOWNSHIP,');
    expect(fixture).toMatch(/[\u4e00-\u9fff]+(街道|镇|乡)司法所/);
  });
});

describe('a file with a bad row imports nothing', () => {
  let before: { offices: number; profiles: number };
  beforeEach(async () => {
    before = { offices: await officeCount(), profiles: await profileCount() };
  });
  afterEach(async () => {
    expect({ offices: await officeCount(), profiles: await profileCount() }).toEqual(before);
  });

  test('one bad row among the 1,034: 422 naming its spreadsheet row (header = row 1) and field', async () => {
    // Row 18 of the spreadsheet is the 17th office.
    const rows = [...FIXTURE_ROWS];
    const cells = rows[16]!.split(',');
    cells[2] = 'VILLAGE';
    rows[16] = cells.join(',');
    const problem = expectProblem(await importCsv(csvOf(...rows)), 422);
    expect(problem.detail).toBe('1 of 1034 rows cannot be imported; nothing was imported');
    expect(problem.errors).toEqual([
      { field: 'rows[18].type', message: 'must be STREET or TOWNSHIP (街道 or 乡镇)' },
    ]);
    expect(problem.rows).toEqual([
      {
        row: 18,
        code: cells[0],
        reasons: [{ field: 'type', message: 'must be STREET or TOWNSHIP (街道 or 乡镇)' }],
      },
    ]);
  });

  test('a duplicate code within the file names both rows', async () => {
    const problem = expectProblem(
      await importCsv(
        [MINIMAL_HEADER, 'CQ-YZ-901,甲司法所,STREET,CQ-YZ', 'CQ-YZ-901,乙司法所,STREET,CQ-YZ'].join(
          '\n',
        ),
      ),
      422,
    );
    expect(problem.rows).toEqual([
      {
        row: 3,
        code: 'CQ-YZ-901',
        reasons: [{ field: 'code', message: 'duplicate code CQ-YZ-901 (also in row 2)' }],
      },
    ]);
  });

  test('a code that already exists is refused (an import never updates an office)', async () => {
    const problem = expectProblem(
      await importCsv([MINIMAL_HEADER, 'CQ-YZ-001,解放碑司法所,STREET,CQ-YZ'].join('\n')),
      422,
    );
    expect(problem.errors).toEqual([
      { field: 'rows[2].code', message: 'an office with code CQ-YZ-001 already exists' },
    ]);
  });

  test('an unknown county and another city’s county are both unknown', async () => {
    const problem = expectProblem(
      await importCsv(
        [
          MINIMAL_HEADER,
          'CQ-XX-001,某司法所,STREET,CQ-XX',
          'LS-SZ-901,嘉州司法所,STREET,LS-SZ',
        ].join('\n'),
      ),
      422,
    );
    expect(problem.errors).toEqual([
      { field: 'rows[2].countyCode', message: 'no county with this code in your city' },
      { field: 'rows[3].countyCode', message: 'no county with this code in your city' },
    ]);
  });

  test('missing field, wrong type, out of range and a partial profile each name the field', async () => {
    const ok = FIXTURE_ROWS[0]!.split(',');
    const withCells = (code: string, changes: Record<number, string>) =>
      ok.map((cell, i) => (i === 0 ? code : (changes[i] ?? cell))).join(',');
    const problem = expectProblem(
      await importCsv(
        csvOf(
          withCells('CQ-T-1', { 1: '' }), // name missing
          withCells('CQ-T-2', { 8: 'many' }), // staffTotal not a number
          withCells('CQ-T-3', { 6: '-5' }), // premisesAreaM2 below 0
          withCells('CQ-T-4', { 12: 'maybe' }), // hasPartyBranch not yes/no
          withCells('CQ-T-5', { 9: '99' }), // more auxiliary staff than staff
          withCells('CQ-T-6', { 5: '', 6: '' }), // a profile with gaps
          withCells('CQ-T-7', { 4: '2024-02-30' }), // not a calendar date
        ),
      ),
      422,
    );
    const fields = problem.errors.map((e) => e.field);
    expect(fields).toEqual([
      'rows[2].name',
      'rows[3].staffTotal',
      'rows[4].premisesAreaM2',
      // Every check runs, so the row's other consequence is reported as well.
      'rows[4].exclusivePremisesAreaM2',
      'rows[5].hasPartyBranch',
      'rows[6].fullTimeAuxiliaryStaff',
      'rows[7].population',
      'rows[7].premisesAreaM2',
      'rows[8].profileEffectiveFrom',
    ]);
    expect(problem.errors[1]!.message).toMatch(/expected number, received string/);
    expect(problem.errors[2]!.message).toMatch(/>=0/);
    expect(problem.errors[3]!.message).toBe('cannot exceed premisesAreaM2');
    expect(problem.errors[5]!.message).toBe('cannot exceed staffTotal');
    expect(problem.errors[6]!.message).toMatch(/give all profile columns or none/);
    expect(problem.rows.map((r) => [r.row, r.code])).toEqual([
      [2, 'CQ-T-1'],
      [3, 'CQ-T-2'],
      [4, 'CQ-T-3'],
      [5, 'CQ-T-4'],
      [6, 'CQ-T-5'],
      [7, 'CQ-T-6'],
      [8, 'CQ-T-7'],
    ]);
  });

  test('a row with too few cells, and a row after a multi-line cell, keep their line numbers', async () => {
    const problem = expectProblem(
      await importCsv(
        [
          MINIMAL_HEADER,
          'CQ-YZ-911,"两行\n名称司法所",STREET,CQ-YZ',
          'CQ-YZ-912,短行司法所',
          'CQ-YZ-913,某司法所,HAMLET,CQ-YZ',
        ].join('\n'),
      ),
      422,
    );
    expect(problem.errors).toEqual([
      { field: 'rows[4]', message: 'has 2 cells but the header has 4 columns' },
      { field: 'rows[5].type', message: 'must be STREET or TOWNSHIP (街道 or 乡镇)' },
    ]);
  });

  test('JSON rows are named by their index in `offices`', async () => {
    const problem = expectProblem(
      await importJson({
        offices: [
          { code: 'CQ-YZ-921', name: '甲司法所', type: 'STREET', countyCode: 'CQ-YZ' },
          { code: 'CQ-YZ-922', name: 42, type: 'STREET', countyCode: 'CQ-YZ', extra: 1 },
          {
            code: 'CQ-YZ-923',
            name: '丙司法所',
            type: 'STREET',
            countyCode: 'CQ-YZ',
            staffTotal: '5',
          },
          'not an office',
        ],
      }),
      422,
    );
    expect(problem.errors).toEqual([
      { field: 'offices[1].name', message: 'Invalid input: expected string, received number' },
      { field: 'offices[1]', message: 'Unrecognized key: "extra"' },
      {
        field: 'offices[2].staffTotal',
        message: 'Invalid input: expected number, received string',
      },
      { field: 'offices[3]', message: 'Invalid input: expected object, received string' },
    ]);
    expect(problem.rows.map((r) => r.row)).toEqual([2, 3, 4]);
  });

  test('an unusable file or body is a 400 naming what is wrong', async () => {
    const missingColumn = expectProblem(await importCsv('code,name,countyCode\nA,甲,CQ-YZ\n'), 400);
    expect(missingColumn.errors).toEqual([
      { field: 'header.type', message: 'missing required column' },
    ]);
    const unknownColumn = expectProblem(
      await importCsv(`${MINIMAL_HEADER},staffTotl\nA,甲,STREET,CQ-YZ,3\n`),
      400,
    );
    expect(unknownColumn.errors[0]!.field).toBe('header.staffTotl');
    const unclosedQuote = expectProblem(
      await importCsv(`${MINIMAL_HEADER}\n"A,甲,STREET,CQ-YZ\n`),
      400,
    );
    expect(unclosedQuote.errors[0]!.field).toBe('body');
    // 解放碑司法所 as Excel on a Chinese Windows saves it: GBK, not UTF-8.
    const gbk = Buffer.concat([
      Buffer.from(`${MINIMAL_HEADER}\n`),
      Buffer.from('43512d595a2d3935312cbde2b7c5b1aecbbeb7a8cbf92c5354524545542c43512d595a', 'hex'),
    ]);
    const notUtf8 = expectProblem(await importCsv(gbk), 400);
    expect(notUtf8.errors).toEqual([{ field: 'body', message: 'not valid UTF-8' }]);
    const headerOnly = expectProblem(await importCsv(`${MINIMAL_HEADER}\n`), 400);
    expect(headerOnly.errors).toEqual([{ field: 'rows', message: 'no rows' }]);
    expect(expectProblem(await importCsv(''), 400).errors[0]!.field).toBe('body');
    const noOffices = expectProblem(await importJson({ rows: [] }), 400);
    expect(noOffices.errors.map((e) => e.field)).toEqual(['offices']);
    const emptyOffices = expectProblem(await importJson({ offices: [] }), 400);
    expect(emptyOffices.errors[0]).toMatchObject({ field: 'offices' });
    const notAList = expectProblem(await importJson({ offices: 'all of them' }), 400);
    expect(notAList.errors[0]).toMatchObject({ field: 'offices' });
  });

  test('only a city admin may import', async () => {
    for (const key of [YUZHONG, REVIEWER, INSPECTOR]) {
      expectProblem(
        await importCsv([MINIMAL_HEADER, 'CQ-YZ-931,甲司法所,STREET,CQ-YZ'].join('\n'), key),
        403,
      );
    }
  });
});

describe('importing', () => {
  test('JSON: offices with and without a profile; the office shows its county and profile', async () => {
    const response = await importJson({
      offices: [
        {
          code: 'CQ-YZ-201',
          name: '大坪街道司法所',
          type: 'STREET',
          countyCode: 'CQ-YZ',
          profileEffectiveFrom: '2024-01-01',
          population: 90_000,
          premisesAreaM2: 150,
          exclusivePremisesAreaM2: 120,
          staffTotal: 7,
          fullTimeAuxiliaryStaff: 3,
          legalQualifiedStaff: 1,
          partyMembers: 4,
          hasPartyBranch: true,
          trainingDays: 12,
          trainingHours: 96,
          mediationCases: 200,
          mediationSuccessful: 198,
          communityCorrectionSupervised: 15,
          communityCorrectionLost: 0,
        },
        { code: 'CQ-JB-201', name: '寸滩街道司法所', type: '街道', countyCode: 'CQ-JB' },
      ],
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      format: 'json',
      offices: 2,
      profiles: 1,
      byCounty: [
        { countyCode: 'CQ-YZ', offices: 1 },
        { countyCode: 'CQ-JB', offices: 1 },
      ],
    });
    const [dapingId] = (response.body as { items: { id: string; code: string }[] }).items.map(
      (item) => item.id,
    );
    const office = await request(h.app)
      .get(`/api/v1/offices/${dapingId}`)
      .set('Authorization', YUZHONG);
    expect(office.status).toBe(200);
    expect(office.body).toMatchObject({
      code: 'CQ-YZ-201',
      name: '大坪街道司法所',
      type: 'STREET',
      county: { id: DEMO.counties.yuzhong, code: 'CQ-YZ', name: '渝中区' },
      status: 'NONE',
      certification: null,
      profile: {
        effectiveFrom: '2024-01-01',
        values: {
          officeType: 'STREET',
          staff: { total: 7, fullTimeAuxiliary: 3, legalQualified: 1 },
          party: { members: 4, hasBranch: true },
        },
      },
    });
    const audit = await h.db.prisma.auditEvent.findFirst({ where: { action: 'OFFICES_IMPORTED' } });
    expect(audit).toMatchObject({
      actorId: 'apikey-dev-city-admin',
      cityId: DEMO.cityId,
      details: { format: 'json', offices: 2, profiles: 1 },
    });
  });

  test('CSV with a UTF-8 BOM, CRLF line ends, quoted cells and Chinese type words', async () => {
    const csv = `\uFEFF${MINIMAL_HEADER}\r\nCQ-YZ-202,"石油路街道司法所",街道,CQ-YZ\r\nCQ-JB-202,五宝镇司法所,乡镇,CQ-JB\r\n`;
    const response = await importCsv(csv);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ format: 'csv', offices: 2, profiles: 0 });
    const rows = await h.db.prisma.office.findMany({
      where: { code: { in: ['CQ-YZ-202', 'CQ-JB-202'] } },
      orderBy: { code: 'asc' },
    });
    expect(rows.map((r) => [r.code, r.name, r.type])).toEqual([
      ['CQ-JB-202', '五宝镇司法所', 'TOWNSHIP'],
      ['CQ-YZ-202', '石油路街道司法所', 'STREET'],
    ]);
  });

  test('the 1,034-office fixture imports in one request, then re-importing it is refused whole', async () => {
    const before = await officeCount();
    const started = Date.now();
    const response = await importCsv(fixture);
    const took = Date.now() - started;
    expect(response.status).toBe(201);
    const withProfile = FIXTURE_ROWS.filter((row) => row.split(',')[4] !== '').length;
    expect(response.body).toMatchObject({ format: 'csv', offices: 1034, profiles: withProfile });
    expect(await officeCount()).toBe(before + 1034);
    // Batched inserts: seconds, not one round trip per office (generous for a shared CI box).
    expect(took).toBeLessThan(30_000);

    const again = expectProblem(await importCsv(fixture), 422);
    expect(again.rows).toHaveLength(1034);
    expect(again.rows[0]!.reasons).toEqual([
      { field: 'code', message: `an office with code ${again.rows[0]!.code} already exists` },
    ]);
    expect(await officeCount()).toBe(before + 1034);
  });
});

describe('listing offices', () => {
  /** Every page of a listing, following nextCursor. */
  async function allPages(query: string, key = ADMIN) {
    const items: ListBody['items'] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const separator = query ? '&' : '?';
      const response = await list(
        `${query}${cursor ? `${separator}cursor=${encodeURIComponent(cursor)}` : ''}`,
        key,
      );
      expect(response.status).toBe(200);
      const body = response.body as ListBody;
      items.push(...body.items);
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 100);
    return { items, pages };
  }

  test('the cursor pages through every office of the city once, in code order', async () => {
    const total = await h.db.prisma.office.count({ where: { county: { cityId: DEMO.cityId } } });
    expect(total).toBe(SEEDED_CQ_OFFICES + 4 + FIXTURE_OFFICE_COUNT);
    const { items, pages } = await allPages('?limit=200');
    expect(pages).toBe(Math.ceil(total / 200));
    const codes = items.map((item) => item.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toHaveLength(total);
    expect([...codes].sort()).toEqual(codes);
    const fixtureCodes = FIXTURE_ROWS.map((row) => row.split(',')[0]);
    expect(codes).toEqual(expect.arrayContaining(fixtureCodes));
    expect(codes.some((code) => code.startsWith('LS-'))).toBe(false);
  });

  test('the default page is 50; the last page says nextCursor null', async () => {
    const body = (await list('')).body as ListBody;
    expect(body.items).toHaveLength(50);
    expect(body.nextCursor).toEqual(expect.any(String));
    const rest = await allPages('?countyId=county-yuzhong&limit=7');
    expect(rest.items.every((item) => item.county.code === 'CQ-YZ')).toBe(true);
    const lastPage = await list(`?countyId=county-yuzhong&limit=${rest.items.length}`);
    expect((lastPage.body as ListBody).nextCursor).toBeNull();
  });

  test('filters by county and type', async () => {
    const { items } = await allPages('?countyId=county-cq-ck&type=TOWNSHIP&limit=200');
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.county.code === 'CQ-CK' && i.type === 'TOWNSHIP')).toBe(true);
    const expected = FIXTURE_ROWS.filter((row) => {
      const cells = row.split(',');
      return cells[3] === 'CQ-CK' && cells[2] === 'TOWNSHIP';
    }).length;
    expect(items).toHaveLength(expected);
  });

  test('filters by the current certification status, NONE for never declared', async () => {
    // Two certifications of one office: an older, rejected one and the current, building one.
    const base = {
      workflowId: 'wf',
      officeId: 'office-jiefangbei',
      countyId: DEMO.counties.yuzhong,
      cityId: DEMO.cityId,
      campaignId: DEMO.campaignId,
      revision: 1,
      config: DEMO_CAMPAIGN_CONFIG as unknown as Prisma.InputJsonValue,
      state: {},
    };
    await h.db.prisma.certification.createMany({
      data: [
        {
          ...base,
          id: 'cert-old',
          status: 'REJECTED',
          declaredAt: new Date('2022-03-01T00:00:00Z'),
          updatedAt: new Date('2022-04-01T00:00:00Z'),
        },
        {
          ...base,
          id: 'cert-new',
          status: 'BUILDING',
          declaredAt: new Date('2023-03-01T00:00:00Z'),
          updatedAt: new Date('2023-04-01T00:00:00Z'),
        },
      ],
    });
    const building = (await list('?status=BUILDING')).body as ListBody;
    expect(building.items.map((i) => [i.code, i.status, i.certification?.id])).toEqual([
      ['CQ-YZ-001', 'BUILDING', 'cert-new'],
    ]);
    expect(((await list('?status=REJECTED')).body as ListBody).items).toEqual([]);
    const none = await allPages('?status=NONE&countyId=county-yuzhong&limit=200');
    expect(none.items.map((i) => i.code)).not.toContain('CQ-YZ-001');
    expect(none.items.every((i) => i.status === 'NONE' && i.certification === null)).toBe(true);
    const office = await request(h.app)
      .get('/api/v1/offices/office-jiefangbei')
      .set('Authorization', REVIEWER);
    expect(office.body).toMatchObject({
      status: 'BUILDING',
      certification: { id: 'cert-new', status: 'BUILDING', campaignId: DEMO.campaignId },
      profile: { effectiveFrom: '2022-01-01' },
    });
  });

  test('an inspector sees an office’s certification only once it is assigned to them', async () => {
    const asInspector = async () => {
      const listed = (await list(`?q=${encodeURIComponent('解放碑')}`, INSPECTOR)).body as ListBody;
      const building = (await list('?status=BUILDING', INSPECTOR)).body as ListBody;
      const office = await request(h.app)
        .get('/api/v1/offices/office-jiefangbei')
        .set('Authorization', INSPECTOR);
      return {
        listed: listed.items.map((i) => [i.status, i.certification?.id ?? null]),
        building: building.items.map((i) => i.code),
        office: [office.body.status, office.body.certification?.id ?? null],
      };
    };
    expect(await asInspector()).toEqual({
      listed: [[null, null]],
      building: [],
      office: [null, null],
    });
    await h.db.prisma.inspectionAssignment.create({
      data: {
        certificationId: 'cert-new',
        inspectorId: 'apikey-dev-inspector',
        assignedBy: 'apikey-dev-city-admin',
      },
    });
    expect(await asInspector()).toEqual({
      listed: [['BUILDING', 'cert-new']],
      building: ['CQ-YZ-001'],
      office: ['BUILDING', 'cert-new'],
    });
  });

  test('searches names (Chinese substrings) and codes (either case); wildcards are literal', async () => {
    const byName = (await list(`?q=${encodeURIComponent('解放碑')}`)).body as ListBody;
    expect(byName.items.map((i) => i.code)).toEqual(['CQ-YZ-001']);
    const town = (await allPages(`?q=${encodeURIComponent('镇司法所')}&limit=200`)).items;
    expect(town.length).toBeGreaterThan(100);
    expect(town.every((i) => i.name.includes('镇司法所'))).toBe(true);
    const byCode = (await list('?q=cq-yz-00')).body as ListBody;
    expect(byCode.items.map((i) => i.code)).toEqual(['CQ-YZ-001', 'CQ-YZ-002', 'CQ-YZ-003']);
    expect(((await list('?q=%25')).body as ListBody).items).toEqual([]);
    expect(((await list('?q=_')).body as ListBody).items).toEqual([]);
  });

  test('a county operator sees only their county, even when asking for another', async () => {
    const { items } = await allPages('?limit=200', JIANGBEI);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.county.id === DEMO.counties.jiangbei)).toBe(true);
    const other = await list(`?countyId=${DEMO.counties.yuzhong}`, JIANGBEI);
    expect(other.status).toBe(403);
    const search = (await list(`?q=${encodeURIComponent('解放碑')}`, JIANGBEI)).body as ListBody;
    expect(search.items).toEqual([]);
  });

  test('another city sees none of these offices', async () => {
    const { items } = await allPages('', LESHAN);
    expect(items.map((i) => i.code)).toEqual(['LS-SZ-001']);
    const filtered = (await list(`?countyId=${DEMO.counties.yuzhong}`, LESHAN)).body as ListBody;
    expect(filtered.items).toEqual([]);
  });

  test('bad query parameters are 400s naming the parameter', async () => {
    for (const [query, field] of [
      ['?cursor=not-a-cursor', 'cursor'],
      [`?cursor=${Buffer.from('{"after":5}').toString('base64url')}`, 'cursor'],
      ['?limit=0', 'limit'],
      ['?limit=201', 'limit'],
      ['?limit=ten', 'limit'],
      ['?status=NAMED', 'status'],
      ['?type=VILLAGE', 'type'],
    ] as const) {
      const problem = expectProblem(await list(query), 400);
      expect(problem.errors.map((e) => e.field)).toEqual([field]);
    }
  });
});

describe('one office', () => {
  test('another county’s office is forbidden to a county operator; another city’s is not found', async () => {
    const url = '/api/v1/offices/office-guanyinqiao';
    expect((await request(h.app).get(url).set('Authorization', YUZHONG)).status).toBe(403);
    expect((await request(h.app).get(url).set('Authorization', JIANGBEI)).status).toBe(200);
    expect((await request(h.app).get(url).set('Authorization', INSPECTOR)).status).toBe(200);
    expect((await request(h.app).get(url).set('Authorization', LESHAN)).status).toBe(404);
    const missing = await request(h.app)
      .get('/api/v1/offices/no-such-office')
      .set('Authorization', ADMIN);
    expect(missing.status).toBe(404);
  });
});

describe('the city and its counties', () => {
  test('every role of the city sees the city and all its counties with their office counts', async () => {
    for (const key of [ADMIN, REVIEWER, INSPECTOR, YUZHONG]) {
      const city = await request(h.app).get('/api/v1/city').set('Authorization', key);
      expect(city.status).toBe(200);
      expect(city.body).toMatchObject({
        id: DEMO.cityId,
        code: 'CQ',
        name: '重庆市',
        counties: FIXTURE_COUNTIES.length,
        offices: SEEDED_CQ_OFFICES + 4 + FIXTURE_OFFICE_COUNT,
      });
      const counties = await request(h.app).get('/api/v1/counties').set('Authorization', key);
      expect(counties.status).toBe(200);
      const items = (counties.body as { items: { code: string; offices: number }[] }).items;
      expect(items).toHaveLength(FIXTURE_COUNTIES.length);
      expect(items.find((c) => c.code === 'CQ-YZ')?.offices).toBe(
        3 + 2 + FIXTURE_ROWS.filter((row) => row.split(',')[3] === 'CQ-YZ').length,
      );
    }
    const leshan = await request(h.app).get('/api/v1/counties').set('Authorization', LESHAN);
    expect((leshan.body as { items: { code: string }[] }).items.map((c) => c.code)).toEqual([
      'LS-SZ',
    ]);
  });
});

describe('the contract', () => {
  test('the routes are in the OpenAPI document; the import takes CSV or JSON', async () => {
    const document = (await request(h.app).get('/openapi.json')).body as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
    };
    for (const route of [
      '/api/v1/city',
      '/api/v1/counties',
      '/api/v1/offices',
      '/api/v1/offices/{id}',
    ]) {
      expect(document.paths[route]?.get).toBeDefined();
    }
    const importBody = document.paths['/api/v1/offices/import']?.post?.requestBody;
    expect(Object.keys(importBody?.content ?? {})).toEqual(['text/csv', 'application/json']);
  });
});
