// The criteria model: what a valid criteria set is, the two seeded sets, how the legacy
// shape is read, how two versions are compared, and what a valid office profile is.
import type {
  CriteriaSet,
  CriteriaSetDraft as Draft,
} from '../../../modules/criteria/rules/criteria';
import {
  CriteriaSet as CriteriaSetSchema,
  CriteriaSetDraft,
  PROVISIONAL_FENGQIAO_CRITERIA,
  allItems,
  needsOfficeProfile,
  normaliseCriteria,
} from '../../../modules/criteria/rules/criteria';
import { diffCriteria } from '../../../modules/criteria/rules/criteria-diff';
import {
  FENGQIAO_OFFICE_V1,
  SEEDED_CRITERIA_SETS,
  STANDARDISED_OFFICE_V1,
} from '../../../modules/criteria/rules/criteria-sets';
import { IsoDate, OfficeProfileValues } from '../../../modules/office/rules/profile';
import { goodProfile } from '../../support/criteria-fixtures';

function draft(overrides: Partial<Draft> = {}): Draft {
  return {
    code: 'trial-set',
    titleZh: '试行标准',
    titleEn: 'Trial set',
    source: 'test',
    totalPoints: 30,
    passThreshold: 20,
    dimensions: [
      {
        code: 'D1',
        titleZh: '维度一',
        titleEn: 'One',
        source: 'test',
        items: [
          {
            code: 'A',
            titleZh: '甲',
            titleEn: 'A',
            kind: 'SCORED',
            maxPoints: 10,
            evidence: ['DOCUMENT'],
            source: 'test',
          },
          {
            code: 'B',
            titleZh: '乙',
            titleEn: 'B',
            kind: 'SCORED',
            maxPoints: 20,
            evidence: ['RECORD'],
            source: 'test',
          },
          {
            code: 'V',
            titleZh: '否',
            titleEn: 'V',
            kind: 'VETO',
            maxPoints: 0,
            evidence: ['RECORD'],
            source: 'test',
          },
        ],
      },
    ],
    ...overrides,
  };
}

