// The campaign workflow's id, input, query and updates, shared by the workflow, the API and
// the tests.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AgendaCursor, AgendaEvent, CampaignPlan, DutyChase } from './rules/campaign';
import type { Milestone } from './rules/targets';

export const CAMPAIGN_WORKFLOW_TYPE = 'campaignWorkflow';

/** One workflow per campaign. */
export function campaignWorkflowId(campaignId: string): string {
  return `campaign-${campaignId}`;
}

export interface CampaignWorkflowInput {
  campaignId: string;
  cityId: string;
  plan: CampaignPlan;
  chase: DutyChase;
  milestones: Milestone[];
  /** The last agenda event handled by an earlier run (null for the first run). */
  cursor: AgendaCursor | null;
  /** Edits accepted while PLANNED (absent on runs started before edits existed: 0). */
  revision?: number;
  /**
   * Set when the API starts a run only to stop a campaign whose workflow no longer runs:
   * the run stops the campaign at once and ends.
   */
  stop?: StopCampaignRequest;
}

/** A new plan for a campaign whose first phase has not started. */
export interface ReplanCampaignRequest {
  plan: CampaignPlan;
  chase: DutyChase;
  milestones: Milestone[];
}

export interface ReplanCampaignResult {
  /** The edit's number: the API stores the plan only over an older one. */
  revision: number;
}

/** Cancel (PLANNED or ACTIVE) or close early (ACTIVE), as asked by a city admin. */
export interface StopCampaignRequest {
  mode: 'CANCEL' | 'CLOSE_EARLY';
  reason: string;
  actor: { id: string; role: string };
  requestId: string | null;
}

export interface StopCampaignResult {
  status: 'CANCELLED' | 'CLOSED';
  /** Duties no longer owed (cancel) or marked missed (close early). */
  duties: number;
}

/** Refused (before it enters history) once a phase has started. */
export const replanCampaignUpdate = defineUpdate<ReplanCampaignResult, [ReplanCampaignRequest]>(
  'replanCampaign',
);

/** Refused while a stop is under way, and a close before any phase started. */
export const stopCampaignUpdate = defineUpdate<StopCampaignResult, [StopCampaignRequest]>(
  'stopCampaign',
);

export interface CampaignWorkflowView {
  campaignId: string;
  /** The last event handled, and the next one the workflow waits for. */
  cursor: AgendaCursor | null;
  next: Pick<AgendaEvent, 'at' | 'type' | 'key'> | null;
  handledInThisRun: number;
  /** Notices still being sent in the background. */
  deliveriesInFlight: number;
  failedNotices: { key: string; error: string }[];
  /** A phase has started (edits are refused from then on). */
  begun?: boolean;
  revision?: number;
}

export const campaignStateQuery = defineQuery<CampaignWorkflowView>('campaignState');
