// The spot-check sampling workflows on the time-skipping server, with offices in mixed
// statuses: only certified offices are drawn, each chosen office gets its spot check through
// the lifecycle (or reports one already open), the draw is recorded before anything starts,
// and re-running the pure draw from the recorded seed and candidates gives the same offices.
import { randomUUID } from 'node:crypto';
import type { SamplingCandidate } from '../../../modules/spot-check/rules/sampling';
import { reproduceDraw } from '../../../modules/spot-check/rules/sampling';
import type { CitySpotCheckDrawResult } from '../../../modules/spot-check/workflow';
import {
  citySpotCheckDrawWorkflow,
  spotCheckSamplingWorkflow,
} from '../../../modules/spot-check/workflow';
import { DEMO } from '../../../modules/demo/seed';
import { useWorkflowHarness } from '../../support/harness';
import { ACTORS, declareArgs } from '../../support/fixtures';
import { LifecycleDriver, bounded } from '../../support/lifecycle-driver';

const h = useWorkflowHarness({ server: 'time-skipping', name: 'spot-check-sampling' });

type Office = { id: string; countyId: string; cityId: string };

function driver(office: Office): LifecycleDriver {
  const actor =
    office.countyId === DEMO.counties.jiangbei ? ACTORS.jiangbeiOperator : ACTORS.yuzhongOperator;
  return new LifecycleDriver(
    { client: h.env.client, taskQueue: h.taskQueue, prisma: h.db.prisma },
    { ...declareArgs(office), actor },
  );
}

async function newOffice(n: number, countyId: string): Promise<Office> {
  const id = `office-sampling-${n}`;
  await h.db.prisma.office.create({
    data: { id, countyId, code: `CQ-SAMPLE-${n}`, name: `抽查测试司法所${n}`, type: 'TOWNSHIP' },
  });
  return { id, countyId, cityId: DEMO.cityId };
}

const certified: LifecycleDriver[] = [];
const notCertified: LifecycleDriver[] = [];
let spotCheckOpen: LifecycleDriver;

beforeAll(async () => {
  // Seven certified offices (one of them already under a spot check), and one office in
  // each other live status: declared, building, verifying.
  const offices: Office[] = [];
  for (let n = 1; n <= 10; n++) {
    offices.push(await newOffice(n, n % 2 ? DEMO.counties.yuzhong : DEMO.counties.jiangbei));
  }
  const drivers = offices.map(driver);
  for (const d of drivers) await d.declare();
  for (const d of drivers.slice(0, 7)) {
    await d.certify();
    certified.push(d);
  }
  spotCheckOpen = certified[6]!;
  await spotCheckOpen.send('START_SPOT_CHECK', { reason: '群众举报' }, ACTORS.reviewer);
  const [declared, building, verifying] = drivers.slice(7);
  await building!.send(
    'REVIEW_DECLARATION',
    { decision: 'APPROVE', reason: '同意' },
    ACTORS.reviewer,
  );
  await verifying!.send(
    'REVIEW_DECLARATION',
    { decision: 'APPROVE', reason: '同意' },
    ACTORS.reviewer,
  );
  await verifying!.buildAndRequestVerification();
  notCertified.push(declared!, building!, verifying!);
}, 120_000);

async function runDraw(share: number): Promise<CitySpotCheckDrawResult> {
  return bounded(
    'the city draw',
    h.env.client.workflow.execute(citySpotCheckDrawWorkflow, {
      workflowId: `draw-test-${randomUUID()}`,
      taskQueue: h.taskQueue,
      args: [{ cityId: DEMO.cityId, share, trigger: 'MANUAL', requestedBy: 'test' }],
    }),
    60_000,
  );
}

test('a full draw picks every certified office and none other, and starts their spot checks', async () => {
  const result = await runDraw(1);
  const chosen = result.outcomes.map((o) => o.certificationId).sort();
  expect(chosen).toEqual(certified.map((d) => d.certificationId).sort());
  for (const d of notCertified) expect(chosen).not.toContain(d.certificationId);

  const outcomeOf = (d: LifecycleDriver) =>
    result.outcomes.find((o) => o.certificationId === d.certificationId);
  expect(outcomeOf(spotCheckOpen)).toMatchObject({
    outcome: 'ALREADY_OPEN',
    reason: expect.stringMatching(/^a spot check has been open since /),
  });
  for (const d of certified.slice(0, 6)) {
    expect(outcomeOf(d)).toMatchObject({ outcome: 'STARTED', reason: null });
    const view = await d.view();
    expect(view.state.openCheck?.kind).toBe('SPOT_CHECK');
  }

  // The record: seed, candidates, chosen, and one item per office with its outcome.
  const draw = await h.db.prisma.spotCheckDraw.findUniqueOrThrow({
    where: { id: result.drawId },
    include: { items: { orderBy: { position: 'asc' } } },
  });
  expect(draw).toMatchObject({ cityId: DEMO.cityId, seed: result.seed, sampleSize: 7 });
  expect(draw.completedAt).not.toBeNull();
  expect(draw.items.map((i) => i.outcome).sort()).toEqual([
    'ALREADY_OPEN',
    ...Array<string>(6).fill('STARTED'),
  ]);
  // The spot check's timeline names the system and the draw.
  const started = await h.db.prisma.auditEvent.findFirstOrThrow({
    where: { certificationId: certified[0]!.certificationId, action: 'SPOT_CHECK_STARTED' },
  });
  expect(started).toMatchObject({ actorId: 'system', actorRole: 'SYSTEM' });
  expect(started.reason).toContain(result.seed);
  expect(started.requestId).toBe(`spot-check-draw:${result.drawId}`);
});

test('a partial draw is reproducible from its recorded seed and candidates', async () => {
  // The schedule's parent workflow, for one city: the draw runs as its child.
  const [result] = await bounded(
    'the sampling workflow',
    h.env.client.workflow.execute(spotCheckSamplingWorkflow, {
      workflowId: `sampling-test-${randomUUID()}`,
      taskQueue: h.taskQueue,
      args: [{ share: 0.3, cityIds: [DEMO.cityId] }],
    }),
    60_000,
  );
  const draw = await h.db.prisma.spotCheckDraw.findUniqueOrThrow({
    where: { id: result!.drawId },
  });
  const candidates = draw.candidates as unknown as SamplingCandidate[];
  // Every certified office was a candidate (the projection is read after the first test's
  // spot checks, which leave them certified); nothing else was.
  expect(candidates.map((c) => c.certificationId).sort()).toEqual(
    certified.map((d) => d.certificationId).sort(),
  );
  expect(candidates.every((c) => c.status === 'CERTIFIED')).toBe(true);
  const chosen = draw.chosen as string[];
  expect(chosen).toHaveLength(3); // ⌈0.3 × 7⌉
  const again = reproduceDraw({ ...draw, candidates, chosen });
  expect(again).toEqual({ matches: true, recorded: chosen, reproduced: chosen });
  // Every office chosen already had a spot check open from the first draw.
  expect(result!.outcomes.every((o) => o.outcome === 'ALREADY_OPEN')).toBe(true);
});
