// Response schemas of the oversight routes: the audit trail, reconcile, notifications, the
// inbox, the captured mail and the public registry.
import { z } from 'zod';
import { TaskKind } from '../../modules/inbox/workflow-api';
import { Timestamp } from '../../platform/http/response-schemas';

export const AuditEvent = z
  .object({
    id: z.string(),
    occurredAt: Timestamp,
    action: z.string(),
    actor: z.object({ id: z.string(), role: z.string() }),
    certificationId: z.string().nullable(),
    revision: z.number().int().nullable(),
    fromStatus: z.string().nullable(),
    toStatus: z.string().nullable(),
    reason: z.string().nullable(),
    requestId: z.string().nullable(),
    details: z.unknown().meta({ description: 'What the event carried' }),
  })
  .meta({ id: 'AuditEvent' });

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

export const NotificationEntry = z
  .object({
    id: z.string(),
    kind: z.string(),
    certificationId: z.string().nullable(),
    recipientId: z.string(),
    email: z.string(),
    locale: z.string(),
    subject: z.string(),
    status: z.string(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    messageId: z.string(),
    createdAt: Timestamp,
    sentAt: Timestamp.nullable(),
  })
  .meta({ id: 'Notification' });

export const CapturedMessage = z
  .object({
    file: z.string(),
    messageId: z.string().optional(),
    to: z.array(z.string()),
    subject: z.string().optional(),
    date: z.string().optional(),
    text: z.string().optional(),
  })
  .meta({ id: 'CapturedMessage' });

export const Task = z
  .object({
    kind: TaskKind,
    title: z.string(),
    dueAt: Timestamp.nullable(),
    overdue: z.boolean(),
    cityId: z.string(),
    countyId: z.string().nullable(),
    subject: z.discriminatedUnion('type', [
      z.object({
        type: z.literal('certification'),
        id: z.string(),
        officeId: z.string(),
        officeName: z.string(),
      }),
      z.object({
        type: z.literal('campaign-report'),
        id: z.string(),
        campaignId: z.string(),
        reportKind: z.string(),
      }),
    ]),
  })
  .meta({ id: 'Task' });

export const Inbox = z
  .object({
    items: z.array(Task),
    total: z.number().int(),
    overdue: z.number().int(),
    asOf: Timestamp,
  })
  .meta({ id: 'Inbox' });

const RegistryEntry = z.object({
  office: z.string(),
  officeCode: z.string(),
  county: z.string(),
  city: z.string(),
  certificateNumber: z.string().nullable(),
  certifiedAt: Timestamp.nullable(),
});

export const Registry = z
  .object({
    named: z.array(RegistryEntry.extend({ exemplary: z.boolean() })),
    revoked: z.array(RegistryEntry.extend({ revokedAt: Timestamp.nullable() })),
  })
  .meta({ id: 'Registry' });
