// The city's control of a campaign (docs/decisions/0016): edit it while PLANNED, cancel it
// (PLANNED or ACTIVE) or close it early (ACTIVE). Each goes through the campaign workflow's
// updates, so the workflow — which alone starts phases — decides whether it is still in time:
// an edit is refused once a phase has started, a close before one has. A campaign whose
// workflow no longer runs (lost, or never started) is stopped by a run started for that alone.
import type { Client } from '@temporalio/client';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { CampaignPlan } from '../rules/campaign';
import {
  CreateCampaignInput,
  StopCampaignInput,
  UpdateCampaignInput,
  planOf,
} from '../rules/campaign';
import { CampaignTargets } from '../rules/targets';
import { CampaignConfig } from '../../certification/workflow-api';
import type { PrismaClient } from '../../../generated/prisma/client';
import { cancelCampaignRow, storeEditedCampaign } from '../store';
import type { CampaignWorkflowResult } from '../workflow';
import type {
  CampaignWorkflowInput,
  ReplanCampaignRequest,
  StopCampaignRequest,
} from '../messages';
import {
  CAMPAIGN_WORKFLOW_TYPE,
  campaignWorkflowId,
  replanCampaignUpdate,
  stopCampaignUpdate,
} from '../messages';
import type { CampaignRow } from './campaigns';
import {
  campaignFor,
  checkNameFree,
  checkReferences,
  presentCampaign,
  refuseDuplicateName,
  storedPlan,
} from './campaigns';
import { Problem, conflict } from '../../../platform/http/problems';
import type { RouteSpec } from '../../access';
import { route } from '../../access';
import { IdParams } from '../../shared';
import { Campaign as CampaignView } from '../responses';
import { within } from '../../../platform/http/within';

export interface CampaignControlDeps {
  prisma: PrismaClient;
  temporal: { client: Client; taskQueue: string };
  clock?: () => Date;
}

/** How long a stop may take before the caller is told to look again. */
const STOP_WAIT_MS = 30_000;

const isGone = (error: unknown) =>
  error instanceof WorkflowNotFoundError ||
  (error instanceof Error && /workflow execution already completed/i.test(error.message));

/** The workflow's refusal, in its own words, as a 409. */
function refusal(error: WorkflowUpdateFailedError): Problem {
  const cause = error.cause;
  return conflict(
    cause instanceof ApplicationFailure || cause instanceof Error ? cause.message : error.message,
  );
}

/** The campaign's stored definition (as created or last edited), or a 409 if it has none. */
function definitionOf(campaign: CampaignRow) {
  const plan = storedPlan(campaign.plan);
  const targets = CampaignTargets.safeParse(campaign.targets);
  const config = CampaignConfig.safeParse(campaign.config);
  if (!plan || !targets.success || !config.success || !campaign.criteriaVersionId) {
    // Campaigns from before plans were data have none to follow.
    throw conflict(`campaign ${campaign.id} has no plan as data; it cannot be changed here`);
  }
  return {
    ...plan,
    name: campaign.name,
    criteriaVersionId: campaign.criteriaVersionId,
    config: config.data,
    targets: targets.data,
  };
}

/** What the workflow follows: the plan, how duties are chased, the milestones. */
function workflowInput(
  campaign: Pick<CampaignRow, 'id' | 'cityId'>,
  definition: Pick<CreateCampaignInput, 'config' | 'targets'> & CampaignPlan,
): Omit<CampaignWorkflowInput, 'cursor'> & ReplanCampaignRequest {
  const plan = planOf(definition);
  return {
    campaignId: campaign.id,
    cityId: campaign.cityId,
    plan,
    chase: {
      reminderOffsets: plan.reminderOffsets,
      escalationInterval: definition.config.escalationInterval,
      escalationChain: definition.config.escalationChain,
    },
    milestones: definition.targets.milestones ?? [],
  };
}

