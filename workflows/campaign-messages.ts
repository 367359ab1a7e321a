// The campaign workflow's id, input and query, shared by the workflow, the API and the tests.
import { defineQuery } from '@temporalio/workflow';
import type { AgendaCursor, AgendaEvent, CampaignPlan, DutyChase } from '../domain/campaign';
import type { Milestone } from '../domain/campaign-targets';

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
}

export interface CampaignWorkflowView {
  campaignId: string;
  /** The last event handled, and the next one the workflow waits for. */
  cursor: AgendaCursor | null;
  next: Pick<AgendaEvent, 'at' | 'type' | 'key'> | null;
  handledInThisRun: number;
  /** Notices still being sent in the background. */
  deliveriesInFlight: number;
  failedNotices: { key: string; error: string }[];
}

export const campaignStateQuery = defineQuery<CampaignWorkflowView>('campaignState');
