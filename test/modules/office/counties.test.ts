// Setting a city up from nothing through the API: its admin creates the 38 districts and
// counties (codes unique within the city, not across cities), imports the 1,034 offices into
// them, and edits a county later — every change audited, a duplicate code refused with 409,
// a change that changes nothing recording nothing.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { hashApiKey } from '../../../modules/access/api-keys';
import { DEMO } from '../../../modules/demo/seed';
import {
  FIXTURE_COUNTIES,
  FIXTURE_OFFICE_COUNT,
  FIXTURE_PATH,
} from '../../../scripts/generate-office-fixture';
import { useApiHarness } from '../../support/api-harness';

/** A city with nothing in it yet, and its admin's key. */
const NEW_CITY = { id: 'city-new', code: 'NEW', name: '新设市' };
const NEW_ADMIN = 'Bearer new-city-admin';
/** Chongqing's admin: the demo city already has CQ-YZ and CQ-JB. */
const CQ_ADMIN = 'Bearer dev-city-admin';
const CQ_OPERATOR = 'Bearer dev-yuzhong-operator';

const fixture = readFileSync(path.join(__dirname, '../../../', FIXTURE_PATH), 'utf8');

const h = useApiHarness({
  prepare: async (db) => {
    await db.prisma.city.create({ data: NEW_CITY });
    await db.prisma.apiKey.create({
      data: {
        id: 'apikey-new-city-admin',
        name: '新设市 admin',
        role: 'CITY_ADMIN',
        cityId: NEW_CITY.id,
        keyHash: hashApiKey('new-city-admin'),
      },
    });
  },
});

interface CountyBody {
  id: string;
  code: string;
  name: string;
  head: { name: string; phone?: string; email?: string; language: string } | null;
  offices: number;
}

const createCounty = (body: object, key = NEW_ADMIN) =>
  request(h.app).post('/api/v1/counties').set('Authorization', key).send(body);
const patchCounty = (id: string, body: object, key = NEW_ADMIN) =>
  request(h.app).patch(`/api/v1/counties/${id}`).set('Authorization', key).send(body);
const counties = async (key = NEW_ADMIN) =>
  (
    (await request(h.app).get('/api/v1/counties').set('Authorization', key)).body as {
      items: CountyBody[];
    }
  ).items;
const auditOf = async (action: string, cityId = NEW_CITY.id) =>
  h.db.prisma.auditEvent.findMany({ where: { action, cityId }, orderBy: { occurredAt: 'asc' } });

