// Response schemas of the bulk-action routes, with one outcome per office.
import { z } from 'zod';
import { Timestamp } from '../../platform/http/response-schemas';

const ItemOutcome = z
  .string()
  .meta({ description: 'DONE, ALREADY_DONE, REFUSED, FAILED or PENDING' });

export const BulkActionSummary = z
  .object({
    id: z.string(),
    key: z.string().nullable(),
    action: z.string().meta({ description: 'OPEN_RECHECK or START_SPOT_CHECK' }),
    filter: z.unknown().meta({ description: 'The filter as requested' }),
    input: z.unknown().meta({ description: 'The request as recorded' }),
    requestedBy: z.string(),
    requestedAt: Timestamp,
    completedAt: Timestamp.nullable(),
    selected: z.number().int(),
    summary: z.object({
      DONE: z.number().int(),
      ALREADY_DONE: z.number().int(),
      REFUSED: z.number().int(),
      FAILED: z.number().int(),
      PENDING: z.number().int(),
    }),
  })
  .meta({ id: 'BulkActionSummary' });

export const BulkActionDetail = BulkActionSummary.extend({
  items: z.array(
    z.object({
      certificationId: z.string(),
      officeId: z.string(),
      countyId: z.string(),
      outcome: ItemOutcome,
      reason: z.string().nullable(),
      recordedAt: Timestamp.nullable(),
    }),
  ),
}).meta({ id: 'BulkAction' });
