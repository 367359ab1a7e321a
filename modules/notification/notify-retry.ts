// How workflows retry sending email, shared by the certification and campaign workflows.
import type { RetryPolicy } from '@temporalio/workflow';

/** Email may wait for an SMTP relay to come back, but not forever: ~4 hours in all. */
export const NOTIFY_MAX_ATTEMPTS = 10;

export const NOTIFY_RETRY: RetryPolicy = {
  initialInterval: '30 seconds',
  backoffCoefficient: 2,
  maximumInterval: '1 hour',
  maximumAttempts: NOTIFY_MAX_ATTEMPTS,
};
