// Response schemas of the certification routes: one certification with its timeline, a list
// row, and an inspector's assignment.
import { z } from 'zod';
import { CertificationStatus } from './rules/schemas';
import { Timestamp } from '../../platform/http/response-schemas';
import { OfficeType } from '../office/workflow-api';

/** The next step that is due, if any: a DueKind and when. */
export const NextDue = z
  .object({
    kind: z.string().nullable().meta({ description: 'A DueKind, e.g. DECLARATION_REVIEW' }),
    at: Timestamp,
  })
  .nullable();

/** The check in progress (a certified office under recheck keeps the status CERTIFIED). */
export const OpenCheck = z
  .object({
    kind: z.string().meta({ description: 'VERIFICATION, RECHECK, SPOT_CHECK or RECTIFICATION' }),
    dueAt: Timestamp.nullable(),
  })
  .nullable();

export const Certification = z
  .object({
    id: z.string(),
    workflowId: z.string(),
    status: CertificationStatus,
    revision: z.number().int(),
    office: z.object({ id: z.string(), code: z.string(), name: z.string(), type: OfficeType }),
    countyId: z.string(),
    cityId: z.string().nullable(),
    campaignId: z.string().nullable(),
    certificateNumber: z.string().nullable(),
    nextDue: NextDue,
    openCheck: OpenCheck,
    inspectors: z.array(
      z.object({ inspectorId: z.string(), assignedBy: z.string(), assignedAt: Timestamp }),
    ),
    declaredAt: Timestamp,
    updatedAt: Timestamp,
    state: z.unknown().meta({
      description: 'The workflow’s projected state (declaration, plan, evidence, checks…)',
    }),
    timeline: z.array(
      z.object({
        revision: z.number().int().nullable(),
        action: z.string(),
        actor: z.object({ id: z.string(), role: z.string() }),
        fromStatus: z.string().nullable(),
        toStatus: z.string().nullable(),
        reason: z.string().nullable().meta({
          description: 'In the reader’s language for what the system said; as typed otherwise',
        }),
        reasonCode: z.string().nullable().meta({ description: 'The code of a system reason' }),
        requestId: z.string().nullable(),
        details: z.unknown().meta({ description: 'What the transition carried' }),
        occurredAt: Timestamp,
      }),
    ),
    notifications: z.array(
      z.object({
        kind: z.string(),
        recipientId: z.string(),
        subject: z.string(),
        status: z.string(),
        attempts: z.number().int(),
        sentAt: Timestamp.nullable(),
      }),
    ),
  })
  .meta({ id: 'Certification' });

export const CertificationListItem = z
  .object({
    id: z.string(),
    status: CertificationStatus,
    office: z.object({ id: z.string(), code: z.string(), name: z.string() }),
    countyId: z.string(),
    certificateNumber: z.string().nullable(),
    nextDue: NextDue,
    openCheck: OpenCheck,
    updatedAt: Timestamp,
  })
  .meta({ id: 'CertificationListItem' });

export const InspectorAssignment = z
  .object({
    certificationId: z.string(),
    inspectorId: z.string(),
    assignedBy: z.string(),
    assignedAt: Timestamp,
  })
  .meta({ id: 'InspectorAssignment' });

/** A certification row's open check as the answers show it (null when none is open). */
export function presentOpenCheck(row: {
  openCheckKind: string | null;
  openCheckDueAt: Date | null;
}) {
  return row.openCheckKind
    ? { kind: row.openCheckKind, dueAt: row.openCheckDueAt?.toISOString() ?? null }
    : null;
}

/** What reconciling the workflows with the projection found (the admin's reconcile route). */
export const ReconcileReport = z
  .object({
    checked: z.number().int(),
    mismatches: z.array(
      z.object({
        certificationId: z.string().nullable(),
        workflowId: z.string(),
        field: z.string(),
        workflow: z.unknown(),
        database: z.unknown(),
      }),
    ),
    stuck: z
      .array(
        z.object({
          workflowId: z.string(),
          certificationId: z.string().nullable(),
          reason: z.enum(['ACTIVITY_RETRYING', 'PROJECTION_REFUSED']),
          activity: z.string().nullable(),
          attempts: z.number().int().nullable(),
          detail: z.string(),
          since: z.string().nullable(),
        }),
      )
      .meta({ description: 'Running workflows that cannot move on by themselves' }),
    pending: z.array(z.string()).meta({
      description: 'Certifications whose latest transition is still being written',
    }),
  })
  .meta({ id: 'ReconcileReport' });
