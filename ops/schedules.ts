// Temporal Schedules the system keeps: the daily digest and the spot-check draw. Created at
// start-up, updated when the configured cron, time zone (or share) changes.
import type { Client } from '@temporalio/client';
import { ScheduleAlreadyRunning } from '@temporalio/client';
import { DAILY_DIGEST_WORKFLOW_TYPE } from '../workflows/digest';
import { SPOT_CHECK_SAMPLING_WORKFLOW_TYPE } from '../workflows/spot-check-sampling';

export const DAILY_DIGEST_SCHEDULE_ID = 'daily-digest';

export async function ensureDigestSchedule(
  client: Client,
  args: { taskQueue: string; cron: string; timezone: string },
): Promise<void> {
  const spec = { cronExpressions: [args.cron], timezone: args.timezone };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: DAILY_DIGEST_WORKFLOW_TYPE,
    taskQueue: args.taskQueue,
    workflowId: 'daily-digest-run',
  };
  try {
    await client.schedule.create({ scheduleId: DAILY_DIGEST_SCHEDULE_ID, spec, action });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule
      .getHandle(DAILY_DIGEST_SCHEDULE_ID)
      .update((previous) => ({ ...previous, spec, action }));
  }
}

export const SPOT_CHECK_SCHEDULE_ID = 'spot-check-sampling';

export async function ensureSpotCheckSchedule(
  client: Client,
  args: { taskQueue: string; cron: string; timezone: string; share: number },
): Promise<void> {
  const spec = { cronExpressions: [args.cron], timezone: args.timezone };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: SPOT_CHECK_SAMPLING_WORKFLOW_TYPE,
    taskQueue: args.taskQueue,
    workflowId: 'spot-check-sampling-run',
    args: [{ share: args.share }],
  };
  try {
    await client.schedule.create({ scheduleId: SPOT_CHECK_SCHEDULE_ID, spec, action });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule
      .getHandle(SPOT_CHECK_SCHEDULE_ID)
      .update((previous) => ({ ...previous, spec, action }));
  }
}
