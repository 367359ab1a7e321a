// A campaign's targets and its progress against them, as pure functions: how many offices the
// city (and each county) must have certified by the campaign's end, which milestones lie on
// the way, and — from the certifications' current statuses — where each county stands, whether
// it will get there at its current pace, and who is behind at a milestone. The API's progress
// route, the statistical export and the campaign workflow's milestone notices all call
// `campaignProgress`; none of them computes progress on its own.
//
// Times are epoch milliseconds; stored dates are calendar dates in China time (UTC+8, no DST).
import { z } from 'zod';
import { CertificationStatus } from '../../certification/workflow-api';
import { DAY_MS, endOfChinaDay } from '../../shared';
import { IsoDate } from '../../office/workflow-api';

/**
 * An amount to reach: a share of the offices concerned (`{ share: 0.1 }`: at least 10%,
 * rounded up, so seed 003's 1,034 offices need 104) or an absolute number of offices.
 */
export const TargetAmount = z.union([
  z.object({ share: z.number().gt(0).max(1) }).strict(),
  z.object({ count: z.number().int().min(0).max(1_000_000) }).strict(),
]);
export type TargetAmount = z.infer<typeof TargetAmount>;

/**
 * A point on the way: by the end of `date` (China time), `expected` of the target should be
 * reached — a share of the target (`{ share: 0.4 }`: 40% of each quota) or an absolute count
 * for the city (each county is then expected the same fraction of its own quota).
 */
