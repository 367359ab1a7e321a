// Shared zod schemas: the API validates requests with them, the workflow validates update
// arguments with them, and the OpenAPI document is generated from them. No Node imports here.
import { z } from 'zod';
import { InspectionScores } from '../../criteria/workflow-api';
import { Duration } from '../../shared';
import { IsoDate, OfficeProfileSnapshot } from '../../office/workflow-api';
import { storable, text } from '../../shared';

export const CertificationStatus = z.enum([
  'DECLARED',
  'BUILDING',
  'VERIFYING',
  'CERTIFIED',
  'RECTIFYING',
  'REVOKED',
  'REJECTED',
  'WITHDRAWN',
]);
export type CertificationStatus = z.infer<typeof CertificationStatus>;

export const DueKind = z.enum([
  'DECLARATION_REVIEW',
  'DECLARATION_REVISION',
  'VERIFICATION_DECISION',
  'CHECK_DECISION',
  'RECHECK_OPENS',
  'RECTIFICATION_DEADLINE',
  'RECTIFICATION_VERIFICATION',
]);
export type DueKind = z.infer<typeof DueKind>;

/** The check a certification has open: a verification, a recheck, a spot check, a rectification. */
export const OpenCheckKind = z.enum(['VERIFICATION', 'RECHECK', 'SPOT_CHECK', 'RECTIFICATION']);
export type OpenCheckKind = z.infer<typeof OpenCheckKind>;

/** A list filter on the open check: one kind, ANY open check, or NONE. */
export const CheckFilter = z.enum([...OpenCheckKind.options, 'ANY', 'NONE']);
export type CheckFilter = z.infer<typeof CheckFilter>;

/**
 * The durations a certification pins when it starts. Every wait in the lifecycle comes from
 * here; none is a constant in code.
 */
export const CampaignConfig = z.object({
  /** The city bureau reviews a declaration within this period. */
  declarationReviewPeriod: Duration,
  /** A declaration returned for revision is resubmitted within this period. */
  declarationRevisionPeriod: Duration,
  /** Once verification is requested, the city bureau decides within this period. */
  verificationPeriod: Duration,
  /** A full recheck opens this long after naming and after each recheck (seed 003: two years). */
  recheckInterval: Duration,
  /** An open recheck, spot check or rectification check is concluded within this period. */
  recheckWindow: Duration,
  /** A rectification order is answered within this period, or the title is revoked. */
  rectificationPeriod: Duration,
  /** After a missed due date, the next escalation level is reached after this interval. */
  escalationInterval: Duration,
  /** Who is escalated to after a missed due date, in order. */
  escalationChain: z.array(z.string().min(1)).min(1),
  /** Verification attempts allowed; failing the last one rejects the declaration. */
  maxVerificationAttempts: z.number().int().min(1).max(10),
  /**
   * Reminders before each kind of due date, e.g. { DECLARATION_REVIEW: ["7d", "1d"] }: the
   * party who owes the step is reminded that long before it is due. Optional: campaigns
   * pinned before reminders existed have none.
   */
  reminderOffsets: z.partialRecord(DueKind, z.array(Duration).max(5)).optional(),
});
export type CampaignConfig = z.infer<typeof CampaignConfig>;

// Every free text a person types is `text()`: storable (no NUL), trimmed and bounded, so the
// workflow's validators refuse what its projection could not write.
const reasonText = storable(z.string().trim().min(1, 'a reason is required').max(2000));
const shortText = text({ max: 2000 });

export const DeclareInput = z.object({
  officeId: z.string().min(1),
  campaignId: z.string().min(1),
  /** The creation plan (创建方案): what the office will build and its feature. */
  plan: z.object({
    summary: shortText,
    feature: text({ max: 200 }),
  }),
  contact: z.object({
    name: text({ max: 100 }),
    phone: z.string().regex(/^[0-9+\- ]{5,20}$/, 'must be a phone number'),
  }),
});
export type DeclareInput = z.infer<typeof DeclareInput>;

export const DeclarationReviewInput = z.object({
  decision: z.enum(['APPROVE', 'RETURN', 'REJECT']),
  reason: reasonText,
});
export type DeclarationReviewInput = z.infer<typeof DeclarationReviewInput>;

export const ResubmitDeclarationInput = z.object({
  plan: DeclareInput.shape.plan,
  note: shortText.optional(),
});
export type ResubmitDeclarationInput = z.infer<typeof ResubmitDeclarationInput>;

export const ProgressReportInput = z.object({
  period: text({ max: 50 }),
  summary: shortText,
});
export type ProgressReportInput = z.infer<typeof ProgressReportInput>;

export const EvidenceInput = z.object({
  kind: z.enum(['DOCUMENT', 'PHOTO', 'VIDEO', 'RECORD', 'OTHER']),
  title: text({ max: 200 }),
  uri: z.string().url().optional(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters')
    .optional(),
});
export type EvidenceInput = z.infer<typeof EvidenceInput>;

export const RequestVerificationInput = z.object({
  selfAssessment: z.object({
    summary: shortText,
    scores: z.record(z.string(), z.number().min(0)).optional(),
  }),
});
export type RequestVerificationInput = z.infer<typeof RequestVerificationInput>;

/** What an inspector sends: scores validated against the certification's pinned criteria. */
export const InspectionRequest = InspectionScores.extend({
  findings: text({ min: 0, max: 4000 }).default(''),
  /** The day of the on-site inspection (default: today, China time); picks the office profile. */
  inspectedOn: IsoDate.optional(),
});
export type InspectionRequest = z.infer<typeof InspectionRequest>;

/** What the workflow receives: the request plus the office profile the API looked up. */
export const InspectionInput = InspectionRequest.extend({
  officeProfile: OfficeProfileSnapshot.nullable().optional(),
});
export type InspectionInput = z.infer<typeof InspectionInput>;

export const DocumentReviewInput = z.object({
  passed: z.boolean(),
  findings: text({ min: 0, max: 4000 }).default(''),
});
export type DocumentReviewInput = z.infer<typeof DocumentReviewInput>;

export const LocalOpinionInput = z.object({
  /** The township Party committee / government giving the opinion. */
  authority: text({ max: 200 }),
  supportive: z.boolean(),
  summary: shortText,
});
export type LocalOpinionInput = z.infer<typeof LocalOpinionInput>;

export const DecideInput = z.object({
  /** A reviewer may override the computed result, only with a reason; the audit records it. */
  override: z.object({ passed: z.boolean(), reason: reasonText }).optional(),
});
export type DecideInput = z.infer<typeof DecideInput>;

export const ExemplaryInput = z.object({
  experienceSummary: text({ max: 4000 }),
});
export type ExemplaryInput = z.infer<typeof ExemplaryInput>;

export const SpotCheckInput = z.object({ reason: reasonText });
export type SpotCheckInput = z.infer<typeof SpotCheckInput>;

/** Opens the full recheck now instead of at its scheduled time (a city admin's bulk action). */
export const OpenRecheckInput = z.object({ reason: reasonText });
export type OpenRecheckInput = z.infer<typeof OpenRecheckInput>;

export const RectificationSubmissionInput = z.object({ summary: shortText });
export type RectificationSubmissionInput = z.infer<typeof RectificationSubmissionInput>;

export const WithdrawInput = z.object({ reason: reasonText });
export type WithdrawInput = z.infer<typeof WithdrawInput>;

export { InspectionScores };