describe('a new city', () => {
  test('its admin creates 38 counties and imports 1,034 offices into them', async () => {
    for (const [index, county] of FIXTURE_COUNTIES.entries()) {
      const response = await createCounty({
        code: county.code,
        name: county.name,
        // Some counties' heads are known at set-up, the others later.
        ...(index % 2 === 0
          ? {
              head: {
                name: `${county.name}司法局局长`,
                phone: '023-6100 0000',
                email: `head.${county.code.toLowerCase()}@new.example.gov.cn`,
              },
            }
          : {}),
      });
      expect({ code: county.code, status: response.status }).toEqual({
        code: county.code,
        status: 201,
      });
      expect(response.headers.location).toBe(
        `/api/v1/counties/${(response.body as CountyBody).id}`,
      );
    }
    const created = await counties();
    expect(created.map((c) => c.code)).toEqual(FIXTURE_COUNTIES.map((c) => c.code).sort());
    expect(created.find((c) => c.code === 'CQ-YZ')).toMatchObject({
      name: '渝中区',
      head: { name: '渝中区司法局局长', email: 'head.cq-yz@new.example.gov.cn', language: 'zh-CN' },
      offices: 0,
    });
    expect(created.find((c) => c.code === 'CQ-JB')?.head).toBeNull();
    expect(await auditOf('COUNTY_CREATED')).toHaveLength(38);

    const imported = await request(h.app)
      .post('/api/v1/offices/import')
      .set('Authorization', NEW_ADMIN)
      .set('Content-Type', 'text/csv')
      .send(fixture);
    expect(imported.status).toBe(201);
    const result = imported.body as {
      offices: number;
      byCounty: { countyCode: string; offices: number }[];
    };
    expect(result.offices).toBe(FIXTURE_OFFICE_COUNT);
    expect(result.byCounty).toHaveLength(38);

    const city = await request(h.app).get('/api/v1/city').set('Authorization', NEW_ADMIN);
    expect(city.body).toMatchObject({ id: NEW_CITY.id, counties: 38, offices: 1034 });
    const after = await counties();
    expect(after.reduce((sum, c) => sum + c.offices, 0)).toBe(1034);
    expect(after.every((c) => c.offices > 0)).toBe(true);
    // Chongqing's own CQ-YZ is untouched: the same code in two cities is two counties.
    const cq = await counties(CQ_ADMIN);
    expect(cq.map((c) => c.code)).toEqual(['CQ-JB', 'CQ-YZ']);
    expect(cq.find((c) => c.code === 'CQ-YZ')?.id).toBe(DEMO.counties.yuzhong);
  });

  test('a code the city already has is refused with 409 naming it, and nothing is written', async () => {
    const before = await h.db.prisma.county.count();
    const response = await createCounty({ code: 'CQ-YZ', name: '另一个渝中区' });
    expect(response.status).toBe(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((response.body as { errors: { field: string }[] }).errors).toEqual([
      { field: 'code', message: 'already in use in your city' },
    ]);
    expect(await h.db.prisma.county.count()).toBe(before);
  });

  test('the admin edits a county: name, code, head; offices follow the code', async () => {
    const yubei = (await counties()).find((c) => c.code === 'CQ-YB');
    if (!yubei) throw new Error('CQ-YB was created above');
    const renamed = await patchCounty(yubei.id, {
      name: '渝北区（两江新区）',
      code: 'CQ-YB2',
      head: { name: '周局长', email: 'zhou@yb.example.gov.cn', language: 'en' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      id: yubei.id,
      code: 'CQ-YB2',
      name: '渝北区（两江新区）',
      head: { name: '周局长', email: 'zhou@yb.example.gov.cn', language: 'en' },
      offices: yubei.offices,
    });
    const [event] = await auditOf('COUNTY_UPDATED');
    expect(event?.details).toMatchObject({
      countyId: yubei.id,
      changes: {
        code: { from: 'CQ-YB', to: 'CQ-YB2' },
        name: { from: '渝北区', to: '渝北区（两江新区）' },
        headName: { from: null, to: '周局长' },
        headLanguage: { from: 'zh-CN', to: 'en' },
      },
    });

    // The import now knows the county by its new code only.
    const byNewCode = await request(h.app)
      .post('/api/v1/offices/import')
      .set('Authorization', NEW_ADMIN)
      .send({
        offices: [
          { code: 'NEW-YB-900', name: '龙塔街道司法所', type: 'STREET', countyCode: 'CQ-YB2' },
        ],
      });
    expect(byNewCode.status).toBe(201);
    const byOldCode = await request(h.app)
      .post('/api/v1/offices/import')
      .set('Authorization', NEW_ADMIN)
      .send({
        offices: [
          { code: 'NEW-YB-901', name: '双凤桥街道司法所', type: 'STREET', countyCode: 'CQ-YB' },
        ],
      });
    expect(byOldCode.status).toBe(422);

    // Asking for what is already there changes nothing and records nothing.
    const same = await patchCounty(yubei.id, { name: '渝北区（两江新区）' });
    expect(same.status).toBe(200);
    expect(await auditOf('COUNTY_UPDATED')).toHaveLength(1);

    // null removes the head; another county's code is refused.
    const headless = await patchCounty(yubei.id, { head: null });
    expect((headless.body as CountyBody).head).toBeNull();
    const taken = await patchCounty(yubei.id, { code: 'CQ-BB' });
    expect(taken.status).toBe(409);
    expect((await counties()).find((c) => c.id === yubei.id)?.code).toBe('CQ-YB2');
  });

  test('bad input is a 400 naming the field; another city’s county is not found', async () => {
    const anyCounty = (await counties())[0]?.id ?? '';
    const cases: [object, string][] = [
      [{ name: '无编码区' }, 'code'],
      [{ code: 'CQ X', name: '空格' }, 'code'],
      [{ code: 'CQ-OK', name: '' }, 'name'],
      [{ code: 'CQ-OK', name: '区', head: { name: '局长', phone: 'call me' } }, 'head.phone'],
      [{ code: 'CQ-OK', name: '区', head: { name: '局长', email: 'nobody' } }, 'head.email'],
      [{ code: 'CQ-OK', name: '区', head: { name: '局长', language: 'fr' } }, 'head.language'],
    ];
    for (const [body, field] of cases) {
      const response = await createCounty(body);
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      const fields = (response.body as { errors: { field: string }[] }).errors.map((e) => e.field);
      expect(fields).toContain(field);
    }
    const empty = await patchCounty(anyCounty, {});
    expect(empty.status).toBe(400);
    // Chongqing's admin cannot see, let alone edit, the new city's counties.
    expect((await patchCounty(anyCounty, { name: '改名' }, CQ_ADMIN)).status).toBe(404);
    // Only the admin creates and edits counties.
    expect((await createCounty({ code: 'CQ-OK', name: '区' }, CQ_OPERATOR)).status).toBe(403);
    expect(await h.db.prisma.county.count({ where: { code: 'CQ-OK' } })).toBe(0);
  });
});
