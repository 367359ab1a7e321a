// The certification lifecycle as pure functions: which commands are allowed in which state,
// what each one does, and which due date comes next. The workflow holds the state and calls
// these; tests call them directly. Times are epoch milliseconds (workflow time).
import type { PinnedCriteria } from '../../criteria/workflow-api';
import { needsOfficeProfile } from '../../criteria/workflow-api';
import type { Decision, InspectionScores, Reason } from '../../criteria/workflow-api';
import { evaluate, scoreProblems } from '../../criteria/workflow-api';
import type { OfficeProfileSnapshot } from '../../office/workflow-api';
import { CITY_ROLES, durationMs } from '../../shared';
import type { EscalationRule } from './escalation';
import { CITY_FALLBACK_TARGET, escalationChainFor } from './escalation';
import type {
  CampaignConfig,
  CertificationStatus,
  DueKind,
  DeclarationReviewInput,
  DeclareInput,
  DecideInput,
  DocumentReviewInput,
  EvidenceInput,
  ExemplaryInput,
  InspectionInput,
  LocalOpinionInput,
  OpenRecheckInput,
  ProgressReportInput,
  RectificationSubmissionInput,
  RequestVerificationInput,
  ResubmitDeclarationInput,
  SpotCheckInput,
  WithdrawInput,
} from './schemas';
import type { Actor, Role } from '../../shared';

export type CheckKind = 'VERIFICATION' | 'RECHECK' | 'SPOT_CHECK' | 'RECTIFICATION';

export interface OpenCheck {
  kind: CheckKind;
  openedAt: number;
  dueAt: number;
  inspection: InspectionRecord | null;
  documentReview: (DocumentReviewInput & { by: string; at: number }) | null;
  localOpinion: (LocalOpinionInput & { by: string; at: number }) | null;
}

/** An inspection as recorded, with the office profile in effect on its date (if any). */
export type InspectionRecord = InspectionScores & {
  findings: string;
  by: string;
  at: number;
  /** Absent in inspections recorded before versioned criteria. */
  inspectedOn?: string | null;
  officeProfile?: OfficeProfileSnapshot | null;
};

export interface RectificationOrder {
  number: number;
  openedAt: number;
  dueAt: number;
  cause: CheckKind;
  findings: Reason[];
  submittedAt: number | null;
}

export interface CertificationState {
  certificationId: string;
  officeId: string;
  countyId: string;
  cityId: string;
  campaignId: string;
  status: CertificationStatus;
  /** Increments with every transition; the database projection is ordered by it. */
  revision: number;
  config: CampaignConfig;
  /** The criteria version pinned at declaration (older certifications: the legacy shape). */
  criteria: PinnedCriteria;
  declaredAt: number;
  declaration: {
    plan: DeclareInput['plan'];
    contact: DeclareInput['contact'];
    submittedAt: number;
    returnedAt: number | null;
  };
  progressReportCount: number;
  evidenceCount: number;
  verificationAttempts: number;
  openCheck: OpenCheck | null;
  lastDecision: { kind: CheckKind; at: number; decision: Decision; overridden: boolean } | null;
  certificate: { number: string | null; certifiedAt: number } | null;
  exemplary: { experienceSummary: string; markedAt: number } | null;
  nextRecheckAt: number | null;
  rechecksOpened: number;
  rechecksPassed: number;
  rectification: RectificationOrder | null;
  rectificationCount: number;
  /**
   * Escalations already made for the due date identified by `key`, and the rule they follow
   * (absent in escalations recorded before the rule existed: the configured chain).
   */
  escalation: { key: string; level: number; rule?: EscalationRule } | null;
  /** Reminder offsets already sent for the due date identified by `key` (absent in v1 states). */
  reminders?: { key: string; sent: string[] } | null;
  closedAt: number | null;
}

/**
 * The state without its pinned criteria: what due dates and open steps are read from. The
 * projection receives this after a run's first transition (activities/projection.ts).
 */
export type LifecycleFacts = Omit<CertificationState, 'criteria'>;

