// Unit tests for the lifecycle rules in domain/lifecycle.ts: which commands each status accepts,
// why the others are refused, and what every accepted command produces. States are reached by
// walking initialState through real commands, so the tests follow the real rules.
import { PROVISIONAL_FENGQIAO_CRITERIA } from '../../../../modules/criteria/rules/criteria';
import { durationMs } from '../../../../platform/config/duration';
import type {
  CertificationState,
  Command,
  CommandType,
  OpenCheck,
  Transition,
} from '../../../../modules/certification/rules/lifecycle';
import {
  TERMINAL_STATUSES,
  apply,
  applyDue,
  dueItem,
  evidenceRefusal,
  initialState,
  isTerminal,
  missingEvidence,
  refusal,
  rolesFor,
  withCertificateNumber,
} from '../../../../modules/certification/rules/lifecycle';
import type {
  CampaignConfig,
  DeclarationReviewInput,
} from '../../../../modules/certification/rules/schemas';
import type { Actor, Role } from '../../../../modules/shared';
import { CertificationStatus } from '../../../../modules/certification/rules/schemas';
import {
  ACTORS,
  CONFIG,
  FAILING_SCORES,
  JIEFANGBEI,
  PASSING_SCORES,
  declaration,
} from '../../../support/fixtures';

// ---------------------------------------------------------------------------------------
// Actors, commands and a fixed timeline

const T0 = Date.UTC(2023, 0, 1);
const DAY = 86_400_000;
const day = (n: number): number => T0 + n * DAY;

const operator: Actor = ACTORS.yuzhongOperator;
const otherCountyOperator: Actor = ACTORS.jiangbeiOperator;
const reviewer: Actor = ACTORS.reviewer;
const inspector: Actor = ACTORS.inspector;
const otherCityReviewer: Actor = ACTORS.otherCityReviewer;
const cityAdmin: Actor = {
  id: 'apikey-dev-city-admin',
  role: 'CITY_ADMIN',
  cityId: JIEFANGBEI.cityId,
  countyId: null,
};
const system: Actor = { id: 'system', role: 'SYSTEM', cityId: JIEFANGBEI.cityId, countyId: null };

const FULL_SCORES = { PARTY: 20, RULE_OF_LAW: 20, PEOPLE: 20, SAFETY: 20, SERVE: 20 };
const REVISED_PLAN = { summary: '完善“一站式”调解平台建设方案', feature: '老马工作法升级版' };

const review = (
  decision: DeclarationReviewInput['decision'],
  reason = '材料齐全,同意创建',
): Command => ({ type: 'REVIEW_DECLARATION', input: { decision, reason } });
const resubmit = (note?: string): Command => ({
  type: 'RESUBMIT_DECLARATION',
  input: note === undefined ? { plan: REVISED_PLAN } : { plan: REVISED_PLAN, note },
});
const progressReport: Command = {
  type: 'SUBMIT_PROGRESS_REPORT',
  input: { period: '2023-Q1', summary: '完成调解室改造' },
};
const evidence: Command = { type: 'ADD_EVIDENCE', input: { kind: 'PHOTO', title: '调解室照片' } };
const requestVerification: Command = {
  type: 'REQUEST_VERIFICATION',
  input: { selfAssessment: { summary: '自评达到创建标准' } },
};
const inspection = (
  scores: Record<string, number> = PASSING_SCORES,
  triggeredVetoes: string[] = [],
): Command => ({
  type: 'RECORD_INSPECTION',
  input: { scores, triggeredVetoes, findings: '现场检查记录' },
});
const documentReview = (passed = true): Command => ({
  type: 'RECORD_DOCUMENT_REVIEW',
  input: { passed, findings: passed ? '资料齐全' : '台账缺失' },
});
const localOpinion = (supportive = true): Command => ({
  type: 'RECORD_LOCAL_OPINION',
  input: { authority: '解放碑街道党工委', supportive, summary: supportive ? '同意' : '不同意' },
});
const decide = (override?: { passed: boolean; reason: string }): Command => ({
  type: 'DECIDE',
  input: override ? { override } : {},
});
const verifyRectification = (override?: { passed: boolean; reason: string }): Command => ({
  type: 'VERIFY_RECTIFICATION',
  input: override ? { override } : {},
});
const markExemplary: Command = {
  type: 'MARK_EXEMPLARY',
  input: { experienceSummary: '“老马工作法”化解矛盾纠纷经验' },
};
const startSpotCheck: Command = { type: 'START_SPOT_CHECK', input: { reason: '年度随机抽查' } };
const openRecheck: Command = {
  type: 'OPEN_RECHECK',
  input: { reason: '2022 年命名的司法所提前复查' },
};
const submitRectification: Command = {
  type: 'SUBMIT_RECTIFICATION',
  input: { summary: '已补齐台账并完成整改' },
};
const withdraw: Command = { type: 'WITHDRAW', input: { reason: '司法所撤并' } };

/** One valid sample of every command; `satisfies` makes the compiler demand all of them. */
const SAMPLE = {
  REVIEW_DECLARATION: review('APPROVE'),
  RESUBMIT_DECLARATION: resubmit(),
  SUBMIT_PROGRESS_REPORT: progressReport,
  ADD_EVIDENCE: evidence,
  REQUEST_VERIFICATION: requestVerification,
  RECORD_INSPECTION: inspection(),
  RECORD_DOCUMENT_REVIEW: documentReview(),
  RECORD_LOCAL_OPINION: localOpinion(),
  DECIDE: decide(),
  VERIFY_RECTIFICATION: verifyRectification(),
  MARK_EXEMPLARY: markExemplary,
  START_SPOT_CHECK: startSpotCheck,
  OPEN_RECHECK: openRecheck,
  SUBMIT_RECTIFICATION: submitRectification,
  WITHDRAW: withdraw,
} satisfies Record<CommandType, Command>;
const COMMAND_TYPES = Object.keys(SAMPLE) as CommandType[];

/** An actor allowed to issue each command on a Jiefangbei certification. */
const ACTOR_FOR: Record<CommandType, Actor> = {
  REVIEW_DECLARATION: reviewer,
  RESUBMIT_DECLARATION: operator,
  SUBMIT_PROGRESS_REPORT: operator,
  ADD_EVIDENCE: operator,
  REQUEST_VERIFICATION: operator,
  RECORD_INSPECTION: inspector,
  RECORD_DOCUMENT_REVIEW: reviewer,
  RECORD_LOCAL_OPINION: operator,
  DECIDE: reviewer,
  VERIFY_RECTIFICATION: reviewer,
  MARK_EXEMPLARY: reviewer,
  START_SPOT_CHECK: reviewer,
  OPEN_RECHECK: cityAdmin,
  SUBMIT_RECTIFICATION: operator,
  WITHDRAW: operator,
};

// ---------------------------------------------------------------------------------------
// Walking the lifecycle through real commands

function act(
  state: CertificationState,
  command: Command,
  now: number,
  actor: Actor = ACTOR_FOR[command.type],
): CertificationState {
  return apply(state, command, actor, now).state;
}

function due(state: CertificationState, now: number): CertificationState {
  const transition = applyDue(state, now);
  if (!transition) throw new Error(`nothing was due at ${new Date(now).toISOString()}`);
  return transition.state;
}

const REVIEWED_AT = day(1);
const REQUESTED_AT = day(4);
const CERTIFIED_AT = day(10);
const RECHECK_OPENS_AT = CERTIFIED_AT + durationMs(CONFIG.recheckInterval);
const SPOT_AT = day(110);
const SPOT_FAILED_AT = day(120);
const SUBMITTED_AT = day(150);

function declared(config: CampaignConfig = CONFIG): CertificationState {
  return initialState({
    certificationId: 'cert-jiefangbei-1',
    officeId: JIEFANGBEI.id,
    countyId: JIEFANGBEI.countyId,
    cityId: JIEFANGBEI.cityId,
    declaration: declaration(JIEFANGBEI.id),
    config,
    criteria: PROVISIONAL_FENGQIAO_CRITERIA,
    now: T0,
  });
}
const returned = (): CertificationState => act(declared(), review('RETURN', '方案不完整'), day(1));
const building = (config: CampaignConfig = CONFIG): CertificationState =>
  act(declared(config), review('APPROVE'), REVIEWED_AT);
const readyForVerification = (config: CampaignConfig = CONFIG): CertificationState =>
  act(act(building(config), progressReport, day(2)), evidence, day(3));
const verifying = (config: CampaignConfig = CONFIG): CertificationState =>
  act(readyForVerification(config), requestVerification, REQUESTED_AT);

