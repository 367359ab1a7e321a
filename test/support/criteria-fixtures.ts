// Office profiles and inspections for the versioned criteria sets.
import type { CriteriaSet } from '../../modules/criteria/rules/criteria';
import { allItems } from '../../modules/criteria/rules/criteria';
import type { InspectionScores } from '../../modules/criteria/rules/evaluator';
import type { OfficeProfileValues } from '../../modules/office/rules/profile';

/** A street office that meets every measurable standard of both seeded sets. */
export function goodProfile(overrides: Partial<OfficeProfileValues> = {}): OfficeProfileValues {
  return {
    officeType: 'STREET',
    population: 80_000,
    premisesAreaM2: 150,
    exclusivePremisesAreaM2: 120,
    staff: { total: 7, fullTimeAuxiliary: 3, legalQualified: 1 },
    party: { members: 4, hasBranch: true },
    training: { days: 12, hours: 96 },
    mediation: { cases: 200, successful: 198 },
    communityCorrection: { supervised: 15, lostSupervision: 0 },
    ...overrides,
  };
}

/** Every scored item at `fraction` of its points (rounded to 0.5), every judged item met. */
export function inspectionAt(criteria: CriteriaSet, fraction: number): InspectionScores {
  const items = allItems(criteria);
  return {
    scores: Object.fromEntries(
      items
        .filter((i) => i.kind === 'SCORED')
        .map((i) => [i.code, Math.round(i.maxPoints * fraction * 2) / 2]),
    ),
    triggeredVetoes: [],
    mandatory: Object.fromEntries(
      items.filter((i) => i.kind === 'MANDATORY' && !i.autoCheck).map((i) => [i.code, true]),
    ),
  };
}
