// Text the database can store. PostgreSQL's `text` and `jsonb` cannot hold U+0000, and
// `jsonb` refuses a lone UTF-16 surrogate. The HTTP input guard refuses such input where it
// arrives, and modules/shared builds the text schemas the workflows' validators use on these
// same rules. Pure (no Node imports): workflow code reaches it through modules/shared.

/** The character neither `text` nor `jsonb` can hold. */
export const NUL = '\u0000';
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
export const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

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
