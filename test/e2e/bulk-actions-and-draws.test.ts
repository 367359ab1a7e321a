// Bulk admin actions and spot-check draws over HTTP against real certification workflows
// (time-skipping server): opening the recheck now for every office named this year, with a
// per-office report that is the same when the request is repeated and never a second
// recheck; then a manual draw, its record and its reproduction from the seed.
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../api/app';
import { DEMO } from '../../modules/demo/seed';
import { useWorkflowHarness } from '../support/harness';
import { ACTORS, declareArgs } from '../support/fixtures';
import { LifecycleDriver } from '../support/lifecycle-driver';

const h = useWorkflowHarness({ server: 'time-skipping', name: 'bulk-actions' });

const ADMIN = 'Bearer dev-city-admin';
const REVIEWER = 'Bearer dev-city-reviewer';
const YUZHONG = 'Bearer dev-yuzhong-operator';
const LESHAN = 'Bearer dev-leshan-reviewer';

let app: Express;
/** Named this year in Yuzhong: two plain, one under a spot check already. */
let plain: LifecycleDriver[];
let underSpotCheck: LifecycleDriver;
/** Named this year in Jiangbei: outside the bulk action's county filter. */
let jiangbei: LifecycleDriver;
/** Approved but still building: never named, never selected. */
let building: LifecycleDriver;

const thisYear = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

async function office(n: number, countyId: string) {
  const id = `office-bulk-${n}`;
  await h.db.prisma.office.create({
    data: { id, countyId, code: `CQ-BULK-${n}`, name: `批量测试司法所${n}`, type: 'STREET' },
  });
  const actor =
    countyId === DEMO.counties.jiangbei ? ACTORS.jiangbeiOperator : ACTORS.yuzhongOperator;
  const d = new LifecycleDriver(
    { client: h.env.client, taskQueue: h.taskQueue, prisma: h.db.prisma },
    { ...declareArgs({ id, countyId, cityId: DEMO.cityId }), actor },
  );
  await d.declare();
  return d;
}

beforeAll(async () => {
  app = createApp({
    prisma: h.db.prisma,
    temporal: { client: h.env.client, taskQueue: h.taskQueue },
    contract: 'enforce',
  });
  plain = [await office(1, DEMO.counties.yuzhong), await office(2, DEMO.counties.yuzhong)];
  underSpotCheck = await office(3, DEMO.counties.yuzhong);
  jiangbei = await office(4, DEMO.counties.jiangbei);
  building = await office(5, DEMO.counties.yuzhong);
  for (const d of [...plain, underSpotCheck, jiangbei]) await d.certify();
  await underSpotCheck.send('START_SPOT_CHECK', { reason: '群众举报' }, ACTORS.reviewer);
  await building.send(
    'REVIEW_DECLARATION',
    { decision: 'APPROVE', reason: '同意' },
    ACTORS.reviewer,
  );
}, 120_000);

interface BulkBody {
  id: string;
  selected: number;
  completedAt: string | null;
  summary: Record<string, number>;
  items: { certificationId: string; outcome: string; reason: string | null }[];
}

const openRechecks = (body: object) =>
  request(app).post('/api/v1/bulk-actions').set('Authorization', ADMIN).send(body);

const REQUEST = {
  action: 'OPEN_RECHECK',
  filter: { certifiedInYear: thisYear, countyId: DEMO.counties.yuzhong },
  reason: '对本年度命名的司法所提前开展全面复查',
  key: 'recheck-yuzhong-this-year',
};

function outcomes(body: BulkBody): Record<string, string> {
  return Object.fromEntries(body.items.map((i) => [i.certificationId, i.outcome]));
}

async function rechecksOpened(d: LifecycleDriver): Promise<number> {
  return h.db.prisma.auditEvent.count({
    where: { certificationId: d.certificationId, action: 'RECHECK_OPENED' },
  });
}