export type Command =
  | { type: 'REVIEW_DECLARATION'; input: DeclarationReviewInput }
  | { type: 'RESUBMIT_DECLARATION'; input: ResubmitDeclarationInput }
  | { type: 'SUBMIT_PROGRESS_REPORT'; input: ProgressReportInput }
  | { type: 'ADD_EVIDENCE'; input: EvidenceInput }
  | { type: 'REQUEST_VERIFICATION'; input: RequestVerificationInput }
  | { type: 'RECORD_INSPECTION'; input: InspectionInput }
  | { type: 'RECORD_DOCUMENT_REVIEW'; input: DocumentReviewInput }
  | { type: 'RECORD_LOCAL_OPINION'; input: LocalOpinionInput }
  | { type: 'DECIDE'; input: DecideInput }
  | { type: 'VERIFY_RECTIFICATION'; input: DecideInput }
  | { type: 'MARK_EXEMPLARY'; input: ExemplaryInput }
  | { type: 'START_SPOT_CHECK'; input: SpotCheckInput }
  | { type: 'OPEN_RECHECK'; input: OpenRecheckInput }
  | { type: 'SUBMIT_RECTIFICATION'; input: RectificationSubmissionInput }
  | { type: 'WITHDRAW'; input: WithdrawInput };

export type CommandType = Command['type'];

export type CommandInput<T extends CommandType> = Extract<Command, { type: T }>['input'];

/** What one transition records in the audit trail and the timeline. */
export interface TransitionEvent {
  action: string;
  fromStatus: CertificationStatus;
  toStatus: CertificationStatus;
  reason: string | null;
  details: Record<string, unknown>;
}

export const TERMINAL_STATUSES: readonly CertificationStatus[] = [
  'REVOKED',
  'REJECTED',
  'WITHDRAWN',
];

