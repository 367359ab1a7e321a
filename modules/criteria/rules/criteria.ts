// Criteria sets as versioned data: dimensions of items, each item scored, mandatory (must be
// met) or a veto (一票否决), with the evidence it is judged on and the seed clause it comes
// from. A certification pins one version when it is declared and is scored against it for
// its whole life; see docs/decisions/0005-criteria-as-versioned-data.md.
//
// Certifications declared before versioned criteria pinned the provisional shape
// (`LegacyCriteriaSet`: a flat list of items, no dimensions); `normaliseCriteria` reads both.
// No Node imports: workflows evaluate criteria.
import { z } from 'zod';
import { MAX_POPULATION } from '../../shared';
import { Metric, OfficeType } from '../../office/workflow-api';

export const ItemKind = z.enum(['SCORED', 'MANDATORY', 'VETO']);
export type ItemKind = z.infer<typeof ItemKind>;

/** What an item is judged on. */
export const EvidenceKind = z.enum([
  /** Documents: plans, rules, decisions, minutes (资料). */
  'DOCUMENT',
  /** Ledgers and case records (台账、卷宗). */
  'RECORD',
  'PHOTO',
  'VIDEO',
  /** Seen on site by the inspector (实地查看). */
  'ON_SITE',
  /** Interviews with staff, residents or the township (走访、座谈). */
  'INTERVIEW',
  /** The office profile's measured data (统计数据). */
  'OFFICE_DATA',
]);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

const ItemCode = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'must be UPPER_SNAKE_CASE, at most 64 characters');
export const SetCode = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,63}$/, 'must be lower-kebab-case, 2 to 64 characters');
const title = z.string().trim().min(1).max(200);
const source = z.string().trim().min(1, 'cite the clause the item comes from').max(500);
const points = z.number().min(0).max(1000);

/** A requirement band: the required value for offices of a type and population range. */
export const RequirementBand = z.object({
  officeType: OfficeType,
  /** Inclusive lower bound of the population (absent: 0). */
  populationFrom: z.number().int().min(0).max(MAX_POPULATION).optional(),
  /** Exclusive upper bound of the population (absent: no upper bound). */
  populationBelow: z.number().int().min(1).max(MAX_POPULATION).optional(),
  value: z.number().min(0),
});
export type RequirementBand = z.infer<typeof RequirementBand>;

/** One comparison of a measured metric with a required value (fixed, or by band). */
export const Requirement = z
  .object({
    metric: Metric,
    operator: z.enum(['AT_LEAST', 'AT_MOST']),
    value: z.number().min(0).optional(),
    bands: z.array(RequirementBand).min(1).optional(),
  })
  .refine((r) => (r.value === undefined) !== (r.bands === undefined), {
    message: 'give either value or bands',
  });
export type Requirement = z.infer<typeof Requirement>;

/**
 * How a mandatory item is checked from the office profile: it is met when any requirement
 * holds; with `appliesWhen`, only offices meeting that condition are checked at all.
 */
export const AutoCheck = z.object({
  appliesWhen: Requirement.optional(),
  anyOf: z.array(Requirement).min(1).max(10),
});
export type AutoCheck = z.infer<typeof AutoCheck>;

export const CriteriaItem = z.object({
  code: ItemCode,
  titleZh: title,
  titleEn: title,
  kind: ItemKind,
  /** Points for a scored item; mandatory and veto items carry none. */
  maxPoints: points,
  evidence: z.array(EvidenceKind).min(1).max(EvidenceKind.options.length),
  /** The seed clause the item comes from. */
  source,
  /** Mandatory items only: checked from the office profile instead of by the inspector. */
  autoCheck: AutoCheck.optional(),
});
export type CriteriaItem = z.infer<typeof CriteriaItem>;

export const CriteriaDimension = z.object({
  code: ItemCode,
  titleZh: title,
  titleEn: title,
  source,
  items: z.array(CriteriaItem).min(1).max(100),
});
export type CriteriaDimension = z.infer<typeof CriteriaDimension>;

const setFields = {
  code: SetCode,
  titleZh: title,
  titleEn: title,
  /** The document(s) the set is written from. */
  source,
  /** Must equal the sum of the scored items' points. */
  totalPoints: points.max(10_000),
  /** Pass when the total reaches this (and no mandatory item is unmet, no veto triggered). */
  passThreshold: points.max(10_000),
  dimensions: z.array(CriteriaDimension).min(1).max(50),
};

interface SetLike {
  totalPoints: number;
  passThreshold: number;
  dimensions: CriteriaDimension[];
}

