// Managing who receives email over HTTP: users' email, language and notification functions
// (their role's by default, checked against where they work), extra addresses (added,
// changed, stopped — never deleted), and the directory that shows all of it with the county
// heads; every change audited. Delivery itself: test/notifications/recipients-delivery.test.ts.
import request from 'supertest';
import { createRecipientDirectory } from '../../../modules/notification/recipient-directory';
import { DEMO, seedDemoRecipients } from '../../../modules/demo/seed';
import { useApiHarness } from '../../support/api-harness';

const ADMIN = 'Bearer dev-city-admin';
const LESHAN_REVIEWER = 'Bearer dev-leshan-reviewer';

const h = useApiHarness({ demoUsers: true, prepare: (db) => seedDemoRecipients(db.prisma) });

interface UserBody {
  id: string;
  email: string | null;
  language: string;
  notificationFunctions: string[];
}

interface Entry {
  id: string;
  source: string;
  email: string;
  language: string;
  functions: string[];
  countyId: string | null;
  active: boolean;
}

const post = (url: string, body: object) =>
  request(h.app).post(url).set('Authorization', ADMIN).send(body);
const patch = (url: string, body: object) =>
  request(h.app).patch(url).set('Authorization', ADMIN).send(body);
const directory = async (query = '') =>
  (
    (
      await request(h.app)
        .get(`/api/v1/notification-recipients${query}`)
        .set('Authorization', ADMIN)
    ).body as { items: Entry[] }
  ).items;