export function campaignControlRoutes(deps: CampaignControlDeps): RouteSpec[] {
  const { prisma, temporal } = deps;
  const clock = deps.clock ?? (() => new Date());
  const base = '/api/v1/campaigns';
  const handleOf = (id: string) => temporal.client.workflow.getHandle(campaignWorkflowId(id));

  const edit = route({
    method: 'patch',
    path: `${base}/:id`,
    tag: 'Campaigns',
    summary: 'Edit a PLANNED campaign: name, plan, criteria, configuration or targets',
    roles: ['CITY_ADMIN'],
    params: IdParams,
    body: UpdateCampaignInput,
    responses: {
      200: {
        description: 'The campaign as edited; its workflow follows the new plan',
        schema: CampaignView,
      },
    },
    problems: { 409: 'The campaign is no longer PLANNED, or the name is taken' },
    handler: async ({ principal, params, body, requestId }) => {
      const campaign = await campaignFor(prisma, principal, params.id);
      if (campaign.status !== 'PLANNED') {
        throw conflict(`the campaign is ${campaign.status}: only a PLANNED campaign can be edited`);
      }
      // What is sent replaces what was there; the whole is checked as a new campaign is.
      const parsed = CreateCampaignInput.safeParse({ ...definitionOf(campaign), ...body });
      if (!parsed.success) {
        throw new Problem(
          400,
          'Bad Request',
          'the campaign as edited is invalid',
          parsed.error.issues.map((issue) => ({
            field: issue.path.length > 0 ? issue.path.join('.') : 'body',
            message: issue.message,
          })),
        );
      }
      const next = parsed.data;
      await checkReferences(prisma, principal, next);
      await checkNameFree(prisma, principal.cityId, next.name, campaign.id);
      const replan = workflowInput(campaign, next);
      let revision: number;
      try {
        ({ revision } = await handleOf(campaign.id).executeUpdate(replanCampaignUpdate, {
          args: [{ plan: replan.plan, chase: replan.chase, milestones: replan.milestones }],
        }));
      } catch (error) {
        if (error instanceof WorkflowUpdateFailedError) throw refusal(error);
        if (!isGone(error)) throw error;
        // No workflow runs for this planned campaign: start one on the new plan.
        revision = campaign.planRevision + 1;
        try {
          await temporal.client.workflow.start(CAMPAIGN_WORKFLOW_TYPE, {
            workflowId: campaignWorkflowId(campaign.id),
            taskQueue: temporal.taskQueue,
            args: [{ ...replan, cursor: null, revision } satisfies CampaignWorkflowInput],
          });
        } catch (startError) {
          if (startError instanceof WorkflowExecutionAlreadyStartedError) {
            throw conflict('the campaign is being changed by another request; try again');
          }
          throw startError;
        }
      }
      const plan = replan.plan;
      const now = clock();
      const changed = Object.keys(body).sort();
      await refuseDuplicateName(
        storeEditedCampaign(prisma, {
          campaign,
          revision,
          input: next,
          plan,
          changed,
          actor: principal,
          requestId,
          now,
        }),
      );
      const edited = await campaignFor(prisma, principal, campaign.id);
      return {
        status: 200,
        body: await presentCampaign(prisma, principal, edited, now.getTime()),
      };
    },
  });

  /** Asks the workflow to stop the campaign; starts a run for it if none is running. */
  async function stopCampaign(campaign: CampaignRow, request: StopCampaignRequest) {
    try {
      return await handleOf(campaign.id).executeUpdate(stopCampaignUpdate, { args: [request] });
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) throw refusal(error);
      if (!isGone(error)) throw error;
    }
    if (!storedPlan(campaign.plan)) return cancelWithoutPlan(campaign, request);
    const definition = definitionOf(campaign);
    let handle;
    try {
      handle = await temporal.client.workflow.start(CAMPAIGN_WORKFLOW_TYPE, {
        workflowId: campaignWorkflowId(campaign.id),
        taskQueue: temporal.taskQueue,
        args: [
          {
            ...workflowInput(campaign, definition),
            cursor: null,
            revision: campaign.planRevision,
            stop: request,
          } satisfies CampaignWorkflowInput,
        ],
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        throw conflict('the campaign is being changed by another request; try again');
      }
      throw error;
    }
    const finished = await within(handle.result() as Promise<CampaignWorkflowResult>, STOP_WAIT_MS);
    if (!finished.done) {
      throw new Problem(
        503,
        'Service Unavailable',
        'the campaign is still being stopped; look again shortly',
      );
    }
    if (!finished.value.stopped)
      throw conflict(`the campaign is ${campaign.status}; it was not stopped`);
    return { status: finished.value.stopped, duties: 0 };
  }

  /**
   * A campaign from before plans were data never had a workflow nor duties: cancelling it is
   * a change of its row (with its audit event); there is nothing to close or tell.
   */
  async function cancelWithoutPlan(campaign: CampaignRow, request: StopCampaignRequest) {
    if (request.mode !== 'CANCEL') {
      throw conflict(`campaign ${campaign.id} has no plan as data and never began; cancel it`);
    }
    const now = clock();
    const cancelled = await cancelCampaignRow(prisma, {
      campaign,
      actor: request.actor,
      reason: request.reason,
      requestId: request.requestId,
      now,
    });
    if (!cancelled) throw conflict('the campaign changed meanwhile; try again');
    return { status: 'CANCELLED' as const, duties: 0 };
  }

  const stopRoute = (
    mode: StopCampaignRequest['mode'],
    path: string,
    summary: string,
    allowed: readonly string[],
  ) =>
    route({
      method: 'post',
      path: `${base}/:id/${path}`,
      tag: 'Campaigns',
      summary,
      roles: ['CITY_ADMIN'],
      params: IdParams,
      body: StopCampaignInput,
      responses: { 200: { description: 'The campaign as stopped', schema: CampaignView } },
      handler: async ({ principal, params, body, requestId }) => {
        const campaign = await campaignFor(prisma, principal, params.id);
        if (!allowed.includes(campaign.status)) {
          throw conflict(
            `the campaign is ${campaign.status}: only a ${allowed.join(' or ')} campaign can be ${
              mode === 'CANCEL' ? 'cancelled' : 'closed early'
            }`,
          );
        }
        await stopCampaign(campaign, {
          mode,
          reason: body.reason,
          actor: { id: principal.id, role: principal.role },
          requestId,
        });
        const stopped = await campaignFor(prisma, principal, campaign.id);
        return {
          status: 200,
          body: await presentCampaign(prisma, principal, stopped, clock().getTime()),
        };
      },
    });

  const cancel = stopRoute(
    'CANCEL',
    'cancellation',
    'Cancel a PLANNED or ACTIVE campaign: its duties are no longer owed, the counties are told',
    ['PLANNED', 'ACTIVE'],
  );
  const closeEarly = stopRoute(
    'CLOSE_EARLY',
    'early-closure',
    'Close an ACTIVE campaign before its end date: final assessment as at now, what is owed is missed',
    ['ACTIVE'],
  );

  return [edit, cancel, closeEarly];
}
