// The rubric's verdict: (criteria set, office profile, inspection scores) → total, per
// dimension, auto-checks (measured vs required), unmet mandatory items, triggered vetoes,
// passed, and the reasons in Chinese and English. Pure and deterministic: workflows call it,
// and the result depends neither on the order of items nor on the order of the input.
import { z } from 'zod';
import type { CriteriaItem, CriteriaSet, PinnedCriteria, Requirement } from './criteria';
import { allItems, normaliseCriteria } from './criteria';
import type { Metric, OfficeProfileValues } from '../../office/workflow-api';
import { METRICS, metricValue, round6 } from '../../office/workflow-api';

/** What the inspector records: points per scored item, judgements, triggered vetoes. */
export const InspectionScores = z.object({
  /** Points per scored item code, from 0 to the item's maximum. */
  scores: z.record(z.string(), z.number().min(0)),
  /** Codes of veto items found triggered (一票否决). */
  triggeredVetoes: z.array(z.string()).default([]),
  /** Whether each mandatory item that is not checked from the office profile is met. */
  mandatory: z.record(z.string(), z.boolean()).optional(),
});
export type InspectionScores = z.infer<typeof InspectionScores>;

export interface Reason {
  zh: string;
  en: string;
}

export interface RequirementResult {
  metric: Metric;
  operator: Requirement['operator'];
  /** Null when there is no profile or the metric cannot be measured (a rate of 0 cases). */
  measured: number | null;
  /** Null when no band applies to the office (or there is no profile to choose one). */
  required: number | null;
  /** The band the required value came from, if banded. */
  band: Reason | null;
  met: boolean;
}

export type AutoCheckStatus = 'MET' | 'NOT_MET' | 'NOT_APPLICABLE' | 'NO_DATA';

export interface AutoCheckResult {
  item: string;
  dimension: string;
  titleZh: string;
  titleEn: string;
  status: AutoCheckStatus;
  /** Met, or not applicable to this office. */
  met: boolean;
  /** The condition under which the item applies, if any. */
  condition: RequirementResult | null;
  /** The requirements; any one met meets the item. */
  requirements: RequirementResult[];
  /** Measured vs required, in words. */
  reason: Reason;
}

export interface DimensionResult {
  code: string;
  titleZh: string;
  titleEn: string;
  score: number;
  maxPoints: number;
}

export interface Decision {
  criteria: { code: string; version: number };
  total: number;
  totalPoints: number;
  passThreshold: number;
  perDimension: DimensionResult[];
  autoChecks: AutoCheckResult[];
  /** Codes of mandatory items not met, sorted. */
  unmetMandatory: string[];
  /** Codes of veto items triggered, sorted. */
  triggeredVetoes: string[];
  passed: boolean;
  /** Why it did not pass (empty when it passed): vetoes, unmet mandatory items, the total. */
  reasons: Reason[];
}

