// Response schemas of the campaign routes: campaigns, report duties, reports, supervision
// visits and progress against the targets.
import { z } from 'zod';
import { CampaignTargets } from './rules/targets';
import { CampaignPhaseKind, ReportDutyConfig } from './rules/campaign';
import { CertificationStatus } from '../certification/workflow-api';
import { CalendarDate, Timestamp } from '../../platform/http/response-schemas';

const CurrentPhase = z
  .object({
    phase: CampaignPhaseKind.nullable(),
    stage: z.enum(['NOT_STARTED', 'IN_PHASE', 'BETWEEN_PHASES', 'ENDED']),
  })
  .nullable()
  .meta({ description: 'Where the plan stands by the calendar now (null without a plan)' });

export const CampaignListItem = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.string().meta({ description: 'PLANNED, ACTIVE, CLOSED or CANCELLED' }),
    phase: z.string().nullable().meta({ description: 'The phase the workflow last started' }),
    current: CurrentPhase,
    startsOn: CalendarDate.nullable(),
    endsOn: CalendarDate.nullable(),
    criteriaVersionId: z.string().nullable(),
  })
  .meta({ id: 'CampaignListItem' });

export const Campaign = z
  .object({
    id: z.string(),
    cityId: z.string(),
    name: z.string(),
    status: z.string().meta({ description: 'PLANNED, ACTIVE, CLOSED or CANCELLED' }),
    phase: z.string().nullable().meta({ description: 'The phase the workflow last started' }),
    current: CurrentPhase,
    startYear: z.number().int().nullable(),
    endYear: z.number().int().nullable(),
    startsOn: CalendarDate.nullable(),
    endsOn: CalendarDate.nullable(),
    criteriaVersionId: z.string().nullable(),
    config: z.unknown().meta({ description: 'The durations certifications pin (CampaignConfig)' }),
    targets: z.unknown().meta({ description: 'The campaign’s own targets, or null' }),
    phases: z.array(
      z.object({
        kind: CampaignPhaseKind,
        name: z.string().meta({ description: 'The phase’s name in Chinese' }),
        nameEn: z.string().meta({ description: 'The phase’s name in English' }),
        startsOn: CalendarDate,
        endsOn: CalendarDate,
        status: z.enum(['UPCOMING', 'CURRENT', 'DONE']),
        duties: z.array(ReportDutyConfig),
      }),
    ),
    reminderOffsets: z.array(z.string()),
    plannedDuties: z.number().int(),
    duties: z.object({
      byCounty: z.array(
        z.object({ countyId: z.string(), statuses: z.record(z.string(), z.number().int()) }),
      ),
      countiesOverdue: z.array(z.string()),
    }),
    assessment: z.unknown().meta({ description: 'The final assessment, once recorded' }),
    stopped: z
      .object({ at: Timestamp, by: z.string().nullable(), reason: z.string().nullable() })
      .nullable()
      .meta({ description: 'Who cancelled it or closed it early, when and why' }),
    planRevision: z.number().int().meta({ description: 'Counts the edits of the plan' }),
    workflowId: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Campaign' });

export const CampaignDuty = z
  .object({
    id: z.string(),
    countyId: z.string(),
    countyName: z.string(),
    phase: z.string(),
    kind: z.string().meta({ description: 'A ReportKind' }),
    period: z.string(),
    dueAt: Timestamp,
    status: z.string().meta({ description: 'A DutyStatus' }),
    overdue: z.boolean(),
    escalations: z.number().int(),
    updatedAt: Timestamp,
  })
  .meta({ id: 'CampaignDuty' });

export const CampaignReport = z
  .object({
    id: z.string(),
    campaignId: z.string(),
    dutyId: z.string(),
    countyId: z.string(),
    kind: z.string().meta({ description: 'A ReportKind' }),
    period: z.string(),
    dueAt: Timestamp,
    version: z.number().int(),
    status: z.string().meta({ description: 'SUBMITTED, ACCEPTED or RETURNED' }),
    late: z.boolean(),
    content: z.unknown().meta({ description: 'The report as submitted' }),
    attachments: z.unknown().meta({ description: 'References to the attached files' }),
    submittedBy: z.string(),
    submittedAt: Timestamp,
    reviewedBy: z.string().nullable(),
    reviewedAt: Timestamp.nullable(),
    reviewComments: z.string().nullable(),
  })
  .meta({ id: 'CampaignReport' });

export const SupervisionVisit = z
  .object({
    id: z.string(),
    campaignId: z.string(),
    countyId: z.string(),
    visitedOn: CalendarDate,
    officeIds: z.array(z.string()),
    findings: z.string(),
    followUp: z.string().nullable(),
    recordedBy: z.string(),
    recordedAt: Timestamp,
  })
  .meta({ id: 'SupervisionVisit' });

const ProgressRow = z.object({
  offices: z.number().int(),
  statuses: z.record(CertificationStatus, z.number().int()),
  achieved: z.number().int(),
  quota: z.number().int(),
  quotaSource: z.enum(['CITY', 'EXPLICIT', 'PROPORTIONAL']),
  share: z.number(),
  completion: z.number(),
  met: z.boolean(),
  forecast: z.object({
    basis: z.enum(['PACE', 'NOT_STARTED', 'ENDED']),
    perYear: z.number(),
    expectedAtEnd: z.number().int(),
    onTrack: z.boolean(),
  }),
});

const SigningRow = z.object({
  pairings: z.number().int(),
  signed: z.number().int(),
  rate: z.number().nullable(),
  target: z.number().nullable(),
  met: z.boolean().nullable(),
});

const MilestoneProgress = z.object({
  date: CalendarDate,
  label: z.string().nullable(),
  at: Timestamp,
  passed: z.boolean(),
  fraction: z.number(),
  city: z.object({ expected: z.number(), achieved: z.number().int(), behind: z.boolean() }),
  countiesBehind: z.array(
    z.object({
      countyId: z.string(),
      expected: z.number(),
      achieved: z.number().int(),
      countyName: z.string().nullable(),
    }),
  ),
});

export const CampaignProgress = z
  .object({
    campaign: z.object({ id: z.string(), name: z.string() }),
    asOf: Timestamp,
    period: z.object({
      start: Timestamp,
      end: Timestamp,
      source: z.enum(['CAMPAIGN', 'DEFAULT']),
    }),
    targets: CampaignTargets,
    targetsSource: z.enum(['CAMPAIGN', 'DEFAULT']),
    city: ProgressRow,
    counties: z.array(
      ProgressRow.extend({
        countyId: z.string(),
        countyCode: z.string().nullable(),
        countyName: z.string().nullable(),
      }),
    ),
    milestones: z.array(MilestoneProgress),
    lastPassedMilestone: MilestoneProgress.nullable(),
    signing: z
      .object({
        city: SigningRow,
        counties: z.array(
          SigningRow.extend({ countyId: z.string(), countyName: z.string().nullable() }),
        ),
      })
      .meta({
        description: 'Pairings (挂钩结对) with a signed letter (责任状) against the target',
      }),
  })
  .meta({ id: 'CampaignProgress' });

export const CampaignPairing = z
  .object({
    id: z.string(),
    campaignId: z.string(),
    countyId: z.string(),
    officeId: z.string(),
    officeName: z.string(),
    officeCode: z.string(),
    department: z.string(),
    responsibilities: z.string().nullable(),
    createdBy: z.string(),
    createdAt: Timestamp,
    letter: z
      .object({
        signedOn: CalendarDate,
        signatories: z.unknown().meta({ description: 'Who signed for the department and office' }),
        attachment: z.unknown().meta({ description: 'The letter file’s metadata' }),
        recordedBy: z.string().nullable(),
        recordedAt: Timestamp.nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'CampaignPairing' });

/** An office's pairing in one campaign, as the office view shows it. */
export const OfficePairing = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignName: z.string(),
  campaignStatus: z.string(),
  department: z.string(),
  responsibilities: z.string().nullable(),
  letter: z.object({ signedOn: CalendarDate }).nullable(),
});
