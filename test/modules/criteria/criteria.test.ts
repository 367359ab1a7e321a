// The provisional (legacy) criteria shape that running certifications pinned before
// versioned criteria: the evaluator must read it and give the results the provisional
// `decide` gave — totals, the pass threshold, vetoes and the validation of inspection scores.
import type { LegacyCriteriaSet } from '../../../modules/criteria/rules/criteria';
import {
  LegacyCriteriaSet as LegacyCriteriaSetSchema,
  PROVISIONAL_FENGQIAO_CRITERIA,
} from '../../../modules/criteria/rules/criteria';
import type { InspectionScores } from '../../../modules/criteria/rules/evaluator';
import { evaluate, scoreProblems } from '../../../modules/criteria/rules/evaluator';
import { FAILING_SCORES, PASSING_SCORES } from '../../support/fixtures';

const CRITERIA = PROVISIONAL_FENGQIAO_CRITERIA;
const FULL = { PARTY: 20, RULE_OF_LAW: 20, PEOPLE: 20, SAFETY: 20, SERVE: 20 };
const scores = (
  values: Record<string, number>,
  triggeredVetoes: string[] = [],
): InspectionScores => ({
  scores: values,
  triggeredVetoes,
});
/** The fields the provisional `decide` returned. */
const legacyView = ({ total, passed, triggeredVetoes, reasons }: ReturnType<typeof evaluate>) => ({
  total,
  passed,
  triggeredVetoes,
  reasons,
});
const decide = (values: Record<string, number>, vetoes: string[] = []) =>
  legacyView(evaluate(CRITERIA, null, scores(values, vetoes)));

describe('the provisional criteria set (legacy shape)', () => {
  test('is a valid criteria set of five 20-point items and three vetoes with a pass line of 80', () => {
    expect(LegacyCriteriaSetSchema.safeParse(CRITERIA).success).toBe(true);
    expect(CRITERIA.passThreshold).toBe(80);
    const scored = CRITERIA.items.filter((i) => i.kind === 'SCORED');
    expect(scored.map((i) => i.maxPoints)).toEqual([20, 20, 20, 20, 20]);
    expect(CRITERIA.items.filter((i) => i.kind === 'VETO').map((i) => i.code)).toEqual([
      'VETO_EXTREME_VIOLENCE',
      'VETO_MASS_INCIDENT',
      'VETO_CIVIL_TO_CRIMINAL',
    ]);
  });
});

