// The campaign editor's form values and how they become the API's body (and back, to edit a
// planned campaign). The form is flatter than the body — a duty's schedule fields sit on the
// duty, the city target is a mode and a number, shares are percentages — so this module also
// maps the problem's field paths (`phases.1.duties.0.schedule.dueOn`) onto the form's fields.
import type { Campaign, CreateCampaignBody, DutyBody, PhaseBody } from './types';

export type Every = 'ONCE' | 'YEAR' | 'QUARTER';

export interface DutyValues {
  kind: DutyBody['kind'];
  every: Every;
  dueOn?: string;
  dueMonthDay?: string;
  daysAfterQuarterEnd?: number;
  note?: string;
}

export interface PhaseValues {
  kind: string;
  name?: string;
  /** An English title of its own, kept through an edit (the form does not show it). */
  nameEn?: string;
  startsOn: string;
  endsOn: string;
  duties?: DutyValues[];
}

export interface MilestoneValues {
  date: string;
  percent: number;
  label?: string;
}

export const DURATION_FIELDS = [
  'declarationReviewPeriod',
  'declarationRevisionPeriod',
  'verificationPeriod',
  'recheckInterval',
  'recheckWindow',
  'rectificationPeriod',
  'escalationInterval',
] as const;
type DurationField = (typeof DURATION_FIELDS)[number];

/** Who missed due dates may be escalated to (domain/campaign.ts ESCALATION_FUNCTIONS). */
export const ESCALATION_FUNCTIONS = [
  'COUNTY_BUREAU_HEAD',
  'CITY_REVIEWER',
  'CITY_BUREAU_DIVISION',
  'CITY_ADMIN',
] as const;

export const REPORT_KINDS: DutyBody['kind'][] = [
  'IMPLEMENTATION_PLAN',
  'BASELINE_SURVEY',
  'ANNUAL_WORK_PLAN',
  'QUARTERLY_PROGRESS',
  'SUMMARY_REPORT',
  'STATISTICAL_REPORT',
];

export const KNOWN_PHASES = ['SURVEY', 'MOBILISATION', 'IMPLEMENTATION', 'SUMMARY'] as const;

/** The well-known phases' titles (domain/campaign.ts PHASE_TITLES). */
export const KNOWN_PHASE_TITLES: Readonly<Record<string, { zh: string; en: string }>> = {
  SURVEY: { zh: '调查摸底', en: 'survey' },
  MOBILISATION: { zh: '动员部署', en: 'mobilisation' },
  IMPLEMENTATION: { zh: '组织实施', en: 'implementation' },
  SUMMARY: { zh: '总结验收', en: 'summary and acceptance' },
};

/** A phase's own name: none when it is the well-known title of its code (nothing to store). */
function ownName(kind: string, name: string | undefined): string | undefined {
  const text = blank(name);
  return text === KNOWN_PHASE_TITLES[kind]?.zh ? undefined : text;
}

export interface EditorValues {
  name: string;
  criteriaVersionId: string;
  startsOn: string;
  endsOn: string;
  phases: PhaseValues[];
  reminderOffsets: string[];
  targets: {
    cityMode: 'share' | 'count';
    cityValue: number;
    signingRate?: number | null;
    milestones?: MilestoneValues[];
  };
  config: Record<DurationField, string> & {
    escalationChain: string[];
    maxVerificationAttempts: number;
  };
}

type Config = CreateCampaignBody['config'];

