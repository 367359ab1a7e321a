// The lifecycle with a versioned criteria set pinned: an inspection must carry the office
// profile the API looked up, and the decision is computed from it.
import {
  FENGQIAO_OFFICE_V1,
  STANDARDISED_OFFICE_V1,
} from '../../../../modules/criteria/rules/criteria-sets';
import type { CriteriaSet } from '../../../../modules/criteria/rules/criteria';
import type {
  CertificationState,
  Command,
} from '../../../../modules/certification/rules/lifecycle';
import { apply, initialState, refusal } from '../../../../modules/certification/rules/lifecycle';
import type {
  OfficeProfileSnapshot,
  OfficeProfileValues,
} from '../../../../modules/office/rules/profile';
import { goodProfile, inspectionAt } from '../../../support/criteria-fixtures';
import { ACTORS, CONFIG, JIEFANGBEI, declaration } from '../../../support/fixtures';

const T0 = Date.UTC(2023, 0, 1);
const day = (n: number) => T0 + n * 86_400_000;

function act(state: CertificationState, command: Command, at: number): CertificationState {
  const actor =
    {
      REVIEW_DECLARATION: ACTORS.reviewer,
      RECORD_INSPECTION: ACTORS.inspector,
      RECORD_DOCUMENT_REVIEW: ACTORS.reviewer,
      RECORD_LOCAL_OPINION: ACTORS.reviewer,
      DECIDE: ACTORS.reviewer,
    }[command.type as string] ?? ACTORS.yuzhongOperator;
  return apply(state, command, actor, at).state;
}

function verifying(criteria: CriteriaSet): CertificationState {
  let state = initialState({
    certificationId: 'cert-1',
    officeId: JIEFANGBEI.id,
    countyId: JIEFANGBEI.countyId,
    cityId: JIEFANGBEI.cityId,
    declaration: declaration(JIEFANGBEI.id),
    config: CONFIG,
    criteria,
    now: T0,
  });
  state = act(
    state,
    { type: 'REVIEW_DECLARATION', input: { decision: 'APPROVE', reason: '同意' } },
    day(1),
  );
  state = act(
    state,
    { type: 'SUBMIT_PROGRESS_REPORT', input: { period: 'Q1', summary: '进展' } },
    day(2),
  );
  state = act(state, { type: 'ADD_EVIDENCE', input: { kind: 'DOCUMENT', title: '方案' } }, day(3));
  return act(
    state,
    { type: 'REQUEST_VERIFICATION', input: { selfAssessment: { summary: '自评' } } },
    day(4),
  );
}

function snapshot(values: OfficeProfileValues, officeId = JIEFANGBEI.id): OfficeProfileSnapshot {
  return { recordId: 'p1', officeId, asOf: '2023-01-05', effectiveFrom: '2022-12-31', values };
}

function inspect(
  criteria: CriteriaSet,
  profile: OfficeProfileSnapshot | null,
  fraction = 0.9,
): Command {
  return {
    type: 'RECORD_INSPECTION',
    input: {
      ...inspectionAt(criteria, fraction),
      findings: '',
      inspectedOn: '2023-01-05',
      officeProfile: profile,
    },
  };
}

function decided(criteria: CriteriaSet, profile: OfficeProfileValues, fraction = 0.9) {
  let state = act(verifying(criteria), inspect(criteria, snapshot(profile), fraction), day(5));
  state = act(
    state,
    { type: 'RECORD_DOCUMENT_REVIEW', input: { passed: true, findings: '' } },
    day(6),
  );
  state = act(
    state,
    {
      type: 'RECORD_LOCAL_OPINION',
      input: { authority: '街道党工委', supportive: true, summary: '同意' },
    },
    day(7),
  );
  return act(state, { type: 'DECIDE', input: {} }, day(8));
}

test('an inspection without the office profile is refused when the criteria check office data', () => {
  expect(
    refusal(
      verifying(STANDARDISED_OFFICE_V1),
      inspect(STANDARDISED_OFFICE_V1, null),
      ACTORS.inspector,
    ),
  ).toBe('the criteria check office data: the inspection needs the office profile as of its date');
});

test('a profile of another office is refused', () => {
  const command = inspect(FENGQIAO_OFFICE_V1, snapshot(goodProfile(), 'office-elsewhere'));
  expect(refusal(verifying(FENGQIAO_OFFICE_V1), command, ACTORS.inspector)).toBe(
    'the office profile is for office office-elsewhere, not office-jiefangbei',
  );
});

test('a judged mandatory item must be judged', () => {
  const command = inspect(FENGQIAO_OFFICE_V1, snapshot(goodProfile()));
  if (command.type !== 'RECORD_INSPECTION') throw new Error('unreachable');
  command.input.mandatory = {};
  expect(refusal(verifying(FENGQIAO_OFFICE_V1), command, ACTORS.inspector)).toBe(
    'inspection scores do not fit the criteria: mandatory.SIX_POINTS: missing',
  );
});

test('the inspection keeps the profile it was scored with', () => {
  const state = act(
    verifying(FENGQIAO_OFFICE_V1),
    inspect(FENGQIAO_OFFICE_V1, snapshot(goodProfile())),
    day(5),
  );
  expect(state.openCheck?.inspection).toMatchObject({
    inspectedOn: '2023-01-05',
    officeProfile: { recordId: 'p1', effectiveFrom: '2022-12-31', values: goodProfile() },
    mandatory: { SIX_POINTS: true },
  });
});

test('the decision is computed from the attached profile: a good office is certified', () => {
  const state = decided(FENGQIAO_OFFICE_V1, goodProfile());
  expect(state.status).toBe('CERTIFIED');
  expect(state.lastDecision?.decision).toMatchObject({
    criteria: { code: 'fengqiao-office', version: 1 },
    total: 90,
    passed: true,
    unmetMandatory: [],
  });
});

test('an office short of a measurable standard fails with the measured and required values', () => {
  const state = decided(STANDARDISED_OFFICE_V1, goodProfile({ premisesAreaM2: 119 }), 1);
  expect(state.status).toBe('BUILDING');
  const decision = state.lastDecision?.decision;
  expect(decision?.unmetMandatory).toEqual(['PREMISES_AREA']);
  expect(decision?.autoChecks.find((c) => c.item === 'PREMISES_AREA')).toMatchObject({
    status: 'NOT_MET',
    requirements: [{ measured: 119, required: 120 }],
  });
});
