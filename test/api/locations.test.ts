// Every Location a creation answers with can be followed: a GET of it answers 200 with what the
// creation answered (the issued API key's secret aside, which is shown once), and another
// city's admin gets 404 for it, as for anything of a city not theirs.
import request from 'supertest';
import { hashApiKey } from '../../modules/access/api-keys';
import { DEMO } from '../../modules/demo/seed';
import { useApiHarness } from '../support/api-harness';

const ADMIN = 'Bearer dev-city-admin';
/** An admin of the demo's other city (Leshan). */
const OTHER_ADMIN = 'Bearer leshan-admin';

const h = useApiHarness({
  prepare: async (db) => {
    await db.prisma.apiKey.create({
      data: {
        id: 'apikey-leshan-admin',
        name: '乐山 admin',
        role: 'CITY_ADMIN',
        cityId: DEMO.otherCityId,
        keyHash: hashApiKey('leshan-admin'),
      },
    });
  },
});

const creations: [string, string, object][] = [
  [
    'a user',
    '/api/v1/users',
    {
      username: 'li.si',
      displayName: '李四',
      role: 'CITY_REVIEWER',
      password: 'a long enough password',
    },
  ],
  ['an API key', '/api/v1/api-keys', { name: '对接系统', role: 'CITY_REVIEWER' }],
  ['a county', '/api/v1/counties', { code: 'CQ-SPB', name: '沙坪坝区' }],
  [
    'an extra address',
    '/api/v1/notification-recipients',
    { name: '督察室', email: 'ducha@cq.example.gov.cn', function: 'CITY_REVIEWER' },
  ],
];

test.each(creations)('the Location of %s answers GET with it', async (_what, path, body) => {
  const created = await request(h.app).post(path).set('Authorization', ADMIN).send(body);
  expect(created.status).toBe(201);
  const location = created.get('Location');
  expect(location).toBe(`${path}/${(created.body as { id: string }).id}`);

  const read = await request(h.app)
    .get(location ?? '')
    .set('Authorization', ADMIN);
  expect(read.status).toBe(200);
  const { key: _secret, ...shown } = created.body as Record<string, unknown>;
  expect(read.body).toEqual(shown);

  const elsewhere = await request(h.app)
    .get(location ?? '')
    .set('Authorization', OTHER_ADMIN);
  expect(elsewhere.status).toBe(404);
  expect(elsewhere.get('Content-Type')).toMatch(/application\/problem\+json/);
});
