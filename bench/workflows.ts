// The bench worker's workflow bundle: the real certification workflow, and a no-op workflow
// with the same shape (updates that each run activities) as the baseline it is compared with.
// Deterministic workflow code: no Node APIs, activities only by type.
import {
  allHandlersFinished,
  condition,
  defineUpdate,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';

export { certificationWorkflow } from '../workflows/certification';

export const NOOP_WORKFLOW_TYPE = 'noopLifecycleWorkflow';

export interface NoopActivities {
  noop(): Promise<void>;
}

export interface NoopStep {
  /** How many no-op activities this update runs, one after another. */
  activities: number;
  /** The last update of the lifecycle: the workflow completes once it has run. */
  final: boolean;
}

/** One generic update standing in for every human action; answers how many steps ran. */
export const noopStepUpdate = defineUpdate<number, [NoopStep]>('step');

// The same activity options as the certification workflow, so both pay the same scheduling.
const { noop } = proxyActivities<NoopActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

export async function noopLifecycleWorkflow(): Promise<number> {
  let steps = 0;
  let done = false;
  // Like the certification workflow, handlers run one at a time.
  let busy = false;

  setHandler(noopStepUpdate, async (step) => {
    await condition(() => !busy);
    busy = true;
    try {
      for (let i = 0; i < step.activities; i += 1) await noop();
      steps += 1;
      if (step.final) done = true;
      return steps;
    } finally {
      busy = false;
    }
  });

  await condition(() => done);
  await condition(allHandlersFinished);
  return steps;
}
