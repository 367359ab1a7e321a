// The spot-check Schedule on a real Temporal dev server: created idempotently at start-up
// (a second call updates cadence and share), and a triggered run draws for every city and
// starts the chosen office's spot check, recording the draw as scheduled.
import type { ScheduleDescription } from '@temporalio/client';
import {
  DAILY_DIGEST_SCHEDULE_ID,
  SPOT_CHECK_SCHEDULE_ID,
  ensureDigestSchedule,
  ensureSpotCheckSchedule,
} from '../../../ops/schedules';
import { DEMO } from '../../../modules/demo/seed';
import { useWorkflowHarness } from '../../support/harness';
import { ACTORS, JIEFANGBEI, declareArgs } from '../../support/fixtures';
import { LifecycleDriver, bounded } from '../../support/lifecycle-driver';

const h = useWorkflowHarness({ server: 'dev', name: 'spot-check-schedule' });

function actionArgs(description: ScheduleDescription): unknown {
  return description.action.type === 'startWorkflow' ? description.action.args : undefined;
}

test('the schedule is created once, updated on the next start, and its run draws per city', async () => {
  const named = new LifecycleDriver(
    { client: h.env.client, taskQueue: h.taskQueue, prisma: h.db.prisma },
    { ...declareArgs(JIEFANGBEI), actor: ACTORS.yuzhongOperator },
  );
  await named.declare();
  await named.certify();

  const schedule = { taskQueue: h.taskQueue, timezone: 'Asia/Shanghai' };
  await ensureSpotCheckSchedule(h.env.client, { ...schedule, cron: '0 9 1 * *', share: 0.05 });
  await ensureSpotCheckSchedule(h.env.client, { ...schedule, cron: '0 9 15 * *', share: 1 });
  const handle = h.env.client.schedule.getHandle(SPOT_CHECK_SCHEDULE_ID);
  const description = await handle.describe();
  expect(actionArgs(description)).toEqual([{ share: 1 }]);
  expect(description.spec.timezone).toBe('Asia/Shanghai');
  expect(JSON.stringify(description.spec.calendars)).toContain('15');

  await handle.trigger();
  // Wait for the triggered run's result rather than polling the database: PGlite runs in this
  // process, and a tight query loop would starve the worker sharing the event loop.
  let started: string | undefined;
  const deadline = Date.now() + 30_000;
  while (!started && Date.now() < deadline) {
    const action = (await handle.describe()).info.recentActions[0]?.action;
    started = action?.workflow.workflowId;
  }
  if (!started) throw new Error('the triggered run did not start within 30 s');
  const results = await bounded(
    'the scheduled run',
    h.env.client.workflow.getHandle(started).result(),
    60_000,
  );
  const cq = (results as { cityId: string; drawId: string }[]).find(
    (r) => r.cityId === DEMO.cityId,
  );
  const draw = await h.db.prisma.spotCheckDraw.findUnique({
    where: { id: cq?.drawId ?? '' },
    include: { items: true },
  });
  expect(draw).toMatchObject({ trigger: 'SCHEDULE', completedAt: expect.any(Date) });
  expect(draw?.chosen).toEqual([named.certificationId]);
  expect(draw?.items.map((i) => i.outcome)).toEqual(['STARTED']);
  expect((await named.view()).state.openCheck?.kind).toBe('SPOT_CHECK');
  // Every city is drawn, even one with nothing certified (an empty, recorded draw).
  const leshan = await h.db.prisma.spotCheckDraw.findFirst({
    where: { cityId: DEMO.otherCityId, trigger: 'SCHEDULE' },
  });
  expect(leshan).toMatchObject({ sampleSize: 0, chosen: [] });
});

// Every worker replica ensures the Schedules as it starts, and replicas start together
// (decision 0026): the loser of the creation race updates what the winner created.
test('workers starting at once all ensure the schedules without error, leaving one of each', async () => {
  const digest = { taskQueue: h.taskQueue, cron: '30 8 * * *', timezone: 'Asia/Shanghai' };
  const spotCheck = { ...digest, cron: '0 9 1 * *', share: 0.1 };
  await Promise.all([
    ensureDigestSchedule(h.env.client, digest),
    ensureDigestSchedule(h.env.client, digest),
    ensureSpotCheckSchedule(h.env.client, spotCheck),
    ensureSpotCheckSchedule(h.env.client, spotCheck),
  ]);
  const described = await h.env.client.schedule.getHandle(DAILY_DIGEST_SCHEDULE_ID).describe();
  expect(JSON.stringify(described.spec.calendars)).toContain('30');
  const spot = await h.env.client.schedule.getHandle(SPOT_CHECK_SCHEDULE_ID).describe();
  expect(actionArgs(spot)).toEqual([{ share: 0.1 }]);
});