function problems(value: unknown): { path: string; message: string }[] {
  const parsed = CriteriaSetDraft.safeParse(value);
  return parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('the seeded criteria sets', () => {
  test.each(SEEDED_CRITERIA_SETS.map((set) => [set.code, set] as const))(
    '%s is a valid version 1 whose every dimension and item cites its seed clause',
    (_code, set) => {
      expect(CriteriaSetSchema.safeParse(set).success).toBe(true);
      expect(set.version).toBe(1);
      for (const dimension of set.dimensions) expect(dimension.source).toMatch(/seed 00[034]/);
      for (const item of allItems(set)) expect(item.source).toMatch(/seed 00[034]/);
    },
  );

  test('Fengqiao-style office: seed 003’s five dimensions of 20 points, three vetoes, pass at 85', () => {
    expect(FENGQIAO_OFFICE_V1.dimensions.map((d) => d.code)).toEqual([
      'PARTY_BUILDING',
      'RULE_OF_LAW',
      'PEOPLE_FIRST',
      'SAFETY_FIRST',
      'SERVING_OVERALL',
    ]);
    const items = allItems(FENGQIAO_OFFICE_V1);
    for (const dimension of FENGQIAO_OFFICE_V1.dimensions) {
      expect(dimension.items.reduce((sum, i) => sum + i.maxPoints, 0)).toBe(20);
    }
    expect(items.filter((i) => i.kind === 'VETO').map((i) => [i.code, i.dimension])).toEqual([
      ['VETO_EXTREME_VIOLENCE', 'SAFETY_FIRST'],
      ['VETO_MASS_INCIDENT', 'SAFETY_FIRST'],
      ['VETO_CIVIL_TO_CRIMINAL', 'SAFETY_FIRST'],
    ]);
    expect(items.filter((i) => i.kind === 'MANDATORY').map((i) => i.code)).toEqual([
      'PARTY_BRANCH',
      'LEGAL_QUALIFIED_STAFF',
      'SIX_POINTS',
      'NO_LOST_SUPERVISION',
    ]);
    expect(FENGQIAO_OFFICE_V1).toMatchObject({ totalPoints: 100, passThreshold: 85 });
  });

  test('Standardised office: every measurable standard of seeds 000 and 004 is checked automatically', () => {
    const auto = allItems(STANDARDISED_OFFICE_V1)
      .filter((i) => i.autoCheck)
      .map((i) => i.code);
    expect(auto).toEqual([
      'PREMISES_AREA',
      'EXCLUSIVE_PREMISES',
      'AUXILIARY_STAFF',
      'LEGAL_QUALIFIED_STAFF',
      'TRAINING',
      'PARTY_BRANCH',
      'MEDIATION_SUCCESS',
      'NO_LOST_SUPERVISION',
    ]);
    expect(STANDARDISED_OFFICE_V1).toMatchObject({ totalPoints: 100, passThreshold: 80 });
    expect(needsOfficeProfile(STANDARDISED_OFFICE_V1)).toBe(true);
    expect(needsOfficeProfile(PROVISIONAL_FENGQIAO_CRITERIA)).toBe(false);
  });
});

describe('validating a new version', () => {
  test('accepts a well-formed draft', () => {
    expect(problems(draft())).toEqual([]);
  });

  test('refuses duplicate codes, naming where each is', () => {
    const d = draft();
    const items = d.dimensions[0]?.items ?? [];
    d.dimensions.push({
      code: 'A',
      titleZh: '二',
      titleEn: 'Two',
      source: 'test',
      items: [{ ...items[0]!, code: 'B', maxPoints: 0, kind: 'MANDATORY' }],
    });
    expect(problems(d)).toEqual([
      { path: 'dimensions.1.code', message: 'duplicate code A (also at dimensions.0.items.0)' },
      {
        path: 'dimensions.1.items.0.code',
        message: 'duplicate code B (also at dimensions.0.items.1)',
      },
    ]);
  });

  test('refuses a total that is not the sum of the scored items’ points', () => {
    expect(problems(draft({ totalPoints: 100 }))).toEqual([
      { path: 'totalPoints', message: "the scored items' points sum to 30, not 100" },
    ]);
  });

  test.each([
    [31, false],
    [30, true],
    [0, true],
    [-1, false],
  ])('a pass threshold of %d is within range: %s', (passThreshold, ok) => {
    expect(problems(draft({ passThreshold })).length === 0).toBe(ok);
  });

  test('names the threshold out of range', () => {
    expect(problems(draft({ passThreshold: 31 }))).toEqual([
      { path: 'passThreshold', message: 'must be between 0 and totalPoints (30)' },
    ]);
  });

  test('refuses points on a veto item or a mandatory item, and a scored item without points', () => {
    const d = draft();
    const items = d.dimensions[0]!.items;
    items[2] = { ...items[2]!, maxPoints: 5 };
    items.push({ ...items[0]!, code: 'M', kind: 'MANDATORY', maxPoints: 1 });
    items.push({ ...items[0]!, code: 'Z', maxPoints: 0 });
    d.totalPoints = 30;
    expect(problems(d)).toEqual([
      { path: 'dimensions.0.items.2.maxPoints', message: 'a veto item carries no points (give 0)' },
      {
        path: 'dimensions.0.items.3.maxPoints',
        message: 'a mandatory item carries no points (give 0)',
      },
      { path: 'dimensions.0.items.4.maxPoints', message: 'a scored item needs points' },
    ]);
  });

  test('refuses an auto-check on an item that is not mandatory', () => {
    const d = draft();
    d.dimensions[0]!.items[0]!.autoCheck = {
      anyOf: [{ metric: 'premisesAreaM2', operator: 'AT_LEAST', value: 100 }],
    };
    expect(problems(d)).toEqual([
      {
        path: 'dimensions.0.items.0.autoCheck',
        message: 'only mandatory items are checked automatically',
      },
    ]);
  });

  test('refuses population bands with a gap, an overlap or no open end', () => {
    const withBands = (
      bands: NonNullable<
        CriteriaSet['dimensions'][0]['items'][0]['autoCheck']
      >['anyOf'][0]['bands'],
    ) => {
      const d = draft();
      d.dimensions[0]!.items.push({
        code: 'AREA',
        titleZh: '面积',
        titleEn: 'Area',
        kind: 'MANDATORY',
        maxPoints: 0,
        evidence: ['OFFICE_DATA'],
        source: 'test',
        autoCheck: { anyOf: [{ metric: 'premisesAreaM2', operator: 'AT_LEAST', bands }] },
      });
      return problems(d).map((p) => p.message);
    };
    expect(
      withBands(STANDARDISED_OFFICE_V1.dimensions[0]!.items[0]!.autoCheck!.anyOf[0]!.bands),
    ).toEqual([]);
    expect(
      withBands([
        { officeType: 'TOWNSHIP', populationBelow: 50_000, value: 160 },
        { officeType: 'TOWNSHIP', populationFrom: 60_000, value: 180 },
      ]),
    ).toEqual(['TOWNSHIP: no band covers a population of 50000']);
    expect(
      withBands([
        { officeType: 'TOWNSHIP', populationBelow: 50_000, value: 160 },
        { officeType: 'TOWNSHIP', populationFrom: 40_000, value: 180 },
      ]),
    ).toEqual(['TOWNSHIP: bands overlap at a population of 40000']);
    expect(withBands([{ officeType: 'STREET', populationBelow: 50_000, value: 160 }])).toEqual([
      'STREET: no band covers a population of 50000',
    ]);
  });

  test('refuses a requirement with both or neither of value and bands', () => {
    const d = draft();
    d.dimensions[0]!.items.push({
      code: 'AREA',
      titleZh: '面积',
      titleEn: 'Area',
      kind: 'MANDATORY',
      maxPoints: 0,
      evidence: ['OFFICE_DATA'],
      source: 'test',
      autoCheck: { anyOf: [{ metric: 'premisesAreaM2', operator: 'AT_LEAST' }] },
    });
    expect(problems(d)).toEqual([
      { path: 'dimensions.0.items.3.autoCheck.anyOf.0', message: 'give either value or bands' },
    ]);
  });

  test('requires a citation, evidence kinds and codes in the expected case', () => {
    const d = draft({ code: 'Trial Set' });
    d.dimensions[0]!.items[0] = {
      ...d.dimensions[0]!.items[0]!,
      code: 'a',
      source: ' ',
      evidence: [],
    };
    expect(problems(d).map((p) => p.path)).toEqual([
      'code',
      'dimensions.0.items.0.code',
      'dimensions.0.items.0.evidence',
      'dimensions.0.items.0.source',
    ]);
  });
});

describe('reading the legacy shape', () => {
  test('each scored item becomes a dimension of its own and the vetoes one more', () => {
    const normalised = normaliseCriteria(PROVISIONAL_FENGQIAO_CRITERIA);
    expect(normalised.dimensions.map((d) => [d.code, d.items.map((i) => i.code)])).toEqual([
      ['PARTY', ['PARTY']],
      ['RULE_OF_LAW', ['RULE_OF_LAW']],
      ['PEOPLE', ['PEOPLE']],
      ['SAFETY', ['SAFETY']],
      ['SERVE', ['SERVE']],
      ['VETOES', ['VETO_EXTREME_VIOLENCE', 'VETO_MASS_INCIDENT', 'VETO_CIVIL_TO_CRIMINAL']],
    ]);
    expect(normalised).toMatchObject({
      code: 'fengqiao-provisional',
      version: 1,
      totalPoints: 100,
      passThreshold: 80,
    });
  });

  test('a set in the current shape is returned as it is', () => {
    expect(normaliseCriteria(FENGQIAO_OFFICE_V1)).toBe(FENGQIAO_OFFICE_V1);
  });
});

describe('comparing two versions', () => {
  test('a version compared with itself is identical', () => {
    expect(diffCriteria(FENGQIAO_OFFICE_V1, structuredClone(FENGQIAO_OFFICE_V1))).toMatchObject({
      identical: true,
      set: [],
      items: { added: [], removed: [], changed: [] },
    });
  });

  test('reports set fields, added, removed, changed and moved items, field by field', () => {
    const next: CriteriaSet = structuredClone(FENGQIAO_OFFICE_V1);
    next.version = 2;
    next.passThreshold = 90;
    const party = next.dimensions[0]!;
    party.items = party.items.filter((i) => i.code !== 'TEAM_QUALITY');
    party.items[0] = { ...party.items[0]!, maxPoints: 14 };
    const safety = next.dimensions[3]!;
    safety.items.push({
      code: 'VETO_STAFF_CRIME',
      titleZh: '工作人员违法犯罪',
      titleEn: 'A staff member committed a crime',
      kind: 'VETO',
      maxPoints: 0,
      evidence: ['RECORD'],
      source: 'test',
    });
    const moved = party.items.find((i) => i.code === 'LEGAL_QUALIFIED_STAFF')!;
    party.items = party.items.filter((i) => i !== moved);
    safety.items.push(moved);
    const diff = diffCriteria(FENGQIAO_OFFICE_V1, next);
    expect(diff).toEqual({
      code: 'fengqiao-office',
      from: 1,
      to: 2,
      set: [{ field: 'passThreshold', from: 85, to: 90 }],
      dimensions: { added: [], removed: [], changed: [] },
      items: {
        added: ['VETO_STAFF_CRIME'],
        removed: ['TEAM_QUALITY'],
        changed: [
          { code: 'POLITICAL_BUILDING', changes: [{ field: 'maxPoints', from: 8, to: 14 }] },
          {
            code: 'LEGAL_QUALIFIED_STAFF',
            changes: [{ field: 'dimension', from: 'PARTY_BUILDING', to: 'SAFETY_FIRST' }],
          },
        ],
      },
      identical: false,
    });
  });

  test('a change inside an auto-check shows the old and new rule', () => {
    const next: CriteriaSet = structuredClone(STANDARDISED_OFFICE_V1);
    next.version = 2;
    const staff = next.dimensions[1]!.items[0]!;
    staff.autoCheck = {
      anyOf: [{ metric: 'fullTimeAuxiliaryStaff', operator: 'AT_LEAST', value: 4 }],
    };
    expect(diffCriteria(STANDARDISED_OFFICE_V1, next).items.changed).toEqual([
      {
        code: 'AUXILIARY_STAFF',
        changes: [
          {
            field: 'autoCheck',
            from: { anyOf: [{ metric: 'fullTimeAuxiliaryStaff', operator: 'AT_LEAST', value: 3 }] },
            to: { anyOf: [{ metric: 'fullTimeAuxiliaryStaff', operator: 'AT_LEAST', value: 4 }] },
          },
        ],
      },
    ]);
  });
});

describe('office profiles', () => {
  const issues = (value: unknown) => {
    const parsed = OfficeProfileValues.safeParse(value);
    return parsed.success
      ? []
      : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  test('a consistent profile is valid', () => {
    expect(issues(goodProfile())).toEqual([]);
  });

  test('names every inconsistency', () => {
    expect(
      issues(
        goodProfile({
          premisesAreaM2: 90,
          exclusivePremisesAreaM2: 100,
          staff: { total: 2, fullTimeAuxiliary: 3, legalQualified: 3 },
          party: { members: 2, hasBranch: true },
          mediation: { cases: 10, successful: 11 },
          communityCorrection: { supervised: 1, lostSupervision: 2 },
        }),
      ),
    ).toEqual([
      'exclusivePremisesAreaM2: cannot exceed premisesAreaM2',
      'staff.fullTimeAuxiliary: cannot exceed staff.total',
      'staff.legalQualified: cannot exceed staff.total',
      'party.hasBranch: a Party branch needs at least 3 full members',
      'mediation.successful: cannot exceed mediation.cases',
      'communityCorrection.lostSupervision: cannot exceed communityCorrection.supervised',
    ]);
  });

  test('refuses negative and fractional counts and an unknown office type', () => {
    expect(
      issues({
        ...goodProfile(),
        population: -1,
        officeType: 'VILLAGE',
        staff: { total: 1.5, fullTimeAuxiliary: 0, legalQualified: 0 },
      }).map((i) => i.split(':')[0]),
    ).toEqual(['officeType', 'population', 'staff.total']);
  });

  test.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-1-01', false],
  ])('the date %s is valid: %s', (date, valid) => {
    expect(IsoDate.safeParse(date).success).toBe(valid);
  });
});