const byCode = <T extends { code: string }>(a: T, b: T) =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
const sortStrings = (values: Iterable<string>) =>
  [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * Evaluates inspection scores against a criteria set (either shape) and the office profile
 * in effect on the inspection date (null when there is none: auto-checks are then not met).
 * Scores above an item's maximum count as the maximum; missing scores count as zero.
 */
export function evaluate(
  pinned: PinnedCriteria,
  profile: OfficeProfileValues | null,
  input: InspectionScores,
): Decision {
  const criteria = normaliseCriteria(pinned);
  const items = allItems(criteria);
  const points = (item: CriteriaItem) =>
    item.kind === 'SCORED'
      ? Math.min(Math.max(input.scores[item.code] ?? 0, 0), item.maxPoints)
      : 0;
  // Summed in code order so the total does not depend on the order of the items.
  const sum = (of: CriteriaItem[]) =>
    round6([...of].sort(byCode).reduce((total, item) => total + points(item), 0));

  const perDimension: DimensionResult[] = criteria.dimensions.map((dimension) => ({
    code: dimension.code,
    titleZh: dimension.titleZh,
    titleEn: dimension.titleEn,
    score: sum(dimension.items),
    maxPoints: round6(
      dimension.items.reduce((total, i) => total + (i.kind === 'SCORED' ? i.maxPoints : 0), 0),
    ),
  }));
  const total = sum(items);

  const autoChecks = items
    .filter((item) => item.kind === 'MANDATORY' && item.autoCheck)
    .sort(byCode)
    .map((item) => runAutoCheck(item, item.dimension, profile));
  const autoByItem = new Map(autoChecks.map((check) => [check.item, check]));

  const mandatory = items.filter((item) => item.kind === 'MANDATORY').sort(byCode);
  const unmet = mandatory.filter((item) => {
    const auto = autoByItem.get(item.code);
    return auto ? !auto.met : input.mandatory?.[item.code] !== true;
  });

  const vetoCodes = new Set(items.filter((i) => i.kind === 'VETO').map((i) => i.code));
  const triggeredVetoes = sortStrings(
    new Set(input.triggeredVetoes.filter((c) => vetoCodes.has(c))),
  );
  const itemByCode = new Map(items.map((item) => [item.code, item]));

  const reasons: Reason[] = [];
  for (const code of triggeredVetoes) {
    const item = itemByCode.get(code);
    reasons.push({
      zh: `一票否决:${item?.titleZh ?? code}`,
      en: `Veto: ${item?.titleEn ?? code}`,
    });
  }
  for (const item of unmet) {
    const auto = autoByItem.get(item.code);
    reasons.push({
      zh: `必备条件未达到:${item.titleZh}${auto ? `(${auto.reason.zh})` : ''}`,
      en: `Mandatory item not met: ${item.titleEn}${auto ? ` (${auto.reason.en})` : ''}`,
    });
  }
  if (total < criteria.passThreshold) {
    reasons.push({
      zh: `总分 ${total} 低于合格线 ${criteria.passThreshold}`,
      en: `Total ${total} is below the pass threshold of ${criteria.passThreshold}`,
    });
  }

  return {
    criteria: { code: criteria.code, version: criteria.version },
    total,
    totalPoints: criteria.totalPoints,
    passThreshold: criteria.passThreshold,
    perDimension,
    autoChecks,
    unmetMandatory: unmet.map((item) => item.code),
    triggeredVetoes,
    passed: reasons.length === 0,
    reasons,
  };
}

// ---------------------------------------------------------------------------------------
// Auto-checks

function requiredValue(
  requirement: Requirement,
  profile: OfficeProfileValues,
): { value: number | null; band: Reason | null } {
  if (requirement.value !== undefined) return { value: requirement.value, band: null };
  const band = (requirement.bands ?? []).find(
    (b) =>
      b.officeType === profile.officeType &&
      profile.population >= (b.populationFrom ?? 0) &&
      (b.populationBelow === undefined || profile.population < b.populationBelow),
  );
  return band ? { value: band.value, band: describeBand(band) } : { value: null, band: null };
}

function check(requirement: Requirement, profile: OfficeProfileValues | null): RequirementResult {
  if (!profile) {
    return {
      metric: requirement.metric,
      operator: requirement.operator,
      measured: null,
      required: requirement.value ?? null,
      band: null,
      met: false,
    };
  }
  const measured = metricValue(profile, requirement.metric);
  const { value: required, band } = requiredValue(requirement, profile);
  const met =
    measured !== null &&
    required !== null &&
    (requirement.operator === 'AT_LEAST' ? measured >= required : measured <= required);
  return {
    metric: requirement.metric,
    operator: requirement.operator,
    measured,
    required,
    band,
    met,
  };
}

function runAutoCheck(
  item: CriteriaItem,
  dimension: string,
  profile: OfficeProfileValues | null,
): AutoCheckResult {
  const autoCheck = item.autoCheck;
  if (!autoCheck) throw new Error(`item ${item.code} has no auto-check`);
  const base = { item: item.code, dimension, titleZh: item.titleZh, titleEn: item.titleEn };
  const condition = autoCheck.appliesWhen ? check(autoCheck.appliesWhen, profile) : null;
  const requirements = autoCheck.anyOf.map((requirement) => check(requirement, profile));
  if (!profile) {
    return {
      ...base,
      status: 'NO_DATA',
      met: false,
      condition,
      requirements,
      reason: {
        zh: '检查日期无司法所基本情况数据',
        en: 'no office profile is recorded as of the inspection date',
      },
    };
  }
  if (condition && !condition.met && condition.measured !== null) {
    return {
      ...base,
      status: 'NOT_APPLICABLE',
      met: true,
      condition,
      requirements,
      reason: {
        zh: `不适用:${describe(condition).zh}时才适用`,
        en: `not applicable: applies when ${describe(condition).en}`,
      },
    };
  }
  if (requirements.every((r) => r.required === null)) {
    return {
      ...base,
      status: 'NOT_APPLICABLE',
      met: true,
      condition,
      requirements,
      reason: {
        zh: `不适用:无适用于${officeTypeZh(profile.officeType)}的要求`,
        en: `not applicable: no requirement applies to a ${officeTypeEn(profile.officeType)}`,
      },
    };
  }
  const met = requirements.some((r) => r.met);
  const measurable = requirements.some((r) => r.measured !== null && r.required !== null);
  const parts = requirements.filter((r) => r.required !== null).map(describe);
  return {
    ...base,
    status: met ? 'MET' : measurable ? 'NOT_MET' : 'NO_DATA',
    met,
    condition,
    requirements,
    reason: {
      zh: parts.map((p) => p.zh).join(';或'),
      en: parts.map((p) => p.en).join('; or '),
    },
  };
}

// ---------------------------------------------------------------------------------------
// Words

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
}

function officeTypeZh(type: OfficeProfileValues['officeType']): string {
  return type === 'STREET' ? '街道司法所' : '乡镇司法所';
}

