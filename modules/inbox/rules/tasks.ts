// What a caller owes next, as the inbox (`GET /api/v1/tasks`) lists it. Each source of work
// (certifications, campaign report duties) turns its own records into these; the inbox merges,
// filters and orders them.
import { z } from 'zod';

export const TaskKind = z.enum([
  // Certification lifecycle (see DueKind in domain/schemas.ts)
  'REVIEW_DECLARATION',
  'REVISE_DECLARATION',
  'BUILD_AND_REQUEST_VERIFICATION',
  'RECORD_INSPECTION',
  'RECORD_DOCUMENT_REVIEW',
  'RECORD_LOCAL_OPINION',
  'DECIDE_CHECK',
  'SUBMIT_RECTIFICATION',
  'VERIFY_RECTIFICATION',
  // Campaign duties (issue 7)
  'SUBMIT_CAMPAIGN_REPORT',
  'REVIEW_CAMPAIGN_REPORT',
]);
export type TaskKind = z.infer<typeof TaskKind>;

export interface InboxTask {
  kind: TaskKind;
  /** Short human description, e.g. "Review the declaration of 解放碑司法所". */
  title: string;
  /** ISO 8601; null when the step has no deadline. */
  dueAt: string | null;
  overdue: boolean;
  cityId: string;
  countyId: string | null;
  /** What the task is about, so a client can link to it. */
  subject:
    | { type: 'certification'; id: string; officeId: string; officeName: string }
    | { type: 'campaign-report'; id: string; campaignId: string; reportKind: string };
}
