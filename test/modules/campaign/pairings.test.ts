// Pairing (挂钩结对, seed 002) over HTTP: the city pairs a bureau department with offices of
// two counties for the demo campaign, records a signed responsibility letter (责任状), and
// sees the signing rate per county and for the city against the campaign's target in its
// progress; the office shows its pairing; each county sees only its own; mistakes are named.
import request from 'supertest';
import { DEMO, DEMO_CAMPAIGN_TARGETS } from '../../../modules/demo/seed';
import { useApiHarness } from '../../support/api-harness';

const h = useApiHarness({
  // Seed 002's target: every pairing signs its letter (签约率达100%).
  prepare: async (db) => {
    await db.prisma.campaign.update({
      where: { id: DEMO.campaignId },
      data: { targets: { ...DEMO_CAMPAIGN_TARGETS, signingRate: 1 } },
    });
  },
});

const ADMIN = 'Bearer dev-city-admin';
const REVIEWER = 'Bearer dev-city-reviewer';
const YUZHONG = 'Bearer dev-yuzhong-operator';
const LESHAN = 'Bearer dev-leshan-reviewer';
const base = `/api/v1/campaigns/${DEMO.campaignId}/pairings`;
const attachment = {
  name: '责任状-基层科-解放碑司法所.pdf',
  size: 88_000,
  sha256: 'b'.repeat(64),
  mediaType: 'application/pdf',
};

interface Pairing {
  id: string;
  officeId: string;
  countyId: string;
  department: string;
  letter: { signedOn: string } | null;
}
const items = (body: unknown) => (body as { items: Pairing[] }).items;
const fields = (body: unknown) =>
  ((body as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);

test('a department is paired with offices, a letter is recorded, and the signing rate shows', async () => {
  const created = await request(h.app)
    .post(base)
    .set('Authorization', REVIEWER)
    .send({
      department: '基层科',
      officeIds: ['office-jiefangbei', 'office-guanyinqiao'],
      responsibilities: '加强基层司法所建设,为社区矫正提供基层基础保障',
    });
  expect(created.status).toBe(201);
  const pairs = items(created.body);
  expect(pairs.map((p) => [p.officeId, p.countyId, p.department, p.letter])).toEqual([
    ['office-guanyinqiao', DEMO.counties.jiangbei, '基层科', null],
    ['office-jiefangbei', DEMO.counties.yuzhong, '基层科', null],
  ]);

  // One department per office and campaign; offices of another city do not exist here.
  const again = await request(h.app)
    .post(base)
    .set('Authorization', ADMIN)
    .send({ department: '法制宣传科', officeIds: ['office-jiefangbei'] });
  expect(again.status).toBe(409);
  const stranger = await request(h.app)
    .post(base)
    .set('Authorization', ADMIN)
    .send({ department: '法制宣传科', officeIds: ['office-yuzui', 'office-ls-zhanggong'] });
  expect(stranger.status).toBe(422);
  expect(fields(stranger.body)).toEqual(['officeIds.1']);
  expect((await request(h.app).post(base).set('Authorization', YUZHONG).send({})).status).toBe(403);

  // The letter of Jiefangbei's pairing is recorded once, and not with a date to come.
  const jiefangbei = pairs.find((p) => p.officeId === 'office-jiefangbei')!;
  const letterPath = `${base}/${jiefangbei.id}/letter`;
  const future = await request(h.app)
    .post(letterPath)
    .set('Authorization', REVIEWER)
    .send({ signedOn: '2199-01-01', attachment });
  expect(future.status).toBe(422);
  expect(fields(future.body)).toEqual(['signedOn']);
  const signed = await request(h.app)
    .post(letterPath)
    .set('Authorization', REVIEWER)
    .send({
      signedOn: '2022-06-15',
      signatories: { department: '基层科科长', office: '解放碑司法所所长' },
      attachment,
    });
  expect(signed.status).toBe(201);
  expect(signed.body).toMatchObject({
    letter: { signedOn: '2022-06-15', attachment, recordedBy: 'apikey-dev-city-reviewer' },
  });
  const twice = await request(h.app)
    .post(letterPath)
    .set('Authorization', REVIEWER)
    .send({ signedOn: '2022-06-16', attachment });
  expect(twice.status).toBe(409);
  const unknown = await request(h.app)
    .post(`${base}/no-such-pairing/letter`)
    .set('Authorization', REVIEWER)
    .send({ signedOn: '2022-06-16', attachment });
  expect(unknown.status).toBe(404);

  // Progress: half the city's pairings signed against a target of all; Yuzhong has met it.
  const progress = await request(h.app)
    .get(`/api/v1/campaigns/${DEMO.campaignId}/progress`)
    .set('Authorization', REVIEWER);
  expect(progress.status).toBe(200);
  const signing = (progress.body as { signing: unknown }).signing;
  expect(signing).toEqual({
    city: { pairings: 2, signed: 1, rate: 0.5, target: 1, met: false },
    counties: [
      {
        countyId: DEMO.counties.jiangbei,
        countyName: '江北区',
        pairings: 1,
        signed: 0,
        rate: 0,
        target: 1,
        met: false,
      },
      {
        countyId: DEMO.counties.yuzhong,
        countyName: '渝中区',
        pairings: 1,
        signed: 1,
        rate: 1,
        target: 1,
        met: true,
      },
    ],
  });

  // A county operator sees its own county's pairing, rate and office.
  const own = await request(h.app).get(base).set('Authorization', YUZHONG);
  expect(items(own.body).map((p) => p.officeId)).toEqual(['office-jiefangbei']);
  const ownProgress = await request(h.app)
    .get(`/api/v1/campaigns/${DEMO.campaignId}/progress`)
    .set('Authorization', YUZHONG);
  expect(
    (ownProgress.body as { signing: { counties: { countyId: string }[] } }).signing.counties.map(
      (c) => c.countyId,
    ),
  ).toEqual([DEMO.counties.yuzhong]);
  const unsigned = await request(h.app).get(`${base}?signed=false`).set('Authorization', ADMIN);
  expect(items(unsigned.body).map((p) => p.officeId)).toEqual(['office-guanyinqiao']);
  const office = await request(h.app)
    .get('/api/v1/offices/office-jiefangbei')
    .set('Authorization', YUZHONG);
  expect((office.body as { pairings: unknown }).pairings).toEqual([
    expect.objectContaining({
      campaignId: DEMO.campaignId,
      department: '基层科',
      letter: { signedOn: '2022-06-15' },
    }),
  ]);

  // Another city's reviewer finds no such campaign; every step is audited.
  expect((await request(h.app).get(base).set('Authorization', LESHAN)).status).toBe(404);
  const audit = await h.db.prisma.auditEvent.groupBy({
    by: ['action'],
    where: { details: { path: ['campaignId'], equals: DEMO.campaignId } },
    _count: { _all: true },
  });
  const count = (action: string) => audit.find((a) => a.action === action)?._count._all ?? 0;
  expect(count('CAMPAIGN_PAIRING_CREATED')).toBe(2);
  expect(count('CAMPAIGN_LETTER_SIGNED')).toBe(1);
});
