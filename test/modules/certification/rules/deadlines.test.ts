// Unit tests for due dates in domain/lifecycle.ts: which due date each state owes, when the
// workflow's timer fires, what happens when it does, and how escalations climb the chain.
import type { CertificationState } from '../../../../modules/certification/rules/lifecycle';
import {
  applyDue,
  dueItem,
  nextTimer,
  pendingDueDates,
} from '../../../../modules/certification/rules/lifecycle';
import { CONFIG } from '../../../support/fixtures';
import {
  T0,
  DAY,
  day,
  ms,
  INTERVAL,
  COMMANDS,
  act,
  due,
  itemOf,
  REQUESTED_AT,
  CERTIFIED_AT,
  RECHECK_OPENS_AT,
  SPOT_AT,
  SPOT_FAILED_AT,
  SUBMITTED_AT,
  declared,
  returned,
  building,
  verifying,
  verificationComplete,
  certified,
  recheckOpen,
  spotCheckOpen,
  rectifying,
  rectificationSubmitted,
} from '../../../support/states';

/** Fires every timer in turn until none is left or `until` is reached; returns the states. */
function fireAll(state: CertificationState, until = Number.MAX_SAFE_INTEGER) {
  const fired: { at: number; state: CertificationState; details: Record<string, unknown> }[] = [];
  let current = state;
  for (let timer = nextTimer(current); timer && timer.at <= until; timer = nextTimer(current)) {
    const t = applyDue(current, timer.at);
    if (!t) throw new Error('a timer fired with nothing due');
    current = t.state;
    fired.push({ at: timer.at, state: current, details: t.event.details });
    if (fired.length > 20) throw new Error('timers never stop firing');
  }
  return { fired, state: current };
}

// ---------------------------------------------------------------------------------------

describe('dueItem', () => {
  test('a declaration awaiting review is owed by the city within the review period', () => {
    expect(dueItem(declared())).toEqual({
      kind: 'DECLARATION_REVIEW',
      dueAt: T0 + ms(CONFIG.declarationReviewPeriod),
      owner: 'CITY',
      onDue: 'ESCALATE',
    });
  });

  test('a returned declaration is owed by the county within the revision period', () => {
    expect(dueItem(returned())).toEqual({
      kind: 'DECLARATION_REVISION',
      dueAt: day(1) + ms(CONFIG.declarationRevisionPeriod),
      owner: 'COUNTY',
      onDue: 'ESCALATE',
    });
  });

  test('a resubmitted declaration is owed by the city again from the resubmission', () => {
    const resubmitted = act(returned(), COMMANDS.resubmit, day(5));
    expect(dueItem(resubmitted)).toEqual({
      kind: 'DECLARATION_REVIEW',
      dueAt: day(5) + ms(CONFIG.declarationReviewPeriod),
      owner: 'CITY',
      onDue: 'ESCALATE',
    });
  });

  test('building owes nothing on a due date', () => {
    expect(dueItem(building())).toBeNull();
    expect(dueItem(act(building(), COMMANDS.report, day(2)))).toBeNull();
  });

  test('a verification is owed by the city within the verification period', () => {
    expect(dueItem(verifying())).toEqual({
      kind: 'VERIFICATION_DECISION',
      dueAt: REQUESTED_AT + ms(CONFIG.verificationPeriod),
      owner: 'CITY',
      onDue: 'ESCALATE',
    });
  });

  test('a certified office waits for its recheck, which the system opens', () => {
    expect(dueItem(certified())).toEqual({
      kind: 'RECHECK_OPENS',
      dueAt: CERTIFIED_AT + ms(CONFIG.recheckInterval),
      owner: 'SYSTEM',
      onDue: 'OPEN_RECHECK',
    });
  });

  test.each([
    ['an open recheck', recheckOpen, RECHECK_OPENS_AT],
    ['an open spot check', spotCheckOpen, SPOT_AT],
  ] satisfies [string, () => CertificationState, number][])(
    'a certified office with %s owes a check decision within the recheck window',
    (_what, build, openedAt) => {
      expect(dueItem(build())).toEqual({
        kind: 'CHECK_DECISION',
        dueAt: openedAt + ms(CONFIG.recheckWindow),
        owner: 'CITY',
        onDue: 'ESCALATE',
      });
    },
  );

  test('an unsubmitted rectification is owed by the county, on pain of revocation', () => {
    expect(dueItem(rectifying())).toEqual({
      kind: 'RECTIFICATION_DEADLINE',
      dueAt: SPOT_FAILED_AT + ms(CONFIG.rectificationPeriod),
      owner: 'COUNTY',
      onDue: 'REVOKE',
    });
  });

  test('a submitted rectification is owed a verification by the city', () => {
    expect(dueItem(rectificationSubmitted())).toEqual({
      kind: 'RECTIFICATION_VERIFICATION',
      dueAt: SUBMITTED_AT + ms(CONFIG.recheckWindow),
      owner: 'CITY',
      onDue: 'ESCALATE',
    });
  });

  test.each([
    ['REJECTED', () => act(declared(), COMMANDS.reject, day(1))],
    ['WITHDRAWN', () => act(verifying(), COMMANDS.withdraw, day(5))],
    ['REVOKED', () => due(rectifying(), itemOf(rectifying()).dueAt)],
  ] satisfies [string, () => CertificationState][])(
    'a %s certification owes nothing and has no timer',
    (status, build) => {
      const state = build();
      expect(state.status).toBe(status);
      expect(dueItem(state)).toBeNull();
      expect(nextTimer(state)).toBeNull();
      expect(pendingDueDates(state)).toEqual([]);
      expect(applyDue(state, Number.MAX_SAFE_INTEGER)).toBeNull();
    },
  );
});

