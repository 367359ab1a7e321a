// What one authenticated request costs the database, counted in SQL statements as the client
// sends them (Prisma's query events, so an include that Prisma splits into several statements
// counts as several): the credential is read once, and a certification with its office,
// inspectors, timeline and notifications is one more statement, whoever asks and whether or
// not they may see it (issue 16). No cache stands between a request and the credential: a key
// revoked or a user disabled through one API process is refused by another on the very next
// request.
import request from 'supertest';
import type { Prisma } from '../../generated/prisma/client';
import { DEMO_PASSWORD } from '../../modules/access/demo-users';
import { DEMO } from '../../modules/demo/seed';
import { useApiHarness } from '../support/api-harness';
import { declared } from '../support/states';

const CERTIFICATION = 'round-trip-certification';
const statements: string[] = [];

const h = useApiHarness({
  demoUsers: true,
  // One secret, so that a token one app issued is valid in another (another API process).
  deps: { security: { tokenSecret: 'a test secret that is long enough for HS256 signing' } },
  onQuery: (sql) => statements.push(sql),
  prepare: async (db) => {
    const office = await db.prisma.office.findFirstOrThrow({
      where: { countyId: DEMO.counties.yuzhong },
      orderBy: { code: 'asc' },
    });
    const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 0, minute));
    await db.prisma.certification.create({
      data: {
        id: CERTIFICATION,
        workflowId: `wf-${CERTIFICATION}`,
        officeId: office.id,
        countyId: office.countyId,
        cityId: DEMO.cityId,
        campaignId: DEMO.campaignId,
        status: 'DECLARED',
        revision: 2,
        config: {},
        state: declared() as unknown as Prisma.InputJsonValue,
        declaredAt: at(0),
        updatedAt: at(2),
      },
    });
    await db.prisma.inspectionAssignment.createMany({
      data: [
        {
          certificationId: CERTIFICATION,
          inspectorId: 'someone-else',
          assignedBy: 'x',
          assignedAt: at(3),
        },
        {
          certificationId: CERTIFICATION,
          inspectorId: 'apikey-dev-inspector',
          assignedBy: 'x',
          assignedAt: at(4),
        },
      ],
    });
    const event = { certificationId: CERTIFICATION, actorId: 'x', actorRole: 'CITY_REVIEWER' };
    await db.prisma.auditEvent.createMany({
      data: [
        { ...event, id: 'rt-1', revision: 1, action: 'DECLARE', details: {}, occurredAt: at(0) },
        {
          ...event,
          id: 'rt-2',
          revision: 2,
          action: 'RETURN',
          reason: '补充材料',
          details: {},
          occurredAt: at(2),
        },
        // An administrative event: the audit API shows it, the timeline does not.
        { ...event, id: 'rt-admin', action: 'INSPECTOR_ASSIGNED', details: {}, occurredAt: at(3) },
      ],
    });
    await db.prisma.notification.createMany({
      data: [1, 2].map((n) => ({
        id: `rt-note-${n}`,
        key: `rt-note-${n}`,
        messageId: `<rt-note-${n}@fengqiao.local>`,
        kind: 'REMINDER',
        certificationId: CERTIFICATION,
        recipientId: `r-${n}`,
        cityId: DEMO.cityId,
        email: `r-${n}@example.gov.cn`,
        locale: 'zh-CN',
        subject: `第${n}封`,
        status: 'SENT',
        createdAt: at(n),
        sentAt: at(n),
      })),
    });
  },
});

/** The statements one request sends, after a first request has recorded the credential's use. */
async function counted(authorization: string, path = `/api/v1/certifications/${CERTIFICATION}`) {
  await request(h.app).get(path).set('Authorization', authorization);
  statements.length = 0;
  const response = await request(h.app).get(path).set('Authorization', authorization);
  return { response, statements: [...statements] };
}

async function tokenOf(username: string): Promise<string> {
  const login = await request(h.app)
    .post('/api/v1/auth/login')
    .send({ username, password: DEMO_PASSWORD });
  expect(login.status).toBe(200);
  return `Bearer ${login.body.accessToken as string}`;
}

describe('one GET of a certification', () => {
  test.each([
    ['a city reviewer’s key', 'Bearer dev-city-reviewer'],
    ['the county operator’s key', 'Bearer dev-yuzhong-operator'],
    ['an assigned inspector’s key', 'Bearer dev-inspector'],
  ])('by %s: the credential and the certification, two statements', async (_who, key) => {
    const { response, statements: sent } = await counted(key);
    expect(response.status).toBe(200);
    // Everything the answer shows was there to be read.
    const timeline = response.body.timeline as { revision: number }[];
    expect(timeline.map((event) => event.revision)).toEqual([1, 2]);
    expect(response.body.inspectors).toHaveLength(2);
    expect(response.body.notifications).toHaveLength(2);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toContain('"ApiKey"');
  });

  test('by a person: the token’s user and the certification, two statements', async () => {
    const { response, statements: sent } = await counted(await tokenOf('cq.reviewer'));
    expect(response.status).toBe(200);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toContain('"User"');
  });

  test.each([
    ['another county’s operator', 'Bearer dev-jiangbei-operator', 403],
    ['another city’s reviewer', 'Bearer dev-leshan-reviewer', 404],
  ])('refused to %s after the same two statements', async (_who, key, status) => {
    const { response, statements: sent } = await counted(key);
    expect(response.status).toBe(status);
    expect(sent).toHaveLength(2);
  });

  test('an inspector not assigned is answered 404, as before', async () => {
    await h.db.prisma.inspectionAssignment.delete({
      where: {
        certificationId_inspectorId: {
          certificationId: CERTIFICATION,
          inspectorId: 'apikey-dev-inspector',
        },
      },
    });
    const { response, statements: sent } = await counted('Bearer dev-inspector');
    expect(response.status).toBe(404);
    expect(sent).toHaveLength(2);
  });
});

describe('no credential is remembered across requests', () => {
  test('a key revoked through one API process is refused by another on the next request', async () => {
    const other = h.appWith({});
    const created = await request(h.app)
      .post('/api/v1/api-keys')
      .set('Authorization', 'Bearer dev-city-admin')
      .send({ name: 'round trips', role: 'CITY_REVIEWER' });
    expect(created.status).toBe(201);
    const key = `Bearer ${created.body.key as string}`;
    const path = `/api/v1/certifications/${CERTIFICATION}`;
    expect((await request(other).get(path).set('Authorization', key)).status).toBe(200);

    const revoked = await request(h.app)
      .post(`/api/v1/api-keys/${created.body.id as string}/revocation`)
      .set('Authorization', 'Bearer dev-city-admin');
    expect(revoked.status).toBe(200);
    expect((await request(other).get(path).set('Authorization', key)).status).toBe(401);
    expect((await request(h.app).get(path).set('Authorization', key)).status).toBe(401);
  });

  test('a user disabled through one API process is refused by another on the next request', async () => {
    const other = h.appWith({});
    const token = await tokenOf('jiangbei.operator');
    expect((await request(other).get('/api/v1/me').set('Authorization', token)).status).toBe(200);

    const disabled = await request(h.app)
      .post('/api/v1/users/user-jiangbei.operator/deactivation')
      .set('Authorization', 'Bearer dev-city-admin');
    expect(disabled.status).toBe(200);
    expect((await request(other).get('/api/v1/me').set('Authorization', token)).status).toBe(401);
  });
});
