// The reader's language for an API response: `Accept-Language` (zh-CN by default, English
// for `en`). Responses whose words depend on it say so in Content-Language and Vary.
import type { Request } from 'express';
import type { Locale } from '../modules/shared';
import { negotiateLocale } from '../modules/shared';

export function requestLocale(req: Request): Locale {
  return negotiateLocale(req.get('accept-language'));
}

/** Headers for a response rendered in `locale`, so caches keep one copy per language. */
export function languageHeaders(locale: Locale): Record<string, string> {
  return { 'Content-Language': locale, Vary: 'Accept-Language' };
}
