// One workflow per campaign: the campaign's clock. It walks the agenda the pure
// `campaignAgenda` derives from the plan — phase starts (creating each county's report
// duties), reminders before due dates, escalations after them, milestones, the end with its
// final assessment — sleeping on durable timers in between. The duties themselves live in the
// database: counties submit and the city reviews through the API, and each activity reads the
// rows when its date comes (docs/decisions: campaign duties). History stays small: a run
// ends at each phase boundary or after a bounded number of events, carrying only its cursor.
import {
  continueAsNew,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { CampaignActivities, CampaignNotice } from '../activities/campaigns';
import type { AgendaCursor, AgendaEvent } from '../domain/campaign';
import { campaignAgenda, eventsAfter } from '../domain/campaign';
import type { CampaignWorkflowInput, CampaignWorkflowView } from './campaign-messages';
import { campaignStateQuery } from './campaign-messages';
import { NOTIFY_MAX_ATTEMPTS, NOTIFY_RETRY } from './notify-retry';

const activities = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

const notifier = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '5 minutes',
  retry: NOTIFY_RETRY,
});

/** A run hands over to a fresh one after this many events (and at every phase boundary). */
export const EVENTS_PER_RUN = 40;

export interface CampaignWorkflowResult {
  campaignId: string;
  closed: true;
  failedNotices: { key: string; error: string }[];
}

const cursorOf = (event: AgendaEvent): AgendaCursor => ({
  at: event.at,
  type: event.type,
  key: event.key,
});

export async function campaignWorkflow(
  input: CampaignWorkflowInput,
): Promise<CampaignWorkflowResult> {
  const agenda = campaignAgenda(input.plan, input.chase, input.milestones);
  const pending = eventsAfter(agenda, input.cursor);
  let cursor = input.cursor;
  let handled = 0;
  // Email goes out in the background so a slow SMTP relay never delays the next date; the
  // deliveries are awaited before the run ends.
  const deliveries = new Set<Promise<void>>();
  const failedNotices: { key: string; error: string }[] = [];

  setHandler(campaignStateQuery, (): CampaignWorkflowView => {
    const next = pending[handled];
    return {
      campaignId: input.campaignId,
      cursor,
      next: next ? cursorOf(next) : null,
      handledInThisRun: handled,
      deliveriesInFlight: deliveries.size,
      failedNotices,
    };
  });

  function send(key: string, notices: CampaignNotice[]): void {
    if (notices.length === 0) return;
    const delivery = (async () => {
      try {
        await notifier.sendCampaignNotices({ notices, maxAttempts: NOTIFY_MAX_ATTEMPTS });
      } catch (error) {
        const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
        failedNotices.push({ key, error: cause instanceof Error ? cause.message : String(cause) });
      }
    })();
    deliveries.add(delivery);
    void delivery.then(() => deliveries.delete(delivery));
  }

  async function drain(): Promise<void> {
    while (deliveries.size > 0) await Promise.all([...deliveries]);
  }

  for (const event of pending) {
    if (
      handled > 0 &&
      (event.type === 'PHASE_STARTS' ||
        handled >= EVENTS_PER_RUN ||
        workflowInfo().continueAsNewSuggested)
    ) {
      await drain();
      return await continueAsNew<typeof campaignWorkflow>({ ...input, cursor });
    }
    const wait = event.at - Date.now();
    if (wait > 0) await sleep(wait);
    const result = await activities.handleCampaignEvent({
      campaignId: input.campaignId,
      event,
      now: Date.now(),
    });
    send(event.key, result.notices);
    cursor = cursorOf(event);
    handled += 1;
  }

  await drain();
  return { campaignId: input.campaignId, closed: true, failedNotices };
}
