// Temporal Schedules the system keeps: the daily digest. Created at start-up, updated when
// the configured cron or time zone changes.
import type { Client } from '@temporalio/client';
import { ScheduleAlreadyRunning } from '@temporalio/client';
import { DAILY_DIGEST_WORKFLOW_TYPE } from '../workflows/digest';

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
