// A campaign's phase plan as data (seeds 000 and 002: 动员部署 → 组织实施 → 总结验收) and the pure
// rules that turn it into concrete county report duties and into the agenda the campaign
// workflow follows: phase starts, reminders before each due date, escalations after it,
// milestones and the end. Nothing here is a constant of a particular campaign.
//
// Dates in a plan are calendar dates in China time (UTC+8, no DST). A phase starts at the
// beginning of its first day and ends at the end of its last; a report is due at the end of
// its due date. Times are epoch milliseconds.
import { z } from 'zod';
import { Duration, durationMs } from '../../shared';
import { IsoDate } from '../../office/workflow-api';
import { CampaignTargets } from './targets';
import { DAY_MS, endOfChinaDay, startOfChinaDay } from '../../shared';
import type { Milestone } from './targets';
import type { RecipientFunction } from '../../certification/workflow-api';
import type { DueKind } from '../../certification/workflow-api';
import { CampaignConfig } from '../../certification/workflow-api';

/**
 * A phase's code: what duties, agenda keys and audit rows name it by. Any code will do
 * (phases are data: seed 000 runs three, seed 002 four); the well-known ones have titles.
 */
export const CampaignPhaseKind = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,39}$/, 'must be a code of capital letters, digits and _, e.g. SURVEY');
export type CampaignPhaseKind = z.infer<typeof CampaignPhaseKind>;

/** Titles of the phases the seeds name; a plan may name its phases otherwise. */
export const PHASE_TITLES: Readonly<Record<string, { zh: string; en: string }>> = {
  SURVEY: { zh: '调查摸底', en: 'survey' },
  MOBILISATION: { zh: '动员部署', en: 'mobilisation' },
  IMPLEMENTATION: { zh: '组织实施', en: 'implementation' },
  SUMMARY: { zh: '总结验收', en: 'summary and acceptance' },
};

/** Most phases a plan may have. */
export const MAX_PHASES = 12;

/** A phase's title in both languages: its own name, else the well-known title, else its code. */
export function phaseTitles(phase: {
  kind: string;
  name?: string | undefined;
  nameEn?: string | undefined;
}): { zh: string; en: string } {
  const known = PHASE_TITLES[phase.kind];
  const zh = phase.name ?? known?.zh ?? phase.kind;
  return { zh, en: phase.nameEn ?? known?.en ?? phase.name ?? phase.kind };
}

export const ReportKind = z.enum([
  'IMPLEMENTATION_PLAN',
  'BASELINE_SURVEY',
  'ANNUAL_WORK_PLAN',
  'QUARTERLY_PROGRESS',
  'SUMMARY_REPORT',
  'STATISTICAL_REPORT',
]);
export type ReportKind = z.infer<typeof ReportKind>;

export const REPORT_TITLES: Record<ReportKind, { zh: string; en: string }> = {
  IMPLEMENTATION_PLAN: { zh: '实施方案', en: 'implementation plan' },
  BASELINE_SURVEY: { zh: '摸底调查报告', en: 'baseline survey' },
  ANNUAL_WORK_PLAN: { zh: '年度工作计划', en: 'annual work plan' },
  QUARTERLY_PROGRESS: { zh: '季度进展报告', en: 'quarterly progress report' },
  SUMMARY_REPORT: { zh: '总结报告', en: 'summary report' },
  STATISTICAL_REPORT: { zh: '统计报表', en: 'statistical report' },
};

