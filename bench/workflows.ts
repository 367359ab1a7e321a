// The bench worker's workflow bundle: the real certification workflow, and a no-op workflow
// with the same shape (updates that run activities) as the baseline it is compared with.
// Deterministic workflow code: no Node APIs, activities only by type.
import {
  allHandlersFinished,
  condition,
  defineUpdate,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';

export { certificationWorkflow } from '../modules/certification/workflow';

export const NOOP_WORKFLOW_TYPE = 'noopLifecycleWorkflow';

export interface NoopActivities {
  noop(): Promise<void>;
}

/** What one update of the no-op workflow does, copied from one update of a lifecycle. */
export interface NoopStep {
  /** No-op activities the update runs one after another before it answers. */
  activities: number;
  /** No-op activities it starts as it answers and does not wait for (like email). */
  background: number;
  /** The last update of the lifecycle: the workflow completes once everything has run. */
  final: boolean;
}

/** One generic update standing in for every human action; answers how many steps ran. */
export const noopStepUpdate = defineUpdate<number, [NoopStep]>('step');

// The same activity options as the certification workflow's projection, so both pay the
// same scheduling.
const { noop } = proxyActivities<NoopActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

export async function noopLifecycleWorkflow(): Promise<number> {
  let steps = 0;
  let done = false;
  let inBackground = 0;
  // Like the certification workflow, handlers run one at a time.
  let busy = false;

  setHandler(noopStepUpdate, async (step) => {
    await condition(() => !busy);
    busy = true;
    try {
      for (let i = 0; i < step.activities; i += 1) await noop();
      for (let i = 0; i < step.background; i += 1) {
        inBackground += 1;
        void noop().finally(() => {
          inBackground -= 1;
        });
      }
      steps += 1;
      if (step.final) done = true;
      return steps;
    } finally {
      busy = false;
    }
  });

  await condition(() => done && inBackground === 0 && allHandlersFinished());
  return steps;
}
