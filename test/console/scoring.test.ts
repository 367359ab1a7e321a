// The inspection form's values become the body the API validates (domain/schemas.ts
// InspectionRequest, checked against the pinned criteria by scoreIssues), and its preview is
// the server's own evaluation of that body: what the inspector sees is what will be decided.
import {
  criteriaOf,
  inspectionRequest,
  judgedByInspector,
  preview,
} from '../../console/src/inspection/scoring';
import { FENGQIAO_OFFICE_V1 } from '../../modules/criteria/rules/criteria-sets';
import { PROVISIONAL_FENGQIAO_CRITERIA, allItems } from '../../modules/criteria/rules/criteria';
import { evaluate, scoreIssues } from '../../modules/criteria/rules/evaluator';
import type { OfficeProfileValues } from '../../modules/office/rules/profile';
import { InspectionRequest } from '../../modules/certification/rules/schemas';

const PROFILE: OfficeProfileValues = {
  officeType: 'STREET',
  population: 60_000,
  premisesAreaM2: 160,
  exclusivePremisesAreaM2: 120,
  staff: { total: 8, fullTimeAuxiliary: 3, legalQualified: 2 },
  party: { members: 5, hasBranch: true },
  training: { days: 12, hours: 90 },
  mediation: { cases: 320, successful: 316 },
  communityCorrection: { supervised: 10, lostSupervision: 0 },
};

const criteria = criteriaOf(FENGQIAO_OFFICE_V1);
const items = allItems(criteria);
const fullMarks = {
  scores: Object.fromEntries(
    items.filter((i) => i.kind === 'SCORED').map((i) => [i.code, i.maxPoints]),
  ),
  mandatory: Object.fromEntries(
    items.filter((i) => i.kind === 'MANDATORY' && judgedByInspector(i)).map((i) => [i.code, true]),
  ),
  vetoes: {},
  findings: '  台账规范 ',
  inspectedOn: '2024-05-06',
};

test('full marks make a request the API accepts, and the preview passes as the server would', () => {
  const request = inspectionRequest(criteria, fullMarks);
  expect(InspectionRequest.safeParse(request).success).toBe(true);
  expect(scoreIssues(FENGQIAO_OFFICE_V1, request)).toEqual([]);
  expect(request.findings).toBe('台账规范');
  expect(request.inspectedOn).toBe('2024-05-06');
  const shown = preview(criteria, PROFILE, fullMarks);
  expect(shown).toEqual(evaluate(FENGQIAO_OFFICE_V1, PROFILE, request));
  expect(shown.total).toBe(criteria.totalPoints);
  expect(shown.passed).toBe(true);
});

test('a veto switched on fails the preview with its reason; auto-checks need the profile', () => {
  const veto = items.find((i) => i.kind === 'VETO')!;
  const vetoed = { ...fullMarks, vetoes: { [veto.code]: true } };
  expect(inspectionRequest(criteria, vetoed).triggeredVetoes).toEqual([veto.code]);
  const shown = preview(criteria, PROFILE, vetoed);
  expect(shown.passed).toBe(false);
  expect(shown.reasons[0]?.zh).toBe(`一票否决:${veto.titleZh}`);
  // Without the office's data, the automatic checks are not met.
  expect(preview(criteria, null, fullMarks).passed).toBe(false);
});

test('an empty score is left out for the API to name, a judgement left off is not met', () => {
  const scored = items.find((i) => i.kind === 'SCORED')!;
  const manual = items.find((i) => i.kind === 'MANDATORY' && judgedByInspector(i))!;
  const values = {
    ...fullMarks,
    scores: { ...fullMarks.scores, [scored.code]: null },
    mandatory: {},
  };
  const request = inspectionRequest(criteria, values);
  expect(request.scores[scored.code]).toBeUndefined();
  expect(request.mandatory?.[manual.code]).toBe(false);
  expect(scoreIssues(FENGQIAO_OFFICE_V1, request)).toEqual([
    { field: `scores.${scored.code}`, message: 'missing' },
  ]);
});

test('a certification that pinned the provisional shape gets a form too', () => {
  const legacy = criteriaOf(PROVISIONAL_FENGQIAO_CRITERIA);
  const values = {
    scores: { PARTY: 20, RULE_OF_LAW: 20, PEOPLE: 20, SAFETY: 20, SERVE: 20 },
  };
  const request = inspectionRequest(legacy, values);
  expect(scoreIssues(PROVISIONAL_FENGQIAO_CRITERIA, request)).toEqual([]);
  expect(preview(legacy, null, values)).toEqual(
    evaluate(PROVISIONAL_FENGQIAO_CRITERIA, null, request),
  );
});
