// Every measurable standard of the seeded criteria sets, at its boundaries: the value that
// just fails and the value that just meets it, with what was measured and what was required.
import {
  FENGQIAO_OFFICE_V1,
  STANDARDISED_OFFICE_V1,
} from '../../../modules/criteria/rules/criteria-sets';
import type { AutoCheckResult } from '../../../modules/criteria/rules/evaluator';
import { evaluate } from '../../../modules/criteria/rules/evaluator';
import type { OfficeProfileValues } from '../../../modules/office/rules/profile';
import { goodProfile, inspectionAt } from '../../support/criteria-fixtures';

const STANDARD_FULL = inspectionAt(STANDARDISED_OFFICE_V1, 1);
const FENGQIAO_FULL = inspectionAt(FENGQIAO_OFFICE_V1, 1);

function standardCheck(item: string, profile: OfficeProfileValues): AutoCheckResult {
  const check = evaluate(STANDARDISED_OFFICE_V1, profile, STANDARD_FULL).autoChecks.find(
    (c) => c.item === item,
  );
  if (!check) throw new Error(`no auto-check ${item}`);
  return check;
}

const township = (population: number, premisesAreaM2: number) =>
  goodProfile({ officeType: 'TOWNSHIP', population, premisesAreaM2, exclusivePremisesAreaM2: 100 });

describe('premises area by office type and population band (seed 000 三(三))', () => {
  test.each([
    // street office: 120 m² whatever the population
    ['STREET', 30_000, 119, false, 120],
    ['STREET', 30_000, 119.99, false, 120],
    ['STREET', 30_000, 120, true, 120],
    ['STREET', 150_000, 120, true, 120],
    // township below 50,000: 160 m²
    ['TOWNSHIP', 0, 159, false, 160],
    ['TOWNSHIP', 49_999, 159, false, 160],
    ['TOWNSHIP', 49_999, 160, true, 160],
    // township 50,000 to 99,999: 180 m²
    ['TOWNSHIP', 50_000, 179, false, 180],
    ['TOWNSHIP', 50_000, 180, true, 180],
    ['TOWNSHIP', 99_999, 180, true, 180],
    // township 100,000 and more: 200 m² (以上 includes the number)
    ['TOWNSHIP', 100_000, 199, false, 200],
    ['TOWNSHIP', 100_000, 200, true, 200],
    ['TOWNSHIP', 2_000_000, 200, true, 200],
  ] as const)(
    '%s office, population %i, %d m² → met %s (requires %i m²)',
    (officeType, population, area, met, required) => {
      const profile = goodProfile({
        officeType,
        population,
        premisesAreaM2: area,
        exclusivePremisesAreaM2: 100,
      });
      const check = standardCheck('PREMISES_AREA', profile);
      expect(check).toMatchObject({ status: met ? 'MET' : 'NOT_MET', met });
      expect(check.requirements).toEqual([
        expect.objectContaining({
          metric: 'premisesAreaM2',
          operator: 'AT_LEAST',
          measured: area,
          required,
          met,
        }),
      ]);
    },
  );

  test('the reason states measured, required and the band, in Chinese and English', () => {
    expect(standardCheck('PREMISES_AREA', township(50_000, 179)).reason).toEqual({
      zh: '办公及业务用房面积实测 179 平方米,要求不少于 180 平方米(乡镇司法所,人口 50000 至 99999 人)',
      en: 'Office and business premises: measured 179 m², required at least 180 m² (township office, population 50000–99999)',
    });
    expect(standardCheck('PREMISES_AREA', township(49_999, 160)).reason.en).toMatch(
      /required at least 160 m² \(township office, population below 50000\)$/,
    );
    expect(standardCheck('PREMISES_AREA', township(100_000, 200)).reason.zh).toMatch(
      /要求不少于 200 平方米\(乡镇司法所,人口 100000 人及以上\)$/,
    );
    expect(standardCheck('PREMISES_AREA', goodProfile({ premisesAreaM2: 119 })).reason.en).toBe(
      'Office and business premises: measured 119 m², required at least 120 m² (street office)',
    );
  });

  test('an unmet premises standard fails the check with a reason naming both figures', () => {
    const decision = evaluate(STANDARDISED_OFFICE_V1, township(100_000, 199), STANDARD_FULL);
    expect(decision).toMatchObject({
      passed: false,
      unmetMandatory: ['PREMISES_AREA'],
      total: 100,
    });
    expect(decision.reasons).toEqual([
      {
        zh: '必备条件未达到:办公及业务用房面积达标(街道≥120平方米;乡镇按人口≥160/180/200平方米)(办公及业务用房面积实测 199 平方米,要求不少于 200 平方米(乡镇司法所,人口 100000 人及以上))',
        en: 'Mandatory item not met: Office and business premises (street ≥120 m²; township by population ≥160/180/200 m²) (Office and business premises: measured 199 m², required at least 200 m² (township office, population 100000 or more))',
      },
    ]);
  });
});