const fieldsOf = (body: unknown) =>
  ((body as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);

describe('users', () => {
  test('a new user holds their role’s function unless the admin chooses, in Chinese unless asked', async () => {
    const cases = [
      { role: 'COUNTY_OPERATOR', countyId: DEMO.counties.yuzhong, functions: ['COUNTY_OPERATOR'] },
      { role: 'CITY_REVIEWER', functions: ['CITY_REVIEWER'] },
      { role: 'CITY_ADMIN', functions: ['CITY_ADMIN'] },
      { role: 'INSPECTOR', functions: [] },
    ];
    for (const [n, { functions, ...placement }] of cases.entries()) {
      const response = await post('/api/v1/users', {
        username: `default.${n}`,
        displayName: '新用户',
        email: `default.${n}@cq.example.gov.cn`,
        password: 'a-long-password',
        ...placement,
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ notificationFunctions: functions, language: 'zh-CN' });
    }
    const head = await post('/api/v1/users', {
      username: 'yz.head',
      displayName: '渝中区司法局局长',
      role: 'COUNTY_OPERATOR',
      countyId: DEMO.counties.yuzhong,
      email: 'head.login@yuzhong.example.gov.cn',
      language: 'en',
      notificationFunctions: ['COUNTY_BUREAU_HEAD', 'COUNTY_BUREAU_HEAD'],
      password: 'a-long-password',
    });
    expect(head.status).toBe(201);
    expect(head.body).toMatchObject({
      notificationFunctions: ['COUNTY_BUREAU_HEAD'],
      language: 'en',
    });
  });

  test('functions must fit where the user works; a bad language is named', async () => {
    const county = await post('/api/v1/users', {
      username: 'misplaced.county',
      displayName: 'x',
      role: 'COUNTY_OPERATOR',
      countyId: DEMO.counties.yuzhong,
      notificationFunctions: ['CITY_ADMIN'],
      password: 'a-long-password',
    });
    expect(county.status).toBe(400);
    expect(fieldsOf(county.body)).toEqual(['notificationFunctions']);
    const city = await post('/api/v1/users', {
      username: 'misplaced.city',
      displayName: 'x',
      role: 'CITY_REVIEWER',
      notificationFunctions: ['COUNTY_BUREAU_HEAD'],
      password: 'a-long-password',
    });
    expect(fieldsOf(city.body)).toEqual(['notificationFunctions']);
    const language = await post('/api/v1/users', {
      username: 'french',
      displayName: 'x',
      role: 'CITY_REVIEWER',
      language: 'fr',
      password: 'a-long-password',
    });
    expect(fieldsOf(language.body)).toEqual(['language']);
    expect(await h.db.prisma.user.count({ where: { username: { startsWith: 'misplaced' } } })).toBe(
      0,
    );
  });

  test('the admin changes a user’s email, language and functions; the change is audited', async () => {
    const id = 'user-cq.reviewer';
    const changed = await patch(`/api/v1/users/${id}`, {
      email: 'reviewer.login@cq.example.gov.cn',
      language: 'en',
      notificationFunctions: ['CITY_REVIEWER', 'CITY_BUREAU_DIVISION'],
    });
    expect(changed.status).toBe(200);
    expect(changed.body as UserBody).toMatchObject({
      email: 'reviewer.login@cq.example.gov.cn',
      language: 'en',
      notificationFunctions: ['CITY_REVIEWER', 'CITY_BUREAU_DIVISION'],
    });
    const events = await h.db.prisma.auditEvent.findMany({ where: { action: 'USER_UPDATED' } });
    expect(events).toHaveLength(1);
    expect(events[0]?.details).toMatchObject({
      userId: id,
      changes: {
        email: { from: null, to: 'reviewer.login@cq.example.gov.cn' },
        language: { from: 'zh-CN', to: 'en' },
      },
    });
    // The same again changes nothing and records nothing; null removes the address.
    expect((await patch(`/api/v1/users/${id}`, { language: 'en' })).status).toBe(200);
    expect(await h.db.prisma.auditEvent.count({ where: { action: 'USER_UPDATED' } })).toBe(1);
    const removed = await patch(`/api/v1/users/${id}`, { email: null });
    expect((removed.body as UserBody).email).toBeNull();

    // A county function for a city user is refused against the stored user: 422.
    const misplaced = await patch(`/api/v1/users/${id}`, {
      notificationFunctions: ['COUNTY_OPERATOR'],
    });
    expect(misplaced.status).toBe(422);
    expect(fieldsOf(misplaced.body)).toEqual(['notificationFunctions']);
    expect((await patch(`/api/v1/users/${id}`, {})).status).toBe(400);
    expect((await patch('/api/v1/users/user-ls.admin', { language: 'en' })).status).toBe(404);
  });
});

describe('extra addresses and the directory', () => {
  test('the admin adds, changes and stops an extra address; duplicates are refused', async () => {
    const created = await post('/api/v1/notification-recipients', {
      name: '江北区司法局值班信箱',
      email: 'duty@jiangbei.example.gov.cn',
      function: 'COUNTY_BUREAU_HEAD',
      countyId: DEMO.counties.jiangbei,
    });
    expect(created.status).toBe(201);
    const id = (created.body as Entry).id;
    expect(created.body).toMatchObject({ source: 'EXTRA', language: 'zh-CN', active: true });

    const again = await post('/api/v1/notification-recipients', {
      name: '重复',
      email: 'DUTY@jiangbei.example.gov.cn',
      function: 'COUNTY_BUREAU_HEAD',
      countyId: DEMO.counties.jiangbei,
    });
    expect(again.status).toBe(409);
    expect(fieldsOf(again.body)).toEqual(['email']);

    const noCounty = await post('/api/v1/notification-recipients', {
      name: 'x',
      email: 'x@cq.example.gov.cn',
      function: 'COUNTY_OPERATOR',
    });
    expect(fieldsOf(noCounty.body)).toEqual(['countyId']);
    const cityWithCounty = await post('/api/v1/notification-recipients', {
      name: 'x',
      email: 'x@cq.example.gov.cn',
      function: 'CITY_BUREAU_DIVISION',
      countyId: DEMO.counties.jiangbei,
    });
    expect(fieldsOf(cityWithCounty.body)).toEqual(['countyId']);
    const otherCity = await post('/api/v1/notification-recipients', {
      name: 'x',
      email: 'x@cq.example.gov.cn',
      function: 'COUNTY_OPERATOR',
      countyId: DEMO.counties.shizhong,
    });
    expect(otherCity.status).toBe(422);

    const stopped = await patch(`/api/v1/notification-recipients/${id}`, {
      active: false,
      language: 'en',
    });
    expect(stopped.body).toMatchObject({ active: false, language: 'en' });
    const holders = await createRecipientDirectory(h.db.prisma).holders(['COUNTY_BUREAU_HEAD'], {
      cityId: DEMO.cityId,
      countyId: DEMO.counties.jiangbei,
    });
    expect(holders.map((r) => r.email)).toEqual(['head@jiangbei.example.gov.cn']);
    expect(
      (
        await h.db.prisma.auditEvent.findMany({
          where: { action: { startsWith: 'NOTIFICATION_' } },
        })
      )
        .map((e) => e.action)
        .sort(),
    ).toEqual(['NOTIFICATION_RECIPIENT_CREATED', 'NOTIFICATION_RECIPIENT_UPDATED']);
  });

  test('the directory lists users, county heads and extra addresses, with filters', async () => {
    const county = await post('/api/v1/counties', {
      code: 'CQ-NA',
      name: '南岸区',
      head: { name: '刘局长', email: 'liu@nanan.example.gov.cn' },
    });
    const nananId = (county.body as { id: string }).id;
    const all = await directory();
    const sources = new Set(all.map((e) => e.source));
    expect(sources).toEqual(new Set(['USER', 'COUNTY_HEAD', 'EXTRA']));
    expect(all.find((e) => e.id === `county-head:${nananId}`)).toMatchObject({
      source: 'COUNTY_HEAD',
      email: 'liu@nanan.example.gov.cn',
      functions: ['COUNTY_BUREAU_HEAD'],
      countyId: nananId,
    });
    const heads = await directory(`?function=COUNTY_BUREAU_HEAD&countyId=${DEMO.counties.yuzhong}`);
    expect(heads.map((e) => [e.source, e.email]).sort()).toEqual(
      [
        ['EXTRA', 'head@yuzhong.example.gov.cn'],
        ['USER', 'head.login@yuzhong.example.gov.cn'],
      ].sort(),
    );
    expect((await directory('?source=USER')).every((e) => e.source === 'USER')).toBe(true);
    // Nobody of another city; only the admin may look.
    expect(all.some((e) => e.email.includes('leshan'))).toBe(false);
    const reviewer = await request(h.app)
      .get('/api/v1/notification-recipients')
      .set('Authorization', LESHAN_REVIEWER);
    expect(reviewer.status).toBe(403);
  });

  test('one address gets one message however many entries name it; disabled users none', async () => {
    const resolve = createRecipientDirectory(h.db.prisma).holders;
    await post('/api/v1/notification-recipients', {
      name: '渝中区经办人（重复）',
      email: 'DEFAULT.0@cq.example.gov.cn',
      function: 'COUNTY_OPERATOR',
      countyId: DEMO.counties.yuzhong,
    });
    const operators = await resolve(['COUNTY_OPERATOR', 'COUNTY_BUREAU_HEAD'], {
      cityId: DEMO.cityId,
      countyId: DEMO.counties.yuzhong,
    });
    const emails = operators.map((r) => r.email.toLowerCase());
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails).toContain('default.0@cq.example.gov.cn');
    // The extra address came first: it keeps the message key it had before users could hold
    // functions.
    expect(
      operators.find((r) => r.email.toLowerCase() === 'default.0@cq.example.gov.cn'),
    ).toMatchObject({ source: 'EXTRA' });
    const user = await h.db.prisma.user.findUniqueOrThrow({ where: { username: 'yz.head' } });
    await request(h.app)
      .post(`/api/v1/users/${user.id}/deactivation`)
      .set('Authorization', ADMIN)
      .send({});
    const after = await resolve(['COUNTY_BUREAU_HEAD'], {
      cityId: DEMO.cityId,
      countyId: DEMO.counties.yuzhong,
    });
    expect(after.map((r) => r.email)).toEqual(['head@yuzhong.example.gov.cn']);
  });

  test('each entry holds only the asked functions it has, in its own county or the city', async () => {
    const mine = <T extends { email: string }>(entries: T[]) =>
      entries.filter((e) => e.email.endsWith('@holders.example'));
    await h.db.prisma.county.create({
      data: {
        id: 'county-holders',
        cityId: DEMO.cityId,
        code: 'CQ-HD',
        name: '测试区',
        headEmail: 'head@holders.example',
        headLanguage: 'en',
      },
    });
    const extra = (id: string, fn: string, countyId: string | null, active = true) => ({
      id,
      cityId: DEMO.cityId,
      countyId,
      function: fn,
      name: id,
      email: `${id}@holders.example`,
      active,
    });
    await h.db.prisma.recipient.createMany({
      data: [
        extra('box-operator', 'COUNTY_OPERATOR', 'county-holders'),
        extra('box-elsewhere', 'COUNTY_OPERATOR', DEMO.counties.yuzhong),
        extra('box-stopped', 'COUNTY_OPERATOR', 'county-holders', false),
        extra('box-reviewer', 'CITY_REVIEWER', null),
      ],
    });
    const user = (id: string, fns: string[], countyId: string | null, email: string | null) => ({
      id,
      username: id,
      displayName: id,
      email,
      notificationFunctions: fns,
      role: countyId ? ('COUNTY_OPERATOR' as const) : ('CITY_REVIEWER' as const),
      cityId: DEMO.cityId,
      countyId,
      passwordHash: 'x',
    });
    await h.db.prisma.user.createMany({
      data: [
        user(
          'op',
          ['COUNTY_OPERATOR', 'COUNTY_BUREAU_HEAD'],
          'county-holders',
          'op@holders.example',
        ),
        user('op-silent', ['COUNTY_OPERATOR'], 'county-holders', null),
        user('rev', ['CITY_REVIEWER'], null, 'rev@holders.example'),
      ],
    });
    const { holders } = createRecipientDirectory(h.db.prisma);

    const county = await holders(['COUNTY_OPERATOR', 'CITY_REVIEWER', 'COUNTY_BUREAU_HEAD'], {
      cityId: DEMO.cityId,
      countyId: 'county-holders',
    });
    expect(mine(county)).toEqual([
      expect.objectContaining({
        source: 'EXTRA',
        email: 'box-operator@holders.example',
        functions: ['COUNTY_OPERATOR'],
      }),
      expect.objectContaining({
        source: 'EXTRA',
        email: 'box-reviewer@holders.example',
        countyId: null,
        functions: ['CITY_REVIEWER'],
      }),
      {
        id: 'county-head:county-holders',
        source: 'COUNTY_HEAD',
        name: '测试区司法局局长',
        email: 'head@holders.example',
        locale: 'en',
        cityId: DEMO.cityId,
        countyId: 'county-holders',
        functions: ['COUNTY_BUREAU_HEAD'],
      },
      expect.objectContaining({
        source: 'USER',
        id: 'op',
        functions: ['COUNTY_OPERATOR', 'COUNTY_BUREAU_HEAD'],
      }),
      expect.objectContaining({ source: 'USER', id: 'rev', functions: ['CITY_REVIEWER'] }),
    ]);
    // Asked only for the operator: the head and the reviewers are not, and the user holds
    // only the function asked for.
    const operators = await holders(['COUNTY_OPERATOR'], {
      cityId: DEMO.cityId,
      countyId: 'county-holders',
    });
    expect(mine(operators).map((e) => [e.email, e.functions])).toEqual([
      ['box-operator@holders.example', ['COUNTY_OPERATOR']],
      ['op@holders.example', ['COUNTY_OPERATOR']],
    ]);
    // An event of no county: county functions have no holder, the city's still do.
    const cityWide = await holders(['COUNTY_OPERATOR', 'CITY_REVIEWER'], {
      cityId: DEMO.cityId,
      countyId: null,
    });
    expect(mine(cityWide).map((e) => e.email)).toEqual([
      'box-reviewer@holders.example',
      'rev@holders.example',
    ]);
  });
});
