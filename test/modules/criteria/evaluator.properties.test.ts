// Properties of the evaluator over generated criteria sets, office profiles and inspections
// (fast-check): raising a score never turns a pass into a fail, a triggered veto always
// fails, the result is deterministic and independent of the order of items and input, and
// the legacy shape gives what the provisional `decide` gave.
import fc from 'fast-check';
import type {
  AutoCheck,
  CriteriaDimension,
  CriteriaItem,
  CriteriaSet,
  LegacyCriteriaSet,
} from '../../../modules/criteria/rules/criteria';
import {
  CriteriaSet as CriteriaSetSchema,
  allItems,
} from '../../../modules/criteria/rules/criteria';
import {
  FENGQIAO_OFFICE_V1,
  STANDARDISED_OFFICE_V1,
} from '../../../modules/criteria/rules/criteria-sets';
import type { Decision, InspectionScores } from '../../../modules/criteria/rules/evaluator';
import { evaluate } from '../../../modules/criteria/rules/evaluator';
import type { OfficeProfileValues } from '../../../modules/office/rules/profile';
import { goodProfile } from '../../support/criteria-fixtures';

const RUNS = { numRuns: 300 };

// ---------------------------------------------------------------------------------------
// Generators

const PREMISES_RULE: AutoCheck = STANDARDISED_OFFICE_V1.dimensions[0]!.items[0]!.autoCheck!;

const autoCheckArb: fc.Arbitrary<AutoCheck | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant(PREMISES_RULE),
  fc
    .tuple(
      fc.constantFrom('fullTimeAuxiliaryStaff' as const, 'trainingDays' as const),
      fc.integer({ min: 0, max: 15 }),
    )
    .map(([metric, value]): AutoCheck => ({ anyOf: [{ metric, operator: 'AT_LEAST', value }] })),
  fc.constant<AutoCheck>({
    appliesWhen: { metric: 'partyMembers', operator: 'AT_LEAST', value: 3 },
    anyOf: [{ metric: 'hasPartyBranch', operator: 'AT_LEAST', value: 1 }],
  }),
);

type ItemShape = Pick<CriteriaItem, 'kind' | 'maxPoints' | 'autoCheck'>;

const itemShapeArb: fc.Arbitrary<ItemShape> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .integer({ min: 1, max: 40 })
      .map((p) => ({ kind: 'SCORED' as const, maxPoints: p / 2 })),
  },
  {
    weight: 1,
    arbitrary: autoCheckArb.map((autoCheck) => ({
      kind: 'MANDATORY' as const,
      maxPoints: 0,
      ...(autoCheck ? { autoCheck } : {}),
    })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'VETO' as const, maxPoints: 0 }) },
);

const criteriaArb: fc.Arbitrary<CriteriaSet> = fc
  .tuple(
    fc.array(fc.array(itemShapeArb, { minLength: 1, maxLength: 5 }), {
      minLength: 1,
      maxLength: 4,
    }),
    fc.double({ min: 0, max: 1, noNaN: true }),
  )
  .map(([dimensions, thresholdFraction]) => {
    const dims: CriteriaDimension[] = dimensions.map((items, d) => ({
      code: `D${d}`,
      titleZh: `维度${d}`,
      titleEn: `Dimension ${d}`,
      source: 'generated',
      items: items.map((shape, i) => ({
        code: `I${d}_${i}`,
        titleZh: `项${d}-${i}`,
        titleEn: `Item ${d}-${i}`,
        evidence: ['DOCUMENT'],
        source: 'generated',
        ...shape,
      })),
    }));
    const totalPoints =
      Math.round(
        dims
          .flatMap((d) => d.items)
          .reduce((s, i) => s + (i.kind === 'SCORED' ? i.maxPoints : 0), 0) * 1e6,
      ) / 1e6;
    return {
      code: 'generated',
      version: 1,
      titleZh: '生成',
      titleEn: 'Generated',
      source: 'generated',
      totalPoints,
      passThreshold: Math.floor(totalPoints * thresholdFraction),
      dimensions: dims,
    };
  });

