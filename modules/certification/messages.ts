// The certification workflow's messages, shared by the workflow, the API and the tests.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { PinnedCriteria } from '../criteria/workflow-api';
import type { CertificationState, Command, CommandType, pendingDueDates } from './rules/lifecycle';
import type { CampaignConfig, DeclareInput } from './rules/schemas';
import type { Actor } from '../shared';

export const CERTIFICATION_WORKFLOW_TYPE = 'certificationWorkflow';

/** One live certification per office: the workflow id is derived from the office. */
export function certificationWorkflowId(officeId: string): string {
  return `certification-office-${officeId}`;
}

export interface NewCertificationInput {
  kind: 'new';
  certificationId: string;
  officeId: string;
  countyId: string;
  cityId: string;
  declaration: DeclareInput;
  config: CampaignConfig;
  criteria: PinnedCriteria;
  actor: Actor;
  requestId: string | null;
}

export interface ContinuedCertificationInput {
  kind: 'continued';
  state: CertificationState;
}

export type CertificationWorkflowInput = NewCertificationInput | ContinuedCertificationInput;

export interface CertificationView {
  state: CertificationState;
  /**
   * The state as of the last transition written to the database. It trails `state` only
   * while a projection activity is in flight; reconcile compares this one.
   */
  projected: CertificationState | null;
  due: ReturnType<typeof pendingDueDates>;
  /**
   * The last transition the database refused to store (and that was therefore undone), until
   * a later transition is stored: the certification needs a person's attention. Absent in
   * views of runs that predate it.
   */
  attention?: ProjectionRefusal | null;
}

/**
 * What an update answers: where the certification stands after the action. The full state is
 * the query's (`stateQuery`): an update's result is written into the workflow's history, and
 * two whole states per action (the pinned criteria included) made a full lifecycle's history
 * half a megabyte (issue 16). Results recorded before this carry the whole view; its fields are
 * a superset of these.
 */
export interface CertificationOutcome {
  certificationId: string;
  status: CertificationState['status'];
  revision: number;
  due: ReturnType<typeof pendingDueDates>;
  attention?: ProjectionRefusal | null;
}

/**
 * The parts of a state that are settled at declaration and seldom or never change: the pinned
 * criteria, the campaign's configuration and the declaration itself. After a run's first
 * projection the workflow sends them only when they have changed; the stored row keeps them
 * (issue 16: they made up most of every projection's input, and so of the history).
 */
export const SETTLED_PARTS = ['criteria', 'config', 'declaration'] as const;
export type SettledPart = (typeof SETTLED_PARTS)[number];

/** The state as the workflow sends it to the projection: settled parts only when changed. */
export type ProjectedState = Omit<CertificationState, SettledPart> &
  Partial<Pick<CertificationState, SettledPart>>;

export interface ProjectionRefusal {
  reason: string;
  action: string;
  revision: number;
  actorId: string;
  requestId: string | null;
  at: number;
}

/** Every human action carries who did it and the API request it came from. */
export interface ActionRequest<I> {
  certificationId: string;
  actor: Actor;
  requestId: string | null;
  input: I;
}

export const stateQuery = defineQuery<CertificationView>('state');

/**
 * Sent together with the workflow start (update-with-start). A new run answers once the
 * declaration is in the database; a live run for the same office refuses it.
 */
export const declareUpdate = defineUpdate<CertificationOutcome, [{ certificationId: string }]>(
  'declare',
);

type InputOf<T extends CommandType> = Extract<Command, { type: T }>['input'];

function commandUpdate<T extends CommandType>(type: T) {
  return defineUpdate<CertificationOutcome, [ActionRequest<InputOf<T>>], T>(type);
}

/** One Workflow Update per human action, named after the command it carries. */
export const commandUpdates = {
  REVIEW_DECLARATION: commandUpdate('REVIEW_DECLARATION'),
  RESUBMIT_DECLARATION: commandUpdate('RESUBMIT_DECLARATION'),
  SUBMIT_PROGRESS_REPORT: commandUpdate('SUBMIT_PROGRESS_REPORT'),
  ADD_EVIDENCE: commandUpdate('ADD_EVIDENCE'),
  REQUEST_VERIFICATION: commandUpdate('REQUEST_VERIFICATION'),
  RECORD_INSPECTION: commandUpdate('RECORD_INSPECTION'),
  RECORD_DOCUMENT_REVIEW: commandUpdate('RECORD_DOCUMENT_REVIEW'),
  RECORD_LOCAL_OPINION: commandUpdate('RECORD_LOCAL_OPINION'),
  DECIDE: commandUpdate('DECIDE'),
  VERIFY_RECTIFICATION: commandUpdate('VERIFY_RECTIFICATION'),
  MARK_EXEMPLARY: commandUpdate('MARK_EXEMPLARY'),
  START_SPOT_CHECK: commandUpdate('START_SPOT_CHECK'),
  OPEN_RECHECK: commandUpdate('OPEN_RECHECK'),
  SUBMIT_RECTIFICATION: commandUpdate('SUBMIT_RECTIFICATION'),
  WITHDRAW: commandUpdate('WITHDRAW'),
} as const;

/** The failure type of an update that was accepted but found invalid once it ran. */
export const TRANSITION_REFUSED = 'TransitionRefused';

/**
 * The failure type of a projection the database refused (a NUL in text, a number out of range):
 * retrying cannot help, so the activity fails at once and the workflow undoes the transition.
 */
export const PROJECTION_REFUSED = 'ProjectionRefused';