describe('escalation', () => {
  const ESCALATING: [string, () => CertificationState][] = [
    ['DECLARATION_REVIEW', () => declared()],
    ['DECLARATION_REVISION', returned],
    ['VERIFICATION_DECISION', () => verifying()],
    ['CHECK_DECISION', recheckOpen],
    ['CHECK_DECISION', spotCheckOpen],
    ['RECTIFICATION_VERIFICATION', rectificationSubmitted],
  ];

  // The demo chain: county bureau head → city bureau division → city admin.
  const COUNTY_CHAIN = ['COUNTY_BUREAU_HEAD', 'CITY_BUREAU_DIVISION', 'CITY_ADMIN'];
  const CITY_CHAIN = ['CITY_BUREAU_DIVISION', 'CITY_ADMIN'];

  test.each(ESCALATING)(
    '%s escalates once per interval along the side that owes it, then stops',
    (kind, build) => {
      const state = build();
      const item = itemOf(state);
      expect(item.kind).toBe(kind);
      expect(nextTimer(state)).toEqual({ at: item.dueAt, item });
      const chain = item.owner === 'COUNTY' ? COUNTY_CHAIN : CITY_CHAIN;

      const { fired, state: exhausted } = fireAll(state);
      expect(fired.map((f) => f.at)).toEqual(chain.map((_, i) => item.dueAt + i * INTERVAL));
      expect(fired.map((f) => f.details)).toEqual(
        chain.map((target, i) => ({
          reasonCode: 'STEP_OVERDUE',
          dueKind: kind,
          dueAt: item.dueAt,
          owner: item.owner,
          level: i + 1,
          target,
        })),
      );
      expect(fired.map((f) => f.state.revision)).toEqual(
        chain.map((_, i) => state.revision + i + 1),
      );
      expect(exhausted.status).toBe(state.status);
      expect(exhausted.escalation).toEqual({
        key: `${kind}@${item.dueAt}`,
        level: chain.length,
        rule: 'OWNER_SIDE',
      });
      expect(nextTimer(exhausted)).toBeNull();
      expect(applyDue(exhausted, item.dueAt + 100 * INTERVAL)).toBeNull();
      expect(pendingDueDates(exhausted)).toEqual([
        { kind, dueAt: item.dueAt, owner: item.owner, escalations: chain.length },
      ]);
    },
  );

  test('a city-owed step never reaches the county: the configured chain is kept only when asked', () => {
    const state = recheckOpen();
    const dueAt = itemOf(state).dueAt;
    const legacy = { escalationRule: 'CONFIGURED_CHAIN' } as const;
    let current = state;
    const targets: unknown[] = [];
    for (let t = applyDue(current, dueAt + 10 * INTERVAL, legacy); t;) {
      current = t.state;
      targets.push(t.event.details.target);
      t = applyDue(current, dueAt + 10 * INTERVAL, legacy);
    }
    expect(targets).toEqual(CONFIG.escalationChain);
    expect(current.escalation?.rule).toBe('CONFIGURED_CHAIN');
    expect(fireAll(state).fired.map((f) => f.details.target)).toEqual(CITY_CHAIN);
  });

  test('an escalation keeps the rule it started with, whatever the caller asks later', () => {
    const state = verifying();
    const dueAt = itemOf(state).dueAt;
    const first = applyDue(state, dueAt, { escalationRule: 'CONFIGURED_CHAIN' });
    expect(first?.event.details.target).toBe('COUNTY_BUREAU_HEAD');
    const second = first && applyDue(first.state, dueAt + INTERVAL);
    expect(second?.event.details.target).toBe('CITY_BUREAU_DIVISION');
    // Recorded before rules were stored: the configured chain, to its end.
    const unmarked: CertificationState = {
      ...state,
      escalation: { key: `VERIFICATION_DECISION@${dueAt}`, level: 2 },
    };
    expect(nextTimer(unmarked)?.at).toBe(dueAt + 2 * INTERVAL);
    expect(applyDue(unmarked, dueAt + 2 * INTERVAL)?.event.details.target).toBe('CITY_ADMIN');
  });

  test('nothing happens one millisecond before each escalation level', () => {
    const state = returned();
    const dueAt = itemOf(state).dueAt;
    expect(applyDue(state, dueAt - 1)).toBeNull();
    const first = due(state, dueAt);
    expect(applyDue(first, dueAt + INTERVAL - 1)).toBeNull();
    const second = due(first, dueAt + INTERVAL);
    expect(applyDue(second, dueAt + 2 * INTERVAL - 1)).toBeNull();
    expect(due(second, dueAt + 2 * INTERVAL).escalation?.level).toBe(3);
  });

  test('an escalation records who was escalated to and why, without changing the status', () => {
    const state = verifying();
    const dueAt = itemOf(state).dueAt;
    const t = applyDue(state, dueAt);
    expect(t).toEqual({
      state: { ...state, revision: state.revision + 1, escalation: expect.any(Object) },
      event: {
        action: 'ESCALATED',
        fromStatus: 'VERIFYING',
        toStatus: 'VERIFYING',
        reason: `VERIFICATION_DECISION was due ${new Date(dueAt).toISOString()}`,
        details: {
          reasonCode: 'STEP_OVERDUE',
          dueKind: 'VERIFICATION_DECISION',
          dueAt,
          owner: 'CITY',
          level: 1,
          target: 'CITY_BUREAU_DIVISION',
        },
      },
      needsCertificateNumber: false,
      cycleCompleted: false,
    });
    expect(t?.state.escalation).toEqual({
      key: `VERIFICATION_DECISION@${dueAt}`,
      level: 1,
      rule: 'OWNER_SIDE',
    });
  });

  test('a timer that fires late still climbs one level per firing', () => {
    const state = returned();
    const dueAt = itemOf(state).dueAt;
    const late = dueAt + 30 * DAY;
    const levels: number[] = [];
    let current = state;
    for (let t = applyDue(current, late); t; t = applyDue(current, late)) {
      current = t.state;
      levels.push(t.event.details.level as number);
    }
    expect(levels).toEqual([1, 2, 3]);
  });

  test('a one-level chain escalates once and then stops', () => {
    const config = { ...CONFIG, escalationChain: ['CITY_ADMIN'] };
    const { fired, state } = fireAll(declared(config));
    expect(fired.map((f) => f.details.target)).toEqual(['CITY_ADMIN']);
    expect(nextTimer(state)).toBeNull();
  });

  test('the escalation interval comes from the configuration', () => {
    const config = { ...CONFIG, escalationInterval: '36h' };
    const { fired } = fireAll(declared(config));
    const dueAt = T0 + ms(CONFIG.declarationReviewPeriod);
    expect(fired.map((f) => f.at)).toEqual([dueAt, dueAt + 36 * 3_600_000]);
  });

  test('returning an escalated declaration starts a fresh chain for the revision', () => {
    const reviewDue = itemOf(declared()).dueAt;
    const escalated = fireAll(declared()).state;
    expect(nextTimer(escalated)).toBeNull();

    const back = act(escalated, COMMANDS.returnForRevision, reviewDue + 20 * DAY);
    const revisionDue = reviewDue + 20 * DAY + ms(CONFIG.declarationRevisionPeriod);
    expect(pendingDueDates(back)).toEqual([
      { kind: 'DECLARATION_REVISION', dueAt: revisionDue, owner: 'COUNTY', escalations: 0 },
    ]);
    expect(nextTimer(back)?.at).toBe(revisionDue);
  });

  test('resubmission resets the escalation key even for the same kind of due date', () => {
    let state = act(declared(), COMMANDS.returnForRevision, day(1));
    state = act(state, COMMANDS.resubmit, day(2));
    const firstReview = fireAll(state).state;
    expect(pendingDueDates(firstReview)[0]?.escalations).toBe(2);

    state = act(firstReview, COMMANDS.returnForRevision, day(60));
    state = act(state, COMMANDS.resubmit, day(61));
    const dueAt = day(61) + ms(CONFIG.declarationReviewPeriod);
    expect(pendingDueDates(state)).toEqual([
      { kind: 'DECLARATION_REVIEW', dueAt, owner: 'CITY', escalations: 0 },
    ]);
    expect(nextTimer(state)?.at).toBe(dueAt);
    expect(due(state, dueAt).escalation).toEqual({
      key: `DECLARATION_REVIEW@${dueAt}`,
      level: 1,
      rule: 'OWNER_SIDE',
    });
  });

  test('a decision clears the escalation record', () => {
    const escalated = due(verificationComplete(), itemOf(verificationComplete()).dueAt);
    expect(escalated.escalation?.level).toBe(1);
    expect(act(escalated, COMMANDS.decide, day(70)).escalation).toBeNull();
  });

  test('submitting a rectification clears the escalation record', () => {
    const state = rectifying();
    const withStaleEscalation: CertificationState = {
      ...state,
      escalation: { key: 'CHECK_DECISION@0', level: 2 },
    };
    expect(act(withStaleEscalation, COMMANDS.submitRectification, day(130)).escalation).toBeNull();
  });
});

