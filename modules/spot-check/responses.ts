// Response schemas of the spot-check draw routes, with one outcome per drawn office.
import { z } from 'zod';
import { SamplingCandidate } from './rules/sampling';
import { Timestamp } from '../../platform/http/response-schemas';

const ItemOutcome = z
  .string()
  .meta({ description: 'DONE, ALREADY_DONE, REFUSED, FAILED or PENDING' });

export const SpotCheckDrawSummary = z
  .object({
    id: z.string(),
    cityId: z.string(),
    trigger: z.string().meta({ description: 'SCHEDULE or MANUAL' }),
    drawnAt: Timestamp,
    completedAt: Timestamp.nullable(),
    seed: z.string(),
    algorithm: z.string(),
    share: z.number(),
    candidates: z.number().int(),
    sampleSize: z.number().int(),
    outcomes: z.record(z.string(), z.number().int()),
  })
  .meta({ id: 'SpotCheckDrawSummary' });

export const SpotCheckDrawDetail = SpotCheckDrawSummary.extend({
  workflowId: z.string(),
  candidates: z.array(SamplingCandidate).meta({ description: 'The candidates in draw order' }),
  chosen: z.array(z.string()),
  items: z.array(
    z.object({
      position: z.number().int(),
      certificationId: z.string(),
      officeId: z.string(),
      countyId: z.string(),
      outcome: ItemOutcome,
      reason: z.string().nullable(),
      recordedAt: Timestamp.nullable(),
    }),
  ),
}).meta({ id: 'SpotCheckDraw' });

export const SpotCheckDrawRunning = z
  .object({
    drawId: z.string(),
    workflowId: z.string(),
    status: z.string().meta({ description: 'RUNNING' }),
  })
  .meta({ id: 'SpotCheckDrawRunning' });

export const DrawReproduction = z
  .object({
    drawId: z.string(),
    seed: z.string(),
    algorithm: z.string(),
    share: z.number(),
    matches: z.boolean(),
    recorded: z.array(z.string()),
    reproduced: z.array(z.string()),
  })
  .meta({ id: 'DrawReproduction' });