/** The rules a criteria set must satisfy beyond its field types. */
function checkCriteriaSet(set: SetLike, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  const seen = new Map<string, string>();
  const claim = (code: string, path: (string | number)[]) => {
    const first = seen.get(code);
    if (first) issue([...path, 'code'], `duplicate code ${code} (also at ${first})`);
    else seen.set(code, path.join('.'));
  };
  let scoredSum = 0;
  set.dimensions.forEach((dimension, d) => {
    claim(dimension.code, ['dimensions', d]);
    dimension.items.forEach((item, i) => {
      const path = ['dimensions', d, 'items', i];
      claim(item.code, path);
      if (item.kind === 'SCORED') {
        if (item.maxPoints <= 0) issue([...path, 'maxPoints'], 'a scored item needs points');
        scoredSum += item.maxPoints;
      } else if (item.maxPoints !== 0) {
        issue(
          [...path, 'maxPoints'],
          `a ${item.kind === 'VETO' ? 'veto' : 'mandatory'} item carries no points (give 0)`,
        );
      }
      if (item.autoCheck) {
        if (item.kind !== 'MANDATORY') {
          issue([...path, 'autoCheck'], 'only mandatory items are checked automatically');
        }
        const requirements = [
          ...(item.autoCheck.appliesWhen ? [['appliesWhen', item.autoCheck.appliesWhen]] : []),
          ...item.autoCheck.anyOf.map((r, k) => [`anyOf.${k}`, r]),
        ] as [string, Requirement][];
        for (const [where, requirement] of requirements) {
          for (const problem of bandProblems(requirement.bands ?? [])) {
            issue([...path, 'autoCheck', ...where.split('.'), 'bands'], problem);
          }
        }
      }
    });
  });
  const sum = Math.round(scoredSum * 1e6) / 1e6;
  if (sum !== set.totalPoints) {
    issue(['totalPoints'], `the scored items' points sum to ${sum}, not ${set.totalPoints}`);
  }
  if (set.passThreshold > set.totalPoints) {
    issue(['passThreshold'], `must be between 0 and totalPoints (${set.totalPoints})`);
  }
}

/**
 * Bands of one office type must cover every population exactly once, from 0 upwards; an
 * office type without bands is not checked by the requirement.
 */
function bandProblems(bands: RequirementBand[]): string[] {
  const problems: string[] = [];
  for (const type of OfficeType.options) {
    const ofType = bands
      .filter((b) => b.officeType === type)
      .map((b) => ({ from: b.populationFrom ?? 0, below: b.populationBelow ?? Infinity }))
      .sort((a, b) => a.from - b.from);
    if (ofType.length === 0) continue;
    let expected = 0;
    for (const band of ofType) {
      if (band.below <= band.from) {
        problems.push(`${type}: populationBelow must be above populationFrom`);
        return problems;
      }
      if (band.from !== expected) {
        problems.push(
          band.from > expected
            ? `${type}: no band covers a population of ${expected}`
            : `${type}: bands overlap at a population of ${band.from}`,
        );
        return problems;
      }
      expected = band.below;
    }
    if (expected !== Infinity) problems.push(`${type}: no band covers a population of ${expected}`);
  }
  return problems;
}

/** What an admin submits to publish a new version; the version number is assigned. */
export const CriteriaSetDraft = z.object(setFields).superRefine(checkCriteriaSet);
export type CriteriaSetDraft = z.infer<typeof CriteriaSetDraft>;

/** A published, immutable version of a criteria set. */
export const CriteriaSet = z
  .object({ ...setFields, version: z.number().int().min(1) })
  .superRefine(checkCriteriaSet);
export type CriteriaSet = z.infer<typeof CriteriaSet>;

// ---------------------------------------------------------------------------------------
// The provisional shape pinned by certifications declared before versioned criteria

export const LegacyCriteriaItem = z.object({
  code: z.string().min(1),
  titleZh: z.string().min(1),
  titleEn: z.string().min(1),
  kind: z.enum(['SCORED', 'VETO']),
  maxPoints: z.number().min(0),
  source: z.string().min(1),
});

export const LegacyCriteriaSet = z.object({
  code: z.string().min(1),
  version: z.number().int().min(1),
  passThreshold: z.number().min(0),
  items: z.array(LegacyCriteriaItem).min(1),
});
export type LegacyCriteriaSet = z.infer<typeof LegacyCriteriaSet>;

/** What a certification carries in its state: the current shape, or the provisional one. */
export const PinnedCriteria = z.union([CriteriaSet, LegacyCriteriaSet]);
export type PinnedCriteria = CriteriaSet | LegacyCriteriaSet;

export function isLegacyCriteria(criteria: PinnedCriteria): criteria is LegacyCriteriaSet {
  return !('dimensions' in criteria);
}

/** The dimension that collects a legacy set's veto items. */
export const LEGACY_VETO_DIMENSION = 'VETOES';

/**
 * Reads either shape as the current one. A legacy set's scored items were seed 003's five
 * dimensions, so each becomes a dimension of one item; its vetoes form one more dimension.
 * Scores, vetoes, totals and the pass line are unchanged, so the result is too.
 */