const profileArb: fc.Arbitrary<OfficeProfileValues | null> = fc.option(
  fc
    .record({
      officeType: fc.constantFrom('STREET' as const, 'TOWNSHIP' as const),
      population: fc.integer({ min: 0, max: 200_000 }),
      premisesAreaM2: fc.integer({ min: 0, max: 300 }),
      fullTimeAuxiliary: fc.integer({ min: 0, max: 6 }),
      members: fc.integer({ min: 0, max: 6 }),
      branch: fc.boolean(),
      days: fc.integer({ min: 0, max: 20 }),
    })
    .map((p) =>
      goodProfile({
        officeType: p.officeType,
        population: p.population,
        premisesAreaM2: p.premisesAreaM2,
        exclusivePremisesAreaM2: Math.min(p.premisesAreaM2, 100),
        staff: { total: 12, fullTimeAuxiliary: p.fullTimeAuxiliary, legalQualified: 1 },
        party: { members: p.members, hasBranch: p.branch && p.members >= 3 },
        training: { days: p.days, hours: 0 },
      }),
    ),
  { freq: 5 },
);

/** A valid inspection for the set: every scored item within its maximum. */
function inspectionArb(criteria: CriteriaSet): fc.Arbitrary<InspectionScores> {
  const items = allItems(criteria);
  const scored = items.filter((i) => i.kind === 'SCORED');
  const vetoes = items.filter((i) => i.kind === 'VETO').map((i) => i.code);
  const judged = items.filter((i) => i.kind === 'MANDATORY' && !i.autoCheck).map((i) => i.code);
  return fc.record({
    scores: fc
      .tuple(...scored.map((i) => fc.double({ min: 0, max: i.maxPoints, noNaN: true })))
      .map((values) => Object.fromEntries(scored.map((i, k) => [i.code, values[k] ?? 0]))),
    triggeredVetoes: fc.subarray(vetoes),
    mandatory: fc
      .tuple(...judged.map(() => fc.boolean()))
      .map((values) => Object.fromEntries(judged.map((code, k) => [code, values[k] ?? false]))),
  });
}

const caseArb = criteriaArb.chain((criteria) =>
  fc.record({
    criteria: fc.constant(criteria),
    profile: profileArb,
    inspection: inspectionArb(criteria),
  }),
);

/** A permutation of a list, drawn by fast-check. */
const permutation = <T>(list: readonly T[]) =>
  fc.shuffledSubarray([...list], { minLength: list.length, maxLength: list.length });

// ---------------------------------------------------------------------------------------
// Properties

test('the generator makes valid criteria sets', () => {
  fc.assert(
    fc.property(criteriaArb, (criteria) => CriteriaSetSchema.safeParse(criteria).success),
    RUNS,
  );
});

test('raising any score never turns a pass into a fail', () => {
  fc.assert(
    fc.property(
      caseArb.chain((c) => {
        const scored = allItems(c.criteria).filter((i) => i.kind === 'SCORED');
        return fc.record({
          c: fc.constant(c),
          item: fc.constantFrom(...scored.map((i) => i.code), 'NONE'),
          raise: fc.double({ min: 0, max: 40, noNaN: true }),
        });
      }),
      ({ c, item, raise }) => {
        const before = evaluate(c.criteria, c.profile, c.inspection);
        const max = allItems(c.criteria).find((i) => i.code === item)?.maxPoints ?? 0;
        const raised = {
          ...c.inspection,
          scores: {
            ...c.inspection.scores,
            [item]: Math.min((c.inspection.scores[item] ?? 0) + raise, max),
          },
        };
        const after = evaluate(c.criteria, c.profile, raised);
        expect(after.total).toBeGreaterThanOrEqual(before.total);
        if (before.passed) expect(after.passed).toBe(true);
      },
    ),
    RUNS,
  );
});

test('raising every score to its maximum never turns a pass into a fail', () => {
  fc.assert(
    fc.property(caseArb, ({ criteria, profile, inspection }) => {
      const full = Object.fromEntries(
        allItems(criteria)
          .filter((i) => i.kind === 'SCORED')
          .map((i) => [i.code, i.maxPoints]),
      );
      const before = evaluate(criteria, profile, inspection);
      const after = evaluate(criteria, profile, { ...inspection, scores: full });
      if (before.passed) expect(after.passed).toBe(true);
      expect(after.total).toBe(criteria.totalPoints);
    }),
    RUNS,
  );
});

