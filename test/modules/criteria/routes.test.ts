// The criteria and office-profile routes over HTTP (no Temporal needed): publishing versions
// with validation that names each field, reading, listing and diffing them, who may do what,
// and recording profiles with their history.
import request from 'supertest';
import { chinaToday } from '../../../modules/shared';
import { DEMO } from '../../../modules/demo/seed';
import type { CriteriaSetDraft } from '../../../modules/criteria/rules/criteria';
import { FENGQIAO_OFFICE_V1 } from '../../../modules/criteria/rules/criteria-sets';
import { goodProfile } from '../../support/criteria-fixtures';
import { useApiHarness } from '../../support/api-harness';

const h = useApiHarness();

const ADMIN = 'Bearer dev-city-admin';
const REVIEWER = 'Bearer dev-city-reviewer';
const INSPECTOR = 'Bearer dev-inspector';
const YUZHONG = 'Bearer dev-yuzhong-operator';
const JIANGBEI = 'Bearer dev-jiangbei-operator';
const LESHAN = 'Bearer dev-leshan-reviewer';

/** The Fengqiao-style set as a draft of a Chongqing set of its own. */
function cqDraft(overrides: Partial<CriteriaSetDraft> = {}): CriteriaSetDraft {
  const { version: _version, ...draft } = structuredClone(FENGQIAO_OFFICE_V1);
  return { ...draft, code: 'cq-fengqiao', ...overrides };
}

const ids = (body: unknown) => (body as { items: { id: string }[] }).items.map((v) => v.id);

const publish = (body: object, key = ADMIN) =>
  request(h.app).post('/api/v1/criteria-sets').set('Authorization', key).send(body);

describe('publishing criteria versions', () => {
  test('a city admin publishes version 1, then version 2 of the same code', async () => {
    const first = await publish(cqDraft());
    expect(first.status).toBe(201);
    expect(first.headers.location).toBe('/api/v1/criteria-sets/cq-fengqiao/versions/1');
    expect(first.body).toMatchObject({
      id: 'cq-fengqiao@1',
      version: 1,
      shared: false,
      cityId: DEMO.cityId,
      createdBy: 'apikey-dev-city-admin',
      items: { scored: 12, mandatory: 4, veto: 3, autoChecked: 3 },
      criteria: { ...cqDraft(), version: 1 },
    });
    const second = await publish(cqDraft({ passThreshold: 90 }));
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ id: 'cq-fengqiao@2', version: 2, passThreshold: 90 });
  });

  test('invalid drafts answer 400 naming each field', async () => {
    const draft = cqDraft({ code: 'cq-broken', totalPoints: 99, passThreshold: 120 });
    const safety = draft.dimensions[3]!;
    safety.items[3] = { ...safety.items[3]!, maxPoints: 5 };
    safety.items.push({ ...safety.items[0]!, titleEn: 'again' });
    const response = await publish(draft);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors).toEqual([
      {
        field: 'dimensions.3.items.3.maxPoints',
        message: 'a veto item carries no points (give 0)',
      },
      {
        field: 'dimensions.3.items.6.code',
        message: 'duplicate code DISPUTE_RESOLUTION (also at dimensions.3.items.0)',
      },
      { field: 'totalPoints', message: "the scored items' points sum to 112, not 99" },
      { field: 'passThreshold', message: 'must be between 0 and totalPoints (99)' },
    ]);
  });

  test('only a city admin may publish', async () => {
    for (const key of [REVIEWER, INSPECTOR, YUZHONG]) {
      expect((await publish(cqDraft({ code: 'cq-other' }), key)).status).toBe(403);
    }
  });

  test('a shared set cannot be extended over the API', async () => {
    const shared = await publish(cqDraft({ code: 'fengqiao-office' }));
    expect(shared.status).toBe(409);
    expect(shared.body.detail).toMatch(/shared criteria set/);
  });
});