describe('bulk actions', () => {
  test('opens the recheck for every office the filter names and reports each one', async () => {
    const response = await openRechecks(REQUEST);
    expect(response.status).toBe(201);
    const body = response.body as BulkBody;
    expect(body.selected).toBe(3);
    expect(body.completedAt).not.toBeNull();
    expect(outcomes(body)).toEqual({
      [plain[0]!.certificationId]: 'DONE',
      [plain[1]!.certificationId]: 'DONE',
      [underSpotCheck.certificationId]: 'REFUSED',
    });
    expect(body.items.find((i) => i.outcome === 'REFUSED')?.reason).toBe(
      'a spot check is already open',
    );
    expect(body.summary).toEqual({ DONE: 2, ALREADY_DONE: 0, REFUSED: 1, FAILED: 0, PENDING: 0 });
    for (const d of plain) {
      const view = await d.view();
      expect(view.state.openCheck?.kind).toBe('RECHECK');
      expect(view.state.rechecksOpened).toBe(1);
    }
    // Outside the county filter, and never named: untouched.
    expect((await jiangbei.view()).state.openCheck).toBeNull();
    expect((await building.view()).state.status).toBe('BUILDING');
  });

  test('the same request with the same key answers the recorded report and acts no more', async () => {
    const list = await request(app).get('/api/v1/bulk-actions').set('Authorization', ADMIN);
    const [latest] = (list.body as { items: { id: string }[] }).items;
    const recorded = await request(app)
      .get(`/api/v1/bulk-actions/${latest!.id}`)
      .set('Authorization', ADMIN);
    const again = await openRechecks(REQUEST);
    expect(again.status).toBe(200);
    expect((again.body as BulkBody).id).toBe(latest!.id);
    expect(outcomes(again.body as BulkBody)).toEqual(outcomes(recorded.body as BulkBody));
    for (const d of plain) expect(await rechecksOpened(d)).toBe(1);
  });

  test('a new request for the same offices reports them as already done, not as errors', async () => {
    const { key: _key, ...withoutKey } = REQUEST;
    const response = await openRechecks(withoutKey);
    expect(response.status).toBe(201);
    const body = response.body as BulkBody;
    expect(outcomes(body)).toEqual({
      [plain[0]!.certificationId]: 'ALREADY_DONE',
      [plain[1]!.certificationId]: 'ALREADY_DONE',
      [underSpotCheck.certificationId]: 'REFUSED',
    });
    expect(body.items.find((i) => i.outcome === 'ALREADY_DONE')?.reason).toMatch(
      /^a recheck has been open since /,
    );
    for (const d of plain) expect(await rechecksOpened(d)).toBe(1);
  });

  test('a spot check as a bulk action, by certification ids', async () => {
    const response = await openRechecks({
      action: 'START_SPOT_CHECK',
      filter: { certificationIds: [jiangbei.certificationId, underSpotCheck.certificationId] },
      reason: '专项抽查',
    });
    expect(response.status).toBe(201);
    expect(outcomes(response.body as BulkBody)).toEqual({
      [jiangbei.certificationId]: 'DONE',
      [underSpotCheck.certificationId]: 'ALREADY_DONE',
    });
    expect((await jiangbei.view()).state.openCheck?.kind).toBe('SPOT_CHECK');
  });

  test('a key reused for another request, an empty filter and a reviewer are refused', async () => {
    const reused = await openRechecks({ ...REQUEST, reason: '另一个理由' });
    expect(reused.status).toBe(422);
    expect(reused.body.errors[0].field).toBe('key');
    const empty = await openRechecks({ ...REQUEST, key: 'other', filter: {} });
    expect(empty.status).toBe(400);
    const reviewer = await request(app)
      .post('/api/v1/bulk-actions')
      .set('Authorization', REVIEWER)
      .send(REQUEST);
    expect(reviewer.status).toBe(403);
  });
});

interface DrawBody {
  id: string;
  seed: string;
  candidates: { certificationId: string; status: string }[];
  chosen: string[];
  items: { certificationId: string; outcome: string; reason: string | null }[];
}

describe('spot-check draws', () => {
  let draw: DrawBody;

  test('a manual draw picks among the certified offices and records each outcome', async () => {
    const response = await request(app)
      .post('/api/v1/spot-check-draws')
      .set('Authorization', ADMIN)
      .send({ share: 1 });
    expect(response.status).toBe(201);
    draw = response.body as DrawBody;
    expect(response.headers.location).toBe(`/api/v1/spot-check-draws/${draw.id}`);
    const certified = [...plain, underSpotCheck, jiangbei].map((d) => d.certificationId).sort();
    expect(draw.candidates.map((c) => c.certificationId).sort()).toEqual(certified);
    expect([...draw.chosen].sort()).toEqual(certified);
    expect(draw.chosen).not.toContain(building.certificationId);
    const outcome = (id: string) => draw.items.find((i) => i.certificationId === id)?.outcome;
    // A recheck open refuses a spot check; an open spot check is already done.
    expect(outcome(plain[0]!.certificationId)).toBe('REFUSED');
    expect(outcome(underSpotCheck.certificationId)).toBe('ALREADY_OPEN');
    expect(outcome(jiangbei.certificationId)).toBe('ALREADY_OPEN');
  });

  test('lists and shows the draw to the city, not to others', async () => {
    const list = await request(app).get('/api/v1/spot-check-draws').set('Authorization', REVIEWER);
    expect(list.status).toBe(200);
    expect((list.body as { items: { id: string }[] }).items.map((d) => d.id)).toContain(draw.id);
    const one = await request(app)
      .get(`/api/v1/spot-check-draws/${draw.id}`)
      .set('Authorization', REVIEWER);
    expect(one.status).toBe(200);
    expect(one.body.seed).toBe(draw.seed);
    const foreign = await request(app)
      .get(`/api/v1/spot-check-draws/${draw.id}`)
      .set('Authorization', LESHAN);
    expect(foreign.status).toBe(404);
    const county = await request(app).get('/api/v1/spot-check-draws').set('Authorization', YUZHONG);
    expect(county.status).toBe(403);
  });

  test('a reproduction re-runs the draw from its seed and finds the same offices', async () => {
    const response = await request(app)
      .post(`/api/v1/spot-check-draws/${draw.id}/reproduction`)
      .set('Authorization', REVIEWER);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      drawId: draw.id,
      seed: draw.seed,
      matches: true,
      recorded: draw.chosen,
      reproduced: draw.chosen,
    });
  });

  test('with no worker to run it, a manual draw answers 202 with where it will appear', async () => {
    const stalled = createApp({
      prisma: h.db.prisma,
      temporal: { client: h.env.client, taskQueue: 'spot-check-draws-without-worker' },
      contract: 'enforce',
    });
    const response = await request(stalled)
      .post('/api/v1/spot-check-draws')
      .set('Authorization', ADMIN)
      .send({ share: 0.5 });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ status: 'RUNNING' });
    expect(response.headers.location).toBe(
      `/api/v1/spot-check-draws/${(response.body as { drawId: string }).drawId}`,
    );
    await h.env.client.workflow
      .getHandle((response.body as { workflowId: string }).workflowId)
      .terminate('test over');
  }, 30_000);
});