function officeTypeEn(type: OfficeProfileValues['officeType']): string {
  return type === 'STREET' ? 'street office' : 'township office';
}

function describeBand(band: NonNullable<Requirement['bands']>[number]): Reason {
  const from = band.populationFrom ?? 0;
  const below = band.populationBelow;
  if (from === 0 && below === undefined) {
    return { zh: officeTypeZh(band.officeType), en: officeTypeEn(band.officeType) };
  }
  const zhRange =
    below === undefined
      ? `人口 ${from} 人及以上`
      : from === 0
        ? `人口不足 ${below} 人`
        : `人口 ${from} 至 ${below - 1} 人`;
  const enRange =
    below === undefined
      ? `population ${from} or more`
      : from === 0
        ? `population below ${below}`
        : `population ${from}–${below - 1}`;
  return {
    zh: `${officeTypeZh(band.officeType)},${zhRange}`,
    en: `${officeTypeEn(band.officeType)}, ${enRange}`,
  };
}

function describe(result: RequirementResult): Reason {
  const info = METRICS[result.metric];
  const value = (v: number | null, lang: 'zh' | 'en') => {
    if (v === null) return lang === 'zh' ? '无法计算' : 'not measurable';
    if (info.boolean) return lang === 'zh' ? (v >= 1 ? '有' : '无') : v >= 1 ? 'yes' : 'no';
    const unit = lang === 'zh' ? info.unitZh : info.unitEn;
    if (unit === '') return formatNumber(v);
    return unit === '%' ? `${formatNumber(v)}%` : `${formatNumber(v)} ${unit}`;
  };
  const required = result.required;
  if (info.boolean) {
    const wants = result.operator === 'AT_LEAST' ? (required ?? 1) >= 1 : (required ?? 0) >= 1;
    return {
      zh: `${info.zh}:实为${value(result.measured, 'zh')},要求${wants ? '有' : '无'}`,
      en: `${info.en}: ${value(result.measured, 'en')}, required ${wants ? 'yes' : 'no'}`,
    };
  }
  const band = result.band ? { zh: `(${result.band.zh})`, en: ` (${result.band.en})` } : null;
  return {
    zh:
      `${info.zh}实测 ${value(result.measured, 'zh')},要求` +
      `${result.operator === 'AT_LEAST' ? '不少于' : '不超过'} ${value(required, 'zh')}` +
      (band?.zh ?? ''),
    en:
      `${info.en}: measured ${value(result.measured, 'en')}, required ` +
      `${result.operator === 'AT_LEAST' ? 'at least' : 'at most'} ${value(required, 'en')}` +
      (band?.en ?? ''),
  };
}

// ---------------------------------------------------------------------------------------
// Validating an inspection against the pinned criteria

export interface ScoreIssue {
  /** e.g. `scores.PARTY`, `mandatory.SIX_POINTS`, `triggeredVetoes` */
  field: string;
  message: string;
}

/** Where an inspection does not fit the criteria set, field by field (empty when it fits). */
export function scoreIssues(pinned: PinnedCriteria, input: InspectionScores): ScoreIssue[] {
  const criteria: CriteriaSet = normaliseCriteria(pinned);
  const items = allItems(criteria);
  const itemByCode = new Map(items.map((item) => [item.code, item]));
  const issues: ScoreIssue[] = [];
  for (const [code, score] of Object.entries(input.scores)) {
    const item = itemByCode.get(code);
    const field = `scores.${code}`;
    if (!item || item.kind !== 'SCORED') issues.push({ field, message: 'not a scored item' });
    else if (!(score >= 0)) issues.push({ field, message: `${score} is not a score of 0 or more` });
    else if (score > item.maxPoints)
      issues.push({ field, message: `${score} is above the maximum of ${item.maxPoints}` });
  }
  for (const item of items) {
    if (item.kind === 'SCORED' && input.scores[item.code] === undefined)
      issues.push({ field: `scores.${item.code}`, message: 'missing' });
  }
  for (const code of input.triggeredVetoes) {
    if (itemByCode.get(code)?.kind !== 'VETO')
      issues.push({ field: 'triggeredVetoes', message: `${code} is not a veto item` });
  }
  for (const code of Object.keys(input.mandatory ?? {})) {
    const item = itemByCode.get(code);
    const field = `mandatory.${code}`;
    if (!item || item.kind !== 'MANDATORY') issues.push({ field, message: 'not a mandatory item' });
    else if (item.autoCheck)
      issues.push({ field, message: 'is checked automatically from the office profile' });
  }
  for (const item of items) {
    if (item.kind === 'MANDATORY' && !item.autoCheck && input.mandatory?.[item.code] === undefined)
      issues.push({ field: `mandatory.${item.code}`, message: 'missing' });
  }
  return issues;
}

/** The same, as `field: message` lines (the workflow's refusal reason). */
export function scoreProblems(pinned: PinnedCriteria, input: InspectionScores): string[] {
  return scoreIssues(pinned, input).map((issue) => `${issue.field}: ${issue.message}`);
}