describe('nextTimer', () => {
  test('is null while building, since nothing is owed on a date', () => {
    expect(nextTimer(building())).toBeNull();
    expect(applyDue(building(), Number.MAX_SAFE_INTEGER)).toBeNull();
  });

  test('opening a recheck and revoking do not depend on escalation levels', () => {
    const stale = { key: 'whatever', level: 99 };
    const certifiedState = { ...certified(), escalation: stale };
    expect(nextTimer(certifiedState)?.at).toBe(RECHECK_OPENS_AT);
    const rectifyingState = { ...rectifying(), escalation: stale };
    expect(nextTimer(rectifyingState)?.at).toBe(itemOf(rectifying()).dueAt);
  });
});

describe('pendingDueDates', () => {
  test('shows the one pending due date with its escalation count', () => {
    const state = verifying();
    const dueAt = REQUESTED_AT + ms(CONFIG.verificationPeriod);
    expect(pendingDueDates(state)).toEqual([
      { kind: 'VERIFICATION_DECISION', dueAt, owner: 'CITY', escalations: 0 },
    ]);
    expect(pendingDueDates(due(due(state, dueAt), dueAt + INTERVAL))).toEqual([
      { kind: 'VERIFICATION_DECISION', dueAt, owner: 'CITY', escalations: 2 },
    ]);
  });

  test('is empty while building', () => {
    expect(pendingDueDates(building())).toEqual([]);
  });

  test('ignores an escalation recorded for another due date', () => {
    const state = { ...certified(), escalation: { key: 'VERIFICATION_DECISION@1', level: 3 } };
    expect(pendingDueDates(state)).toEqual([
      { kind: 'RECHECK_OPENS', dueAt: RECHECK_OPENS_AT, owner: 'SYSTEM', escalations: 0 },
    ]);
  });
});

