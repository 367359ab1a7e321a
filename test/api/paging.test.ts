// The certification list and the notification log come in pages, as offices and audit do:
// following `nextCursor` visits every row the caller may see exactly once, in order (most
// recently updated / newest first, ties broken by id), with the filters kept, and a cursor
// this API did not give out is a 400 naming `cursor`.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DEMO } from '../../modules/demo/seed';
import type { Prisma } from '../../generated/prisma/client';
import { useApiHarness } from '../support/api-harness';
import { declared } from '../support/states';

const ADMIN = 'Bearer dev-city-admin';
const YUZHONG = 'Bearer dev-yuzhong-operator';
const LESHAN = 'Bearer dev-leshan-reviewer';

const T0 = Date.UTC(2025, 0, 1);
const STATUSES = ['DECLARED', 'BUILDING', 'VERIFYING', 'CERTIFIED'] as const;

const h = useApiHarness({
  prepare: async (db) => {
    const offices = await db.prisma.office.findMany({
      where: { county: { cityId: DEMO.cityId } },
      orderBy: { code: 'asc' },
    });
    const state = declared() as unknown as Prisma.InputJsonValue;
    // 23 certifications; every three share an update time, so ties must be broken by id.
    await db.prisma.certification.createMany({
      data: Array.from({ length: 23 }, (_, n) => {
        const office = offices[n % offices.length]!;
        return {
          id: `page-cert-${String(n).padStart(2, '0')}-${randomUUID().slice(0, 4)}`,
          workflowId: `page-wf-${n}`,
          officeId: office.id,
          countyId: office.countyId,
          cityId: DEMO.cityId,
          campaignId: DEMO.campaignId,
          status: STATUSES[n % STATUSES.length]!,
          revision: 1,
          config: {},
          state,
          declaredAt: new Date(T0),
          updatedAt: new Date(T0 + Math.floor(n / 3) * 60_000),
        };
      }),
    });
    // 31 notifications: to Yuzhong's, Jiangbei's and the city's people of Chongqing, and to
    // Leshan's; every four share a creation time.
    const scopes = [
      { cityId: DEMO.cityId, countyId: DEMO.counties.yuzhong, recipientId: 'r-yz' },
      { cityId: DEMO.cityId, countyId: DEMO.counties.jiangbei, recipientId: 'r-jb' },
      { cityId: DEMO.cityId, countyId: null, recipientId: 'r-city' },
      { cityId: DEMO.otherCityId, countyId: null, recipientId: 'r-ls' },
    ];
    await db.prisma.notification.createMany({
      data: Array.from({ length: 31 }, (_, n) => {
        const scope = scopes[n % scopes.length]!;
        const key = `page-note-${n}`;
        return {
          id: randomUUID(),
          key,
          messageId: `<${key}@fengqiao.local>`,
          kind: 'REMINDER',
          certificationId: null,
          ...scope,
          email: `${scope.recipientId}@example.gov.cn`,
          locale: 'zh-CN',
          subject: `第${n}封`,
          status: n % 5 === 0 ? 'FAILED' : 'SENT',
          createdAt: new Date(T0 + Math.floor(n / 4) * 1000),
        };
      }),
    });
  },
});

interface Page {
  items: { id: string }[];
  nextCursor: string | null;
}

/** Every page of a listing, following nextCursor. */
async function walk(path: string, query: string, key: string) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const separator = query ? '&' : '';
    const url: string = `${path}?${query}${separator}${cursor ? `cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await request(h.app).get(url).set('Authorization', key);
    expect(response.status).toBe(200);
    const page = response.body as Page;
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
    pages += 1;
    if (pages > 100) throw new Error('the cursor does not advance');
  } while (cursor !== null);
  return { ids, pages };
}

describe('GET /api/v1/certifications', () => {
  async function expected(where: Prisma.CertificationWhereInput) {
    const rows = await h.db.prisma.certification.findMany({
      where: { cityId: DEMO.cityId, id: { startsWith: 'page-cert-' }, ...where },
      orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
    });
    return rows.map((row) => row.id);
  }

  test('pages visit every certification once, most recently updated first', async () => {
    const all = await expected({});
    const { ids, pages } = await walk('/api/v1/certifications', 'limit=4', ADMIN);
    expect(ids).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 4));
  });

  test('filters are kept from page to page, and a county operator pages through their county', async () => {
    expect((await walk('/api/v1/certifications', 'limit=2&status=BUILDING', ADMIN)).ids).toEqual(
      await expected({ status: 'BUILDING' }),
    );
    expect(
      (await walk('/api/v1/certifications', `limit=3&countyId=${DEMO.counties.jiangbei}`, ADMIN))
        .ids,
    ).toEqual(await expected({ countyId: DEMO.counties.jiangbei }));
    expect((await walk('/api/v1/certifications', 'limit=5', YUZHONG)).ids).toEqual(
      await expected({ countyId: DEMO.counties.yuzhong }),
    );
    expect((await walk('/api/v1/certifications', 'limit=5', LESHAN)).ids).toEqual([]);
  });

  test('a bad cursor or limit is a 400 naming it', async () => {
    for (const [query, field] of [
      ['cursor=not-ours', 'cursor'],
      [`cursor=${Buffer.from('{"id":1}').toString('base64url')}`, 'cursor'],
      ['limit=201', 'limit'],
      ['limit=0', 'limit'],
    ]) {
      const response = await request(h.app)
        .get(`/api/v1/certifications?${query}`)
        .set('Authorization', ADMIN);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect((response.body as { errors: { field: string }[] }).errors[0]?.field).toBe(field);
    }
  });
});

describe('GET /api/v1/notifications', () => {
  async function expected(where: Prisma.NotificationWhereInput) {
    const rows = await h.db.prisma.notification.findMany({
      where: { cityId: DEMO.cityId, key: { startsWith: 'page-note-' }, ...where },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
    return rows.map((row) => row.id);
  }

  test('pages visit every notification of the city once, newest first', async () => {
    const all = await expected({});
    expect(all.length).toBeGreaterThan(20);
    const { ids, pages } = await walk('/api/v1/notifications', 'limit=5', ADMIN);
    expect(ids).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 5));
  });

  test('filters are kept, a county operator sees their county’s, another city nothing of ours', async () => {
    expect((await walk('/api/v1/notifications', 'limit=2&status=FAILED', ADMIN)).ids).toEqual(
      await expected({ status: 'FAILED' }),
    );
    expect((await walk('/api/v1/notifications', 'limit=3&recipientId=r-city', ADMIN)).ids).toEqual(
      await expected({ recipientId: 'r-city' }),
    );
    expect((await walk('/api/v1/notifications', 'limit=3', YUZHONG)).ids).toEqual(
      await expected({ countyId: DEMO.counties.yuzhong }),
    );
    const leshan = await walk('/api/v1/notifications', 'limit=3', LESHAN);
    const ours = new Set(await expected({}));
    expect(leshan.ids.length).toBeGreaterThan(0);
    expect(leshan.ids.filter((id) => ours.has(id))).toEqual([]);
  });

  test('a bad cursor is a 400 naming it', async () => {
    const response = await request(h.app)
      .get('/api/v1/notifications?cursor=garbage')
      .set('Authorization', ADMIN);
    expect(response.status).toBe(400);
    expect((response.body as { errors: { field: string }[] }).errors[0]?.field).toBe('cursor');
  });
});