test('any triggered veto always fails, whatever the scores and profile', () => {
  const withVeto = caseArb.filter((c) => allItems(c.criteria).some((i) => i.kind === 'VETO'));
  fc.assert(
    fc.property(
      withVeto.chain((c) =>
        fc.record({
          c: fc.constant(c),
          veto: fc.constantFrom(
            ...allItems(c.criteria)
              .filter((i) => i.kind === 'VETO')
              .map((i) => i.code),
          ),
        }),
      ),
      ({ c, veto }) => {
        const decision = evaluate(c.criteria, c.profile, {
          ...c.inspection,
          triggeredVetoes: [...c.inspection.triggeredVetoes, veto],
        });
        expect(decision.passed).toBe(false);
        expect(decision.triggeredVetoes).toContain(veto);
        expect(decision.reasons.some((r) => r.en.startsWith('Veto: '))).toBe(true);
      },
    ),
    RUNS,
  );
});

test('passed means no veto, no unmet mandatory item and a total at the threshold or above', () => {
  fc.assert(
    fc.property(caseArb, ({ criteria, profile, inspection }) => {
      const d = evaluate(criteria, profile, inspection);
      expect(d.passed).toBe(
        d.triggeredVetoes.length === 0 &&
          d.unmetMandatory.length === 0 &&
          d.total >= criteria.passThreshold,
      );
      expect(d.passed).toBe(d.reasons.length === 0);
      expect(d.total).toBeLessThanOrEqual(criteria.totalPoints);
      const dimensionSum = d.perDimension.reduce((s, x) => s + x.score, 0);
      expect(Math.abs(dimensionSum - d.total)).toBeLessThan(1e-5);
    }),
    RUNS,
  );
});

function sortedDimensions(decision: Decision): Decision {
  return {
    ...decision,
    perDimension: [...decision.perDimension].sort((a, b) => (a.code < b.code ? -1 : 1)),
  };
}

test('evaluation is deterministic and does not depend on the order of items or input', () => {
  fc.assert(
    fc.property(
      caseArb.chain((c) =>
        fc.record({
          c: fc.constant(c),
          dimensionOrder: permutation(c.criteria.dimensions.map((_, k) => k)),
          itemOrders: fc.tuple(
            ...c.criteria.dimensions.map((d) => permutation(d.items.map((_, k) => k))),
          ),
          scoreOrder: permutation(Object.keys(c.inspection.scores)),
          vetoOrder: permutation(c.inspection.triggeredVetoes),
          mandatoryOrder: permutation(Object.keys(c.inspection.mandatory ?? {})),
        }),
      ),
      ({ c, dimensionOrder, itemOrders, scoreOrder, vetoOrder, mandatoryOrder }) => {
        const snapshot = structuredClone(c);
        const first = evaluate(c.criteria, c.profile, c.inspection);
        expect(evaluate(c.criteria, c.profile, c.inspection)).toEqual(first);
        expect(c).toEqual(snapshot); // inputs untouched

        const reordered: CriteriaSet = {
          ...c.criteria,
          dimensions: dimensionOrder.map((d) => {
            const dimension = c.criteria.dimensions[d]!;
            const order = itemOrders[d] as number[];
            return { ...dimension, items: order.map((i) => dimension.items[i]!) };
          }),
        };
        const input: InspectionScores = {
          scores: Object.fromEntries(scoreOrder.map((k) => [k, c.inspection.scores[k] ?? 0])),
          // Duplicates are the same as one.
          triggeredVetoes: [...vetoOrder, ...vetoOrder],
          mandatory: Object.fromEntries(
            mandatoryOrder.map((k) => [k, c.inspection.mandatory?.[k] ?? false]),
          ),
        };
        expect(sortedDimensions(evaluate(reordered, c.profile, input))).toEqual(
          sortedDimensions(first),
        );
        // With only the items reordered, even the dimensions come out in the same order.
        const itemsOnly: CriteriaSet = {
          ...c.criteria,
          dimensions: c.criteria.dimensions.map((dimension, d) => ({
            ...dimension,
            items: (itemOrders[d] as number[]).map((i) => dimension.items[i]!),
          })),
        };
        expect(evaluate(itemsOnly, c.profile, input)).toEqual(first);
      },
    ),
    RUNS,
  );
});