interface Findings {
  scores?: Record<string, number>;
  vetoes?: string[];
  documentsPass?: boolean;
  supportive?: boolean;
}

/** Records what the open check needs: inspection, plus documents and opinion for full checks. */
function recordFindings(state: CertificationState, from: number, f: Findings = {}) {
  let next = act(state, inspection(f.scores ?? PASSING_SCORES, f.vetoes ?? []), from);
  const kind = next.openCheck?.kind;
  if (kind === 'VERIFICATION' || kind === 'RECHECK') {
    next = act(next, documentReview(f.documentsPass ?? true), from + DAY);
    next = act(next, localOpinion(f.supportive ?? true), from + 2 * DAY);
  }
  return next;
}

const verificationComplete = (f: Findings = {}, config: CampaignConfig = CONFIG) =>
  recordFindings(verifying(config), day(5), f);
const certified = (config: CampaignConfig = CONFIG): CertificationState =>
  act(verificationComplete({}, config), decide(), CERTIFIED_AT);
const recheckOpen = (): CertificationState => due(certified(), RECHECK_OPENS_AT);
const recheckComplete = (f: Findings = {}): CertificationState =>
  recordFindings(recheckOpen(), RECHECK_OPENS_AT + DAY, f);
const spotCheckOpen = (): CertificationState => act(certified(), startSpotCheck, SPOT_AT);
const spotCheckInspected = (scores: Record<string, number> = PASSING_SCORES) =>
  recordFindings(spotCheckOpen(), SPOT_AT + DAY, { scores });
const rectifying = (): CertificationState =>
  act(spotCheckInspected(FAILING_SCORES), decide(), SPOT_FAILED_AT);
const rectificationSubmitted = (): CertificationState =>
  act(rectifying(), submitRectification, SUBMITTED_AT);
const rectificationInspected = (scores: Record<string, number> = PASSING_SCORES) =>
  recordFindings(rectificationSubmitted(), SUBMITTED_AT + DAY, { scores });
const revoked = (): CertificationState =>
  act(rectificationInspected(FAILING_SCORES), verifyRectification(), day(160));
const rejected = (): CertificationState => act(declared(), review('REJECT'), REVIEWED_AT);
const withdrawn = (): CertificationState => act(building(), withdraw, day(2));
const failedOnce = (): CertificationState =>
  act(verificationComplete({ scores: FAILING_SCORES }), decide(), day(10));

function openCheckOf(state: CertificationState): OpenCheck {
  if (!state.openCheck) throw new Error('expected an open check');
  return state.openCheck;
}

// ---------------------------------------------------------------------------------------
// The command × status matrix

/** The statuses in which each status-gated command is allowed at all. */
const STATUS_GATE: Partial<Record<CommandType, CertificationStatus[]>> = {
  REVIEW_DECLARATION: ['DECLARED'],
  RESUBMIT_DECLARATION: ['DECLARED'],
  SUBMIT_PROGRESS_REPORT: ['BUILDING'],
  ADD_EVIDENCE: ['BUILDING', 'VERIFYING', 'RECTIFYING'],
  REQUEST_VERIFICATION: ['BUILDING'],
  MARK_EXEMPLARY: ['CERTIFIED'],
  START_SPOT_CHECK: ['CERTIFIED'],
  OPEN_RECHECK: ['CERTIFIED'],
  SUBMIT_RECTIFICATION: ['RECTIFYING'],
  WITHDRAW: ['DECLARED', 'BUILDING', 'VERIFYING'],
};

/** What a refusal adds to the statuses in its gate, where a check opens more. */
const GATE_NOTE: Partial<Record<CommandType, string>> = {
  ADD_EVIDENCE: ', or CERTIFIED during a recheck or spot check',
};

const NO_CHECK: Partial<Record<CommandType, RegExp>> = {
  RECORD_INSPECTION: /there is no open verification, recheck, spot check or rectification check/,
  RECORD_DOCUMENT_REVIEW: /only a verification or a full recheck takes one/,
  RECORD_LOCAL_OPINION: /only a verification or a full recheck takes one/,
  DECIDE: /there is no open check to decide/,
};
/** VERIFY_RECTIFICATION is refused everywhere but on a submitted rectification. */
function verifyRectificationReason(
  type: CommandType,
  state: CertificationState,
): RegExp | undefined {
  if (type !== 'VERIFY_RECTIFICATION') return undefined;
  return state.openCheck
    ? /there is no submitted rectification to verify/
    : /there is no open check to decide/;
}

const INSPECTION_ONLY_CHECK: Partial<Record<CommandType, RegExp>> = {
  RECORD_DOCUMENT_REVIEW: /cannot record document review: only a verification or a full recheck/,
  RECORD_LOCAL_OPINION: /cannot record local opinion: only a verification or a full recheck/,
};

interface MatrixCase {
  name: string;
  status: CertificationStatus;
  build: () => CertificationState;
  accepted: CommandType[];
  /** Why a command whose status gate is open (or that has none) is refused here. */
  because: Partial<Record<CommandType, RegExp>>;
}

const MATRIX: MatrixCase[] = [
  {
    name: 'a declaration awaiting review',
    status: 'DECLARED',
    build: declared,
    accepted: ['REVIEW_DECLARATION', 'WITHDRAW'],
    because: { ...NO_CHECK, RESUBMIT_DECLARATION: /was not returned for revision/ },
  },
  {
    name: 'a declaration returned for revision',
    status: 'DECLARED',
    build: returned,
    accepted: ['RESUBMIT_DECLARATION', 'WITHDRAW'],
    because: {
      ...NO_CHECK,
      REVIEW_DECLARATION: /returned for revision and has not been resubmitted/,
    },
  },
  {
    name: 'a certification building with nothing filed',
    status: 'BUILDING',
    build: building,
    accepted: ['SUBMIT_PROGRESS_REPORT', 'ADD_EVIDENCE', 'WITHDRAW'],
    because: { ...NO_CHECK, REQUEST_VERIFICATION: /at least one progress report/ },
  },
  {
    name: 'a certification building with a report and evidence',
    status: 'BUILDING',
    build: () => readyForVerification(),
    accepted: ['SUBMIT_PROGRESS_REPORT', 'ADD_EVIDENCE', 'REQUEST_VERIFICATION', 'WITHDRAW'],
    because: NO_CHECK,
  },
  {
    name: 'a certification back to building after a failed verification',
    status: 'BUILDING',
    build: failedOnce,
    accepted: ['SUBMIT_PROGRESS_REPORT', 'ADD_EVIDENCE', 'REQUEST_VERIFICATION', 'WITHDRAW'],
    because: NO_CHECK,
  },
  {
    name: 'a verification just requested',
    status: 'VERIFYING',
    build: () => verifying(),
    accepted: [
      'ADD_EVIDENCE',
      'RECORD_INSPECTION',
      'RECORD_DOCUMENT_REVIEW',
      'RECORD_LOCAL_OPINION',
      'WITHDRAW',
    ],
    because: {
      DECIDE:
        /missing on-site inspection scores, document review, local Party committee\/government opinion/,
    },
  },
  {
    name: 'a verification with all its evidence',
    status: 'VERIFYING',
    build: () => verificationComplete(),
    accepted: [
      'ADD_EVIDENCE',
      'RECORD_INSPECTION',
      'RECORD_DOCUMENT_REVIEW',
      'RECORD_LOCAL_OPINION',
      'DECIDE',
      'WITHDRAW',
    ],
    because: {},
  },
  {
    name: 'a certified office with no open check',
    status: 'CERTIFIED',
    build: () => certified(),
    accepted: ['MARK_EXEMPLARY', 'START_SPOT_CHECK', 'OPEN_RECHECK'],
    because: NO_CHECK,
  },
  {
    name: 'a certified office with a fresh recheck',
    status: 'CERTIFIED',
    build: recheckOpen,
    accepted: [
      'ADD_EVIDENCE',
      'RECORD_INSPECTION',
      'RECORD_DOCUMENT_REVIEW',
      'RECORD_LOCAL_OPINION',
      'MARK_EXEMPLARY',
    ],
    because: {
      START_SPOT_CHECK: /a recheck is already open/,
      OPEN_RECHECK: /a recheck is already open/,
      DECIDE: /missing on-site inspection scores, document review, local Party/,
    },
  },
  {
    name: 'a certified office with a complete recheck',
    status: 'CERTIFIED',
    build: () => recheckComplete(),
    accepted: [
      'ADD_EVIDENCE',
      'RECORD_INSPECTION',
      'RECORD_DOCUMENT_REVIEW',
      'RECORD_LOCAL_OPINION',
      'DECIDE',
      'MARK_EXEMPLARY',
    ],
    because: {
      START_SPOT_CHECK: /a recheck is already open/,
      OPEN_RECHECK: /a recheck is already open/,
    },
  },
  {
    name: 'a certified office with a fresh spot check',
    status: 'CERTIFIED',
    build: spotCheckOpen,
    accepted: ['ADD_EVIDENCE', 'RECORD_INSPECTION', 'MARK_EXEMPLARY'],
    because: {
      ...INSPECTION_ONLY_CHECK,
      START_SPOT_CHECK: /a spot check is already open/,
      OPEN_RECHECK: /a spot check is already open/,
      DECIDE: /cannot decide yet: missing on-site inspection scores$/,
    },
  },
  {
    name: 'a certified office with an inspected spot check',
    status: 'CERTIFIED',
    build: () => spotCheckInspected(),
    accepted: ['ADD_EVIDENCE', 'RECORD_INSPECTION', 'DECIDE', 'MARK_EXEMPLARY'],
    because: {
      ...INSPECTION_ONLY_CHECK,
      START_SPOT_CHECK: /a spot check is already open/,
      OPEN_RECHECK: /a spot check is already open/,
    },
  },
  {
    name: 'a rectification order awaiting submission',
    status: 'RECTIFYING',
    build: rectifying,
    accepted: ['ADD_EVIDENCE', 'SUBMIT_RECTIFICATION'],
    because: NO_CHECK,
  },
  {
    name: 'a submitted rectification awaiting inspection',
    status: 'RECTIFYING',
    build: rectificationSubmitted,
    accepted: ['ADD_EVIDENCE', 'RECORD_INSPECTION'],
    because: {
      ...INSPECTION_ONLY_CHECK,
      SUBMIT_RECTIFICATION: /already submitted and awaits verification/,
      DECIDE: /a submitted rectification is decided by verify rectification/,
      VERIFY_RECTIFICATION: /cannot decide yet: missing on-site inspection scores$/,
    },
  },
  {
    name: 'an inspected rectification',
    status: 'RECTIFYING',
    build: () => rectificationInspected(),
    accepted: ['ADD_EVIDENCE', 'RECORD_INSPECTION', 'VERIFY_RECTIFICATION'],
    because: {
      ...INSPECTION_ONLY_CHECK,
      SUBMIT_RECTIFICATION: /already submitted and awaits verification/,
      DECIDE: /a submitted rectification is decided by verify rectification/,
    },
  },
  { name: 'a revoked title', status: 'REVOKED', build: revoked, accepted: [], because: NO_CHECK },
  {
    name: 'a title revoked for a missed rectification deadline',
    status: 'REVOKED',
    build: () => {
      const state = rectifying();
      return due(state, state.rectification?.dueAt ?? 0);
    },
    accepted: [],
    because: NO_CHECK,
  },
  {
    name: 'a rejected declaration',
    status: 'REJECTED',
    build: rejected,
    accepted: [],
    because: NO_CHECK,
  },
  {
    name: 'a certification rejected after its last failed verification',
    status: 'REJECTED',
    build: () =>
      act(
        recordFindings(act(failedOnce(), requestVerification, day(20)), day(21), {
          scores: FAILING_SCORES,
        }),
        decide(),
        day(30),
      ),
    accepted: [],
    because: NO_CHECK,
  },
  {
    name: 'a withdrawn certification',
    status: 'WITHDRAWN',
    build: withdrawn,
    accepted: [],
    because: NO_CHECK,
  },
];

