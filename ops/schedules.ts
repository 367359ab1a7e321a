// Temporal Schedules the system keeps: the daily digest and the spot-check draw. Created at
// start-up, updated when the configured cron, time zone (or share) changes.
import type { Client, ScheduleOptionsAction } from '@temporalio/client';
import { ScheduleAlreadyRunning } from '@temporalio/client';
import { DAILY_DIGEST_WORKFLOW_TYPE } from '../modules/notification';
import { SPOT_CHECK_SAMPLING_WORKFLOW_TYPE } from '../modules/spot-check';

/** Creates the schedule, or brings an existing one's spec and action up to date. */
async function ensureSchedule(
  client: Client,
  scheduleId: string,
  args: { cron: string; timezone: string },
  action: ScheduleOptionsAction,
): Promise<void> {
  const spec = { cronExpressions: [args.cron], timezone: args.timezone };
  try {
    await client.schedule.create({ scheduleId, spec, action });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule
      .getHandle(scheduleId)
      .update((previous) => ({ ...previous, spec, action }));
  }
}

export const DAILY_DIGEST_SCHEDULE_ID = 'daily-digest';

export async function ensureDigestSchedule(
  client: Client,
  args: { taskQueue: string; cron: string; timezone: string },
): Promise<void> {
  await ensureSchedule(client, DAILY_DIGEST_SCHEDULE_ID, args, {
    type: 'startWorkflow',
    workflowType: DAILY_DIGEST_WORKFLOW_TYPE,
    taskQueue: args.taskQueue,
    workflowId: 'daily-digest-run',
  });
}

export const SPOT_CHECK_SCHEDULE_ID = 'spot-check-sampling';

export async function ensureSpotCheckSchedule(
  client: Client,
  args: { taskQueue: string; cron: string; timezone: string; share: number },
): Promise<void> {
  await ensureSchedule(client, SPOT_CHECK_SCHEDULE_ID, args, {
    type: 'startWorkflow',
    workflowType: SPOT_CHECK_SAMPLING_WORKFLOW_TYPE,
    taskQueue: args.taskQueue,
    workflowId: 'spot-check-sampling-run',
    args: [{ share: args.share }],
  });
}