test('a pinned version gives the same result after a newer version of the set is published', () => {
  fc.assert(
    fc.property(
      caseArb,
      fc.integer({ min: 1, max: 20 }),
      ({ criteria, profile, inspection }, bump) => {
        const pinned = structuredClone(criteria);
        const before = evaluate(pinned, profile, inspection);
        // The newer version raises the pass line; the pinned copy is a separate value.
        const newer: CriteriaSet = {
          ...structuredClone(criteria),
          version: criteria.version + 1,
          passThreshold: Math.min(criteria.totalPoints, criteria.passThreshold + bump),
        };
        evaluate(newer, profile, inspection);
        expect(evaluate(pinned, profile, inspection)).toEqual(before);
      },
    ),
    RUNS,
  );
});

// ---------------------------------------------------------------------------------------
// The legacy shape: the same pass/fail and total as the provisional decide

/** The provisional `decide` as it was, the reference for certifications pinned to it. */
function provisionalDecide(criteria: LegacyCriteriaSet, input: InspectionScores) {
  const scored = criteria.items.filter((item) => item.kind === 'SCORED');
  const total = scored.reduce(
    (sum, item) => sum + Math.min(input.scores[item.code] ?? 0, item.maxPoints),
    0,
  );
  const vetoCodes = new Set(criteria.items.filter((i) => i.kind === 'VETO').map((i) => i.code));
  const vetoes = [...new Set(input.triggeredVetoes)].filter((c) => vetoCodes.has(c)).sort();
  return { total, passed: vetoes.length === 0 && total >= criteria.passThreshold, vetoes };
}

const legacyArb: fc.Arbitrary<LegacyCriteriaSet> = fc
  .tuple(
    fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 6 }),
    fc.integer({ min: 0, max: 3 }),
    fc.double({ min: 0, max: 1, noNaN: true }),
  )
  .map(([points, vetoes, fraction]) => {
    const total = points.reduce((a, b) => a + b, 0);
    return {
      code: 'legacy',
      version: 1,
      passThreshold: Math.floor(total * fraction),
      items: [
        ...points.map((maxPoints, k) => ({
          code: `S${k}`,
          titleZh: `项${k}`,
          titleEn: `Item ${k}`,
          kind: 'SCORED' as const,
          maxPoints,
          source: 'generated',
        })),
        ...Array.from({ length: vetoes }, (_, k) => ({
          code: `V${k}`,
          titleZh: `否${k}`,
          titleEn: `Veto ${k}`,
          kind: 'VETO' as const,
          maxPoints: 0,
          source: 'generated',
        })),
      ],
    };
  });

test('a legacy-shaped set gives the provisional decide’s total and pass/fail', () => {
  fc.assert(
    fc.property(
      legacyArb.chain((criteria) =>
        fc.record({
          criteria: fc.constant(criteria),
          scores: fc.tuple(
            ...criteria.items.map((i) => fc.integer({ min: 0, max: Math.max(i.maxPoints, 1) * 2 })),
          ),
          vetoes: fc.subarray(criteria.items.filter((i) => i.kind === 'VETO').map((i) => i.code)),
        }),
      ),
      ({ criteria, scores, vetoes }) => {
        const input: InspectionScores = {
          scores: Object.fromEntries(
            criteria.items
              .filter((i) => i.kind === 'SCORED')
              .map((i, k) => [i.code, scores[k] ?? 0]),
          ),
          triggeredVetoes: vetoes,
        };
        const expected = provisionalDecide(criteria, input);
        const actual = evaluate(criteria, null, input);
        expect(actual.passed).toBe(expected.passed);
        expect(actual.total).toBe(expected.total);
        expect(actual.triggeredVetoes).toEqual(expected.vetoes);
      },
    ),
    RUNS,
  );
});

test('the seeded sets pass full marks with a good profile and fail any one veto', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(
        ...allItems(FENGQIAO_OFFICE_V1)
          .filter((i) => i.kind === 'VETO')
          .map((i) => i.code),
      ),
      (veto) => {
        const full = Object.fromEntries(
          allItems(FENGQIAO_OFFICE_V1)
            .filter((i) => i.kind === 'SCORED')
            .map((i) => [i.code, i.maxPoints]),
        );
        const inspection = { scores: full, triggeredVetoes: [], mandatory: { SIX_POINTS: true } };
        expect(evaluate(FENGQIAO_OFFICE_V1, goodProfile(), inspection).passed).toBe(true);
        expect(
          evaluate(FENGQIAO_OFFICE_V1, goodProfile(), { ...inspection, triggeredVetoes: [veto] })
            .passed,
        ).toBe(false);
      },
    ),
  );
});