describe('exclusive business premises of at least 100 m² (seed 004 二(一)3)', () => {
  test.each([
    [99, false],
    [99.9, false],
    [100, true],
  ])('%d m² → met %s', (area, met) => {
    const check = standardCheck(
      'EXCLUSIVE_PREMISES',
      goodProfile({ exclusivePremisesAreaM2: area }),
    );
    expect(check).toMatchObject({ met, requirements: [{ measured: area, required: 100 }] });
  });
});

describe('full-time auxiliary staff of at least 3 (seed 000 三(二))', () => {
  test.each([
    [0, false],
    [2, false],
    [3, true],
    [5, true],
  ])('%i → met %s', (fullTimeAuxiliary, met) => {
    const profile = goodProfile({ staff: { total: 8, fullTimeAuxiliary, legalQualified: 1 } });
    const check = standardCheck('AUXILIARY_STAFF', profile);
    expect(check).toMatchObject({
      met,
      requirements: [{ measured: fullTimeAuxiliary, required: 3 }],
    });
  });

  test('the reason counts people', () => {
    const profile = goodProfile({ staff: { total: 8, fullTimeAuxiliary: 2, legalQualified: 1 } });
    expect(standardCheck('AUXILIARY_STAFF', profile).reason).toEqual({
      zh: '专职辅助工作人员实测 2 人,要求不少于 3 人',
      en: 'Full-time auxiliary staff: measured 2 people, required at least 3 people',
    });
  });
});

describe('training of at least 12 days or 90 class hours a year (seed 004 二(二)3)', () => {
  test.each([
    [11, 89, false],
    [11.5, 89.5, false],
    [12, 0, true],
    [0, 90, true],
    [11, 90, true],
    [12, 89, true],
  ])('%d days, %d hours → met %s', (days, hours, met) => {
    const check = standardCheck('TRAINING', goodProfile({ training: { days, hours } }));
    expect(check.met).toBe(met);
    expect(check.requirements).toEqual([
      expect.objectContaining({ metric: 'trainingDays', measured: days, required: 12 }),
      expect.objectContaining({ metric: 'trainingHours', measured: hours, required: 90 }),
    ]);
  });

  test('the reason names both alternatives', () => {
    const check = standardCheck('TRAINING', goodProfile({ training: { days: 11, hours: 89 } }));
    expect(check.reason).toEqual({
      zh: '年度累计培训时间实测 11 天,要求不少于 12 天;或年度累计培训学时实测 89 学时,要求不少于 90 学时',
      en: 'Training in the year: measured 11 days, required at least 12 days; or Training in the year: measured 89 class hours, required at least 90 class hours',
    });
  });
});

describe('mediation success rate of at least 98% (seed 000 三(四))', () => {
  test.each([
    [5000, 4899, 97.98, false],
    [100, 97, 97, false],
    [50, 49, 98, true],
    [100, 98, 98, true],
    [3, 3, 100, true],
    [1, 0, 0, false],
  ])('%i cases, %i successful (%d%) → met %s', (cases, successful, rate, met) => {
    const check = standardCheck(
      'MEDIATION_SUCCESS',
      goodProfile({ mediation: { cases, successful } }),
    );
    expect(check).toMatchObject({
      status: met ? 'MET' : 'NOT_MET',
      met,
      requirements: [{ metric: 'mediationSuccessRate', measured: rate, required: 98 }],
    });
  });

  test('a rate that is exact in decimal but not in binary meets the line', () => {
    // 4900 / 5000 × 100 is 98 exactly; 0.98 × 100 in floating point is not.
    const check = standardCheck(
      'MEDIATION_SUCCESS',
      goodProfile({ mediation: { cases: 5000, successful: 4900 } }),
    );
    expect(check.met).toBe(true);
  });

  test('with no disputes mediated the rate cannot be measured and the item does not apply', () => {
    const check = standardCheck(
      'MEDIATION_SUCCESS',
      goodProfile({ mediation: { cases: 0, successful: 0 } }),
    );
    expect(check).toMatchObject({ status: 'NOT_APPLICABLE', met: true });
    expect(check.reason.en).toBe(
      'not applicable: applies when Disputes mediated: measured 0 cases, required at least 1 cases',
    );
  });
});

