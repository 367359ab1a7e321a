// The inspection form's values and what they mean: the request body the API takes, and the
// live preview — the total and the pass/fail verdict computed by the server's own evaluator
// (domain/evaluator.ts, through ../domain) on the same input, with the same office profile the
// server will look up for the inspection date. Pure, so the unit test runs it as it is.
import type {
  CriteriaItem,
  CriteriaSet,
  Decision,
  InspectionScores,
  OfficeProfileValues,
  PinnedCriteria,
} from '../domain';
import { allItems, evaluate, normaliseCriteria } from '../domain';

/** What the form holds: one entry per item, by kind, keyed by the item's code. */
export interface ScoringValues {
  scores?: Record<string, number | null | undefined>;
  mandatory?: Record<string, boolean | undefined>;
  vetoes?: Record<string, boolean | undefined>;
  findings?: string;
  /** YYYY-MM-DD, the day of the on-site inspection. */
  inspectedOn?: string;
}

/** An item is judged by the inspector unless it is a mandatory item checked from office data. */
export const judgedByInspector = (item: CriteriaItem): boolean =>
  !(item.kind === 'MANDATORY' && item.autoCheck);

/** The criteria as the form lays them out (either pinned shape reads as the current one). */
export function criteriaOf(pinned: PinnedCriteria): CriteriaSet {
  return normaliseCriteria(pinned);
}

/**
 * The scores, judgements and vetoes the form's values say. A score left empty is left out (the
 * API names it missing); a judgement left off is "not met", a veto left off "not triggered".
 */
export function inspectionScores(criteria: CriteriaSet, values: ScoringValues): InspectionScores {
  const scores: Record<string, number> = {};
  const mandatory: Record<string, boolean> = {};
  const triggeredVetoes: string[] = [];
  for (const item of allItems(criteria)) {
    if (item.kind === 'SCORED') {
      const score = values.scores?.[item.code];
      if (typeof score === 'number') scores[item.code] = score;
    } else if (item.kind === 'MANDATORY') {
      if (!item.autoCheck) mandatory[item.code] = values.mandatory?.[item.code] === true;
    } else if (values.vetoes?.[item.code] === true) {
      triggeredVetoes.push(item.code);
    }
  }
  return { scores, triggeredVetoes, mandatory };
}

/** The request body of `POST /api/v1/certifications/{id}/inspection`. */
export function inspectionRequest(criteria: CriteriaSet, values: ScoringValues) {
  const findings = values.findings?.trim() ?? '';
  return {
    ...inspectionScores(criteria, values),
    findings,
    ...(values.inspectedOn ? { inspectedOn: values.inspectedOn } : {}),
  };
}

/** The verdict the server would reach on these values (empty scores count as 0). */
export function preview(
  criteria: CriteriaSet,
  profile: OfficeProfileValues | null,
  values: ScoringValues,
): Decision {
  return evaluate(criteria, profile, inspectionScores(criteria, values));
}