describe('RECHECK_OPENS', () => {
  test('does nothing before the recheck is due', () => {
    expect(applyDue(certified(), RECHECK_OPENS_AT - 1)).toBeNull();
  });

  test('opens a full recheck at the due date and keeps the office certified', () => {
    const state = certified();
    const t = applyDue(state, RECHECK_OPENS_AT);
    expect(t?.state.status).toBe('CERTIFIED');
    expect(t?.state.revision).toBe(state.revision + 1);
    expect(t?.state.openCheck).toEqual({
      kind: 'RECHECK',
      openedAt: RECHECK_OPENS_AT,
      dueAt: RECHECK_OPENS_AT + ms(CONFIG.recheckWindow),
      inspection: null,
      documentReview: null,
      localOpinion: null,
    });
    expect(t?.state.nextRecheckAt).toBe(RECHECK_OPENS_AT);
    expect(t?.event).toEqual({
      action: 'RECHECK_OPENED',
      fromStatus: 'CERTIFIED',
      toStatus: 'CERTIFIED',
      reason: 'the biennial full recheck is due',
      details: { reasonCode: 'RECHECK_DUE', recheckNumber: 1 },
    });
    expect(t?.cycleCompleted).toBe(false);
    expect(t && dueItem(t.state)?.kind).toBe('CHECK_DECISION');
  });

  test('a late timer opens the recheck from when it fired', () => {
    const late = RECHECK_OPENS_AT + 3 * DAY;
    expect(due(certified(), late).openCheck).toMatchObject({
      kind: 'RECHECK',
      openedAt: late,
      dueAt: late + ms(CONFIG.recheckWindow),
    });
  });

  test('a passed recheck schedules the next one and numbers it', () => {
    let state = recheckOpen();
    state = act(state, COMMANDS.passingInspection, RECHECK_OPENS_AT + DAY);
    state = act(state, COMMANDS.documentReview, RECHECK_OPENS_AT + 2 * DAY);
    state = act(state, COMMANDS.localOpinion, RECHECK_OPENS_AT + 3 * DAY);
    const decidedAt = RECHECK_OPENS_AT + 4 * DAY;
    state = act(state, COMMANDS.decide, decidedAt);
    const nextAt = decidedAt + ms(CONFIG.recheckInterval);
    expect(nextTimer(state)?.at).toBe(nextAt);
    expect(applyDue(state, nextAt)?.event.details).toEqual({
      reasonCode: 'RECHECK_DUE',
      recheckNumber: 2,
    });
  });

  test('an open spot check postpones the recheck until it is decided', () => {
    const spot = act(certified(), COMMANDS.spotCheck, RECHECK_OPENS_AT - DAY);
    expect(itemOf(spot).kind).toBe('CHECK_DECISION');
    expect(applyDue(spot, RECHECK_OPENS_AT)).toBeNull();
    const inspected = act(spot, COMMANDS.passingInspection, RECHECK_OPENS_AT + DAY);
    const passed = act(inspected, COMMANDS.decide, RECHECK_OPENS_AT + 2 * DAY);
    expect(nextTimer(passed)?.at).toBe(RECHECK_OPENS_AT);
    expect(due(passed, RECHECK_OPENS_AT + 2 * DAY).openCheck?.kind).toBe('RECHECK');
  });
});