describe('evaluating the legacy shape', () => {
  test('passes the fixture passing scores with no reasons', () => {
    expect(decide(PASSING_SCORES)).toEqual({
      total: 88,
      passed: true,
      triggeredVetoes: [],
      reasons: [],
    });
  });

  test('fails the fixture failing scores with the threshold reason in Chinese and English', () => {
    expect(decide(FAILING_SCORES)).toEqual({
      total: 57,
      passed: false,
      triggeredVetoes: [],
      reasons: [{ zh: '总分 57 低于合格线 80', en: 'Total 57 is below the pass threshold of 80' }],
    });
  });

  test('passes a total of exactly 80', () => {
    const decision = decide({ PARTY: 16, RULE_OF_LAW: 16, PEOPLE: 16, SAFETY: 16, SERVE: 16 });
    expect(decision).toMatchObject({ total: 80, passed: true, reasons: [] });
  });

  test('fails a total of 79, one point below the threshold', () => {
    const decision = decide({ PARTY: 16, RULE_OF_LAW: 16, PEOPLE: 16, SAFETY: 16, SERVE: 15 });
    expect(decision.total).toBe(79);
    expect(decision.passed).toBe(false);
    expect(decision.reasons).toEqual([
      { zh: '总分 79 低于合格线 80', en: 'Total 79 is below the pass threshold of 80' },
    ]);
  });

  test('handles fractional points at the boundary', () => {
    expect(decide({ PARTY: 16, RULE_OF_LAW: 16, PEOPLE: 16, SAFETY: 16, SERVE: 15.5 }).passed).toBe(
      false,
    );
    expect(
      decide({ PARTY: 16.5, RULE_OF_LAW: 16, PEOPLE: 16, SAFETY: 16, SERVE: 15.5 }).total,
    ).toBe(80);
  });

  test('clamps a score above its maximum in the total', () => {
    expect(decide({ ...FULL, PARTY: 50 }).total).toBe(100);
    const inflated = decide({ PARTY: 75, RULE_OF_LAW: 0, PEOPLE: 0, SAFETY: 0, SERVE: 0 });
    expect(inflated).toMatchObject({ total: 20, passed: false });
  });

  test('counts a missing item as zero and ignores unknown items', () => {
    const withoutParty = { RULE_OF_LAW: 20, PEOPLE: 20, SAFETY: 20, SERVE: 20 };
    expect(decide(withoutParty)).toMatchObject({ total: 80, passed: true });
    expect(decide({ ...withoutParty, LIBRARY: 20 }).total).toBe(80);
    expect(decide({ ...withoutParty, VETO_MASS_INCIDENT: 20 }).total).toBe(80);
  });

  test('fails on a veto even with full points', () => {
    expect(decide(FULL, ['VETO_MASS_INCIDENT'])).toEqual({
      total: 100,
      passed: false,
      triggeredVetoes: ['VETO_MASS_INCIDENT'],
      reasons: [{ zh: '一票否决:发生重大群体性事件', en: 'Veto: A major mass incident occurred' }],
    });
  });

  test.each(['VETO_EXTREME_VIOLENCE', 'VETO_MASS_INCIDENT', 'VETO_CIVIL_TO_CRIMINAL'])(
    'fails whenever %s is triggered',
    (veto) => {
      const decision = decide(FULL, [veto]);
      expect(decision.passed).toBe(false);
      expect(decision.triggeredVetoes).toEqual([veto]);
      expect(decision.reasons[0]?.en).toMatch(/^Veto: /);
      expect(decision.reasons[0]?.zh).toMatch(/^一票否决:/);
    },
  );

  test('lists vetoes sorted and once each, before the threshold reason', () => {
    const decision = decide(FAILING_SCORES, [
      'VETO_MASS_INCIDENT',
      'VETO_CIVIL_TO_CRIMINAL',
      'VETO_MASS_INCIDENT',
    ]);
    expect(decision.triggeredVetoes).toEqual(['VETO_CIVIL_TO_CRIMINAL', 'VETO_MASS_INCIDENT']);
    expect(decision.reasons.map((r) => r.en)).toEqual([
      'Veto: A major civil-to-criminal case occurred',
      'Veto: A major mass incident occurred',
      'Total 57 is below the pass threshold of 80',
    ]);
    expect(decision.reasons.map((r) => r.zh)).toEqual([
      '一票否决:发生重大民转刑案件',
      '一票否决:发生重大群体性事件',
      '总分 57 低于合格线 80',
    ]);
  });

  test('ignores triggered codes that are not veto items', () => {
    expect(decide(FULL, ['VETO_FLOOD', 'PARTY'])).toEqual({
      total: 100,
      passed: true,
      triggeredVetoes: [],
      reasons: [],
    });
  });

  test('gives the same result whatever the order of the scores and vetoes', () => {
    const forward = decide(FAILING_SCORES, ['VETO_MASS_INCIDENT', 'VETO_EXTREME_VIOLENCE']);
    const reversed = decide(Object.fromEntries(Object.entries(FAILING_SCORES).reverse()), [
      'VETO_EXTREME_VIOLENCE',
      'VETO_MASS_INCIDENT',
    ]);
    expect(reversed).toEqual(forward);
  });

  test('does not change its input', () => {
    const input = scores({ ...PASSING_SCORES }, ['VETO_MASS_INCIDENT', 'VETO_EXTREME_VIOLENCE']);
    const snapshot = structuredClone(input);
    evaluate(CRITERIA, null, input);
    expect(input).toEqual(snapshot);
  });

  test('uses the threshold and maxima of the criteria set it is given', () => {
    const small: LegacyCriteriaSet = {
      code: 'small',
      version: 2,
      passThreshold: 6,
      items: [
        { code: 'A', titleZh: '甲', titleEn: 'A', kind: 'SCORED', maxPoints: 5, source: 'test' },
        { code: 'B', titleZh: '乙', titleEn: 'B', kind: 'SCORED', maxPoints: 5, source: 'test' },
      ],
    };
    expect(evaluate(small, null, scores({ A: 9, B: 1 }))).toMatchObject({ total: 6, passed: true });
    expect(evaluate(small, null, scores({ A: 5, B: 0 })).reasons).toEqual([
      { zh: '总分 5 低于合格线 6', en: 'Total 5 is below the pass threshold of 6' },
    ]);
  });
});

describe('scoreProblems', () => {
  test('finds nothing wrong with complete scores within their maxima', () => {
    expect(scoreProblems(CRITERIA, scores(PASSING_SCORES))).toEqual([]);
    expect(scoreProblems(CRITERIA, scores(FULL, ['VETO_MASS_INCIDENT']))).toEqual([]);
    expect(
      scoreProblems(CRITERIA, scores({ PARTY: 0, RULE_OF_LAW: 0, PEOPLE: 0, SAFETY: 0, SERVE: 0 })),
    ).toEqual([]);
  });

  test('names an unknown item', () => {
    expect(scoreProblems(CRITERIA, scores({ ...PASSING_SCORES, LIBRARY: 3 }))).toEqual([
      'scores.LIBRARY: not a scored item',
    ]);
  });

  test('refuses a score for a veto item', () => {
    expect(scoreProblems(CRITERIA, scores({ ...PASSING_SCORES, VETO_MASS_INCIDENT: 0 }))).toEqual([
      'scores.VETO_MASS_INCIDENT: not a scored item',
    ]);
  });

  test('names a score above its maximum, while the maximum itself is fine', () => {
    expect(scoreProblems(CRITERIA, scores({ ...PASSING_SCORES, SAFETY: 20 }))).toEqual([]);
    expect(scoreProblems(CRITERIA, scores({ ...PASSING_SCORES, SAFETY: 20.5 }))).toEqual([
      'scores.SAFETY: 20.5 is above the maximum of 20',
    ]);
  });

  test('names every missing item', () => {
    expect(scoreProblems(CRITERIA, scores({ PARTY: 20, PEOPLE: 20, SAFETY: 20 }))).toEqual([
      'scores.RULE_OF_LAW: missing',
      'scores.SERVE: missing',
    ]);
  });

  test('names an unknown veto and a scored item given as a veto', () => {
    expect(scoreProblems(CRITERIA, scores(PASSING_SCORES, ['VETO_FLOOD', 'SERVE']))).toEqual([
      'triggeredVetoes: VETO_FLOOD is not a veto item',
      'triggeredVetoes: SERVE is not a veto item',
    ]);
  });
});