describe('reading criteria versions', () => {
  test('every role of the city lists the shared sets and the city’s own', async () => {
    for (const key of [ADMIN, REVIEWER, INSPECTOR, YUZHONG]) {
      const response = await request(h.app).get('/api/v1/criteria-sets').set('Authorization', key);
      expect(response.status).toBe(200);
      expect(ids(response.body)).toEqual([
        'cq-fengqiao@1',
        'cq-fengqiao@2',
        'fengqiao-office@1',
        'standardised-office@1',
      ]);
    }
    const filtered = await request(h.app)
      .get('/api/v1/criteria-sets?code=fengqiao-office')
      .set('Authorization', INSPECTOR);
    expect(filtered.body.items).toEqual([
      expect.objectContaining({
        id: 'fengqiao-office@1',
        shared: true,
        totalPoints: 100,
        passThreshold: 85,
      }),
    ]);
  });

  test('another city sees only the shared sets, and not this city’s versions', async () => {
    const list = await request(h.app).get('/api/v1/criteria-sets').set('Authorization', LESHAN);
    expect(ids(list.body)).toEqual(['fengqiao-office@1', 'standardised-office@1']);
    const hidden = await request(h.app)
      .get('/api/v1/criteria-sets/cq-fengqiao/versions/1')
      .set('Authorization', LESHAN);
    expect(hidden.status).toBe(404);
  });

  test('one version, with its dimensions and items', async () => {
    const response = await request(h.app)
      .get('/api/v1/criteria-sets/standardised-office/versions/1')
      .set('Authorization', INSPECTOR);
    expect(response.status).toBe(200);
    expect(
      (response.body as { criteria: { dimensions: { code: string }[] } }).criteria.dimensions.map(
        (d) => d.code,
      ),
    ).toEqual(['FACILITIES', 'STAFFING', 'FRONTLINE_WORK', 'MANAGEMENT']);
    const missing = await request(h.app)
      .get('/api/v1/criteria-sets/standardised-office/versions/9')
      .set('Authorization', INSPECTOR);
    expect(missing.status).toBe(404);
  });

  test('the diff of two versions names what changed', async () => {
    const response = await request(h.app)
      .get('/api/v1/criteria-sets/cq-fengqiao/diff?from=1&to=2')
      .set('Authorization', REVIEWER);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      code: 'cq-fengqiao',
      from: 1,
      to: 2,
      set: [{ field: 'passThreshold', from: 85, to: 90 }],
      items: { added: [], removed: [], changed: [] },
      identical: false,
    });
    const unknown = await request(h.app)
      .get('/api/v1/criteria-sets/cq-fengqiao/diff?from=1&to=7')
      .set('Authorization', REVIEWER);
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors).toEqual([{ field: 'to', message: 'not found' }]);
    const bad = await request(h.app)
      .get('/api/v1/criteria-sets/cq-fengqiao/diff?from=one&to=2')
      .set('Authorization', REVIEWER);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('from');
  });

  test('the OpenAPI document lists the new routes', async () => {
    const doc = await request(h.app).get('/openapi.json');
    expect(Object.keys((doc.body as { paths: object }).paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/criteria-sets',
        '/api/v1/criteria-sets/{code}/versions/{version}',
        '/api/v1/criteria-sets/{code}/diff',
        '/api/v1/offices/{officeId}/profiles',
        '/api/v1/offices/{officeId}/profile',
      ]),
    );
  });
});

describe('office profiles', () => {
  const profiles = (officeId: string) => `/api/v1/offices/${officeId}/profiles`;

  test('a county operator records a profile of an office of the county; the history keeps both', async () => {
    const recorded = await request(h.app)
      .post(profiles('office-jiefangbei'))
      .set('Authorization', YUZHONG)
      .send({ effectiveFrom: '2024-01-01', values: goodProfile({ premisesAreaM2: 175 }) });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      officeId: 'office-jiefangbei',
      effectiveFrom: '2024-01-01',
      recordedBy: 'apikey-dev-yuzhong-operator',
      values: { premisesAreaM2: 175 },
    });
    const history = await request(h.app)
      .get(profiles('office-jiefangbei'))
      .set('Authorization', INSPECTOR);
    expect(
      (history.body as { items: { effectiveFrom: string }[] }).items.map((p) => p.effectiveFrom),
    ).toEqual(['2024-01-01', '2022-01-01']);
  });

  test('the profile as of a date is the one in effect then', async () => {
    const at = (asOf: string) =>
      request(h.app)
        .get(`/api/v1/offices/office-jiefangbei/profile?asOf=${asOf}`)
        .set('Authorization', INSPECTOR);
    expect((await at('2023-12-31')).body).toMatchObject({
      asOf: '2023-12-31',
      effectiveFrom: '2022-01-01',
      values: { premisesAreaM2: 160 },
    });
    expect((await at('2024-01-01')).body.values.premisesAreaM2).toBe(175);
    expect((await at('2021-06-30')).status).toBe(404);
    const today = await request(h.app)
      .get('/api/v1/offices/office-jiefangbei/profile')
      .set('Authorization', INSPECTOR);
    expect(today.body.asOf).toBe(chinaToday());
  });

  test('an inconsistent profile answers 400 naming the field', async () => {
    const response = await request(h.app)
      .post(profiles('office-jiefangbei'))
      .set('Authorization', REVIEWER)
      .send({
        effectiveFrom: '2024-02-30',
        values: goodProfile({ mediation: { cases: 10, successful: 12 } }),
      });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { field: 'effectiveFrom', message: 'is not a calendar date' },
      { field: 'values.mediation.successful', message: 'cannot exceed mediation.cases' },
    ]);
  });

  test('another county may not record, an inspector may not record, another city sees nothing', async () => {
    const body = { effectiveFrom: '2024-03-01', values: goodProfile() };
    expect(
      (
        await request(h.app)
          .post(profiles('office-jiefangbei'))
          .set('Authorization', JIANGBEI)
          .send(body)
      ).status,
    ).toBe(403);
    expect(
      (
        await request(h.app)
          .post(profiles('office-jiefangbei'))
          .set('Authorization', INSPECTOR)
          .send(body)
      ).status,
    ).toBe(403);
    expect(
      (await request(h.app).get(profiles('office-jiefangbei')).set('Authorization', LESHAN)).status,
    ).toBe(404);
    expect(
      (await request(h.app).get(profiles('office-nowhere')).set('Authorization', REVIEWER)).status,
    ).toBe(404);
  });
});
