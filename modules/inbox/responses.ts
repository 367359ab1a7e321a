// Response schemas of the inbox: one task (a certification step or a campaign report owed)
// and the inbox as a whole.
import { z } from 'zod';
import { TaskKind } from './rules/tasks';
import { Timestamp } from '../../platform/http/response-schemas';

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