/** A new campaign starts from seed 003's plan shape and the demo campaign's durations. */
export function blankCampaign(today: string): EditorValues {
  const year = Number(today.slice(0, 4)) + 1;
  return {
    name: '',
    criteriaVersionId: 'fengqiao-office@1',
    startsOn: `${year}-01-01`,
    endsOn: `${year + 2}-12-31`,
    phases: [
      {
        kind: 'MOBILISATION',
        startsOn: `${year}-01-01`,
        endsOn: `${year}-03-31`,
        duties: [{ kind: 'IMPLEMENTATION_PLAN', every: 'ONCE', dueOn: `${year}-02-28` }],
      },
      {
        kind: 'IMPLEMENTATION',
        startsOn: `${year}-04-01`,
        endsOn: `${year + 2}-09-30`,
        duties: [{ kind: 'QUARTERLY_PROGRESS', every: 'QUARTER', daysAfterQuarterEnd: 10 }],
      },
      {
        kind: 'SUMMARY',
        startsOn: `${year + 2}-10-01`,
        endsOn: `${year + 2}-12-31`,
        duties: [{ kind: 'SUMMARY_REPORT', every: 'ONCE', dueOn: `${year + 2}-11-30` }],
      },
    ],
    reminderOffsets: ['7d', '1d'],
    targets: { cityMode: 'share', cityValue: 10, milestones: [] },
    config: {
      declarationReviewPeriod: '30d',
      declarationRevisionPeriod: '15d',
      verificationPeriod: '60d',
      recheckInterval: '730d',
      recheckWindow: '60d',
      rectificationPeriod: '90d',
      escalationInterval: '7d',
      escalationChain: ['COUNTY_BUREAU_HEAD', 'CITY_BUREAU_DIVISION', 'CITY_ADMIN'],
      maxVerificationAttempts: 2,
    },
  };
}

const percent = (share: number) => Math.round(share * 10000) / 100;
const share = (percentValue: number) => Math.round(percentValue * 100) / 10000;
const blank = (text: string | undefined) => (text?.trim() ? text.trim() : undefined);

function scheduleOf(duty: DutyValues): DutyBody['schedule'] {
  switch (duty.every) {
    case 'ONCE':
      return { every: 'ONCE', dueOn: duty.dueOn ?? '' };
    case 'YEAR':
      return { every: 'YEAR', dueMonthDay: duty.dueMonthDay ?? '' };
    case 'QUARTER':
      return { every: 'QUARTER', daysAfterQuarterEnd: duty.daysAfterQuarterEnd ?? 0 };
  }
}

/**
 * The body for POST /campaigns (and PATCH, which takes the same fields). The years are those
 * of the dates (the API requires the start date in the first year), and the config keeps what
 * the form does not show (the reminders per due date) from the campaign being edited.
 */
export function toBody(values: EditorValues, base?: Campaign): CreateCampaignBody {
  const kept = (base?.config ?? {}) as Partial<Config>;
  const { escalationChain, maxVerificationAttempts, ...durations } = values.config;
  const targets = values.targets;
  const keptTargets = (base?.targets ?? {}) as {
    counties?: CreateCampaignBody['targets']['counties'];
  };
  return {
    name: values.name.trim(),
    criteriaVersionId: values.criteriaVersionId,
    startYear: Number(values.startsOn.slice(0, 4)),
    endYear: Number(values.endsOn.slice(0, 4)),
    startsOn: values.startsOn,
    endsOn: values.endsOn,
    phases: values.phases.map((phase): PhaseBody => ({
      kind: phase.kind.trim(),
      ...(ownName(phase.kind.trim(), phase.name)
        ? { name: ownName(phase.kind.trim(), phase.name) }
        : {}),
      ...(blank(phase.nameEn) ? { nameEn: blank(phase.nameEn) } : {}),
      startsOn: phase.startsOn,
      endsOn: phase.endsOn,
      duties: (phase.duties ?? []).map((duty) => ({
        kind: duty.kind,
        schedule: scheduleOf(duty),
        ...(blank(duty.note) ? { note: blank(duty.note) } : {}),
      })),
    })),
    reminderOffsets: values.reminderOffsets,
    config: {
      ...kept,
      ...durations,
      escalationChain,
      maxVerificationAttempts,
    },
    targets: {
      city:
        targets.cityMode === 'share'
          ? { share: share(targets.cityValue) }
          : { count: targets.cityValue },
      ...(keptTargets.counties ? { counties: keptTargets.counties } : {}),
      ...(targets.signingRate !== undefined && targets.signingRate !== null
        ? { signingRate: share(targets.signingRate) }
        : {}),
      ...((targets.milestones ?? []).length > 0
        ? {
            milestones: (targets.milestones ?? []).map((m) => ({
              date: m.date,
              expected: { share: share(m.percent) },
              ...(blank(m.label) ? { label: blank(m.label) } : {}),
            })),
          }
        : {}),
    },
  };
}

type Amount = { share: number } | { count: number };
interface StoredTargets {
  city?: Amount;
  signingRate?: number;
  milestones?: { date: string; expected: Amount; label?: string }[];
}

