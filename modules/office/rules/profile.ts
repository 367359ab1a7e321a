// The measurable facts about a judicial office that criteria can check automatically
// (premises, staff, Party organisation, training, mediation, community correction). Profiles
// are recorded with the date they take effect; an inspection uses the one in effect on its
// date. No Node imports: workflows evaluate criteria against these values.
import { z } from 'zod';

export const OfficeType = z.enum(['STREET', 'TOWNSHIP']);
export type OfficeType = z.infer<typeof OfficeType>;

// The calendar types live in calendar.ts; re-exported where they were first defined.
export { IsoDate } from '../../shared';
import { IsoDate } from '../../shared';

const count = z.number().int().min(0).max(100_000_000);
const area = z.number().min(0).max(100_000);

export const OfficeProfileValues = z
  .object({
    /** 街道 or 乡镇: an office's type can change (乡镇改街道), so each profile records it. */
    officeType: OfficeType,
    /** Population of the township or street the office serves. */
    population: count,
    /** 办公及业务用房面积: office and business premises, m² (seed 000). */
    premisesAreaM2: area,
    /** 独立使用的业务用房面积: business premises the office uses on its own, m² (seed 004). */
    exclusivePremisesAreaM2: area,
    staff: z.object({
      /** Everyone working at the office, auxiliary staff included. */
      total: count,
      /** 专职辅助人员 (full-time auxiliary staff hired through purchased services). */
      fullTimeAuxiliary: count,
      /** Staff holding the national legal professional qualification (法律职业资格). */
      legalQualified: count,
    }),
    party: z.object({
      /** 正式党员 (full Party members) among the staff. */
      members: count,
      /** Whether the office has its own Party branch. */
      hasBranch: z.boolean(),
    }),
    /** Training of the office's staff in the year before the profile takes effect. */
    training: z.object({
      days: z.number().min(0).max(366),
      hours: z.number().min(0).max(8784),
    }),
    /** People's mediation in the year before the profile takes effect. */
    mediation: z.object({ cases: count, successful: count }),
    /** Community correction in the same year: people supervised, and cases of 脱管/漏管. */
    communityCorrection: z.object({ supervised: count, lostSupervision: count }),
  })
  .superRefine((p, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    if (p.exclusivePremisesAreaM2 > p.premisesAreaM2) {
      issue(['exclusivePremisesAreaM2'], 'cannot exceed premisesAreaM2');
    }
    if (p.staff.fullTimeAuxiliary > p.staff.total) {
      issue(['staff', 'fullTimeAuxiliary'], 'cannot exceed staff.total');
    }
    if (p.staff.legalQualified > p.staff.total) {
      issue(['staff', 'legalQualified'], 'cannot exceed staff.total');
    }
    if (p.party.members > p.staff.total) {
      issue(['party', 'members'], 'cannot exceed staff.total');
    }
    if (p.party.hasBranch && p.party.members < 3) {
      issue(['party', 'hasBranch'], 'a Party branch needs at least 3 full members');
    }
    if (p.mediation.successful > p.mediation.cases) {
      issue(['mediation', 'successful'], 'cannot exceed mediation.cases');
    }
    if (p.communityCorrection.lostSupervision > p.communityCorrection.supervised) {
      issue(
        ['communityCorrection', 'lostSupervision'],
        'cannot exceed communityCorrection.supervised',
      );
    }
  });
export type OfficeProfileValues = z.infer<typeof OfficeProfileValues>;

/** What the API attaches to an inspection: the profile in effect on the inspection date. */
export const OfficeProfileSnapshot = z.object({
  recordId: z.string().min(1),
  officeId: z.string().min(1),
  /** The date the profile was looked up for (the inspection date). */
  asOf: IsoDate,
  /** The date the recorded profile took effect (on or before `asOf`). */
  effectiveFrom: IsoDate,
  values: OfficeProfileValues,
});
export type OfficeProfileSnapshot = z.infer<typeof OfficeProfileSnapshot>;

// ---------------------------------------------------------------------------------------
// Metrics: the numbers an auto-check reads from a profile

