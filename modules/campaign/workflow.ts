// One workflow per campaign: the campaign's clock. It walks the agenda the pure
// `campaignAgenda` derives from the plan — phase starts (creating each county's report
// duties), reminders before due dates, escalations after them, milestones, the end with its
// final assessment — sleeping on durable timers in between. The duties themselves live in the
// database: counties submit and the city reviews through the API, and each activity reads the
// rows when its date comes (docs/decisions: campaign duties). History stays small: a run
// ends at each phase boundary or after a bounded number of events, carrying only its cursor.
//
// The city controls it through two updates (docs/decisions/0016): `replanCampaign` replaces
// the plan until the first phase starts (the run hands over to one walking the new agenda);
// `stopCampaign` cancels the campaign or closes it early, and the workflow ends. Waiting for
// a date while listening for them is guarded by patched('campaign-control') so that runs
// recorded before (which only slept) still replay.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { CampaignActivities, CampaignNotice } from './activities';
import type { AgendaCursor, AgendaEvent } from './rules/campaign';
import { campaignAgenda, compareAgenda, eventsAfter } from './rules/campaign';
import type {
  CampaignWorkflowInput,
  CampaignWorkflowView,
  ReplanCampaignRequest,
  StopCampaignRequest,
  StopCampaignResult,
} from './messages';
import { campaignStateQuery, replanCampaignUpdate, stopCampaignUpdate } from './messages';
import { NOTIFY_MAX_ATTEMPTS, NOTIFY_RETRY } from '../notification/workflow-api';

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
  /** How the city stopped it, if it did not run to its end date. */
  stopped?: StopCampaignResult['status'];
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
  let revision = input.revision ?? 0;
  // Email goes out in the background so a slow SMTP relay never delays the next date; the
  // deliveries are awaited before the run ends.
  const deliveries = new Set<Promise<void>>();
  const failedNotices: { key: string; error: string }[] = [];

  /** The event whose activity is running now, if any. */
  let inHand: AgendaEvent | null = null;
  let replan: ReplanCampaignRequest | null = null;
  let stop: StopCampaignRequest | null = input.stop ?? null;
  let stopOutcome: { result: StopCampaignResult } | { refused: string } | null = null;
  /** The agenda is done: updates are refused, so none is left waiting when the run ends. */
  let ending = false;

  /** A phase has started (in this run or an earlier one), or is starting now. */
  const begun = (): boolean =>
    inHand?.type === 'PHASE_STARTS' ||
    (cursor !== null &&
      agenda.some((e) => e.type === 'PHASE_STARTS' && compareAgenda(e, cursor!) <= 0));

  setHandler(campaignStateQuery, (): CampaignWorkflowView => {
    const next = pending[handled];
    return {
      campaignId: input.campaignId,
      cursor,
      next: next ? cursorOf(next) : null,
      handledInThisRun: handled,
      deliveriesInFlight: deliveries.size,
      failedNotices,
      begun: begun(),
      revision,
    };
  });

  setHandler(
    replanCampaignUpdate,
    (request) => {
      replan = request;
      revision += 1;
      return { revision };
    },
    {
      validator: (_request: ReplanCampaignRequest) => {
        if (ending) throw new Error('the campaign has ended');
        if (stop) throw new Error('the campaign is being stopped');
        if (begun()) throw new Error('the campaign has begun: its plan can no longer change');
      },
    },
  );

  setHandler(
    stopCampaignUpdate,
    async (request) => {
      stop = request;
      await condition(() => stopOutcome !== null);
      const outcome = stopOutcome!;
      if ('refused' in outcome) {
        stopOutcome = null;
        throw ApplicationFailure.create({ type: 'CampaignStopRefused', message: outcome.refused });
      }
      return outcome.result;
    },
    {
      validator: (request: StopCampaignRequest) => {
        if (ending) throw new Error('the campaign has ended');
        if (stop) throw new Error('the campaign is already being stopped');
        if (request.mode === 'CLOSE_EARLY' && !begun()) {
          throw new Error('the campaign has not begun: cancel it instead');
        }
      },
    },
  );

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

  /** Stops the campaign as asked; returns true if it stopped (false: refused, go on). */
  async function stopNow(request: StopCampaignRequest): Promise<boolean> {
    try {
      const result = await activities.stopCampaign({
        campaignId: input.campaignId,
        request,
        now: Date.now(),
      });
      send(`stop:${request.mode}`, result.notices);
      stopOutcome = { result: result.outcome };
      return true;
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      stopOutcome = { refused: cause instanceof Error ? cause.message : String(cause) };
      stop = null;
      return false;
    }
  }

  async function finishStopped(): Promise<CampaignWorkflowResult> {
    await drain();
    await condition(allHandlersFinished);
    const outcome = stopOutcome;
    return {
      campaignId: input.campaignId,
      closed: true,
      failedNotices,
      ...(outcome && 'result' in outcome ? { stopped: outcome.result.status } : {}),
    };
  }

  /**
   * Hands over to a fresh run (with the new plan, if the city replanned meanwhile), unless a
   * stop arrived while the deliveries drained: then returns, and the loop handles it.
   */
  async function handOver(): Promise<void> {
    await drain();
    if (stop) return;
    await continueAsNew<typeof campaignWorkflow>({ ...input, ...(replan ?? {}), cursor, revision });
  }

  while (handled < pending.length) {
    const event = pending[handled]!;
    if (stop && (await stopNow(stop))) return await finishStopped();
    if (stop) continue;
    if (
      replan ||
      (handled > 0 &&
        (event.type === 'PHASE_STARTS' ||
          handled >= EVENTS_PER_RUN ||
          workflowInfo().continueAsNewSuggested))
    ) {
      await handOver();
      continue;
    }
    const wait = event.at - Date.now();
    if (patched('campaign-control')) {
      // Wait for the date, or until the city replans or stops the campaign (then look again).
      if (wait > 0 && (await condition(() => replan !== null || stop !== null, wait))) continue;
    } else if (wait > 0) {
      await sleep(wait);
    }
    inHand = event;
    const result = await activities.handleCampaignEvent({
      campaignId: input.campaignId,
      event,
      now: Date.now(),
    });
    inHand = null;
    send(event.key, result.notices);
    cursor = cursorOf(event);
    handled += 1;
  }

  // The end date passed: no stop is accepted from here on (the campaign is closed).
  ending = true;
  if (stop) await stopNow(stop);
  await drain();
  await condition(allHandlersFinished);
  return { campaignId: input.campaignId, closed: true, failedNotices };
}