/** A planned campaign as the editor's values, to change it. */
export function fromCampaign(campaign: Campaign, today: string): EditorValues {
  const start = blankCampaign(today);
  const config = { ...start.config, ...((campaign.config ?? {}) as Partial<Config>) };
  // The document gives stored targets as unknown; they were checked when the campaign was saved.
  const targets = campaign.targets as StoredTargets | null | undefined;
  const city = targets?.city ?? { share: 0.1 };
  return {
    name: campaign.name,
    criteriaVersionId: campaign.criteriaVersionId ?? start.criteriaVersionId,
    startsOn: campaign.startsOn ?? start.startsOn,
    endsOn: campaign.endsOn ?? start.endsOn,
    phases: campaign.phases.map((phase) => ({
      kind: phase.kind,
      name: phase.name,
      // The API presents a derived English title when there is none of its own: keep only one
      // that was set.
      ...(phase.nameEn !== phase.name && phase.nameEn !== KNOWN_PHASE_TITLES[phase.kind]?.en
        ? { nameEn: phase.nameEn }
        : {}),
      startsOn: phase.startsOn,
      endsOn: phase.endsOn,
      duties: phase.duties.map((duty) => ({
        kind: duty.kind,
        ...duty.schedule,
        note: duty.note,
      })),
    })),
    reminderOffsets: campaign.reminderOffsets,
    targets: {
      cityMode: 'share' in city ? 'share' : 'count',
      cityValue: 'share' in city ? percent(city.share) : city.count,
      signingRate: targets?.signingRate === undefined ? null : percent(targets.signingRate),
      milestones: (targets?.milestones ?? []).map((m) => ({
        date: m.date,
        percent: 'share' in m.expected ? percent(m.expected.share) : m.expected.count,
        ...(m.label ? { label: m.label } : {}),
      })),
    },
    config: {
      declarationReviewPeriod: config.declarationReviewPeriod,
      declarationRevisionPeriod: config.declarationRevisionPeriod,
      verificationPeriod: config.verificationPeriod,
      recheckInterval: config.recheckInterval,
      recheckWindow: config.recheckWindow,
      rectificationPeriod: config.rectificationPeriod,
      escalationInterval: config.escalationInterval,
      escalationChain: config.escalationChain,
      maxVerificationAttempts: config.maxVerificationAttempts,
    },
  };
}

export type FormPath = (string | number)[];

/**
 * The form field a problem's field path names, or null when the form has no such field (the
 * message then shows above the form).
 */
export function formPathOf(field: string): FormPath | null {
  const parts: FormPath = field
    .split('.')
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const [head, ...rest] = parts;
  switch (head) {
    case 'name':
    case 'criteriaVersionId':
    case 'startsOn':
    case 'endsOn':
      return [head];
    case 'startYear':
      return ['startsOn'];
    case 'endYear':
      return ['endsOn'];
    case 'reminderOffsets':
      return ['reminderOffsets'];
    case 'phases': {
      const [i, key, j, dutyKey, scheduleKey] = rest;
      if (typeof i !== 'number') return null;
      if (key === undefined) return ['phases', i, 'kind'];
      if (key !== 'duties') return ['phases', i, key];
      if (typeof j !== 'number') return null;
      if (dutyKey === 'schedule') return ['phases', i, 'duties', j, scheduleKey ?? 'every'];
      return ['phases', i, 'duties', j, dutyKey ?? 'kind'];
    }
    case 'targets': {
      const [key, i, mKey] = rest;
      if (key === 'city') return ['targets', 'cityValue'];
      if (key === 'signingRate') return ['targets', 'signingRate'];
      if (key === 'milestones' && typeof i === 'number') {
        return ['targets', 'milestones', i, mKey === 'expected' ? 'percent' : (mKey ?? 'date')];
      }
      return null;
    }
    case 'config': {
      const [key] = rest;
      if (key === 'escalationChain') return ['config', 'escalationChain'];
      if (typeof key === 'string' && (DURATION_FIELDS as readonly string[]).includes(key)) {
        return ['config', key];
      }
      if (key === 'maxVerificationAttempts') return ['config', key];
      return null;
    }
    default:
      return null;
  }
}
