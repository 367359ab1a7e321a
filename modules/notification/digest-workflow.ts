// The daily digest: started by a Temporal Schedule (ops/schedules.ts) once a day.
import { proxyActivities } from '@temporalio/workflow';
import type { NotificationActivities } from './activities';
import { chinaDate } from '../shared';

const { sendDailyDigests } = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 minute', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

export const DAILY_DIGEST_WORKFLOW_TYPE = 'dailyDigestWorkflow';

/** The calendar date in China Standard Time, which names the digest (and dedupes it). */
export function digestDate(epochMs: number): string {
  return chinaDate(epochMs);
}

export async function dailyDigestWorkflow(): Promise<{ sent: number; skipped: number }> {
  const now = Date.now();
  const result = await sendDailyDigests({ date: digestDate(now), now });
  return { sent: result.sent, skipped: result.skipped };
}