describe('the command matrix', () => {
  test('covers every status', () => {
    const covered = new Set(MATRIX.map((c) => c.status));
    expect([...covered].sort()).toEqual([...CertificationStatus.options].sort());
  });

  test.each(MATRIX.map((c) => [c.name, c] as const))(
    'builds %s in the status it claims',
    (_name, c) => {
      expect(c.build().status).toBe(c.status);
    },
  );

  for (const c of MATRIX) {
    describe(`for ${c.name} (${c.status})`, () => {
      const state = c.build();
      for (const type of COMMAND_TYPES) {
        if (c.accepted.includes(type)) {
          test(`${type} is accepted and advances the revision`, () => {
            expect(refusal(state, SAMPLE[type], ACTOR_FOR[type])).toBeNull();
            // Within an open rectification order's term, else well after everything else.
            const at = state.rectification ? state.rectification.openedAt + DAY : day(1000);
            const { state: next, event } = apply(state, SAMPLE[type], ACTOR_FOR[type], at);
            expect(next.revision).toBe(state.revision + 1);
            expect(event.fromStatus).toBe(c.status);
            expect(event.toStatus).toBe(next.status);
          });
        } else {
          test(`${type} is refused with a reason naming the cause`, () => {
            const reason = refusal(state, SAMPLE[type], ACTOR_FOR[type]);
            const gate = STATUS_GATE[type];
            if (gate && !gate.includes(c.status)) {
              expect(reason).toContain(`while the certification is ${c.status}`);
              expect(reason).toContain(`(allowed in ${gate.join(', ')}${GATE_NOTE[type] ?? ''})`);
            } else {
              const expected = c.because[type] ?? verifyRectificationReason(type, state);
              if (!expected) throw new Error(`the case gives no expected reason for ${type}`);
              expect(reason).toMatch(expected);
            }
            expect(() => apply(state, SAMPLE[type], ACTOR_FOR[type], day(1000))).toThrow(
              /refused command applied/,
            );
          });
        }
      }
    });
  }
});

// ---------------------------------------------------------------------------------------
// Who may do what