export function normaliseCriteria(criteria: PinnedCriteria): CriteriaSet {
  if (!isLegacyCriteria(criteria)) return criteria;
  const toItem = (item: LegacyCriteriaSet['items'][number]): CriteriaItem => ({
    code: item.code,
    titleZh: item.titleZh,
    titleEn: item.titleEn,
    kind: item.kind,
    maxPoints: item.maxPoints,
    evidence: [],
    source: item.source,
  });
  const scored = criteria.items.filter((item) => item.kind === 'SCORED');
  const vetoes = criteria.items.filter((item) => item.kind === 'VETO');
  const dimensions: CriteriaDimension[] = scored.map((item) => ({
    code: item.code,
    titleZh: item.titleZh,
    titleEn: item.titleEn,
    source: item.source,
    items: [toItem(item)],
  }));
  if (vetoes.length > 0) {
    dimensions.push({
      code: LEGACY_VETO_DIMENSION,
      titleZh: '一票否决事项',
      titleEn: 'Veto items',
      source: vetoes[0]?.source ?? criteria.code,
      items: vetoes.map(toItem),
    });
  }
  return {
    code: criteria.code,
    version: criteria.version,
    titleZh: criteria.code,
    titleEn: criteria.code,
    source: criteria.code,
    totalPoints: scored.reduce((sum, item) => sum + item.maxPoints, 0),
    passThreshold: criteria.passThreshold,
    dimensions,
  };
}

/** Every item of a set with the dimension it belongs to, in the set's order. */
export function allItems(criteria: CriteriaSet): (CriteriaItem & { dimension: string })[] {
  return criteria.dimensions.flatMap((d) =>
    d.items.map((item) => ({ ...item, dimension: d.code })),
  );
}

/** Whether evaluating the set needs an office profile (it has auto-checked items). */
export function needsOfficeProfile(criteria: PinnedCriteria): boolean {
  return allItems(normaliseCriteria(criteria)).some((item) => item.autoCheck !== undefined);
}

const SEED_003 = 'seed 003 (重庆市“枫桥式”司法所创建), 五个方面';
const SEED_003_SAFETY =
  'seed 003, 坚持安全第一: 无重大群体性事件、无个人极端暴力案件、无重大民转刑案件';

/**
 * The provisional set pinned by certifications declared before versioned criteria (and by
 * the recorded histories in test/fixtures/histories). New certifications pin a published
 * version instead; this stays so that the legacy shape keeps a reference instance.
 */
export const PROVISIONAL_FENGQIAO_CRITERIA: LegacyCriteriaSet = {
  code: 'fengqiao-provisional',
  version: 1,
  passThreshold: 80,
  items: [
    {
      code: 'PARTY',
      titleZh: '坚持党建引领',
      titleEn: 'Party-building leadership',
      kind: 'SCORED',
      maxPoints: 20,
      source: SEED_003,
    },
    {
      code: 'RULE_OF_LAW',
      titleZh: '坚持法治为先',
      titleEn: 'Rule of law first',
      kind: 'SCORED',
      maxPoints: 20,
      source: SEED_003,
    },
    {
      code: 'PEOPLE',
      titleZh: '坚持人民至上(公共法律服务、“一所六点”)',
      titleEn: 'People first (public legal services, one office six points)',
      kind: 'SCORED',
      maxPoints: 20,
      source: SEED_003,
    },
    {
      code: 'SAFETY',
      titleZh: '坚持安全第一(矛盾纠纷化解、社区矫正无脱管漏管)',
      titleEn: 'Safety first (dispute resolution, community correction under supervision)',
      kind: 'SCORED',
      maxPoints: 20,
      source: SEED_003,
    },
    {
      code: 'SERVE',
      titleZh: '坚持服务大局(一所一特色)',
      titleEn: 'Serving the overall situation (one office, one feature)',
      kind: 'SCORED',
      maxPoints: 20,
      source: SEED_003,
    },
    {
      code: 'VETO_EXTREME_VIOLENCE',
      titleZh: '发生个人极端暴力案件',
      titleEn: 'An extreme violent case occurred',
      kind: 'VETO',
      maxPoints: 0,
      source: SEED_003_SAFETY,
    },
    {
      code: 'VETO_MASS_INCIDENT',
      titleZh: '发生重大群体性事件',
      titleEn: 'A major mass incident occurred',
      kind: 'VETO',
      maxPoints: 0,
      source: SEED_003_SAFETY,
    },
    {
      code: 'VETO_CIVIL_TO_CRIMINAL',
      titleZh: '发生重大民转刑案件',
      titleEn: 'A major civil-to-criminal case occurred',
      kind: 'VETO',
      maxPoints: 0,
      source: SEED_003_SAFETY,
    },
  ],
};
