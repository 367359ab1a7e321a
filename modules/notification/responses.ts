// Response schemas of the notification routes: the notification log and the mail captured
// on a local run.
import { z } from 'zod';
import { Timestamp } from '../../platform/http/response-schemas';

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