describe('RECTIFICATION_DEADLINE', () => {
  test('does nothing before the deadline', () => {
    const state = rectifying();
    expect(applyDue(state, itemOf(state).dueAt - 1)).toBeNull();
  });

  test('revokes the title when nothing was submitted by the deadline', () => {
    const state = rectifying();
    const dueAt = SPOT_FAILED_AT + ms(CONFIG.rectificationPeriod);
    expect(nextTimer(state)?.at).toBe(dueAt);
    const t = applyDue(state, dueAt);
    expect(t?.state).toMatchObject({
      status: 'REVOKED',
      revision: state.revision + 1,
      rectification: null,
      openCheck: null,
      closedAt: dueAt,
    });
    expect(t?.event).toEqual({
      action: 'REVOKED',
      fromStatus: 'RECTIFYING',
      toStatus: 'REVOKED',
      reason: 'the rectification was not submitted by its deadline',
      details: { reasonCode: 'RECTIFICATION_NOT_SUBMITTED', order: 1, dueAt },
    });
    expect(t && nextTimer(t.state)).toBeNull();
  });

  test('after a submission it becomes a verification that escalates and never revokes', () => {
    const state = rectificationSubmitted();
    const orderDue = SPOT_FAILED_AT + ms(CONFIG.rectificationPeriod);
    const checkDue = SUBMITTED_AT + ms(CONFIG.recheckWindow);
    expect(checkDue).not.toBe(orderDue);
    expect(applyDue(state, orderDue)).toBeNull();

    const { fired, state: after } = fireAll(state);
    // Owed by the city: its division, then its admin.
    expect(fired.map((f) => f.at)).toEqual([checkDue, checkDue + INTERVAL]);
    expect(fired.every((f) => f.state.status === 'RECTIFYING')).toBe(true);
    expect(fired.map((f) => [f.details.dueKind, f.details.target])).toEqual([
      ['RECTIFICATION_VERIFICATION', 'CITY_BUREAU_DIVISION'],
      ['RECTIFICATION_VERIFICATION', 'CITY_ADMIN'],
    ]);
    expect(after.status).toBe('RECTIFYING');
    expect(after.rectification?.submittedAt).toBe(SUBMITTED_AT);
    expect(nextTimer(after)).toBeNull();
  });
});