export const Milestone = z
  .object({
    date: IsoDate,
    expected: TargetAmount,
    /** Shown in notices and exports, e.g. "2022 年度". */
    label: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type Milestone = z.infer<typeof Milestone>;

/**
 * What a campaign aims at by its end date. `city` is measured against the city's offices;
 * `counties` optionally fixes a county's quota (a share of its offices or a count); counties
 * without one get a share of the city target in proportion to their offices (see `countyQuota`).
 */
export const CampaignTargets = z
  .object({
    city: TargetAmount,
    counties: z.record(z.string().min(1), TargetAmount).optional(),
    /**
     * The share of pairings (挂钩结对) with a signed responsibility letter (责任状) expected,
     * in the city and in each county, e.g. 1 for seed 002's 签约率达100%.
     */
    signingRate: z.number().min(0).max(1).optional(),
    milestones: z
      .array(Milestone)
      .max(50)
      .refine(
        (ms) => ms.every((m, i) => i === 0 || ms[i - 1]!.date < m.date),
        'milestones must be in date order, one per date',
      )
      .optional(),
  })
  .strict();
export type CampaignTargets = z.infer<typeof CampaignTargets>;

/** Seed 003: at least 10% of the city's offices certified by the end of the campaign. */
export const SEED_003_TARGETS: CampaignTargets = { city: { share: 0.1 } };

/**
 * Statuses in which an office holds the title and so counts toward a target. An office under
 * rectification is still named (it loses the title only when revoked).
 */
export const COUNTS_TOWARD_TARGET: readonly CertificationStatus[] = ['CERTIFIED', 'RECTIFYING'];

export type StatusCounts = Record<CertificationStatus, number>;

/**
 * One certification as the progress function needs it (from the `Certification` projection),
 * or `count` certifications that share these facts (a county's certifications in one status
 * are counted in the database, not listed).
 */
export interface CertificationFact {
  countyId: string;
  status: CertificationStatus;
  /** When the office was named (state.certificate.certifiedAt); null if never named. */
  certifiedAt: number | null;
  /** How many certifications these facts stand for; 1 when absent. */
  count?: number;
}

/** How many certifications the facts that pass `test` stand for. */
function countOf(
  facts: readonly CertificationFact[],
  test: (fact: CertificationFact) => boolean,
): number {
  let n = 0;
  for (const f of facts) if (test(f)) n += f.count ?? 1;
  return n;
}

export interface CampaignProgressInput {
  targets: CampaignTargets;
  /** The campaign's start and end (the target is due at `end`). */
  period: { start: number; end: number };
  now: number;
  /** Every county of the city with its number of offices (the denominator). */
  counties: readonly { countyId: string; offices: number }[];
  certifications: readonly CertificationFact[];
}

/**
 * The forecast is linear: offices named since the campaign start per unit of time, carried
 * on to the end date. Before the start there is no pace yet (`NOT_STARTED`: what is achieved
 * now is what is expected); after the end the count is final (`ENDED`).
 */
export interface Forecast {
  basis: 'PACE' | 'NOT_STARTED' | 'ENDED';
  /** Offices named per 365 days since the start (0 when there is no pace). */
  perYear: number;
  /**
   * Offices expected to hold the title at the end date, rounded down; never fewer than are
   * achieved now nor more than the offices that exist.
   */
  expectedAtEnd: number;
  /** The quota is met now, or will be at the end date at the current pace. */
  onTrack: boolean;
}

export interface ProgressRow {
  offices: number;
  /** Certifications by status (all eight, zeros included). */
  statuses: StatusCounts;
  /** Offices holding the title now (CERTIFIED + RECTIFYING). */
  achieved: number;
  quota: number;
  quotaSource: 'CITY' | 'EXPLICIT' | 'PROPORTIONAL';
  /** achieved / offices (0 when there are no offices). */
  share: number;
  /** achieved / quota, capped at 1 (1 when the quota is 0). */
  completion: number;
  met: boolean;
  forecast: Forecast;
}

export interface CountyProgress extends ProgressRow {
  countyId: string;
}

export interface MilestoneCountyShortfall {
  countyId: string;
  expected: number;
  achieved: number;
}

export interface MilestoneProgress {
  date: string;
  label: string | null;
  /** End of `date` in China time. */
  at: number;
  /** The milestone's date has passed at `now`. */
  passed: boolean;
  /** Fraction of each quota expected by then. */
  fraction: number;
  city: { expected: number; achieved: number; behind: boolean };
  /**
   * Counties short of their expectation: for a passed milestone, offices named by its date
   * and still holding the title; for a coming one, what they hold now. Ordered by county id.
   */
  countiesBehind: MilestoneCountyShortfall[];
}

export interface CampaignProgress {
  asOf: number;
  period: { start: number; end: number };
  city: ProgressRow;
  counties: CountyProgress[];
  milestones: MilestoneProgress[];
  /** The latest passed milestone, if any (the one the city is told about). */
  lastPassedMilestone: MilestoneProgress | null;
}

const YEAR_MS = 365 * DAY_MS;

/** ⌈share × n⌉, tolerant of binary fractions (0.1 × 1030 is 103, not 104). */
export function shareOf(share: number, n: number): number {
  return Math.ceil(Math.round(share * n * 1e6) / 1e6);
}

/** The number an amount asks of `offices` offices. */
export function amountFor(amount: TargetAmount, offices: number): number {
  return 'share' in amount ? shareOf(amount.share, offices) : amount.count;
}

/**
 * A county's quota: its explicit one, else its part of the city target — the city share of
 * its offices, or for an absolute city count, that count in proportion to its offices — rounded
 * up, so the counties' quotas together cover the city target.
 */
export function countyQuota(
  targets: CampaignTargets,
  countyId: string,
  countyOffices: number,
  cityOffices: number,
): { quota: number; source: 'EXPLICIT' | 'PROPORTIONAL' } {
  const explicit = targets.counties?.[countyId];
  if (explicit) return { quota: amountFor(explicit, countyOffices), source: 'EXPLICIT' };
  if ('share' in targets.city) {
    return { quota: shareOf(targets.city.share, countyOffices), source: 'PROPORTIONAL' };
  }
  const quota = cityOffices === 0 ? 0 : shareOf(countyOffices / cityOffices, targets.city.count);
  return { quota, source: 'PROPORTIONAL' };
}

function emptyCounts(): StatusCounts {
  return Object.fromEntries(CertificationStatus.options.map((s) => [s, 0])) as StatusCounts;
}

function holdsTitle(fact: CertificationFact): boolean {
  return COUNTS_TOWARD_TARGET.includes(fact.status);
}

/**
 * What a forecast may say: never fewer than the offices holding the title now, never more than
 * the offices that exist (the offices counted, or those holding the title if more).
 */
export function forecastBound(projected: number, achieved: number, offices: number): number {
  return Math.max(achieved, Math.min(projected, Math.max(offices, achieved)));
}

function forecast(
  facts: readonly CertificationFact[],
  achieved: number,
  offices: number,
  quota: number,
  period: { start: number; end: number },
  now: number,
): Forecast {
  if (now >= period.end) {
    return { basis: 'ENDED', perYear: 0, expectedAtEnd: achieved, onTrack: achieved >= quota };
  }
  const elapsed = now - period.start;
  if (elapsed <= 0) {
    return {
      basis: 'NOT_STARTED',
      perYear: 0,
      expectedAtEnd: achieved,
      onTrack: achieved >= quota,
    };
  }
  const namedSinceStart = countOf(
    facts,
    (f) => holdsTitle(f) && f.certifiedAt !== null && f.certifiedAt >= period.start,
  );
  const perMs = namedSinceStart / elapsed;
  // Rounded to 1e-6 first so that a pace meeting the quota exactly is not lost to rounding.
  const projected = Math.floor(Math.round((achieved + perMs * (period.end - now)) * 1e6) / 1e6);
  // A pace measured over a short time (many offices named in the first days) carried on for
  // years projects more offices than exist: no more than the offices there are can be named,
  // and an office holding the title (even one a county was not given offices for) exists.
  const expectedAtEnd = forecastBound(projected, achieved, offices);
  return {
    basis: 'PACE',
    perYear: perMs * YEAR_MS,
    expectedAtEnd,
    onTrack: achieved >= quota || expectedAtEnd >= quota,
  };
}

function row(
  facts: readonly CertificationFact[],
  offices: number,
  quota: number,
  quotaSource: ProgressRow['quotaSource'],
  period: { start: number; end: number },
  now: number,
): ProgressRow {
  const statuses = emptyCounts();
  for (const f of facts) statuses[f.status] += f.count ?? 1;
  const achieved = countOf(facts, holdsTitle);
  return {
    offices,
    statuses,
    achieved,
    quota,
    quotaSource,
    share: offices === 0 ? 0 : achieved / offices,
    completion: quota === 0 ? 1 : Math.min(1, achieved / quota),
    met: achieved >= quota,
    forecast: forecast(facts, achieved, offices, quota, period, now),
  };
}

/** The fraction of each quota a milestone expects. */
function milestoneFraction(milestone: Milestone, cityQuota: number): number {
  if ('share' in milestone.expected) return milestone.expected.share;
  if (cityQuota === 0) return 1;
  return Math.min(1, milestone.expected.count / cityQuota);
}

/**
 * Progress of a campaign at `now`: per county (every county given, plus any county a
 * certification names that was not given, with 0 offices), ordered by county id, and for the
 * city; each against its quota with a forecast; and each milestone with the counties behind.
 */
export function campaignProgress(input: CampaignProgressInput): CampaignProgress {
  const { targets, period, now } = input;
  const officesByCounty = new Map<string, number>();
  for (const c of input.counties) {
    officesByCounty.set(c.countyId, (officesByCounty.get(c.countyId) ?? 0) + c.offices);
  }
  const factsByCounty = new Map<string, CertificationFact[]>();
  for (const f of input.certifications) {
    if (!officesByCounty.has(f.countyId)) officesByCounty.set(f.countyId, 0);
    const list = factsByCounty.get(f.countyId) ?? [];
    list.push(f);
    factsByCounty.set(f.countyId, list);
  }
  const cityOffices = [...officesByCounty.values()].reduce((a, b) => a + b, 0);
  const cityQuota = amountFor(targets.city, cityOffices);
  const city = row(input.certifications, cityOffices, cityQuota, 'CITY', period, now);

  const countyIds = [...officesByCounty.keys()].sort();
  const counties: CountyProgress[] = countyIds.map((countyId) => {
    const offices = officesByCounty.get(countyId) ?? 0;
    const { quota, source } = countyQuota(targets, countyId, offices, cityOffices);
    const facts = factsByCounty.get(countyId) ?? [];
    return { countyId, ...row(facts, offices, quota, source, period, now) };
  });

  const milestones = (targets.milestones ?? []).map((m): MilestoneProgress => {
    const at = endOfChinaDay(m.date);
    const passed = now >= at;
    const fraction = milestoneFraction(m, cityQuota);
    const heldBy = (facts: readonly CertificationFact[]): number =>
      countOf(
        facts,
        (f) => holdsTitle(f) && (!passed || (f.certifiedAt !== null && f.certifiedAt < at)),
      );
    const cityExpected = shareOf(fraction, cityQuota);
    const cityAchieved = heldBy(input.certifications);
    const countiesBehind = counties
      .map((c) => ({
        countyId: c.countyId,
        expected: shareOf(fraction, c.quota),
        achieved: heldBy(factsByCounty.get(c.countyId) ?? []),
      }))
      .filter((c) => c.achieved < c.expected);
    return {
      date: m.date,
      label: m.label ?? null,
      at,
      passed,
      fraction,
      city: { expected: cityExpected, achieved: cityAchieved, behind: cityAchieved < cityExpected },
      countiesBehind,
    };
  });
  const passedMilestones = milestones.filter((m) => m.passed);

  return {
    asOf: now,
    period,
    city,
    counties,
    milestones,
    lastPassedMilestone: passedMilestones[passedMilestones.length - 1] ?? null,
  };
}
