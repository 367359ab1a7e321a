// A provisional criteria set and decision function for the lifecycle. The versioned rubric
// (issue 4) replaces PROVISIONAL_FENGQIAO_CRITERIA with data and `decide` with the full
// evaluator; both keep this signature: (criteriaSet, officeProfile, inspectionScores).
import { z } from 'zod';

export const CriteriaItemKind = z.enum(['SCORED', 'VETO']);
export type CriteriaItemKind = z.infer<typeof CriteriaItemKind>;

export const CriteriaItem = z.object({
  code: z.string().min(1),
  titleZh: z.string().min(1),
  titleEn: z.string().min(1),
  kind: CriteriaItemKind,
  maxPoints: z.number().min(0),
  /** The seed clause the item comes from. */
  source: z.string().min(1),
});
export type CriteriaItem = z.infer<typeof CriteriaItem>;

export const CriteriaSet = z.object({
  code: z.string().min(1),
  version: z.number().int().min(1),
  passThreshold: z.number().min(0),
  items: z.array(CriteriaItem).min(1),
});
export type CriteriaSet = z.infer<typeof CriteriaSet>;

const SEED_003 = 'seed 003 (重庆市“枫桥式”司法所创建), 五个方面';
const SEED_003_SAFETY =
  'seed 003, 坚持安全第一: 无重大群体性事件、无个人极端暴力案件、无重大民转刑案件';

export const PROVISIONAL_FENGQIAO_CRITERIA: CriteriaSet = {
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

/** Scores per scored item code, and the codes of veto items found triggered. */
export const InspectionScores = z.object({
  scores: z.record(z.string(), z.number().min(0)),
  triggeredVetoes: z.array(z.string()).default([]),
});
export type InspectionScores = z.infer<typeof InspectionScores>;

/** Office data for auto-checks; the provisional rubric has none, issue 4 adds them. */
export type OfficeProfile = Record<string, never>;

export interface Reason {
  zh: string;
  en: string;
}

export interface Decision {
  total: number;
  passed: boolean;
  triggeredVetoes: string[];
  reasons: Reason[];
}

/** Scores that do not fit the criteria set, as human-readable problems (empty when valid). */
export function scoreProblems(criteria: CriteriaSet, input: InspectionScores): string[] {
  const problems: string[] = [];
  const byCode = new Map(criteria.items.map((item) => [item.code, item]));
  for (const [code, score] of Object.entries(input.scores)) {
    const item = byCode.get(code);
    if (!item || item.kind !== 'SCORED') problems.push(`scores.${code}: not a scored item`);
    else if (!(score >= 0)) problems.push(`scores.${code}: ${score} is not a score of 0 or more`);
    else if (score > item.maxPoints)
      problems.push(`scores.${code}: ${score} is above the maximum of ${item.maxPoints}`);
  }
  for (const item of criteria.items) {
    if (item.kind === 'SCORED' && input.scores[item.code] === undefined)
      problems.push(`scores.${item.code}: missing`);
  }
  for (const code of input.triggeredVetoes) {
    if (byCode.get(code)?.kind !== 'VETO')
      problems.push(`triggeredVetoes: ${code} is not a veto item`);
  }
  return problems;
}

export function decide(
  criteria: CriteriaSet,
  _profile: OfficeProfile,
  input: InspectionScores,
): Decision {
  const scored = criteria.items.filter((item) => item.kind === 'SCORED');
  const total = scored.reduce(
    (sum, item) => sum + Math.min(input.scores[item.code] ?? 0, item.maxPoints),
    0,
  );
  const vetoCodes = new Set(criteria.items.filter((i) => i.kind === 'VETO').map((i) => i.code));
  const triggeredVetoes = [...new Set(input.triggeredVetoes)]
    .filter((c) => vetoCodes.has(c))
    .sort();
  const reasons: Reason[] = [];
  for (const code of triggeredVetoes) {
    const item = criteria.items.find((i) => i.code === code);
    reasons.push({
      zh: `一票否决:${item?.titleZh ?? code}`,
      en: `Veto: ${item?.titleEn ?? code}`,
    });
  }
  if (total < criteria.passThreshold) {
    reasons.push({
      zh: `总分 ${total} 低于合格线 ${criteria.passThreshold}`,
      en: `Total ${total} is below the pass threshold of ${criteria.passThreshold}`,
    });
  }
  return { total, passed: reasons.length === 0, triggeredVetoes, reasons };
}
