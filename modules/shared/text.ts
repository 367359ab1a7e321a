// Text the database can store. PostgreSQL's `text` and `jsonb` cannot hold U+0000, and
// `jsonb` refuses a lone UTF-16 surrogate; such input, once accepted by a workflow, makes its
// projection fail on every retry and freezes the certification. So it is refused where it
// arrives, by the API's input guard and by the shared text schemas the workflow's update
// validators use. No Node imports: workflows use this module.
import { z } from 'zod';

const NUL = '\u0000';
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const NUL_MESSAGE = 'must not contain a NUL character (U+0000)';
export const SURROGATE_MESSAGE = 'must be well-formed Unicode (a lone surrogate was found)';

/** Why the database could not store this string, or null if it can. */
export function unstorableReason(text: string): string | null {
  if (text.includes(NUL)) return NUL_MESSAGE;
  if (LONE_SURROGATE.test(text)) return SURROGATE_MESSAGE;
  return null;
}

/** Where the first character the database could not store is, or -1. */
export function firstUnstorableIndex(text: string): number {
  const nul = text.indexOf(NUL);
  const surrogate = LONE_SURROGATE.exec(text)?.index ?? -1;
  if (nul < 0) return surrogate;
  return surrogate < 0 ? nul : Math.min(nul, surrogate);
}

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