describe('actor rules', () => {
  test.each([
    ['REVIEW_DECLARATION', ['CITY_REVIEWER', 'CITY_ADMIN']],
    ['RESUBMIT_DECLARATION', ['COUNTY_OPERATOR']],
    ['SUBMIT_PROGRESS_REPORT', ['COUNTY_OPERATOR']],
    ['ADD_EVIDENCE', ['COUNTY_OPERATOR']],
    ['REQUEST_VERIFICATION', ['COUNTY_OPERATOR']],
    ['RECORD_INSPECTION', ['INSPECTOR', 'CITY_REVIEWER']],
    ['RECORD_DOCUMENT_REVIEW', ['CITY_REVIEWER', 'CITY_ADMIN']],
    ['RECORD_LOCAL_OPINION', ['COUNTY_OPERATOR', 'CITY_REVIEWER', 'CITY_ADMIN']],
    ['DECIDE', ['CITY_REVIEWER', 'CITY_ADMIN']],
    ['VERIFY_RECTIFICATION', ['CITY_REVIEWER', 'CITY_ADMIN']],
    ['MARK_EXEMPLARY', ['CITY_REVIEWER', 'CITY_ADMIN']],
    ['START_SPOT_CHECK', ['CITY_REVIEWER', 'CITY_ADMIN']],
    ['OPEN_RECHECK', ['CITY_ADMIN']],
    ['SUBMIT_RECTIFICATION', ['COUNTY_OPERATOR']],
    ['WITHDRAW', ['COUNTY_OPERATOR']],
  ] satisfies [CommandType, Role[]][])('rolesFor(%s) is %j', (type, roles) => {
    expect(rolesFor(type)).toEqual(roles);
  });

  test('rolesFor is listed for every command type and returns a fresh array', () => {
    for (const type of COMMAND_TYPES) expect(rolesFor(type).length).toBeGreaterThan(0);
    const first = rolesFor('DECIDE');
    first.push('INSPECTOR');
    expect(rolesFor('DECIDE')).toEqual(['CITY_REVIEWER', 'CITY_ADMIN']);
  });

  test.each([
    ['RESUBMIT_DECLARATION', returned],
    ['SUBMIT_PROGRESS_REPORT', building],
    ['ADD_EVIDENCE', building],
    ['REQUEST_VERIFICATION', () => readyForVerification()],
    ['RECORD_LOCAL_OPINION', () => verifying()],
    ['SUBMIT_RECTIFICATION', rectifying],
    ['WITHDRAW', building],
  ] satisfies [CommandType, () => CertificationState][])(
    'a county operator of another county cannot %s',
    (type, build) => {
      const state = build();
      expect(refusal(state, SAMPLE[type], operator)).toBeNull();
      expect(refusal(state, SAMPLE[type], otherCountyOperator)).toBe(
        'this certification belongs to another county',
      );
    },
  );

  test('a county operator with no county is treated as belonging to another county', () => {
    const countyless: Actor = { ...operator, countyId: null };
    expect(refusal(building(), progressReport, countyless)).toMatch(/another county/);
  });

  test.each([
    ['REVIEW_DECLARATION', declared],
    ['RECORD_DOCUMENT_REVIEW', () => verifying()],
    ['RECORD_INSPECTION', () => verifying()],
    ['DECIDE', () => verificationComplete()],
    ['MARK_EXEMPLARY', () => certified()],
    ['START_SPOT_CHECK', () => certified()],
  ] satisfies [CommandType, () => CertificationState][])(
    'a reviewer of another city cannot %s',
    (type, build) => {
      const state = build();
      expect(refusal(state, SAMPLE[type], reviewer)).toBeNull();
      expect(refusal(state, SAMPLE[type], otherCityReviewer)).toBe(
        'this certification belongs to another city',
      );
    },
  );

  test('the city check comes before the status check', () => {
    expect(refusal(revoked(), markExemplary, otherCityReviewer)).toBe(
      'this certification belongs to another city',
    );
  });

  test('an inspector cannot review a declaration', () => {
    expect(refusal(declared(), review('APPROVE'), inspector)).toBe(
      'role INSPECTOR cannot review declaration',
    );
  });

  test('a county operator cannot review its own declaration', () => {
    expect(refusal(declared(), review('APPROVE'), operator)).toBe(
      'role COUNTY_OPERATOR cannot review declaration',
    );
  });

  test('a city reviewer cannot file a progress report on behalf of the county', () => {
    expect(refusal(building(), progressReport, reviewer)).toBe(
      'role CITY_REVIEWER cannot submit progress report',
    );
  });

  test('a city admin can review a declaration but cannot record inspection scores', () => {
    expect(refusal(declared(), review('APPROVE'), cityAdmin)).toBeNull();
    expect(refusal(verifying(), inspection(), cityAdmin)).toBe(
      'role CITY_ADMIN cannot record inspection',
    );
  });

  test('a city reviewer may record inspection scores as well as an inspector', () => {
    const { state } = apply(verifying(), inspection(), reviewer, day(5));
    expect(state.openCheck?.inspection?.by).toBe(reviewer.id);
  });

  test('an inspector cannot decide the check it inspected', () => {
    expect(refusal(verificationComplete(), decide(), inspector)).toBe(
      'role INSPECTOR cannot decide',
    );
  });

  test.each(COMMAND_TYPES.filter((type) => type !== 'START_SPOT_CHECK'))(
    'the system cannot %s',
    (type) => {
      const reason = refusal(certified(), SAMPLE[type], system);
      expect(reason).toBe(`the system cannot ${type.toLowerCase().replaceAll('_', ' ')}`);
    },
  );

  test('the system can start a spot check on a certified office of its city', () => {
    const state = certified();
    expect(refusal(state, startSpotCheck, system)).toBeNull();
    const { state: next, event } = apply(state, startSpotCheck, system, SPOT_AT);
    expect(next.openCheck?.kind).toBe('SPOT_CHECK');
    expect(event.action).toBe('SPOT_CHECK_STARTED');
  });

  test('the system of another city cannot start a spot check', () => {
    const foreign: Actor = { ...system, cityId: otherCityReviewer.cityId };
    expect(refusal(certified(), startSpotCheck, foreign)).toBe(
      'this certification belongs to another city',
    );
  });
});

// ---------------------------------------------------------------------------------------
// Transitions

describe('the initial state', () => {
  test('is a declared certification at revision 1 with nothing filed', () => {
    const state = declared();
    expect(state).toMatchObject({
      status: 'DECLARED',
      revision: 1,
      officeId: JIEFANGBEI.id,
      countyId: JIEFANGBEI.countyId,
      cityId: JIEFANGBEI.cityId,
      campaignId: declaration(JIEFANGBEI.id).campaignId,
      declaredAt: T0,
      declaration: { submittedAt: T0, returnedAt: null },
      progressReportCount: 0,
      evidenceCount: 0,
      verificationAttempts: 0,
      openCheck: null,
      certificate: null,
      nextRecheckAt: null,
      rectification: null,
      escalation: null,
      closedAt: null,
    });
  });

  test('only REVOKED, REJECTED and WITHDRAWN are terminal', () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual(['REJECTED', 'REVOKED', 'WITHDRAWN']);
    for (const status of CertificationStatus.options) {
      expect(isTerminal(status)).toBe(TERMINAL_STATUSES.includes(status));
    }
  });

  test('apply does not mutate the state it is given', () => {
    const state = declared();
    const snapshot = structuredClone(state);
    apply(state, review('APPROVE'), reviewer, REVIEWED_AT);
    expect(state).toEqual(snapshot);
  });
});

describe('declaration review', () => {
  test('approving a declaration starts building', () => {
    const t = apply(declared(), review('APPROVE', '同意创建'), reviewer, REVIEWED_AT);
    expect(t.state.status).toBe('BUILDING');
    expect(t.state.revision).toBe(2);
    expect(t.state.closedAt).toBeNull();
    expect(t.event).toEqual({
      action: 'DECLARATION_APPROVED',
      fromStatus: 'DECLARED',
      toStatus: 'BUILDING',
      reason: '同意创建',
      details: {},
    });
    expect(t.needsCertificateNumber).toBe(false);
    expect(t.cycleCompleted).toBe(false);
  });

  test('returning a declaration keeps it declared and records when it was returned', () => {
    const t = apply(declared(), review('RETURN', '方案不完整'), reviewer, REVIEWED_AT);
    expect(t.state.status).toBe('DECLARED');
    expect(t.state.declaration.returnedAt).toBe(REVIEWED_AT);
    expect(t.state.declaration.submittedAt).toBe(T0);
    expect(t.event).toMatchObject({
      action: 'DECLARATION_RETURNED',
      fromStatus: 'DECLARED',
      toStatus: 'DECLARED',
      reason: '方案不完整',
    });
  });

  test('rejecting a declaration closes the certification', () => {
    const t = apply(declared(), review('REJECT', '不符合条件'), cityAdmin, REVIEWED_AT);
    expect(t.state.status).toBe('REJECTED');
    expect(t.state.closedAt).toBe(REVIEWED_AT);
    expect(t.event).toMatchObject({
      action: 'DECLARATION_REJECTED',
      fromStatus: 'DECLARED',
      toStatus: 'REJECTED',
      reason: '不符合条件',
    });
  });

  test('a returned declaration cannot be reviewed again until it is resubmitted', () => {
    expect(refusal(returned(), review('APPROVE'), reviewer)).toBe(
      'the declaration was returned for revision and has not been resubmitted',
    );
  });

  test('a declaration that was not returned cannot be resubmitted', () => {
    expect(refusal(declared(), resubmit(), operator)).toBe(
      'the declaration was not returned for revision',
    );
    expect(refusal(building(), resubmit(), operator)).toMatch(
      /cannot resubmit declaration while the certification is BUILDING/,
    );
  });

  test('resubmitting replaces the plan, restarts the review clock and allows a new review', () => {
    const t = apply(returned(), resubmit('已按意见修改'), operator, day(5));
    expect(t.state.status).toBe('DECLARED');
    expect(t.state.revision).toBe(3);
    expect(t.state.declaration).toEqual({
      plan: REVISED_PLAN,
      contact: declaration(JIEFANGBEI.id).contact,
      submittedAt: day(5),
      returnedAt: null,
    });
    expect(t.event).toEqual({
      action: 'DECLARATION_RESUBMITTED',
      fromStatus: 'DECLARED',
      toStatus: 'DECLARED',
      reason: '已按意见修改',
      details: { plan: REVISED_PLAN },
    });
    expect(refusal(t.state, review('APPROVE'), reviewer)).toBeNull();
    expect(act(t.state, review('APPROVE'), day(6)).status).toBe('BUILDING');
  });

  test('a resubmission without a note records no reason', () => {
    expect(apply(returned(), resubmit(), operator, day(5)).event.reason).toBeNull();
  });
});

