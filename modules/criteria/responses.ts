// Response schemas of the criteria-set routes: a version's summary, the version with its
// dimensions and items (the domain's own CriteriaSet), and the difference of two versions.
import { z } from 'zod';
import { CriteriaSet } from './rules/criteria';
import { Timestamp } from '../../platform/http/response-schemas';

export const CriteriaVersionSummary = z
  .object({
    id: z.string(),
    code: z.string(),
    version: z.number().int(),
    titleZh: z.string(),
    titleEn: z.string(),
    shared: z.boolean().meta({ description: 'Published with the system for every city' }),
    cityId: z.string().nullable(),
    totalPoints: z.number(),
    passThreshold: z.number(),
    dimensions: z.number().int(),
    items: z.object({
      scored: z.number().int(),
      mandatory: z.number().int(),
      veto: z.number().int(),
      autoChecked: z.number().int(),
    }),
    createdBy: z.string(),
    createdAt: Timestamp,
  })
  .meta({ id: 'CriteriaVersionSummary' });

export const CriteriaVersion = CriteriaVersionSummary.extend({ criteria: CriteriaSet }).meta({
  id: 'CriteriaVersion',
});

const FieldChange = z.object({ field: z.string(), from: z.unknown(), to: z.unknown() });
const Changes = z.object({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.object({ code: z.string(), changes: z.array(FieldChange) })),
});

export const CriteriaDiff = z
  .object({
    code: z.string(),
    from: z.number().int(),
    to: z.number().int(),
    set: z.array(FieldChange),
    dimensions: Changes,
    items: Changes,
    identical: z.boolean(),
  })
  .meta({ id: 'CriteriaDiff' });
