// Sends one lifecycle command on behalf of a batch (a bulk action, a spot-check draw) and
// turns the answer into a per-office outcome instead of an error: DONE, ALREADY_DONE (the
// workflow refused because the office is already where the command would take it — a repeat
// of the batch) or REFUSED with the lifecycle's reason. Anything else (Temporal unreachable)
// is thrown, so the caller can retry.
import { WorkflowNotFoundError } from '@temporalio/client';
import type { CertificationState, CommandInput, CommandType } from './rules/lifecycle';
import type { Actor } from '../shared';
import { certificationWorkflowId, stateQuery } from './messages';
import type { TemporalDeps } from './client';
import { CertificationRefusal, sendCommand } from './client';

export type CommandOutcome =
  | { outcome: 'DONE'; reason: null }
  | { outcome: 'ALREADY_DONE'; reason: string }
  | { outcome: 'REFUSED'; reason: string };

export interface CommandTarget {
  certificationId: string;
  officeId: string;
}

/** For each batch command: when a refusal means the office is already there. */
export const ALREADY_DONE: Partial<
  Record<CommandType, (state: CertificationState, certificationId: string) => string | null>
> = {
  OPEN_RECHECK: (state) =>
    state.status === 'CERTIFIED' && state.openCheck?.kind === 'RECHECK'
      ? `a recheck has been open since ${new Date(state.openCheck.openedAt).toISOString()}`
      : null,
  START_SPOT_CHECK: (state) =>
    state.status === 'CERTIFIED' && state.openCheck?.kind === 'SPOT_CHECK'
      ? `a spot check has been open since ${new Date(state.openCheck.openedAt).toISOString()}`
      : null,
};

async function liveState(
  temporal: TemporalDeps,
  target: CommandTarget,
): Promise<CertificationState | null> {
  try {
    const view = await temporal.client.workflow
      .getHandle(certificationWorkflowId(target.officeId))
      .query(stateQuery);
    return view.state.certificationId === target.certificationId ? view.state : null;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return null;
    // A closed workflow still answers queries; anything else is not a refusal to classify.
    throw error;
  }
}

export async function commandOutcome<T extends CommandType>(
  temporal: TemporalDeps,
  target: CommandTarget,
  type: T,
  input: CommandInput<T>,
  actor: Actor,
  requestId: string,
  /** Stable per batch and office, so a retried batch item is carried out once (decision 0013). */
  updateId?: string,
): Promise<CommandOutcome> {
  try {
    await sendCommand(temporal, target, type, input, actor, requestId, updateId);
    return { outcome: 'DONE', reason: null };
  } catch (error) {
    // An action the database refused is an error of the batch, not a per-office outcome.
    if (!(error instanceof CertificationRefusal) || error.kind === 'NOT_CARRIED_OUT') throw error;
    const state = await liveState(temporal, target);
    const already = state ? ALREADY_DONE[type]?.(state, target.certificationId) : null;
    return already
      ? { outcome: 'ALREADY_DONE', reason: already }
      : { outcome: 'REFUSED', reason: error.message };
  }
}