describe('building', () => {
  test('a progress report is counted and its content recorded', () => {
    const t = apply(building(), progressReport, operator, day(2));
    expect(t.state.status).toBe('BUILDING');
    expect(t.state.progressReportCount).toBe(1);
    expect(t.event).toEqual({
      action: 'PROGRESS_REPORTED',
      fromStatus: 'BUILDING',
      toStatus: 'BUILDING',
      reason: null,
      details: { period: '2023-Q1', summary: '完成调解室改造' },
    });
    expect(act(t.state, progressReport, day(3)).progressReportCount).toBe(2);
  });

  test('evidence is counted and its metadata recorded', () => {
    const t = apply(building(), evidence, operator, day(2));
    expect(t.state.evidenceCount).toBe(1);
    expect(t.event).toMatchObject({
      action: 'EVIDENCE_ADDED',
      details: { kind: 'PHOTO', title: '调解室照片' },
    });
  });

  test('evidence may also be added while verifying and while rectifying', () => {
    expect(act(verifying(), evidence, day(5)).evidenceCount).toBe(2);
    expect(act(rectifying(), evidence, day(130)).evidenceCount).toBe(2);
  });

  test('a certified office adds evidence during a recheck or spot check, recorded against it', () => {
    for (const [build, kind] of [
      [recheckOpen, 'RECHECK'],
      [spotCheckOpen, 'SPOT_CHECK'],
    ] as const) {
      const state = build();
      expect(evidenceRefusal(state)).toBeNull();
      const t = apply(state, evidence, operator, (state.openCheck?.openedAt ?? 0) + DAY);
      expect(t.state).toMatchObject({ status: 'CERTIFIED', evidenceCount: 2 });
      expect(t.state.openCheck?.kind).toBe(kind);
      expect(t.event.details).toEqual({ kind: 'PHOTO', title: '调解室照片', check: kind });
    }
  });

  test('a certified office with no check open, or a closed certification, adds no evidence', () => {
    expect(evidenceRefusal(certified())).toMatch(
      /^cannot add evidence while the certification is CERTIFIED with no recheck or spot check open/,
    );
    expect(evidenceRefusal(revoked())).toMatch(/while the certification is REVOKED \(allowed in/);
    expect(evidenceRefusal(declared())).toMatch(/while the certification is DECLARED/);
    expect(evidenceRefusal(building())).toBeNull();
    expect(evidenceRefusal(verifying())).toBeNull();
    expect(evidenceRefusal(rectifying())).toBeNull();
  });

  test('verification cannot be requested before a progress report', () => {
    const withEvidenceOnly = act(building(), evidence, day(2));
    expect(refusal(withEvidenceOnly, requestVerification, operator)).toBe(
      'verification needs at least one progress report first',
    );
  });

  test('verification cannot be requested before any evidence', () => {
    const withReportOnly = act(building(), progressReport, day(2));
    expect(refusal(withReportOnly, requestVerification, operator)).toBe(
      'verification needs at least one item of evidence first',
    );
  });

  test('requesting verification opens a verification due after the verification period', () => {
    const t = apply(readyForVerification(), requestVerification, operator, REQUESTED_AT);
    expect(t.state.status).toBe('VERIFYING');
    expect(t.state.verificationAttempts).toBe(1);
    expect(t.state.openCheck).toEqual({
      kind: 'VERIFICATION',
      openedAt: REQUESTED_AT,
      dueAt: REQUESTED_AT + durationMs(CONFIG.verificationPeriod),
      inspection: null,
      documentReview: null,
      localOpinion: null,
    });
    expect(t.event).toEqual({
      action: 'VERIFICATION_REQUESTED',
      fromStatus: 'BUILDING',
      toStatus: 'VERIFYING',
      reason: null,
      details: { attempt: 1, selfAssessment: { summary: '自评达到创建标准' } },
    });
  });
});

describe('recording inspection scores', () => {
  test('records the scores, vetoes and findings with who recorded them and when', () => {
    const t = apply(verifying(), inspection(PASSING_SCORES), inspector, day(5));
    expect(openCheckOf(t.state).inspection).toEqual({
      scores: PASSING_SCORES,
      triggeredVetoes: [],
      mandatory: {},
      findings: '现场检查记录',
      by: inspector.id,
      at: day(5),
      inspectedOn: null,
      officeProfile: null,
    });
    expect(t.state.status).toBe('VERIFYING');
    expect(t.event).toEqual({
      action: 'INSPECTION_RECORDED',
      fromStatus: 'VERIFYING',
      toStatus: 'VERIFYING',
      reason: null,
      details: {
        check: 'VERIFICATION',
        scores: PASSING_SCORES,
        triggeredVetoes: [],
        mandatory: {},
        findings: '现场检查记录',
        inspectedOn: null,
        officeProfile: null,
      },
    });
  });

  test('accepts a known veto item', () => {
    const t = apply(
      verifying(),
      inspection(FULL_SCORES, ['VETO_MASS_INCIDENT']),
      inspector,
      day(5),
    );
    expect(openCheckOf(t.state).inspection?.triggeredVetoes).toEqual(['VETO_MASS_INCIDENT']);
  });

  test('a second inspection replaces the first', () => {
    const once = act(verifying(), inspection(FAILING_SCORES), day(5));
    const twice = act(once, inspection(PASSING_SCORES), day(6));
    expect(openCheckOf(twice).inspection).toMatchObject({ scores: PASSING_SCORES, at: day(6) });
  });

  test.each([
    [
      'an unknown item',
      { ...PASSING_SCORES, LIBRARY: 5 },
      [],
      /scores\.LIBRARY: not a scored item/,
    ],
    [
      'a veto item given a score',
      { ...PASSING_SCORES, VETO_MASS_INCIDENT: 0 },
      [],
      /VETO_MASS_INCIDENT: not a scored item/,
    ],
    [
      'a score above the maximum',
      { ...PASSING_SCORES, PARTY: 21 },
      [],
      /scores\.PARTY: 21 is above the maximum of 20/,
    ],
    [
      'a missing item',
      { PARTY: 18, RULE_OF_LAW: 18, PEOPLE: 17, SAFETY: 18 },
      [],
      /scores\.SERVE: missing/,
    ],
    [
      'an unknown veto',
      PASSING_SCORES,
      ['VETO_FLOOD'],
      /triggeredVetoes: VETO_FLOOD is not a veto item/,
    ],
    [
      'a scored item given as a veto',
      PASSING_SCORES,
      ['PARTY'],
      /triggeredVetoes: PARTY is not a veto item/,
    ],
  ] satisfies [string, Record<string, number>, string[], RegExp][])(
    'refuses scores with %s',
    (_what, scores, vetoes, problem) => {
      const reason = refusal(verifying(), inspection(scores, vetoes), inspector);
      expect(reason).toMatch(/^inspection scores do not fit the criteria: /);
      expect(reason).toMatch(problem);
    },
  );

  test('lists every problem in one refusal', () => {
    const reason = refusal(
      verifying(),
      inspection({ PARTY: 30, RULE_OF_LAW: 18, PEOPLE: 17, SAFETY: 18 }, ['NOPE']),
      inspector,
    );
    expect(reason).toBe(
      'inspection scores do not fit the criteria: scores.PARTY: 30 is above the maximum of 20; ' +
        'scores.SERVE: missing; triggeredVetoes: NOPE is not a veto item',
    );
  });

  test('is refused when no check is open', () => {
    expect(refusal(certified(), inspection(), inspector)).toBe(
      'there is no open verification, recheck, spot check or rectification check',
    );
  });
});

describe('document review and local opinion', () => {
  test('are recorded on a verification with who recorded them and when', () => {
    let state = act(verifying(), documentReview(true), day(5), reviewer);
    state = act(state, localOpinion(true), day(6), operator);
    const check = openCheckOf(state);
    expect(check.documentReview).toEqual({
      passed: true,
      findings: '资料齐全',
      by: reviewer.id,
      at: day(5),
    });
    expect(check.localOpinion).toEqual({
      authority: '解放碑街道党工委',
      supportive: true,
      summary: '同意',
      by: operator.id,
      at: day(6),
    });
  });

  test('record events that name the check', () => {
    const doc = apply(verifying(), documentReview(false), reviewer, day(5));
    expect(doc.event).toMatchObject({
      action: 'DOCUMENT_REVIEW_RECORDED',
      details: { check: 'VERIFICATION', passed: false, findings: '台账缺失' },
    });
    const opinion = apply(recheckOpen(), localOpinion(true), cityAdmin, RECHECK_OPENS_AT);
    expect(opinion.event).toMatchObject({
      action: 'LOCAL_OPINION_RECORDED',
      fromStatus: 'CERTIFIED',
      toStatus: 'CERTIFIED',
      details: { check: 'RECHECK', authority: '解放碑街道党工委', supportive: true },
    });
  });

  test.each([
    ['a spot check', spotCheckOpen],
    ['a rectification check', rectificationSubmitted],
  ] satisfies [string, () => CertificationState][])('are refused on %s', (_what, build) => {
    const state = build();
    expect(refusal(state, documentReview(), reviewer)).toBe(
      'cannot record document review: only a verification or a full recheck takes one',
    );
    expect(refusal(state, localOpinion(), reviewer)).toBe(
      'cannot record local opinion: only a verification or a full recheck takes one',
    );
  });

  test('a county operator of another county cannot record the local opinion', () => {
    expect(refusal(verifying(), localOpinion(), otherCountyOperator)).toMatch(/another county/);
  });
});

describe('deciding a verification', () => {
  test('missingEvidence lists what each kind of check still needs', () => {
    expect(missingEvidence(openCheckOf(verifying()))).toEqual([
      'on-site inspection scores',
      'document review',
      'local Party committee/government opinion',
    ]);
    expect(missingEvidence(openCheckOf(act(verifying(), inspection(), day(5))))).toEqual([
      'document review',
      'local Party committee/government opinion',
    ]);
    expect(missingEvidence(openCheckOf(spotCheckOpen()))).toEqual(['on-site inspection scores']);
    expect(missingEvidence(openCheckOf(spotCheckInspected()))).toEqual([]);
    expect(missingEvidence(openCheckOf(rectificationSubmitted()))).toEqual([
      'on-site inspection scores',
    ]);
  });

  test('is refused until inspection, document review and local opinion are all recorded', () => {
    let state = verifying();
    expect(refusal(state, decide(), reviewer)).toBe(
      'cannot decide yet: missing on-site inspection scores, document review, ' +
        'local Party committee/government opinion',
    );
    state = act(state, inspection(), day(5));
    state = act(state, localOpinion(), day(6));
    expect(refusal(state, decide(), reviewer)).toBe('cannot decide yet: missing document review');
    state = act(state, documentReview(), day(7));
    expect(refusal(state, decide(), reviewer)).toBeNull();
  });

  test('a pass certifies the office and asks for a certificate number', () => {
    const t = apply(verificationComplete(), decide(), reviewer, CERTIFIED_AT);
    expect(t.state.status).toBe('CERTIFIED');
    expect(t.state.certificate).toEqual({ number: null, certifiedAt: CERTIFIED_AT });
    expect(t.needsCertificateNumber).toBe(true);
    expect(t.cycleCompleted).toBe(false);
    expect(t.state.nextRecheckAt).toBe(CERTIFIED_AT + durationMs(CONFIG.recheckInterval));
    expect(t.state.openCheck).toBeNull();
    expect(t.state.escalation).toBeNull();
    expect(t.state.closedAt).toBeNull();
    expect(t.state.lastDecision).toEqual({
      kind: 'VERIFICATION',
      at: CERTIFIED_AT,
      decision: expect.objectContaining({
        total: 88,
        passed: true,
        triggeredVetoes: [],
        reasons: [],
      }) as unknown,
      overridden: false,
    });
    expect(t.event).toEqual({
      action: 'CERTIFIED',
      fromStatus: 'VERIFYING',
      toStatus: 'CERTIFIED',
      reason: null,
      details: {
        check: 'VERIFICATION',
        computed: expect.objectContaining({
          total: 88,
          passed: true,
          triggeredVetoes: [],
          reasons: [],
        }) as unknown,
        passed: true,
        override: null,
      },
    });
  });

  test('withCertificateNumber fills in the number and keeps the certification date', () => {
    const numbered = withCertificateNumber(certified(), 'CQ-FQ-2023-0001');
    expect(numbered.certificate).toEqual({ number: 'CQ-FQ-2023-0001', certifiedAt: CERTIFIED_AT });
    expect(() => withCertificateNumber(building(), 'CQ-FQ-2023-0002')).toThrow(/no certificate/);
  });

  test('a failure with attempts left returns the office to building', () => {
    const t = apply(
      verificationComplete({ scores: FAILING_SCORES }),
      decide(),
      reviewer,
      CERTIFIED_AT,
    );
    expect(t.state.status).toBe('BUILDING');
    expect(t.state.verificationAttempts).toBe(1);
    expect(t.state.openCheck).toBeNull();
    expect(t.state.certificate).toBeNull();
    expect(t.state.nextRecheckAt).toBeNull();
    expect(t.state.closedAt).toBeNull();
    expect(t.needsCertificateNumber).toBe(false);
    expect(t.state.lastDecision?.decision).toMatchObject({ total: 57, passed: false });
    expect(t.event).toMatchObject({
      action: 'VERIFICATION_FAILED',
      fromStatus: 'VERIFYING',
      toStatus: 'BUILDING',
      details: { passed: false, override: null },
    });
  });

  test('a second request counts a second attempt', () => {
    const t = apply(failedOnce(), requestVerification, operator, day(20));
    expect(t.state.verificationAttempts).toBe(2);
    expect(t.event.details).toMatchObject({ attempt: 2 });
  });

  test('a failure on the last attempt rejects the certification', () => {
    expect(CONFIG.maxVerificationAttempts).toBe(2);
    const secondAttempt = recordFindings(act(failedOnce(), requestVerification, day(20)), day(21), {
      scores: FAILING_SCORES,
    });
    const t = apply(secondAttempt, decide(), reviewer, day(30));
    expect(t.state.status).toBe('REJECTED');
    expect(t.state.closedAt).toBe(day(30));
    expect(t.state.openCheck).toBeNull();
    expect(t.event).toMatchObject({
      action: 'VERIFICATION_FAILED_FINAL',
      fromStatus: 'VERIFYING',
      toStatus: 'REJECTED',
    });
  });

  test('with a single attempt allowed, the first failure rejects', () => {
    const config = { ...CONFIG, maxVerificationAttempts: 1 };
    const state = verificationComplete({ scores: FAILING_SCORES }, config);
    expect(apply(state, decide(), reviewer, day(10)).state.status).toBe('REJECTED');
  });

  test('a triggered veto fails the verification even with full points', () => {
    const state = verificationComplete({ scores: FULL_SCORES, vetoes: ['VETO_EXTREME_VIOLENCE'] });
    const t = apply(state, decide(), reviewer, CERTIFIED_AT);
    expect(t.state.status).toBe('BUILDING');
    expect(t.state.lastDecision?.decision).toMatchObject({
      total: 100,
      passed: false,
      triggeredVetoes: ['VETO_EXTREME_VIOLENCE'],
      reasons: [
        { zh: '一票否决:发生个人极端暴力案件', en: 'Veto: An extreme violent case occurred' },
      ],
    });
  });

  test('a failed document review fails the verification despite passing scores', () => {
    const t = apply(verificationComplete({ documentsPass: false }), decide(), reviewer, day(10));
    expect(t.state.status).toBe('BUILDING');
    expect(t.state.lastDecision?.decision.reasons).toEqual([
      { zh: '资料审查未通过', en: 'The document review did not pass' },
    ]);
  });

  test('an unsupportive local opinion fails the verification despite passing scores', () => {
    const t = apply(verificationComplete({ supportive: false }), decide(), reviewer, day(10));
    expect(t.state.status).toBe('BUILDING');
    expect(t.state.lastDecision?.decision.reasons.map((r) => r.en)).toEqual([
      'The local Party committee/government opinion is not supportive',
    ]);
  });

  test('an override with a reason passes a computed failure and the event records it', () => {
    const override = { passed: true, reason: '现场分数漏记特色加分,经集体研究同意命名' };
    const state = verificationComplete({ scores: FAILING_SCORES });
    const t = apply(state, decide(override), reviewer, CERTIFIED_AT);
    expect(t.state.status).toBe('CERTIFIED');
    expect(t.needsCertificateNumber).toBe(true);
    expect(t.state.lastDecision).toMatchObject({
      overridden: true,
      decision: { total: 57, passed: false },
    });
    expect(t.event).toMatchObject({
      action: 'CERTIFIED',
      reason: override.reason,
      details: { passed: true, override, computed: { passed: false, total: 57 } },
    });
  });

  test('an override can also fail a computed pass', () => {
    const override = { passed: false, reason: '群众反映调解质量不高' };
    const t = apply(verificationComplete(), decide(override), reviewer, CERTIFIED_AT);
    expect(t.state.status).toBe('BUILDING');
    expect(t.state.certificate).toBeNull();
    expect(t.event).toMatchObject({
      action: 'VERIFICATION_FAILED',
      reason: override.reason,
      details: { passed: false, override, computed: { passed: true } },
    });
  });
});

describe('the full recheck', () => {
  test('is opened by the due date, not by a person', () => {
    const state = recheckOpen();
    expect(state.status).toBe('CERTIFIED');
    expect(openCheckOf(state)).toMatchObject({
      kind: 'RECHECK',
      openedAt: RECHECK_OPENS_AT,
      dueAt: RECHECK_OPENS_AT + durationMs(CONFIG.recheckWindow),
    });
  });

  test('needs inspection, document review and local opinion before a decision', () => {
    expect(refusal(act(recheckOpen(), inspection(), RECHECK_OPENS_AT), decide(), reviewer)).toBe(
      'cannot decide yet: missing document review, local Party committee/government opinion',
    );
  });

  test('a pass completes the cycle and moves the next recheck', () => {
    const at = RECHECK_OPENS_AT + 10 * DAY;
    const t = apply(recheckComplete(), decide(), reviewer, at);
    expect(t.state.status).toBe('CERTIFIED');
    expect(t.cycleCompleted).toBe(true);
    expect(t.needsCertificateNumber).toBe(false);
    expect(t.state.rechecksPassed).toBe(1);
    expect(t.state.nextRecheckAt).toBe(at + durationMs(CONFIG.recheckInterval));
    expect(t.state.openCheck).toBeNull();
    expect(t.state.certificate).toEqual({ number: null, certifiedAt: CERTIFIED_AT });
    expect(t.event).toMatchObject({
      action: 'RECHECK_PASSED',
      fromStatus: 'CERTIFIED',
      toStatus: 'CERTIFIED',
      details: { check: 'RECHECK', passed: true },
    });
  });

  test('a failure opens a rectification order due after the rectification period', () => {
    const at = RECHECK_OPENS_AT + 10 * DAY;
    const t = apply(recheckComplete({ scores: FAILING_SCORES }), decide(), reviewer, at);
    expect(t.state.status).toBe('RECTIFYING');
    expect(t.cycleCompleted).toBe(false);
    expect(t.state.rechecksPassed).toBe(0);
    expect(t.state.nextRecheckAt).toBe(at + durationMs(CONFIG.recheckInterval));
    expect(t.state.rectificationCount).toBe(1);
    expect(t.state.rectification).toEqual({
      number: 1,
      openedAt: at,
      dueAt: at + durationMs(CONFIG.rectificationPeriod),
      cause: 'RECHECK',
      findings: [{ zh: '总分 57 低于合格线 80', en: 'Total 57 is below the pass threshold of 80' }],
      submittedAt: null,
    });
    expect(t.event).toMatchObject({
      action: 'RECHECK_FAILED',
      fromStatus: 'CERTIFIED',
      toStatus: 'RECTIFYING',
    });
  });
});

describe('spot checks', () => {
  test('starting one opens a spot check due after the recheck window', () => {
    const t = apply(certified(), startSpotCheck, cityAdmin, SPOT_AT);
    expect(t.state.status).toBe('CERTIFIED');
    expect(t.state.openCheck).toEqual({
      kind: 'SPOT_CHECK',
      openedAt: SPOT_AT,
      dueAt: SPOT_AT + durationMs(CONFIG.recheckWindow),
      inspection: null,
      documentReview: null,
      localOpinion: null,
    });
    expect(t.event).toEqual({
      action: 'SPOT_CHECK_STARTED',
      fromStatus: 'CERTIFIED',
      toStatus: 'CERTIFIED',
      reason: '年度随机抽查',
      details: {},
    });
  });

  test.each([
    ['BUILDING', building],
    ['VERIFYING', () => verifying()],
    ['RECTIFYING', rectifying],
    ['REVOKED', revoked],
  ] satisfies [CertificationStatus, () => CertificationState][])(
    'cannot start while %s',
    (status, build) => {
      expect(refusal(build(), startSpotCheck, reviewer)).toBe(
        `cannot start spot check while the certification is ${status} (allowed in CERTIFIED)`,
      );
    },
  );

  test('cannot start while another check is open', () => {
    expect(refusal(spotCheckOpen(), startSpotCheck, reviewer)).toBe('a spot check is already open');
    expect(refusal(recheckOpen(), startSpotCheck, reviewer)).toBe('a recheck is already open');
  });

  test('needs only the inspection before a decision', () => {
    expect(refusal(spotCheckOpen(), decide(), reviewer)).toBe(
      'cannot decide yet: missing on-site inspection scores',
    );
    expect(refusal(spotCheckInspected(), decide(), reviewer)).toBeNull();
  });

  test('a pass keeps the office certified and leaves the recheck date alone', () => {
    const t = apply(spotCheckInspected(), decide(), reviewer, SPOT_FAILED_AT);
    expect(t.state.status).toBe('CERTIFIED');
    expect(t.state.openCheck).toBeNull();
    expect(t.state.nextRecheckAt).toBe(RECHECK_OPENS_AT);
    expect(t.state.rechecksPassed).toBe(0);
    expect(t.cycleCompleted).toBe(false);
    expect(t.event).toMatchObject({
      action: 'SPOT_CHECK_PASSED',
      fromStatus: 'CERTIFIED',
      toStatus: 'CERTIFIED',
      details: { check: 'SPOT_CHECK', passed: true },
    });
  });

  test('a failure opens a rectification order caused by the spot check', () => {
    const t = apply(spotCheckInspected(FAILING_SCORES), decide(), reviewer, SPOT_FAILED_AT);
    expect(t.state.status).toBe('RECTIFYING');
    expect(t.state.openCheck).toBeNull();
    expect(t.state.nextRecheckAt).toBe(RECHECK_OPENS_AT);
    expect(t.state.rectification).toMatchObject({
      number: 1,
      cause: 'SPOT_CHECK',
      openedAt: SPOT_FAILED_AT,
      dueAt: SPOT_FAILED_AT + durationMs(CONFIG.rectificationPeriod),
      submittedAt: null,
    });
    expect(t.event).toMatchObject({
      action: 'SPOT_CHECK_FAILED',
      fromStatus: 'CERTIFIED',
      toStatus: 'RECTIFYING',
    });
  });
});

describe('rectification', () => {
  test('submitting it opens a rectification check and clears escalations', () => {
    const t = apply(rectifying(), submitRectification, operator, SUBMITTED_AT);
    const order = rectifying().rectification;
    expect(t.state.status).toBe('RECTIFYING');
    expect(t.state.rectification).toEqual({ ...order, submittedAt: SUBMITTED_AT });
    expect(t.state.openCheck).toMatchObject({
      kind: 'RECTIFICATION',
      openedAt: SUBMITTED_AT,
      dueAt: SUBMITTED_AT + durationMs(CONFIG.recheckWindow),
      inspection: null,
    });
    expect(t.state.escalation).toBeNull();
    expect(t.event).toEqual({
      action: 'RECTIFICATION_SUBMITTED',
      fromStatus: 'RECTIFYING',
      toStatus: 'RECTIFYING',
      reason: null,
      details: { order: 1, summary: '已补齐台账并完成整改', late: false },
    });
  });

  test('cannot be submitted twice', () => {
    expect(refusal(rectificationSubmitted(), submitRectification, operator)).toBe(
      'the rectification was already submitted and awaits verification',
    );
  });

  test('a pass restores the title and closes the order', () => {
    const t = apply(rectificationInspected(), verifyRectification(), reviewer, day(160));
    expect(t.state.status).toBe('CERTIFIED');
    expect(t.state.rectification).toBeNull();
    expect(t.state.rectificationCount).toBe(1);
    expect(t.state.openCheck).toBeNull();
    expect(t.state.closedAt).toBeNull();
    expect(t.state.certificate).toEqual({ number: null, certifiedAt: CERTIFIED_AT });
    expect(t.needsCertificateNumber).toBe(false);
    expect(t.event).toMatchObject({
      action: 'RECTIFICATION_PASSED',
      fromStatus: 'RECTIFYING',
      toStatus: 'CERTIFIED',
      details: { check: 'RECTIFICATION', passed: true },
    });
  });

  test('a failure revokes the title', () => {
    const t = apply(
      rectificationInspected(FAILING_SCORES),
      verifyRectification(),
      reviewer,
      day(160),
    );
    expect(t.state.status).toBe('REVOKED');
    expect(t.state.closedAt).toBe(day(160));
    expect(t.state.rectification).toBeNull();
    expect(t.event).toMatchObject({
      action: 'REVOKED',
      fromStatus: 'RECTIFYING',
      toStatus: 'REVOKED',
    });
  });

  test('a later rectification order gets the next number', () => {
    const restored = act(rectificationInspected(), verifyRectification(), day(160));
    const spot = recordFindings(act(restored, startSpotCheck, day(200)), day(201), {
      scores: FAILING_SCORES,
    });
    const again = act(spot, decide(), day(210));
    expect(again.rectificationCount).toBe(2);
    expect(again.rectification).toMatchObject({ number: 2, cause: 'SPOT_CHECK' });
  });
});

describe('withdrawal', () => {
  test.each([
    ['DECLARED', declared],
    ['BUILDING', building],
    ['VERIFYING', () => verificationComplete()],
  ] satisfies [CertificationStatus, () => CertificationState][])(
    'is allowed while %s and closes the certification',
    (status, build) => {
      const t = apply(build(), withdraw, operator, day(50));
      expect(t.state.status).toBe('WITHDRAWN');
      expect(t.state.openCheck).toBeNull();
      expect(t.state.closedAt).toBe(day(50));
      expect(t.event).toEqual({
        action: 'WITHDRAWN',
        fromStatus: status,
        toStatus: 'WITHDRAWN',
        reason: '司法所撤并',
        details: {},
      });
    },
  );

  test.each([
    ['CERTIFIED', () => certified()],
    ['RECTIFYING', rectifying],
    ['REVOKED', revoked],
    ['REJECTED', rejected],
    ['WITHDRAWN', withdrawn],
  ] satisfies [CertificationStatus, () => CertificationState][])(
    'is refused while %s',
    (status, build) => {
      expect(refusal(build(), withdraw, operator)).toBe(
        `cannot withdraw while the certification is ${status} (allowed in DECLARED, BUILDING, VERIFYING)`,
      );
    },
  );
});

describe('marking an office exemplary', () => {
  test('records the experience summary on a certified office', () => {
    const t = apply(certified(), markExemplary, reviewer, day(40));
    expect(t.state.status).toBe('CERTIFIED');
    expect(t.state.exemplary).toEqual({
      experienceSummary: '“老马工作法”化解矛盾纠纷经验',
      markedAt: day(40),
    });
    expect(t.event).toEqual({
      action: 'EXEMPLARY_MARKED',
      fromStatus: 'CERTIFIED',
      toStatus: 'CERTIFIED',
      reason: null,
      details: { experienceSummary: '“老马工作法”化解矛盾纠纷经验' },
    });
  });

  test.each([
    ['BUILDING', building],
    ['VERIFYING', () => verifying()],
    ['RECTIFYING', rectifying],
    ['REVOKED', revoked],
  ] satisfies [CertificationStatus, () => CertificationState][])(
    'is refused while %s',
    (status, build) => {
      expect(refusal(build(), markExemplary, reviewer)).toBe(
        `cannot mark exemplary while the certification is ${status} (allowed in CERTIFIED)`,
      );
    },
  );
});

describe('the revision', () => {
  test('increases by exactly one for every transition along the whole lifecycle', () => {
    const steps: [Command, number][] = [
      [review('APPROVE'), day(1)],
      [progressReport, day(2)],
      [evidence, day(3)],
      [requestVerification, day(4)],
      [inspection(), day(5)],
      [documentReview(), day(6)],
      [localOpinion(), day(7)],
      [decide(), day(10)],
      [startSpotCheck, day(20)],
      [inspection(FAILING_SCORES), day(21)],
      [decide(), day(22)],
      [submitRectification, day(30)],
      [inspection(), day(31)],
      [verifyRectification(), day(32)],
    ];
    let state = declared();
    const transitions: Transition[] = [];
    for (const [command, at] of steps) {
      const t = apply(state, command, ACTOR_FOR[command.type], at);
      transitions.push(t);
      state = t.state;
    }
    expect(transitions.map((t) => t.state.revision)).toEqual(steps.map((_, i) => i + 2));
    expect(transitions.map((t) => t.event.action)).toEqual([
      'DECLARATION_APPROVED',
      'PROGRESS_REPORTED',
      'EVIDENCE_ADDED',
      'VERIFICATION_REQUESTED',
      'INSPECTION_RECORDED',
      'DOCUMENT_REVIEW_RECORDED',
      'LOCAL_OPINION_RECORDED',
      'CERTIFIED',
      'SPOT_CHECK_STARTED',
      'INSPECTION_RECORDED',
      'SPOT_CHECK_FAILED',
      'RECTIFICATION_SUBMITTED',
      'INSPECTION_RECORDED',
      'RECTIFICATION_PASSED',
    ]);
    expect(state.status).toBe('CERTIFIED');
  });
});

describe('rules found by review', () => {
  test('a rectification submitted after its deadline is refused, so the deadline can revoke', () => {
    const state = rectifying();
    const dueAt = state.rectification?.dueAt ?? 0;
    expect(refusal(state, submitRectification, operator, dueAt + DAY)).toMatch(
      /rectification deadline passed/,
    );
    expect(refusal(state, submitRectification, operator, dueAt - DAY)).toBeNull();
    expect(() => apply(state, submitRectification, operator, dueAt + DAY)).toThrow(
      /deadline passed/,
    );
  });

  test('an exemplary mark is withdrawn when the office is ordered to rectify', () => {
    const marked = act(certified(), markExemplary, day(20));
    expect(marked.exemplary).not.toBeNull();
    const slid = act(
      act(act(marked, startSpotCheck, SPOT_AT), inspection(FAILING_SCORES), SPOT_AT + DAY),
      decide(),
      SPOT_FAILED_AT,
    );
    expect(slid.status).toBe('RECTIFYING');
    expect(slid.exemplary).toBeNull();
  });

  test('recheck numbers keep counting after a failed recheck', () => {
    const opened = recheckOpen();
    expect(opened.rechecksOpened).toBe(1);
    const failed = act(
      recordFindings(opened, RECHECK_OPENS_AT, { scores: FAILING_SCORES }),
      decide(),
      RECHECK_OPENS_AT + 3 * DAY,
    );
    expect(failed.status).toBe('RECTIFYING');
    const submitted = act(failed, submitRectification, RECHECK_OPENS_AT + 10 * DAY);
    const back = act(
      act(submitted, inspection(PASSING_SCORES), RECHECK_OPENS_AT + 11 * DAY),
      verifyRectification(),
      RECHECK_OPENS_AT + 12 * DAY,
    );
    expect(back.status).toBe('CERTIFIED');
    const next = applyDue(back, back.nextRecheckAt ?? 0);
    expect(next?.event.details).toEqual({ reasonCode: 'RECHECK_DUE', recheckNumber: 2 });
  });
});

describe('opening the recheck early (OPEN_RECHECK)', () => {
  const EARLY_AT = CERTIFIED_AT + 200 * DAY;

  test('opens the same RECHECK check the timer would, only now', () => {
    const t = apply(certified(), openRecheck, cityAdmin, EARLY_AT);
    const byTimer = due(certified(), RECHECK_OPENS_AT);
    expect(t.state.status).toBe('CERTIFIED');
    expect(openCheckOf(t.state)).toEqual({
      ...openCheckOf(byTimer),
      openedAt: EARLY_AT,
      dueAt: EARLY_AT + durationMs(CONFIG.recheckWindow),
    });
    expect(t.state.rechecksOpened).toBe(byTimer.rechecksOpened);
    expect(t.cycleCompleted).toBe(false);
    expect(t.event).toEqual({
      action: 'RECHECK_OPENED',
      fromStatus: 'CERTIFIED',
      toStatus: 'CERTIFIED',
      reason: '2022 年命名的司法所提前复查',
      details: {
        recheckNumber: 1,
        early: true,
        scheduledFor: CERTIFIED_AT + durationMs(CONFIG.recheckInterval),
      },
    });
  });

  test('the timer no longer opens a second recheck while it is open', () => {
    const opened = act(certified(), openRecheck, EARLY_AT);
    expect(dueItem(opened)?.kind).toBe('CHECK_DECISION');
    const atScheduled = applyDue(opened, RECHECK_OPENS_AT);
    expect(atScheduled?.event.action).not.toBe('RECHECK_OPENED');
    expect(refusal(opened, openRecheck, cityAdmin)).toBe('a recheck is already open');
  });

  test('deciding it schedules the next recheck a full interval after the decision', () => {
    const decidedAt = EARLY_AT + 5 * DAY;
    const done = act(
      recordFindings(act(certified(), openRecheck, EARLY_AT), EARLY_AT + DAY),
      decide(),
      decidedAt,
    );
    expect(done.openCheck).toBeNull();
    expect(done.rechecksPassed).toBe(1);
    expect(done.nextRecheckAt).toBe(decidedAt + durationMs(CONFIG.recheckInterval));
    const next = applyDue(done, done.nextRecheckAt ?? 0);
    expect(next?.event).toMatchObject({ action: 'RECHECK_OPENED', details: { recheckNumber: 2 } });
  });

  test('only a city admin may open it, and not the system', () => {
    expect(refusal(certified(), openRecheck, reviewer)).toBe(
      'role CITY_REVIEWER cannot open recheck',
    );
    expect(refusal(certified(), openRecheck, system)).toBe('the system cannot open recheck');
  });
});