export const Metric = z.enum([
  'population',
  'premisesAreaM2',
  'exclusivePremisesAreaM2',
  'staffTotal',
  'fullTimeAuxiliaryStaff',
  'legalQualifiedStaff',
  'partyMembers',
  'hasPartyBranch',
  'trainingDays',
  'trainingHours',
  'mediationCases',
  'mediationSuccessRate',
  'communityCorrectionSupervised',
  'communityCorrectionLost',
]);
export type Metric = z.infer<typeof Metric>;

export interface MetricInfo {
  zh: string;
  en: string;
  unitZh: string;
  unitEn: string;
  /** 1 means yes, 0 means no. */
  boolean?: true;
}

export const METRICS: Record<Metric, MetricInfo> = {
  population: { zh: '辖区人口', en: 'Population served', unitZh: '人', unitEn: '' },
  premisesAreaM2: {
    zh: '办公及业务用房面积',
    en: 'Office and business premises',
    unitZh: '平方米',
    unitEn: 'm²',
  },
  exclusivePremisesAreaM2: {
    zh: '独立使用的业务用房面积',
    en: 'Business premises for the office’s own use',
    unitZh: '平方米',
    unitEn: 'm²',
  },
  staffTotal: { zh: '工作人员', en: 'Staff', unitZh: '人', unitEn: 'people' },
  fullTimeAuxiliaryStaff: {
    zh: '专职辅助工作人员',
    en: 'Full-time auxiliary staff',
    unitZh: '人',
    unitEn: 'people',
  },
  legalQualifiedStaff: {
    zh: '具备法律职业资格的工作人员',
    en: 'Staff with the legal professional qualification',
    unitZh: '人',
    unitEn: 'people',
  },
  partyMembers: { zh: '正式党员', en: 'Full Party members', unitZh: '人', unitEn: 'people' },
  hasPartyBranch: {
    zh: '成立党支部',
    en: 'Own Party branch',
    unitZh: '',
    unitEn: '',
    boolean: true,
  },
  trainingDays: {
    zh: '年度累计培训时间',
    en: 'Training in the year',
    unitZh: '天',
    unitEn: 'days',
  },
  trainingHours: {
    zh: '年度累计培训学时',
    en: 'Training in the year',
    unitZh: '学时',
    unitEn: 'class hours',
  },
  mediationCases: { zh: '调解矛盾纠纷', en: 'Disputes mediated', unitZh: '件', unitEn: 'cases' },
  mediationSuccessRate: {
    zh: '矛盾纠纷调解成功率',
    en: 'Mediation success rate',
    unitZh: '%',
    unitEn: '%',
  },
  communityCorrectionSupervised: {
    zh: '社区矫正对象',
    en: 'People under community correction',
    unitZh: '人',
    unitEn: 'people',
  },
  communityCorrectionLost: {
    zh: '社区矫正脱管漏管',
    en: 'Community correction cases out of supervision',
    unitZh: '人次',
    unitEn: 'cases',
  },
};

/** Rounds away binary noise (e.g. 0.1 + 0.2) so comparisons at a boundary are exact. */
export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** The metric's value for a profile, or null where it cannot be measured (a rate of 0 cases). */
export function metricValue(profile: OfficeProfileValues, metric: Metric): number | null {
  switch (metric) {
    case 'population':
      return profile.population;
    case 'premisesAreaM2':
      return profile.premisesAreaM2;
    case 'exclusivePremisesAreaM2':
      return profile.exclusivePremisesAreaM2;
    case 'staffTotal':
      return profile.staff.total;
    case 'fullTimeAuxiliaryStaff':
      return profile.staff.fullTimeAuxiliary;
    case 'legalQualifiedStaff':
      return profile.staff.legalQualified;
    case 'partyMembers':
      return profile.party.members;
    case 'hasPartyBranch':
      return profile.party.hasBranch ? 1 : 0;
    case 'trainingDays':
      return profile.training.days;
    case 'trainingHours':
      return profile.training.hours;
    case 'mediationCases':
      return profile.mediation.cases;
    case 'mediationSuccessRate':
      return profile.mediation.cases === 0
        ? null
        : round6((profile.mediation.successful * 100) / profile.mediation.cases);
    case 'communityCorrectionSupervised':
      return profile.communityCorrection.supervised;
    case 'communityCorrectionLost':
      return profile.communityCorrection.lostSupervision;
  }
}
