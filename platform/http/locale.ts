// The reader's language for an API response: `Accept-Language`, negotiated by the caller's
// rule (the application's languages are not the platform's business). Responses whose words
// depend on it say so in Content-Language and Vary.
import type { Request } from 'express';

export function requestLocale<L extends string>(
  req: Request,
  negotiate: (header: string | undefined) => L,
): L {
  return negotiate(req.get('accept-language'));
}

/** Headers for a response rendered in `locale`, so caches keep one copy per language. */
export function languageHeaders(locale: string): Record<string, string> {
  return { 'Content-Language': locale, Vary: 'Accept-Language' };
}