describe('a staff member with the legal professional qualification (seed 003 一)', () => {
  test.each([
    [0, false],
    [1, true],
  ])('%i → met %s in both sets', (legalQualified, met) => {
    const profile = goodProfile({ staff: { total: 7, fullTimeAuxiliary: 3, legalQualified } });
    expect(standardCheck('LEGAL_QUALIFIED_STAFF', profile).met).toBe(met);
    const fengqiao = evaluate(FENGQIAO_OFFICE_V1, profile, FENGQIAO_FULL);
    expect(fengqiao.unmetMandatory.includes('LEGAL_QUALIFIED_STAFF')).toBe(!met);
  });
});

describe('a Party branch where there are 3 or more full members (seed 003 一)', () => {
  test.each([
    [0, false, 'NOT_APPLICABLE', true],
    [2, false, 'NOT_APPLICABLE', true],
    [3, false, 'NOT_MET', false],
    [3, true, 'MET', true],
    [9, true, 'MET', true],
  ])('%i members, branch %s → %s', (members, hasBranch, status, met) => {
    const profile = goodProfile({ party: { members, hasBranch } });
    const check = standardCheck('PARTY_BRANCH', profile);
    expect(check).toMatchObject({ status, met });
    expect(check.condition).toMatchObject({
      metric: 'partyMembers',
      measured: members,
      required: 3,
    });
  });

  test('the reasons say yes or no, and when the rule applies', () => {
    const missing = standardCheck(
      'PARTY_BRANCH',
      goodProfile({ party: { members: 3, hasBranch: false } }),
    );
    expect(missing.reason).toEqual({
      zh: '成立党支部:实为无,要求有',
      en: 'Own Party branch: no, required yes',
    });
    const few = standardCheck(
      'PARTY_BRANCH',
      goodProfile({ party: { members: 2, hasBranch: false } }),
    );
    expect(few.reason).toEqual({
      zh: '不适用:正式党员实测 2 人,要求不少于 3 人时才适用',
      en: 'not applicable: applies when Full Party members: measured 2 people, required at least 3 people',
    });
  });
});

describe('no one under community correction out of supervision (seed 000 三(四), seed 003 四)', () => {
  test.each([
    [0, true],
    [1, false],
  ])('%i lost → met %s', (lostSupervision, met) => {
    const profile = goodProfile({ communityCorrection: { supervised: 12, lostSupervision } });
    const check = standardCheck('NO_LOST_SUPERVISION', profile);
    expect(check).toMatchObject({
      met,
      requirements: [{ operator: 'AT_MOST', measured: lostSupervision, required: 0 }],
    });
    const fengqiao = evaluate(FENGQIAO_OFFICE_V1, profile, FENGQIAO_FULL);
    expect(fengqiao.passed).toBe(met);
  });
});

describe('without an office profile', () => {
  test('every auto-check has no data and is not met, so the check fails', () => {
    const decision = evaluate(STANDARDISED_OFFICE_V1, null, STANDARD_FULL);
    expect(decision.passed).toBe(false);
    expect(decision.autoChecks.every((c) => c.status === 'NO_DATA' && !c.met)).toBe(true);
    expect(decision.unmetMandatory).toEqual([
      'AUXILIARY_STAFF',
      'EXCLUSIVE_PREMISES',
      'LEGAL_QUALIFIED_STAFF',
      'MEDIATION_SUCCESS',
      'NO_LOST_SUPERVISION',
      'PARTY_BRANCH',
      'PREMISES_AREA',
      'TRAINING',
    ]);
    expect(decision.reasons[0]?.en).toBe(
      'Mandatory item not met: At least 3 full-time auxiliary staff ' +
        '(no office profile is recorded as of the inspection date)',
    );
  });
});

describe('a profile that meets every standard', () => {
  test('passes both seeded sets with full scores, every auto-check met', () => {
    for (const [criteria, full] of [
      [STANDARDISED_OFFICE_V1, STANDARD_FULL],
      [FENGQIAO_OFFICE_V1, FENGQIAO_FULL],
    ] as const) {
      const decision = evaluate(criteria, goodProfile(), full);
      expect(decision).toMatchObject({ passed: true, total: 100, unmetMandatory: [], reasons: [] });
      expect(decision.autoChecks.every((c) => c.met)).toBe(true);
    }
  });
});
