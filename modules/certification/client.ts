// Talks to the certification workflows: starts one per declaration and sends each human
// action as a Workflow Update, so the caller learns at once whether it was accepted. A refusal
// comes back as a typed CertificationRefusal, not as an HTTP answer: the routes turn it into a
// problem (409/422), the spot-check activities into a per-office outcome.
import type { Client } from '@temporalio/client';
import {
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { CommandInput, CommandType } from './rules/lifecycle';
import type { CampaignConfig, DeclareInput } from './rules/schemas';
import type { Actor } from '../shared';
import type { PinnedCriteria } from '../criteria/workflow-api';
import type {
  CertificationOutcome,
  CertificationView,
  CertificationWorkflowInput,
} from './messages';
import {
  CERTIFICATION_WORKFLOW_TYPE,
  certificationWorkflowId,
  commandUpdates,
  declareUpdate,
  PROJECTION_REFUSED,
} from './messages';

/**
 * Why the certification workflow did not carry an action out:
 * - REFUSED: the lifecycle refused it (not allowed in the current state, or by this actor);
 * - CLOSED: the certification is closed (revoked, rejected, withdrawn): nothing more is possible;
 * - STARTING: another declaration for the office is being started at this moment;
 * - NOT_CARRIED_OUT: the workflow accepted it but the database refused to record it, so the
 *   workflow undid it; retrying the same action cannot help.
 */
export type RefusalKind = 'REFUSED' | 'CLOSED' | 'STARTING' | 'NOT_CARRIED_OUT';

export class CertificationRefusal extends Error {
  override readonly name = 'CertificationRefusal';
  constructor(
    readonly kind: RefusalKind,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The workflow's signature, for typing its start. Written here rather than imported from the
 * workflow file so that the client (used by activities) does not depend on workflow code.
 */
type CertificationWorkflowFunction = (
  input: CertificationWorkflowInput,
) => Promise<CertificationView>;

export interface TemporalDeps {
  client: Client;
  taskQueue: string;
}

export interface DeclareArgs {
  certificationId: string;
  office: { id: string; countyId: string; cityId: string };
  declaration: DeclareInput;
  config: CampaignConfig;
  criteria: PinnedCriteria;
  actor: Actor;
  requestId: string;
  /** The Workflow Update id: derived from the Idempotency-Key, so a retry is deduplicated. */
  updateId?: string;
}

export async function declareCertification(
  temporal: TemporalDeps,
  args: DeclareArgs,
): Promise<CertificationOutcome> {
  const startOperation = new WithStartWorkflowOperation<CertificationWorkflowFunction>(
    CERTIFICATION_WORKFLOW_TYPE,
    {
      workflowId: certificationWorkflowId(args.office.id),
      taskQueue: temporal.taskQueue,
      // A live certification for the office receives the update and refuses it (409); a
      // closed one (revoked, rejected, withdrawn) lets the office declare again.
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      args: [
        {
          kind: 'new',
          certificationId: args.certificationId,
          officeId: args.office.id,
          countyId: args.office.countyId,
          cityId: args.office.cityId,
          declaration: args.declaration,
          config: args.config,
          criteria: args.criteria,
          actor: args.actor,
          requestId: args.requestId,
        },
      ],
    },
  );
  try {
    return await temporal.client.workflow.executeUpdateWithStart(declareUpdate, {
      args: [{ certificationId: args.certificationId }],
      startWorkflowOperation: startOperation,
      ...(args.updateId ? { updateId: args.updateId } : {}),
    });
  } catch (error) {
    throw translateUpdateError(error);
  }
}

export async function sendCommand<T extends CommandType>(
  temporal: TemporalDeps,
  target: { certificationId: string; officeId: string },
  type: T,
  input: CommandInput<T>,
  actor: Actor,
  requestId: string,
  /**
   * The Workflow Update id. Temporal carries out an update id once per run and answers a
   * repeat with the first outcome; without one the SDK picks a random id.
   */
  updateId?: string,
): Promise<CertificationOutcome> {
  const handle = temporal.client.workflow.getHandle(certificationWorkflowId(target.officeId));
  const definition = commandUpdates[type] as unknown as typeof commandUpdates.WITHDRAW;
  try {
    return await handle.executeUpdate(definition, {
      args: [{ certificationId: target.certificationId, actor, requestId, input: input as never }],
      ...(updateId ? { updateId } : {}),
    });
  } catch (error) {
    throw translateUpdateError(error);
  }
}

/** Refusals, updates to closed workflows and actions the database refused: a typed refusal. */
function translateUpdateError(error: unknown): unknown {
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    if (cause instanceof ApplicationFailure && cause.type === PROJECTION_REFUSED) {
      // The workflow undid the action: it was not carried out, and retrying it cannot help.
      return new CertificationRefusal(
        'NOT_CARRIED_OUT',
        `the action was not carried out: ${cause.message}`,
      );
    }
    const reason =
      cause instanceof ApplicationFailure || cause instanceof Error ? cause.message : error.message;
    return new CertificationRefusal('REFUSED', reason);
  }
  if (error instanceof WorkflowExecutionAlreadyStartedError) {
    return new CertificationRefusal(
      'STARTING',
      'a certification for this office is already being started',
    );
  }
  if (error instanceof WorkflowNotFoundError || isCompletedWorkflowError(error)) {
    return new CertificationRefusal(
      'CLOSED',
      'this certification is closed; no further actions are possible',
    );
  }
  return error;
}

function isCompletedWorkflowError(error: unknown): boolean {
  return error instanceof Error && /workflow execution already completed/i.test(error.message);
}