export function isTerminal(status: CertificationStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export function initialState(args: {
  certificationId: string;
  officeId: string;
  countyId: string;
  cityId: string;
  declaration: DeclareInput;
  config: CampaignConfig;
  criteria: PinnedCriteria;
  now: number;
}): CertificationState {
  return {
    certificationId: args.certificationId,
    officeId: args.officeId,
    countyId: args.countyId,
    cityId: args.cityId,
    campaignId: args.declaration.campaignId,
    status: 'DECLARED',
    revision: 1,
    config: args.config,
    criteria: args.criteria,
    declaredAt: args.now,
    declaration: {
      plan: args.declaration.plan,
      contact: args.declaration.contact,
      submittedAt: args.now,
      returnedAt: null,
    },
    progressReportCount: 0,
    evidenceCount: 0,
    verificationAttempts: 0,
    openCheck: null,
    lastDecision: null,
    certificate: null,
    exemplary: null,
    nextRecheckAt: null,
    rechecksOpened: 0,
    rechecksPassed: 0,
    rectification: null,
    rectificationCount: 0,
    escalation: null,
    reminders: null,
    closedAt: null,
  };
}

// ---------------------------------------------------------------------------------------
// Who may do what

type Party = 'COUNTY' | 'CITY' | 'CITY_ADMIN' | 'INSPECTION' | 'LOCAL_OPINION' | 'CITY_OR_SYSTEM';

const PARTY_OF: Record<CommandType, Party> = {
  REVIEW_DECLARATION: 'CITY',
  RESUBMIT_DECLARATION: 'COUNTY',
  SUBMIT_PROGRESS_REPORT: 'COUNTY',
  ADD_EVIDENCE: 'COUNTY',
  REQUEST_VERIFICATION: 'COUNTY',
  RECORD_INSPECTION: 'INSPECTION',
  RECORD_DOCUMENT_REVIEW: 'CITY',
  RECORD_LOCAL_OPINION: 'LOCAL_OPINION',
  DECIDE: 'CITY',
  VERIFY_RECTIFICATION: 'CITY',
  MARK_EXEMPLARY: 'CITY',
  START_SPOT_CHECK: 'CITY_OR_SYSTEM',
  OPEN_RECHECK: 'CITY_ADMIN',
  SUBMIT_RECTIFICATION: 'COUNTY',
  WITHDRAW: 'COUNTY',
};

/** The roles that may issue a command, for the API's route table and its documentation. */
export function rolesFor(type: CommandType): Role[] {
  switch (PARTY_OF[type]) {
    case 'COUNTY':
      return ['COUNTY_OPERATOR'];
    case 'CITY':
    case 'CITY_OR_SYSTEM':
      return [...CITY_ROLES];
    case 'CITY_ADMIN':
      return ['CITY_ADMIN'];
    case 'INSPECTION':
      return ['INSPECTOR', 'CITY_REVIEWER'];
    case 'LOCAL_OPINION':
      return ['COUNTY_OPERATOR', ...CITY_ROLES];
  }
}

function actorRefusal(state: CertificationState, type: CommandType, actor: Actor): string | null {
  if (actor.cityId !== state.cityId) return 'this certification belongs to another city';
  if (actor.role === 'SYSTEM') {
    return PARTY_OF[type] === 'CITY_OR_SYSTEM' ? null : `the system cannot ${describe(type)}`;
  }
  if (!rolesFor(type).includes(actor.role)) {
    return `role ${actor.role} cannot ${describe(type)}`;
  }
  if (actor.role === 'COUNTY_OPERATOR' && actor.countyId !== state.countyId) {
    return 'this certification belongs to another county';
  }
  return null;
}

function describe(type: CommandType): string {
  return type.toLowerCase().replaceAll('_', ' ');
}

// ---------------------------------------------------------------------------------------
// Refusals: a command that returns a reason here never enters the workflow's history.

export function refusal(
  state: CertificationState,
  command: Command,
  actor: Actor,
  /** Workflow time; a rectification submitted after its deadline is refused. */
  now?: number,
): string | null {
  return commandRefusal(state, command.type, actor, now) ?? inputRefusal(state, command);
}

/**
 * Why this actor cannot take a command of this type now, whatever its input, or null if they
 * may (the input is then judged by `refusal`). The console offers exactly the actions this
 * allows, so its forms follow the workflow's rules instead of repeating them.
 */
export function commandRefusal(
  state: CertificationState,
  type: CommandType,
  actor: Actor,
  now?: number,
): string | null {
  const byActor = actorRefusal(state, type, actor);
  if (byActor) return byActor;
  const inStatus = (...allowed: CertificationStatus[]): string | null =>
    allowed.includes(state.status)
      ? null
      : `cannot ${describe(type)} while the certification is ${state.status}` +
        ` (allowed in ${allowed.join(', ')})`;
  const check = state.openCheck;

  switch (type) {
    case 'REVIEW_DECLARATION':
      return (
        inStatus('DECLARED') ??
        (state.declaration.returnedAt !== null
          ? 'the declaration was returned for revision and has not been resubmitted'
          : null)
      );
    case 'RESUBMIT_DECLARATION':
      return (
        inStatus('DECLARED') ??
        (state.declaration.returnedAt === null
          ? 'the declaration was not returned for revision'
          : null)
      );
    case 'SUBMIT_PROGRESS_REPORT':
      return inStatus('BUILDING');
    case 'ADD_EVIDENCE':
      return evidenceRefusal(state);
    case 'REQUEST_VERIFICATION':
      return (
        inStatus('BUILDING') ??
        (state.progressReportCount === 0
          ? 'verification needs at least one progress report first'
          : state.evidenceCount === 0
            ? 'verification needs at least one item of evidence first'
            : null)
      );
    case 'RECORD_INSPECTION':
      return check
        ? null
        : 'there is no open verification, recheck, spot check or rectification check';
    case 'RECORD_DOCUMENT_REVIEW':
    case 'RECORD_LOCAL_OPINION':
      if (!check || (check.kind !== 'VERIFICATION' && check.kind !== 'RECHECK')) {
        return `cannot ${describe(type)}: only a verification or a full recheck takes one`;
      }
      return null;
    case 'DECIDE':
    case 'VERIFY_RECTIFICATION': {
      if (!check) return 'there is no open check to decide';
      const verifiesRectification = type === 'VERIFY_RECTIFICATION';
      if (verifiesRectification !== (check.kind === 'RECTIFICATION')) {
        return verifiesRectification
          ? 'there is no submitted rectification to verify'
          : 'a submitted rectification is decided by verify rectification';
      }
      const missing = missingEvidence(check);
      return missing.length > 0 ? `cannot decide yet: missing ${missing.join(', ')}` : null;
    }
    case 'MARK_EXEMPLARY':
      return inStatus('CERTIFIED');
    case 'START_SPOT_CHECK':
      return (
        inStatus('CERTIFIED') ??
        (check ? `a ${check.kind.toLowerCase().replaceAll('_', ' ')} is already open` : null)
      );
    case 'OPEN_RECHECK':
      return (
        inStatus('CERTIFIED') ??
        (check ? `a ${check.kind.toLowerCase().replaceAll('_', ' ')} is already open` : null)
      );
    case 'SUBMIT_RECTIFICATION':
      return (
        inStatus('RECTIFYING') ??
        (state.rectification?.submittedAt != null
          ? 'the rectification was already submitted and awaits verification'
          : now !== undefined && state.rectification && now > state.rectification.dueAt
            ? `the rectification deadline passed at ${new Date(state.rectification.dueAt).toISOString()}`
            : null)
      );
    case 'WITHDRAW':
      return inStatus('DECLARED', 'BUILDING', 'VERIFYING');
  }
}

/** What is wrong with a command's input in this state (only an inspection's is judged here). */
function inputRefusal(state: CertificationState, command: Command): string | null {
  if (command.type !== 'RECORD_INSPECTION') return null;
  const problems = scoreProblems(state.criteria, command.input);
  if (problems.length > 0) {
    return `inspection scores do not fit the criteria: ${problems.join('; ')}`;
  }
  const profile = command.input.officeProfile;
  if (profile && profile.officeId !== state.officeId) {
    return `the office profile is for office ${profile.officeId}, not ${state.officeId}`;
  }
  return !profile && needsOfficeProfile(state.criteria)
    ? 'the criteria check office data: the inspection needs the office profile as of its date'
    : null;
}

export type CheckPart = 'INSPECTION' | 'DOCUMENT_REVIEW' | 'LOCAL_OPINION';

/** What an open check still needs before it can be decided (a spot check: the inspection). */
export function missingParts(check: OpenCheck): CheckPart[] {
  const missing: CheckPart[] = [];
  if (!check.inspection) missing.push('INSPECTION');
  if (check.kind === 'VERIFICATION' || check.kind === 'RECHECK') {
    if (!check.documentReview) missing.push('DOCUMENT_REVIEW');
    if (!check.localOpinion) missing.push('LOCAL_OPINION');
  }
  return missing;
}

const PART_TEXT: Record<CheckPart, string> = {
  INSPECTION: 'on-site inspection scores',
  DOCUMENT_REVIEW: 'document review',
  LOCAL_OPINION: 'local Party committee/government opinion',
};

export function missingEvidence(check: OpenCheck): string[] {
  return missingParts(check).map((part) => PART_TEXT[part]);
}

/** The statuses in which an office files evidence whatever else is going on. */
const EVIDENCE_STATUSES: readonly CertificationStatus[] = ['BUILDING', 'VERIFYING', 'RECTIFYING'];
/** The checks of a certified office during which it files evidence for the inspectors. */
const EVIDENCE_CHECKS: readonly CheckKind[] = ['RECHECK', 'SPOT_CHECK'];

/**
 * Why the office may not add evidence now, or null if it may: while it builds, is verified
 * or rectifies, and while a certified office is under a recheck or spot check — exactly when
 * the inspectors ask for it. A certified office with no check open has nobody to read it.
 */
export function evidenceRefusal(state: CertificationState): string | null {
  if (EVIDENCE_STATUSES.includes(state.status)) return null;
  const check = state.openCheck;
  if (state.status === 'CERTIFIED' && check && EVIDENCE_CHECKS.includes(check.kind)) return null;
  const allowed = `${EVIDENCE_STATUSES.join(', ')}, or CERTIFIED during a recheck or spot check`;
  return state.status === 'CERTIFIED'
    ? `cannot add evidence while the certification is CERTIFIED with no recheck or spot check open (allowed in ${allowed})`
    : `cannot add evidence while the certification is ${state.status} (allowed in ${allowed})`;
}

// ---------------------------------------------------------------------------------------
// Transitions

export interface Transition {
  state: CertificationState;
  event: TransitionEvent;
  /** The workflow must obtain a certificate number for this transition. */
  needsCertificateNumber: boolean;
  /** A recheck cycle completed: the workflow continues as new with the state. */
  cycleCompleted: boolean;
}

/** Applies a command that `refusal` accepted. Throws if called with a refused command. */
export function apply(
  state: CertificationState,
  command: Command,
  actor: Actor,
  now: number,
): Transition {
  const refused = refusal(state, command, actor, now);
  if (refused) throw new Error(`refused command applied: ${refused}`);
  const from = state.status;
  const next: CertificationState = { ...state, revision: state.revision + 1 };
  let needsCertificateNumber = false;
  let cycleCompleted = false;
  // The event's toStatus is added once the new state is complete, below.
  const event = (
    action: string,
    reason: string | null,
    details: Record<string, unknown> = {},
  ): Omit<TransitionEvent, 'toStatus'> => ({ action, fromStatus: from, reason, details });
  const cfg = state.config;
  let recorded: Omit<TransitionEvent, 'toStatus'>;

  switch (command.type) {
    case 'REVIEW_DECLARATION': {
      const { decision, reason } = command.input;
      if (decision === 'APPROVE') {
        next.status = 'BUILDING';
        recorded = event('DECLARATION_APPROVED', reason);
      } else if (decision === 'RETURN') {
        next.declaration = { ...state.declaration, returnedAt: now };
        recorded = event('DECLARATION_RETURNED', reason);
      } else {
        next.status = 'REJECTED';
        next.closedAt = now;
        recorded = event('DECLARATION_REJECTED', reason);
      }
      break;
    }
    case 'RESUBMIT_DECLARATION':
      next.declaration = {
        ...state.declaration,
        plan: command.input.plan,
        submittedAt: now,
        returnedAt: null,
      };
      recorded = event('DECLARATION_RESUBMITTED', command.input.note ?? null, {
        plan: command.input.plan,
      });
      break;
    case 'SUBMIT_PROGRESS_REPORT':
      next.progressReportCount = state.progressReportCount + 1;
      recorded = event('PROGRESS_REPORTED', null, { ...command.input });
      break;
    case 'ADD_EVIDENCE':
      next.evidenceCount = state.evidenceCount + 1;
      // Evidence filed while a check is open says which one it answers.
      recorded = event(
        'EVIDENCE_ADDED',
        null,
        state.openCheck ? { ...command.input, check: state.openCheck.kind } : { ...command.input },
      );
      break;
    case 'REQUEST_VERIFICATION':
      next.status = 'VERIFYING';
      next.verificationAttempts = state.verificationAttempts + 1;
      next.openCheck = newCheck('VERIFICATION', now, now + durationMs(cfg.verificationPeriod));
      recorded = event('VERIFICATION_REQUESTED', null, {
        attempt: next.verificationAttempts,
        selfAssessment: command.input.selfAssessment,
      });
      break;
    case 'RECORD_INSPECTION': {
      const check = requireCheck(state);
      const { findings, scores, triggeredVetoes } = command.input;
      const mandatory = command.input.mandatory ?? {};
      const inspectedOn = command.input.inspectedOn ?? null;
      const officeProfile = command.input.officeProfile ?? null;
      next.openCheck = {
        ...check,
        inspection: {
          scores,
          triggeredVetoes,
          mandatory,
          findings,
          by: actor.id,
          at: now,
          inspectedOn,
          officeProfile,
        },
      };
      recorded = event('INSPECTION_RECORDED', null, {
        check: check.kind,
        scores,
        triggeredVetoes,
        mandatory,
        findings,
        inspectedOn,
        officeProfile,
      });
      break;
    }
    case 'RECORD_DOCUMENT_REVIEW': {
      const check = requireCheck(state);
      next.openCheck = { ...check, documentReview: { ...command.input, by: actor.id, at: now } };
      recorded = event('DOCUMENT_REVIEW_RECORDED', null, { check: check.kind, ...command.input });
      break;
    }
    case 'RECORD_LOCAL_OPINION': {
      const check = requireCheck(state);
      next.openCheck = { ...check, localOpinion: { ...command.input, by: actor.id, at: now } };
      recorded = event('LOCAL_OPINION_RECORDED', null, { check: check.kind, ...command.input });
      break;
    }
    case 'DECIDE':
    case 'VERIFY_RECTIFICATION': {
      const check = requireCheck(state);
      const decision = evaluateCheck(state.criteria, check);
      const override = command.input.override;
      const passed = override ? override.passed : decision.passed;
      next.openCheck = null;
      next.lastDecision = {
        kind: check.kind,
        at: now,
        decision,
        overridden: override !== undefined,
      };
      next.escalation = null;
      const outcome = decideOutcome(state, next, check.kind, passed, decision, now);
      needsCertificateNumber = outcome.needsCertificateNumber;
      cycleCompleted = outcome.cycleCompleted;
      recorded = event(outcome.action, override?.reason ?? null, {
        check: check.kind,
        computed: decision,
        passed,
        override: override ?? null,
      });
      break;
    }
    case 'MARK_EXEMPLARY':
      next.exemplary = { experienceSummary: command.input.experienceSummary, markedAt: now };
      recorded = event('EXEMPLARY_MARKED', null, { ...command.input });
      break;
    case 'START_SPOT_CHECK':
      next.openCheck = newCheck('SPOT_CHECK', now, now + durationMs(cfg.recheckWindow));
      recorded = event('SPOT_CHECK_STARTED', command.input.reason);
      break;
    case 'OPEN_RECHECK':
      // Exactly what the recheck timer does, only earlier. The next recheck is scheduled when
      // this one is decided (decideOutcome counts the interval from the decision), so opening
      // early moves the whole biennial cycle forward rather than adding a second recheck.
      next.openCheck = newCheck('RECHECK', now, now + durationMs(cfg.recheckWindow));
      next.rechecksOpened = state.rechecksOpened + 1;
      recorded = event('RECHECK_OPENED', command.input.reason, {
        recheckNumber: next.rechecksOpened,
        early: true,
        scheduledFor: state.nextRecheckAt,
      });
      break;
    case 'SUBMIT_RECTIFICATION': {
      const order = requireRectification(state);
      next.rectification = { ...order, submittedAt: now };
      next.openCheck = newCheck('RECTIFICATION', now, now + durationMs(cfg.recheckWindow));
      next.escalation = null;
      recorded = event('RECTIFICATION_SUBMITTED', null, {
        order: order.number,
        summary: command.input.summary,
        late: now > order.dueAt,
      });
      break;
    }
    case 'WITHDRAW':
      next.status = 'WITHDRAWN';
      next.openCheck = null;
      next.closedAt = now;
      recorded = event('WITHDRAWN', command.input.reason);
      break;
  }
  return {
    state: next,
    event: { ...recorded, toStatus: next.status },
    needsCertificateNumber,
    cycleCompleted,
  };
}

function newCheck(kind: CheckKind, openedAt: number, dueAt: number): OpenCheck {
  return { kind, openedAt, dueAt, inspection: null, documentReview: null, localOpinion: null };
}

function requireCheck(state: CertificationState): OpenCheck {
  if (!state.openCheck) throw new Error('no open check');
  return state.openCheck;
}

function requireRectification(state: CertificationState): RectificationOrder {
  if (!state.rectification) throw new Error('no rectification order');
  return state.rectification;
}

/** The rubric's result for a check, folding in document review and local opinion. */
export function evaluateCheck(criteria: PinnedCriteria, check: OpenCheck): Decision {
  const inspection = check.inspection ?? { scores: {}, triggeredVetoes: [] };
  const profile = check.inspection?.officeProfile?.values ?? null;
  const decision = evaluate(criteria, profile, inspection);
  const reasons = [...decision.reasons];
  if (check.documentReview && !check.documentReview.passed) {
    reasons.push({ zh: '资料审查未通过', en: 'The document review did not pass' });
  }
  if (check.localOpinion && !check.localOpinion.supportive) {
    reasons.push({
      zh: '当地党委政府意见不支持',
      en: 'The local Party committee/government opinion is not supportive',
    });
  }
  return { ...decision, reasons, passed: reasons.length === 0 };
}

function decideOutcome(
  state: CertificationState,
  next: CertificationState,
  kind: CheckKind,
  passed: boolean,
  decision: Decision,
  now: number,
): { action: string; needsCertificateNumber: boolean; cycleCompleted: boolean } {
  const cfg = state.config;
  const plain = { needsCertificateNumber: false, cycleCompleted: false };
  switch (kind) {
    case 'VERIFICATION':
      if (passed) {
        next.status = 'CERTIFIED';
        next.certificate = { number: null, certifiedAt: now };
        next.nextRecheckAt = now + durationMs(cfg.recheckInterval);
        return { action: 'CERTIFIED', needsCertificateNumber: true, cycleCompleted: false };
      }
      if (state.verificationAttempts < cfg.maxVerificationAttempts) {
        next.status = 'BUILDING';
        return { action: 'VERIFICATION_FAILED', ...plain };
      }
      next.status = 'REJECTED';
      next.closedAt = now;
      return { action: 'VERIFICATION_FAILED_FINAL', ...plain };
    case 'RECHECK':
      // The next cycle counts from this recheck, whether it passed or led to rectification.
      next.nextRecheckAt = now + durationMs(cfg.recheckInterval);
      if (passed) {
        next.rechecksPassed = state.rechecksPassed + 1;
        return { action: 'RECHECK_PASSED', needsCertificateNumber: false, cycleCompleted: true };
      }
      openRectification(state, next, kind, decision, now);
      return { action: 'RECHECK_FAILED', ...plain };
    case 'SPOT_CHECK':
      if (passed) return { action: 'SPOT_CHECK_PASSED', ...plain };
      openRectification(state, next, kind, decision, now);
      return { action: 'SPOT_CHECK_FAILED', ...plain };
    case 'RECTIFICATION':
      next.rectification = null;
      if (passed) {
        next.status = 'CERTIFIED';
        return { action: 'RECTIFICATION_PASSED', ...plain };
      }
      next.status = 'REVOKED';
      next.closedAt = now;
      return { action: 'REVOKED', ...plain };
  }
}

function openRectification(
  state: CertificationState,
  next: CertificationState,
  cause: CheckKind,
  decision: Decision,
  now: number,
): void {
  next.status = 'RECTIFYING';
  // An office under rectification is no longer held up as an example.
  next.exemplary = null;
  next.rectificationCount = state.rectificationCount + 1;
  next.rectification = {
    number: next.rectificationCount,
    openedAt: now,
    dueAt: now + durationMs(state.config.rectificationPeriod),
    cause,
    findings: decision.reasons,
    submittedAt: null,
  };
}

export function withCertificateNumber(
  state: CertificationState,
  number: string,
): CertificationState {
  if (!state.certificate) throw new Error('no certificate to number');
  return { ...state, certificate: { ...state.certificate, number } };
}

// ---------------------------------------------------------------------------------------
// Due dates and what happens when they pass

export type { DueKind };

export interface DueItem {
  kind: DueKind;
  dueAt: number;
  /** Who owes the next step. */
  owner: 'CITY' | 'COUNTY' | 'SYSTEM';
  /** What the system does when the due date passes. */
  onDue: 'ESCALATE' | 'OPEN_RECHECK' | 'REVOKE';
}

export function dueItem(state: LifecycleFacts): DueItem | null {
  const cfg = state.config;
  const check = state.openCheck;
  switch (state.status) {
    case 'DECLARED':
      return state.declaration.returnedAt === null
        ? {
            kind: 'DECLARATION_REVIEW',
            dueAt: state.declaration.submittedAt + durationMs(cfg.declarationReviewPeriod),
            owner: 'CITY',
            onDue: 'ESCALATE',
          }
        : {
            kind: 'DECLARATION_REVISION',
            dueAt: state.declaration.returnedAt + durationMs(cfg.declarationRevisionPeriod),
            owner: 'COUNTY',
            onDue: 'ESCALATE',
          };
    case 'VERIFYING':
      return check
        ? { kind: 'VERIFICATION_DECISION', dueAt: check.dueAt, owner: 'CITY', onDue: 'ESCALATE' }
        : null;
    case 'CERTIFIED':
      if (check) {
        return { kind: 'CHECK_DECISION', dueAt: check.dueAt, owner: 'CITY', onDue: 'ESCALATE' };
      }
      return state.nextRecheckAt === null
        ? null
        : {
            kind: 'RECHECK_OPENS',
            dueAt: state.nextRecheckAt,
            owner: 'SYSTEM',
            onDue: 'OPEN_RECHECK',
          };
    case 'RECTIFYING': {
      const order = state.rectification;
      if (!order) return null;
      if (order.submittedAt === null) {
        return {
          kind: 'RECTIFICATION_DEADLINE',
          dueAt: order.dueAt,
          owner: 'COUNTY',
          onDue: 'REVOKE',
        };
      }
      return check
        ? {
            kind: 'RECTIFICATION_VERIFICATION',
            dueAt: check.dueAt,
            owner: 'CITY',
            onDue: 'ESCALATE',
          }
        : null;
    }
    case 'BUILDING':
    case 'REVOKED':
    case 'REJECTED':
    case 'WITHDRAWN':
      return null;
  }
}

function escalationKey(item: DueItem): string {
  return `${item.kind}@${item.dueAt}`;
}

/** Reminders configured for the due date and not yet sent, earliest first. */
export function pendingReminders(
  state: CertificationState,
  item: DueItem,
): { offset: string; at: number }[] {
  if (item.owner === 'SYSTEM') return [];
  const offsets = state.config.reminderOffsets?.[item.kind] ?? [];
  const key = escalationKey(item);
  const sent = state.reminders?.key === key ? state.reminders.sent : [];
  return offsets
    .filter((offset) => !sent.includes(offset))
    .map((offset) => ({ offset, at: item.dueAt - durationMs(offset) }))
    .sort((a, b) => a.at - b.at);
}

export interface Timer {
  at: number;
  item: DueItem;
  /** Set when the timer is a reminder before the due date rather than the due date itself. */
  reminder?: string;
}

export interface DueOptions {
  /**
   * Which way overdue steps escalate (domain/escalation.ts). Default `OWNER_SIDE`; the
   * workflow passes `CONFIGURED_CHAIN` to replay histories recorded before that rule.
   */
  escalationRule?: EscalationRule;
}

/**
 * The rule an escalation of this due item follows: the one it started with if it has
 * started (so a chain is walked to its end under one rule), else the caller's.
 */
function escalationRuleOf(
  state: CertificationState,
  item: DueItem,
  options: DueOptions,
): EscalationRule {
  if (state.escalation?.key === escalationKey(item)) {
    return state.escalation.rule ?? 'CONFIGURED_CHAIN';
  }
  return options.escalationRule ?? 'OWNER_SIDE';
}

/** Whether an escalation of the current due date has already started (its rule is fixed). */
export function escalationStarted(state: CertificationState): boolean {
  const item = dueItem(state);
  return item !== null && state.escalation?.key === escalationKey(item);
}

/** The escalation targets of a due item, in order. */
export function escalationTargets(
  state: CertificationState,
  item: DueItem,
  options: DueOptions = {},
): string[] {
  return escalationChainFor(
    state.config.escalationChain,
    item.owner,
    escalationRuleOf(state, item, options),
  );
}

/** When the workflow must next act on its own, or null if it only waits for people. */
export function nextTimer(state: CertificationState, options: DueOptions = {}): Timer | null {
  const item = dueItem(state);
  if (!item) return null;
  const reminder = pendingReminders(state, item)[0];
  const atDue = dueTimer(state, item, options);
  if (reminder && (!atDue || reminder.at < atDue.at)) {
    return { at: reminder.at, item, reminder: reminder.offset };
  }
  return atDue;
}

function dueTimer(state: CertificationState, item: DueItem, options: DueOptions): Timer | null {
  if (item.onDue !== 'ESCALATE') return { at: item.dueAt, item };
  const level = state.escalation?.key === escalationKey(item) ? state.escalation.level : 0;
  if (level >= escalationTargets(state, item, options).length) return null;
  return { at: item.dueAt + level * durationMs(state.config.escalationInterval), item };
}

/**
 * Applies whatever is due at `now` (the timer fired). Returns null if nothing is due, e.g.
 * because a person acted in the meantime.
 */
export function applyDue(
  state: CertificationState,
  now: number,
  options: DueOptions = {},
): Transition | null {
  const timer = nextTimer(state, options);
  if (!timer || timer.at > now) return null;
  const { item } = timer;
  const next: CertificationState = { ...state, revision: state.revision + 1 };
  const from = state.status;
  const plain = { needsCertificateNumber: false, cycleCompleted: false };
  if (timer.reminder) {
    // Reminders whose time has come are all marked sent; one message, the latest, goes out.
    const key = escalationKey(item);
    const due = pendingReminders(state, item).filter((r) => r.at <= now);
    const sent = state.reminders?.key === key ? state.reminders.sent : [];
    next.reminders = { key, sent: [...sent, ...due.map((r) => r.offset)] };
    const latest = due[due.length - 1];
    return {
      state: next,
      event: {
        action: 'REMINDED',
        fromStatus: from,
        toStatus: from,
        reason: `${item.kind} is due ${new Date(item.dueAt).toISOString()}`,
        details: {
          reasonCode: 'STEP_DUE_SOON',
          dueKind: item.kind,
          dueAt: item.dueAt,
          owner: item.owner,
          offset: latest?.offset ?? timer.reminder,
          superseded: due.slice(0, -1).map((r) => r.offset),
        },
      },
      ...plain,
    };
  }
  switch (item.onDue) {
    case 'ESCALATE': {
      const key = escalationKey(item);
      const level = state.escalation?.key === key ? state.escalation.level : 0;
      const target = escalationTargets(state, item, options)[level] ?? CITY_FALLBACK_TARGET;
      next.escalation = { key, level: level + 1, rule: escalationRuleOf(state, item, options) };
      return {
        state: next,
        event: {
          action: 'ESCALATED',
          fromStatus: from,
          toStatus: from,
          reason: `${item.kind} was due ${new Date(item.dueAt).toISOString()}`,
          details: {
            reasonCode: 'STEP_OVERDUE',
            dueKind: item.kind,
            dueAt: item.dueAt,
            owner: item.owner,
            level: level + 1,
            target,
          },
        },
        ...plain,
      };
    }
    case 'OPEN_RECHECK':
      next.openCheck = newCheck('RECHECK', now, now + durationMs(state.config.recheckWindow));
      next.rechecksOpened = state.rechecksOpened + 1;
      return {
        state: next,
        event: {
          action: 'RECHECK_OPENED',
          fromStatus: from,
          toStatus: from,
          reason: 'the biennial full recheck is due',
          details: { reasonCode: 'RECHECK_DUE', recheckNumber: next.rechecksOpened },
        },
        ...plain,
      };
    case 'REVOKE':
      next.status = 'REVOKED';
      next.rectification = null;
      next.openCheck = null;
      next.closedAt = now;
      return {
        state: next,
        event: {
          action: 'REVOKED',
          fromStatus: from,
          toStatus: 'REVOKED',
          reason: 'the rectification was not submitted by its deadline',
          details: {
            reasonCode: 'RECTIFICATION_NOT_SUBMITTED',
            order: state.rectification?.number ?? null,
            dueAt: item.dueAt,
          },
        },
        ...plain,
      };
  }
}

/** The summary the API and search attributes show: status and the next due date. */
export function pendingDueDates(
  state: LifecycleFacts,
): { kind: DueKind; dueAt: number; owner: DueItem['owner']; escalations: number }[] {
  const item = dueItem(state);
  if (!item) return [];
  const escalations = state.escalation?.key === escalationKey(item) ? state.escalation.level : 0;
  return [{ kind: item.kind, dueAt: item.dueAt, owner: item.owner, escalations }];
}
