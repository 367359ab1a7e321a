// Spot-check sampling (随时开展抽查): a Temporal Schedule (ops/schedules.ts) starts
// spotCheckSamplingWorkflow, which runs one citySpotCheckDrawWorkflow per city. Each draws a
// seeded random sample of the city's certified offices (domain/spot-check-sampling.ts),
// records the draw with its seed and candidates before acting, then starts a spot check on
// each chosen office through the certification workflow's START_SPOT_CHECK update.
import { executeChild, proxyActivities, uuid4, workflowInfo } from '@temporalio/workflow';
import type { SpotCheckActivities } from './activities';
import { drawSample, newSeed } from './rules/sampling';

const activities = proxyActivities<SpotCheckActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

export const SPOT_CHECK_SAMPLING_WORKFLOW_TYPE = 'spotCheckSamplingWorkflow';
export const CITY_SPOT_CHECK_DRAW_WORKFLOW_TYPE = 'citySpotCheckDrawWorkflow';

/** Spot checks started at the same time; the rest wait their turn. */
export const SPOT_CHECK_CONCURRENCY = 5;

export interface CitySpotCheckDrawInput {
  cityId: string;
  share: number;
  trigger: 'SCHEDULE' | 'MANUAL';
  /** Who asked: "system" for the schedule, the admin's principal id for a manual draw. */
  requestedBy: string;
  /** Chosen by the caller that wants to find the draw before it ends; default: a fresh id. */
  drawId?: string;
}

export interface CitySpotCheckDrawResult {
  drawId: string;
  cityId: string;
  seed: string;
  candidates: number;
  outcomes: { certificationId: string; officeId: string; outcome: string; reason: string | null }[];
}

export async function citySpotCheckDrawWorkflow(
  input: CitySpotCheckDrawInput,
): Promise<CitySpotCheckDrawResult> {
  const candidates = await activities.listSpotCheckCandidates({ cityId: input.cityId });
  // Workflow randomness is seeded by Temporal and replays identically; the seed drawn from it
  // is recorded, and from then on the draw depends only on the seed and the candidates.
  const seed = newSeed(Math.random);
  const draw = drawSample({ seed, share: input.share, candidates });
  const drawId = input.drawId ?? uuid4();
  const drawnAt = Date.now();
  await activities.recordSpotCheckDraw({
    drawId,
    cityId: input.cityId,
    seed,
    algorithm: draw.algorithm,
    share: input.share,
    candidates: draw.candidates,
    chosen: draw.chosen,
    trigger: input.trigger,
    workflowId: workflowInfo().workflowId,
    drawnAt,
    requestedBy: input.requestedBy,
  });
  const reason = `随机抽查(抽签 ${drawId.slice(0, 8)},种子 ${seed})`;
  const outcomes: CitySpotCheckDrawResult['outcomes'] = [];
  for (let i = 0; i < draw.chosen.length; i += SPOT_CHECK_CONCURRENCY) {
    const batch = draw.chosen.slice(i, i + SPOT_CHECK_CONCURRENCY);
    const results = await Promise.all(
      batch.map((c) =>
        activities.startDrawnSpotCheck({
          drawId,
          cityId: input.cityId,
          certificationId: c.certificationId,
          officeId: c.officeId,
          reason,
        }),
      ),
    );
    results.forEach((r, j) => {
      const c = batch[j]!;
      outcomes.push({ certificationId: c.certificationId, officeId: c.officeId, ...r });
    });
  }
  await activities.completeSpotCheckDraw({ drawId });
  return { drawId, cityId: input.cityId, seed, candidates: draw.candidates.length, outcomes };
}

export interface SpotCheckSamplingInput {
  share: number;
  /** Default: every city. */
  cityIds?: string[];
}

/** What the schedule starts: one draw per city, each its own child workflow. */
export async function spotCheckSamplingWorkflow(
  input: SpotCheckSamplingInput,
): Promise<CitySpotCheckDrawResult[]> {
  const cityIds = input.cityIds ?? (await activities.listSamplingCities());
  const parent = workflowInfo().workflowId;
  const results: CitySpotCheckDrawResult[] = [];
  for (const cityId of cityIds) {
    results.push(
      await executeChild(citySpotCheckDrawWorkflow, {
        workflowId: `${parent}-${cityId}`,
        args: [{ cityId, share: input.share, trigger: 'SCHEDULE', requestedBy: 'system' }],
      }),
    );
  }
  return results;
}
