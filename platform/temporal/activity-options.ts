// Timeouts and retries of the certification workflow's activities, in one place so a test can
// check them. The database activities are single short statements: a 10 s start-to-close
// timeout means an attempt lost with a crashed worker is retried after at most 10 s (it was
// one minute: requests in flight waited up to 62 s), and attempts are unlimited so an outage
// of the database is ridden out. Data the database refuses fails at once instead (a
// non-retryable ProjectionRefused, see activities/projection.ts).
import type { ActivityOptions } from '@temporalio/workflow';

export const DATABASE_ACTIVITY_OPTIONS = {
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', backoffCoefficient: 2 },
} satisfies ActivityOptions;
