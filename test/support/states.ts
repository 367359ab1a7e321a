// Certification states built by walking the lifecycle through real commands, for unit tests
// of the pure rules: each builder is the state right after the named step.
import { PROVISIONAL_FENGQIAO_CRITERIA } from '../../modules/criteria/rules/criteria';
import { durationMs } from '../../platform/config/duration';
import type {
  CertificationState,
  Command,
  CommandType,
  DueItem,
} from '../../modules/certification/rules/lifecycle';
import {
  apply,
  applyDue,
  dueItem,
  initialState,
} from '../../modules/certification/rules/lifecycle';
import type { CampaignConfig } from '../../modules/certification/rules/schemas';
import type { Actor } from '../../modules/shared';
import {
  ACTORS,
  CONFIG,
  FAILING_SCORES,
  JIEFANGBEI,
  PASSING_SCORES,
  declaration,
} from './fixtures';

export const T0 = Date.UTC(2023, 0, 1);
export const DAY = 86_400_000;
export const day = (n: number): number => T0 + n * DAY;
export const ms = durationMs;
export const INTERVAL = ms(CONFIG.escalationInterval);

export const operator: Actor = ACTORS.yuzhongOperator;
export const reviewer: Actor = ACTORS.reviewer;
export const inspector: Actor = ACTORS.inspector;

// ---------------------------------------------------------------------------------------
// Walking the lifecycle through real commands

export const COMMANDS = {
  approve: { type: 'REVIEW_DECLARATION', input: { decision: 'APPROVE', reason: '同意' } },
  returnForRevision: {
    type: 'REVIEW_DECLARATION',
    input: { decision: 'RETURN', reason: '方案不完整' },
  },
  reject: { type: 'REVIEW_DECLARATION', input: { decision: 'REJECT', reason: '不符合条件' } },
  resubmit: {
    type: 'RESUBMIT_DECLARATION',
    input: { plan: { summary: '修改后的创建方案', feature: '老马工作法' } },
  },
  report: { type: 'SUBMIT_PROGRESS_REPORT', input: { period: '2023-Q1', summary: '进展' } },
  evidence: { type: 'ADD_EVIDENCE', input: { kind: 'DOCUMENT', title: '制度汇编' } },
  requestVerification: {
    type: 'REQUEST_VERIFICATION',
    input: { selfAssessment: { summary: '自评合格' } },
  },
  passingInspection: {
    type: 'RECORD_INSPECTION',
    input: { scores: PASSING_SCORES, triggeredVetoes: [], findings: '' },
  },
  failingInspection: {
    type: 'RECORD_INSPECTION',
    input: { scores: FAILING_SCORES, triggeredVetoes: [], findings: '台账不全' },
  },
  documentReview: { type: 'RECORD_DOCUMENT_REVIEW', input: { passed: true, findings: '' } },
  localOpinion: {
    type: 'RECORD_LOCAL_OPINION',
    input: { authority: '解放碑街道党工委', supportive: true, summary: '同意' },
  },
  decide: { type: 'DECIDE', input: {} },
  spotCheck: { type: 'START_SPOT_CHECK', input: { reason: '随机抽查' } },
  submitRectification: { type: 'SUBMIT_RECTIFICATION', input: { summary: '已整改' } },
  withdraw: { type: 'WITHDRAW', input: { reason: '撤回' } },
} satisfies Record<string, Command>;

export const ACTOR_FOR: Partial<Record<CommandType, Actor>> = {
  REVIEW_DECLARATION: reviewer,
  RECORD_INSPECTION: inspector,
  RECORD_DOCUMENT_REVIEW: reviewer,
  DECIDE: reviewer,
  START_SPOT_CHECK: reviewer,
};

export function act(state: CertificationState, command: Command, now: number): CertificationState {
  return apply(state, command, ACTOR_FOR[command.type] ?? operator, now).state;
}

export function due(state: CertificationState, now: number): CertificationState {
  const transition = applyDue(state, now);
  if (!transition) throw new Error(`nothing was due at ${new Date(now).toISOString()}`);
  return transition.state;
}

export function itemOf(state: CertificationState): DueItem {
  const item = dueItem(state);
  if (!item) throw new Error(`no due item while ${state.status}`);
  return item;
}

export const REQUESTED_AT = day(4);
export const CERTIFIED_AT = day(10);
export const RECHECK_OPENS_AT = CERTIFIED_AT + ms(CONFIG.recheckInterval);
export const SPOT_AT = day(100);
export const SPOT_FAILED_AT = day(110);
export const SUBMITTED_AT = day(150);

export const declared = (config: CampaignConfig = CONFIG): CertificationState =>
  initialState({
    certificationId: 'cert-jiefangbei-1',
    officeId: JIEFANGBEI.id,
    countyId: JIEFANGBEI.countyId,
    cityId: JIEFANGBEI.cityId,
    declaration: declaration(JIEFANGBEI.id),
    config,
    criteria: PROVISIONAL_FENGQIAO_CRITERIA,
    now: T0,
  });
export const returned = (): CertificationState =>
  act(declared(), COMMANDS.returnForRevision, day(1));
export const building = (config: CampaignConfig = CONFIG): CertificationState =>
  act(declared(config), COMMANDS.approve, day(1));
export const verifying = (config: CampaignConfig = CONFIG): CertificationState =>
  act(
    act(act(building(config), COMMANDS.report, day(2)), COMMANDS.evidence, day(3)),
    COMMANDS.requestVerification,
    REQUESTED_AT,
  );
export const verificationComplete = (config: CampaignConfig = CONFIG): CertificationState =>
  act(
    act(
      act(verifying(config), COMMANDS.passingInspection, day(5)),
      COMMANDS.documentReview,
      day(6),
    ),
    COMMANDS.localOpinion,
    day(7),
  );
export const certified = (config: CampaignConfig = CONFIG): CertificationState =>
  act(verificationComplete(config), COMMANDS.decide, CERTIFIED_AT);
export const recheckOpen = (): CertificationState => due(certified(), RECHECK_OPENS_AT);
export const spotCheckOpen = (): CertificationState =>
  act(certified(), COMMANDS.spotCheck, SPOT_AT);
export const rectifying = (): CertificationState =>
  act(act(spotCheckOpen(), COMMANDS.failingInspection, day(105)), COMMANDS.decide, SPOT_FAILED_AT);
export const rectificationSubmitted = (): CertificationState =>
  act(rectifying(), COMMANDS.submitRectification, SUBMITTED_AT);
