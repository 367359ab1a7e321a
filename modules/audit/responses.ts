// Response schema of the audit trail's reading route: one event, whoever wrote it.
import { z } from 'zod';
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