/** "MM-DD" of a day every year has (so 02-29 is refused: write 02-28). */
const MonthDay = z
  .string()
  .regex(/^\d{2}-\d{2}$/, 'must be a month and day as MM-DD')
  .refine((s) => {
    const parsed = new Date(`2023-${s}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(5, 10) === s;
  }, 'is not a day every year has');

/**
 * When a duty falls due. `ONCE` on a date; `YEAR`ly on a month and day, once for each campaign
 * year whose date lies in the phase; `QUARTER`ly a number of days after each quarter that ends
 * in the phase, when that due date lies in the phase too.
 */
export const DutySchedule = z.discriminatedUnion('every', [
  z.object({ every: z.literal('ONCE'), dueOn: IsoDate }).strict(),
  z.object({ every: z.literal('YEAR'), dueMonthDay: MonthDay }).strict(),
  z
    .object({
      every: z.literal('QUARTER'),
      daysAfterQuarterEnd: z.number().int().min(0).max(90),
    })
    .strict(),
]);
export type DutySchedule = z.infer<typeof DutySchedule>;

export const ReportDutyConfig = z
  .object({
    kind: ReportKind,
    schedule: DutySchedule,
    /** What the city asks for, shown to the counties. */
    note: z.string().trim().min(1).max(1000).optional(),
  })
  .strict();
export type ReportDutyConfig = z.infer<typeof ReportDutyConfig>;

export const CampaignPhase = z
  .object({
    kind: CampaignPhaseKind,
    /** Its title, e.g. 调查摸底; required for a code without a well-known title. */
    name: z.string().trim().min(1).max(50).optional(),
    /** Its English title (recipients reading English); defaults to the well-known one. */
    nameEn: z.string().trim().min(1).max(100).optional(),
    startsOn: IsoDate,
    endsOn: IsoDate,
    duties: z.array(ReportDutyConfig).max(20).default([]),
  })
  .strict();
export type CampaignPhase = z.infer<typeof CampaignPhase>;

/** The campaign's span and phases. Checked as a whole by `planProblems`. */
export const CampaignPlanShape = z
  .object({
    startYear: z.number().int().min(2000).max(2100),
    endYear: z.number().int().min(2000).max(2100),
    startsOn: IsoDate,
    endsOn: IsoDate,
    /** One or more phases, in date order (seed 000: three; seed 002: four). */
    phases: z
      .array(CampaignPhase)
      .min(1, 'a campaign has at least one phase')
      .max(MAX_PHASES, `a campaign has at most ${MAX_PHASES} phases`),
    /** Counties are reminded this long before each report is due. */
    reminderOffsets: z.array(Duration).max(5).default(['7d', '1d']),
  })
  .strict();

export const CampaignPlan = CampaignPlanShape.superRefine((plan, ctx) => {
  for (const problem of planProblems(plan)) {
    ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  }
});
export type CampaignPlan = z.infer<typeof CampaignPlan>;

/**
 * Who a missed due date may be escalated to: functions someone holds above the party who
 * owes the step (the county operator owes it and is reminded, so is no escalation target).
 */
export const ESCALATION_FUNCTIONS = [
  'COUNTY_BUREAU_HEAD',
  'CITY_REVIEWER',
  'CITY_BUREAU_DIVISION',
  'CITY_ADMIN',
] as const satisfies readonly RecipientFunction[];

const CITY_ESCALATION_FUNCTIONS: readonly string[] = [
  'CITY_REVIEWER',
  'CITY_BUREAU_DIVISION',
  'CITY_ADMIN',
];

/**
 * Due dates nobody is reminded of: the system itself opens the biennial recheck on its date,
 * so a reminder offset for it would never be sent.
 */
export const UNREMINDED_DUE_KINDS: readonly DueKind[] = ['RECHECK_OPENS'];

/**
 * What a campaign's configuration asks that would not work: an escalation to a function
 * nobody holds (escalations would reach no one), the same function twice, a chain with no
 * city bureau function (a step the city owes would have no one inside the city to go to),
 * reminders for a due date nobody is reminded of.
 */
export function configProblems(config: CampaignConfig): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const known: readonly string[] = ESCALATION_FUNCTIONS;
  config.escalationChain.forEach((target, i) => {
    if (!known.includes(target)) {
      problems.push({
        path: ['config', 'escalationChain', i],
        message: `${target} is not a function escalations can reach; use one of ${ESCALATION_FUNCTIONS.join(', ')}`,
      });
    } else if (config.escalationChain.indexOf(target) !== i) {
      problems.push({
        path: ['config', 'escalationChain', i],
        message: `${target} is already in the chain`,
      });
    }
  });
  if (!config.escalationChain.some((t) => CITY_ESCALATION_FUNCTIONS.includes(t))) {
    problems.push({
      path: ['config', 'escalationChain'],
      message: `must name at least one city bureau function (${CITY_ESCALATION_FUNCTIONS.join(', ')})`,
    });
  }
  for (const kind of UNREMINDED_DUE_KINDS) {
    if (config.reminderOffsets?.[kind] !== undefined) {
      problems.push({
        path: ['config', 'reminderOffsets', kind],
        message: `${kind} is not reminded (the system opens the recheck itself); remove it`,
      });
    }
  }
  return problems;
}

/** The fields of a campaign a city admin sets, flat: the plan with name, criteria, config, targets. */
const CampaignDefinitionShape = CampaignPlanShape.extend({
  name: z.string().trim().min(1).max(200),
  /** The criteria version declarations in this campaign are scored against, e.g. "fengqiao-office@1". */
  criteriaVersionId: z.string().min(1).max(120),
  config: CampaignConfig,
  targets: CampaignTargets,
});

/**
 * What a city admin sends to create a campaign: the plan, flat, with its name, criteria
 * version, the durations certifications pin, and the targets.
 */
export const CreateCampaignInput = CampaignDefinitionShape.superRefine((input, ctx) => {
  for (const problem of [...planProblems(input), ...configProblems(input.config)]) {
    ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  }
  (input.targets.milestones ?? []).forEach((m, i) => {
    if (m.date < input.startsOn || m.date > input.endsOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['targets', 'milestones', i, 'date'],
        message: `must be within the campaign (${input.startsOn} to ${input.endsOn})`,
      });
    }
  });
});
export type CreateCampaignInput = z.infer<typeof CreateCampaignInput>;

/**
 * An edit of a PLANNED campaign: any of the fields of creation; what is sent replaces what
 * was there (`phases` as a whole), and the result is checked as a new campaign would be.
 */
export const UpdateCampaignInput = CampaignDefinitionShape.partial()
  .strict()
  .refine((input) => Object.keys(input).length > 0, 'name at least one field to change');
export type UpdateCampaignInput = z.infer<typeof UpdateCampaignInput>;

/** Cancelling a campaign (PLANNED or ACTIVE) or closing an ACTIVE one before its end date. */
export const StopCampaignInput = z
  .object({ reason: z.string().trim().min(1, 'a reason is required').max(2000) })
  .strict();
export type StopCampaignInput = z.infer<typeof StopCampaignInput>;

/** Campaign statuses: the workflow moves PLANNED → ACTIVE → CLOSED; the city may cancel. */
export const CampaignStatus = z.enum(['PLANNED', 'ACTIVE', 'CLOSED', 'CANCELLED']);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

/** The part of a campaign stored as its plan. */
export function planOf(input: CampaignPlan | CreateCampaignInput): CampaignPlan {
  const { startYear, endYear, startsOn, endsOn, phases, reminderOffsets } = input;
  return { startYear, endYear, startsOn, endsOn, phases, reminderOffsets };
}

export interface PlanProblem {
  path: (string | number)[];
  message: string;
}

const MAX_YEARS = 10;

/** Everything wrong with a plan, each problem naming its field. */
export function planProblems(plan: z.infer<typeof CampaignPlanShape>): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const add = (path: (string | number)[], message: string) => problems.push({ path, message });
  if (plan.endYear < plan.startYear) add(['endYear'], 'must not be before startYear');
  if (plan.endYear - plan.startYear >= MAX_YEARS) {
    add(['endYear'], `a campaign spans at most ${MAX_YEARS} years`);
  }
  if (Number(plan.startsOn.slice(0, 4)) !== plan.startYear) {
    add(['startsOn'], `must be in the campaign's first year ${plan.startYear}`);
  }
  if (Number(plan.endsOn.slice(0, 4)) !== plan.endYear) {
    add(['endsOn'], `must be in the campaign's last year ${plan.endYear}`);
  }
  if (plan.endsOn <= plan.startsOn) add(['endsOn'], 'must be after startsOn');

  plan.phases.forEach((phase, i) => {
    const first = plan.phases.findIndex((p) => p.kind === phase.kind);
    if (first !== i) add(['phases', i, 'kind'], `phase ${first + 1} is already ${phase.kind}`);
    if (phase.name === undefined && PHASE_TITLES[phase.kind] === undefined) {
      add(['phases', i, 'name'], `a phase of kind ${phase.kind} needs a name, e.g. 调查摸底`);
    }
    if (phase.endsOn < phase.startsOn) add(['phases', i, 'endsOn'], 'must not be before startsOn');
    if (phase.startsOn < plan.startsOn) {
      add(['phases', i, 'startsOn'], `must not be before the campaign starts (${plan.startsOn})`);
    }
    if (phase.endsOn > plan.endsOn) {
      add(['phases', i, 'endsOn'], `must not be after the campaign ends (${plan.endsOn})`);
    }
    const previous = plan.phases[i - 1];
    if (previous && phase.startsOn <= previous.endsOn) {
      add(['phases', i, 'startsOn'], `must be after the previous phase ends (${previous.endsOn})`);
    }
  });

  const seen = new Set<string>();
  plan.phases.forEach((phase, i) => {
    phase.duties.forEach((duty, j) => {
      const at = ['phases', i, 'duties', j];
      const occurrences = dutyOccurrences(plan, phase, duty);
      if (duty.schedule.every === 'ONCE') {
        const { dueOn } = duty.schedule;
        if (dueOn < phase.startsOn || dueOn > phase.endsOn) {
          add(
            [...at, 'schedule', 'dueOn'],
            `must be within the phase (${phase.startsOn} to ${phase.endsOn})`,
          );
        }
      } else if (occurrences.length === 0) {
        add([...at, 'schedule'], 'falls due on no date within the phase');
      }
      for (const o of occurrences) {
        const key = `${o.kind}:${o.period}`;
        if (seen.has(key))
          add([...at, 'kind'], `${o.kind} for ${o.period} is already due elsewhere in the plan`);
        seen.add(key);
      }
    });
  });
  return problems;
}

// ---------------------------------------------------------------------------------------
// Instants

export type PhaseStatus = 'UPCOMING' | 'CURRENT' | 'DONE';

/** Which phase the plan is in at `now`, or where it stands outside them. */
export function phaseAt(
  plan: Pick<CampaignPlan, 'phases' | 'startsOn' | 'endsOn'>,
  now: number,
): {
  phase: CampaignPhaseKind | null;
  stage: 'NOT_STARTED' | 'IN_PHASE' | 'BETWEEN_PHASES' | 'ENDED';
} {
  if (now < startOfChinaDay(plan.startsOn)) return { phase: null, stage: 'NOT_STARTED' };
  if (now >= endOfChinaDay(plan.endsOn)) return { phase: null, stage: 'ENDED' };
  const current = plan.phases.find(
    (p) => now >= startOfChinaDay(p.startsOn) && now < endOfChinaDay(p.endsOn),
  );
  return current
    ? { phase: current.kind, stage: 'IN_PHASE' }
    : { phase: null, stage: 'BETWEEN_PHASES' };
}

export function phaseStatus(phase: CampaignPhase, now: number): PhaseStatus {
  if (now < startOfChinaDay(phase.startsOn)) return 'UPCOMING';
  return now < endOfChinaDay(phase.endsOn) ? 'CURRENT' : 'DONE';
}

// ---------------------------------------------------------------------------------------
// Duties

/** One report a county owes: a duty of the plan on one of its due dates. */
export interface DutyOccurrence {
  phase: CampaignPhaseKind;
  kind: ReportKind;
  /** What the report covers: "2023" (yearly), "2023Q2" (quarterly), the due date (once). */
  period: string;
  dueOn: IsoDate;
  dueAt: number;
}

function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

const QUARTER_ENDS = ['03-31', '06-30', '09-30', '12-31'] as const;

function dutyOccurrences(
  plan: Pick<CampaignPlan, 'startYear' | 'endYear'>,
  phase: CampaignPhase,
  duty: ReportDutyConfig,
): DutyOccurrence[] {
  const occurrence = (period: string, dueOn: IsoDate): DutyOccurrence => ({
    phase: phase.kind,
    kind: duty.kind,
    period,
    dueOn,
    dueAt: endOfChinaDay(dueOn),
  });
  const inPhase = (date: IsoDate) => date >= phase.startsOn && date <= phase.endsOn;
  const years: number[] = [];
  for (let y = plan.startYear; y <= plan.endYear && years.length < MAX_YEARS; y += 1) years.push(y);
  const schedule = duty.schedule;
  switch (schedule.every) {
    case 'ONCE':
      return [occurrence(schedule.dueOn, schedule.dueOn)];
    case 'YEAR':
      return years
        .map((y) => occurrence(String(y), `${y}-${schedule.dueMonthDay}`))
        .filter((o) => inPhase(o.dueOn));
    case 'QUARTER':
      return years.flatMap((y) =>
        QUARTER_ENDS.map((end, q) => ({ end: `${y}-${end}`, period: `${y}Q${q + 1}` }))
          .filter(({ end }) => end >= phase.startsOn)
          .map(({ end, period }) => occurrence(period, addDays(end, schedule.daysAfterQuarterEnd)))
          .filter((o) => inPhase(o.dueOn)),
      );
  }
}

/** The concrete reports each county owes in a phase, by due date. */
export function phaseDuties(
  plan: Pick<CampaignPlan, 'startYear' | 'endYear' | 'phases'>,
  phaseIndex: number,
): DutyOccurrence[] {
  const phase = plan.phases[phaseIndex];
  if (!phase) return [];
  return phase.duties
    .flatMap((duty) => dutyOccurrences(plan, phase, duty))
    .sort((a, b) => a.dueAt - b.dueAt || a.kind.localeCompare(b.kind));
}

export function allDuties(
  plan: Pick<CampaignPlan, 'startYear' | 'endYear' | 'phases'>,
): DutyOccurrence[] {
  return plan.phases.flatMap((_, i) => phaseDuties(plan, i));
}

/** A county's duty row id: one per campaign, county, kind and period. */
export function dutyId(campaignId: string, countyId: string, kind: string, period: string): string {
  return `${campaignId}:${countyId}:${kind}:${period}`;
}

// ---------------------------------------------------------------------------------------
// Duty status

export const DutyStatus = z.enum([
  'PENDING',
  'SUBMITTED',
  'RETURNED',
  'ACCEPTED',
  'OVERDUE',
  'MISSED',
  /** The campaign was cancelled before it was submitted: no longer owed. */
  'CANCELLED',
]);
export type DutyStatus = z.infer<typeof DutyStatus>;

/** The county still owes the report (it may submit it, late or not). */
export const OPEN_DUTY_STATUSES: readonly DutyStatus[] = ['PENDING', 'RETURNED', 'OVERDUE'];

export function isOpenDuty(status: string): boolean {
  return (OPEN_DUTY_STATUSES as readonly string[]).includes(status);
}

/**
 * A submission is late when the workflow has already marked the duty overdue or when it
 * arrives after the due date, whichever the submitter's clock or the workflow saw first.
 */
export function isLateSubmission(duty: { status: string; dueAt: number }, now: number): boolean {
  return duty.status === 'OVERDUE' || now > duty.dueAt;
}

/** Still owed, and anything submitted now would be late: what the duties list and inbox flag. */
export function isOverdueDuty(duty: { status: string; dueAt: number }, now: number): boolean {
  return isOpenDuty(duty.status) && isLateSubmission(duty, now);
}

// ---------------------------------------------------------------------------------------
// The workflow's agenda

/** How duties are chased: from the plan (reminders) and the campaign's configuration. */
export interface DutyChase {
  reminderOffsets: readonly Duration[];
  escalationInterval: Duration;
  escalationChain: readonly string[];
}

interface AgendaBase {
  at: number;
  /** Unique within the campaign; also the notification keys' stem. */
  key: string;
}

export type AgendaEvent =
  | (AgendaBase & {
      type: 'PHASE_STARTS';
      phaseIndex: number;
      phase: CampaignPhaseKind;
      duties: DutyOccurrence[];
    })
  | (AgendaBase & { type: 'DUTY_REMINDER'; duty: DutyOccurrence; offset: string })
  | (AgendaBase & { type: 'DUTY_ESCALATION'; duty: DutyOccurrence; level: number; target: string })
  | (AgendaBase & { type: 'MILESTONE'; date: IsoDate; label: string | null })
  | (AgendaBase & { type: 'CAMPAIGN_ENDS' });

const RANK: Record<AgendaEvent['type'], number> = {
  PHASE_STARTS: 0,
  DUTY_REMINDER: 1,
  DUTY_ESCALATION: 2,
  MILESTONE: 3,
  CAMPAIGN_ENDS: 4,
};

/** Agenda order: by time, then phases before duties before milestones before the end. */
export function compareAgenda(
  a: Pick<AgendaEvent, 'at' | 'type' | 'key'>,
  b: Pick<AgendaEvent, 'at' | 'type' | 'key'>,
): number {
  return a.at - b.at || RANK[a.type] - RANK[b.type] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * Everything the campaign workflow does on its own, in order. Reminders before a duty exists
 * (before its phase starts) and anything after the campaign's end are left out: at the end,
 * what was not submitted is missed.
 */
export function campaignAgenda(
  plan: Pick<CampaignPlan, 'startYear' | 'endYear' | 'startsOn' | 'endsOn' | 'phases'>,
  chase: DutyChase,
  milestones: readonly Milestone[] = [],
): AgendaEvent[] {
  const end = endOfChinaDay(plan.endsOn);
  const events: AgendaEvent[] = [];
  plan.phases.forEach((phase, phaseIndex) => {
    const phaseStart = startOfChinaDay(phase.startsOn);
    const duties = phaseDuties(plan, phaseIndex);
    events.push({
      type: 'PHASE_STARTS',
      at: phaseStart,
      key: `phase:${phase.kind}`,
      phaseIndex,
      phase: phase.kind,
      duties,
    });
    for (const duty of duties) {
      const stem = `${duty.kind}:${duty.period}`;
      for (const offset of chase.reminderOffsets) {
        const at = duty.dueAt - durationMs(offset);
        if (at > phaseStart)
          events.push({ type: 'DUTY_REMINDER', at, key: `remind:${stem}:${offset}`, duty, offset });
      }
      chase.escalationChain.forEach((target, i) => {
        const at = duty.dueAt + i * durationMs(chase.escalationInterval);
        if (at < end) {
          events.push({
            type: 'DUTY_ESCALATION',
            at,
            key: `escalate:${stem}:${i + 1}`,
            duty,
            level: i + 1,
            target,
          });
        }
      });
    }
  });
  for (const m of milestones) {
    const at = endOfChinaDay(m.date);
    if (at <= end)
      events.push({
        type: 'MILESTONE',
        at,
        key: `milestone:${m.date}`,
        date: m.date,
        label: m.label ?? null,
      });
  }
  events.push({ type: 'CAMPAIGN_ENDS', at: end, key: 'end' });
  return events.sort(compareAgenda);
}

/** Where the workflow stands in its agenda: the last event it handled. */
export type AgendaCursor = Pick<AgendaEvent, 'at' | 'type' | 'key'>;

export function eventsAfter(
  agenda: readonly AgendaEvent[],
  cursor: AgendaCursor | null,
): AgendaEvent[] {
  return cursor ? agenda.filter((e) => compareAgenda(e, cursor) > 0) : [...agenda];
}

// ---------------------------------------------------------------------------------------
// Final assessment

export interface DutyFact {
  countyId: string;
  kind: string;
  period: string;
  dueAt: number;
  status: string;
  /** The first submission, if any, and whether it came late (the report's own flag). */
  firstSubmission: { at: number; late: boolean } | null;
}

export interface DutyTally {
  total: number;
  onTime: number;
  late: number;
  missed: number;
  accepted: number;
  /** Submitted but not accepted by the end (still awaiting review, or returned). */
  notAccepted: number;
}

export interface CountyAssessment {
  countyId: string;
  duties: DutyTally;
  certified: number;
  target: number;
  targetMet: boolean;
  /** Every duty on time and accepted, and the target met. */
  passed: boolean;
}

export interface CampaignAssessment {
  assessedAt: number;
  city: { duties: DutyTally; certified: number; target: number; targetMet: boolean };
  counties: CountyAssessment[];
  /** Counties that missed a duty or their target, by county id. */
  countiesFallingShort: string[];
}

function tally(facts: readonly DutyFact[]): DutyTally {
  const t: DutyTally = { total: 0, onTime: 0, late: 0, missed: 0, accepted: 0, notAccepted: 0 };
  for (const f of facts) {
    t.total += 1;
    if (f.firstSubmission === null) {
      t.missed += 1;
      continue;
    }
    if (f.firstSubmission.late) t.late += 1;
    else t.onTime += 1;
    if (f.status === 'ACCEPTED') t.accepted += 1;
    else t.notAccepted += 1;
  }
  return t;
}

/**
 * The campaign's final assessment: per county and for the city, how the report duties were
 * met (on time, late, missed) and the offices certified against the target.
 */
export function assessCampaign(args: {
  now: number;
  duties: readonly DutyFact[];
  progress: {
    city: { achieved: number; quota: number };
    counties: readonly { countyId: string; achieved: number; quota: number }[];
  };
}): CampaignAssessment {
  const countyIds = [
    ...new Set([
      ...args.progress.counties.map((c) => c.countyId),
      ...args.duties.map((d) => d.countyId),
    ]),
  ].sort();
  const counties = countyIds.map((countyId): CountyAssessment => {
    const duties = tally(args.duties.filter((d) => d.countyId === countyId));
    const p = args.progress.counties.find((c) => c.countyId === countyId);
    const certified = p?.achieved ?? 0;
    const target = p?.quota ?? 0;
    const targetMet = certified >= target;
    return {
      countyId,
      duties,
      certified,
      target,
      targetMet,
      passed: targetMet && duties.missed === 0 && duties.late === 0 && duties.notAccepted === 0,
    };
  });
  const city = args.progress.city;
  return {
    assessedAt: args.now,
    city: {
      duties: tally(args.duties),
      certified: city.achieved,
      target: city.quota,
      targetMet: city.achieved >= city.quota,
    },
    counties,
    countiesFallingShort: counties
      .filter((c) => c.duties.missed > 0 || !c.targetMet)
      .map((c) => c.countyId),
  };
}

// ---------------------------------------------------------------------------------------
// What counties and the city send

/** A file's metadata: the file itself stays in the county's own system. */
export const AttachmentMeta = z
  .object({
    name: z.string().trim().min(1).max(255),
    size: z
      .number()
      .int()
      .min(0)
      .max(2 * 1024 ** 3),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters'),
    mediaType: z
      .string()
      .regex(/^[a-z]+\/[a-z0-9.+-]+$/, 'must be a media type such as application/pdf'),
  })
  .strict();
export type AttachmentMeta = z.infer<typeof AttachmentMeta>;

export const SubmitCampaignReportInput = z
  .object({
    dutyId: z.string().min(1).max(300),
    content: z
      .object({
        summary: z.string().trim().min(1).max(20_000),
        /** Figures of a statistical report (统计报表), e.g. { "申报数": 42 }; required for one. */
        figures: z.record(z.string().trim().min(1).max(100), z.number().finite()).optional(),
      })
      .strict(),
    attachments: z.array(AttachmentMeta).max(50).default([]),
  })
  .strict();
export type SubmitCampaignReportInput = z.infer<typeof SubmitCampaignReportInput>;

/** Report kinds whose content must carry figures. */
export const FIGURES_REQUIRED: readonly string[] = ['STATISTICAL_REPORT'];

export const ReviewCampaignReportInput = z
  .object({
    decision: z.enum(['ACCEPT', 'RETURN']),
    comments: z.string().trim().min(1).max(4000).optional(),
  })
  .strict()
  .refine((r) => r.decision === 'ACCEPT' || r.comments !== undefined, {
    path: ['comments'],
    message: 'a returned report needs comments saying what to change',
  });
export type ReviewCampaignReportInput = z.infer<typeof ReviewCampaignReportInput>;

export const SupervisionVisitInput = z
  .object({
    countyId: z.string().min(1).max(100),
    visitedOn: IsoDate,
    officeIds: z.array(z.string().min(1).max(100)).max(100).default([]),
    findings: z.string().trim().min(1).max(20_000),
    followUp: z.string().trim().min(1).max(4000).optional(),
  })
  .strict();
export type SupervisionVisitInput = z.infer<typeof SupervisionVisitInput>;
