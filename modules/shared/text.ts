// Text the database can store. PostgreSQL's `text` and `jsonb` cannot hold U+0000, and
// `jsonb` refuses a lone UTF-16 surrogate; such input, once accepted by a workflow, makes its
// projection fail on every retry and freezes the certification. So it is refused where it
// arrives, by the API's input guard and by the shared text schemas the workflow's update
// validators use. The rules themselves are the database's (platform/db/storable-text.ts);
// this module builds the schemas on them. No Node imports: workflows use this module.
import { z } from 'zod';
import {
  LONE_SURROGATE,
  NUL,
  NUL_MESSAGE,
  SURROGATE_MESSAGE,
} from '../../platform/db/storable-text';

export {
  NUL_MESSAGE,
  SURROGATE_MESSAGE,
  firstUnstorableIndex,
  unstorableReason,
} from '../../platform/db/storable-text';

/** Adds the storability check to a string schema; keeps its other checks and its type. */
export function storable<S extends z.ZodString>(schema: S): S {
  return schema
    .refine((value) => !value.includes(NUL), NUL_MESSAGE)
    .refine((value) => !LONE_SURROGATE.test(value), SURROGATE_MESSAGE);
}

/** Trimmed text between `min` and `max` characters that the database can store. */
export function text(limits: { min?: number; max: number }): z.ZodString {
  return storable(
    z
      .string()
      .trim()
      .min(limits.min ?? 1)
      .max(limits.max),
  );
}
