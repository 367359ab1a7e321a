// The two languages the system speaks: Chinese (zh-CN, the default: the bureaus' language)
// and English. Pure: which one a reader gets, from a stored preference or an HTTP
// Accept-Language header.
import { chinaDate } from './china-time';

export const Locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof Locales)[number];

export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** A stored preference ("en", "en-GB", "zh-CN"…) as one of ours; anything else is Chinese. */
export function localeOf(value: string | null | undefined): Locale {
  return value && /^en(-|$)/i.test(value.trim()) ? 'en' : DEFAULT_LOCALE;
}

/**
 * The language for an Accept-Language header (RFC 9110 §12.5.4): the highest-weighted range
 * we speak; Chinese when the header is absent, says nothing we speak, or ties.
 */
export function negotiateLocale(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  let best: { locale: Locale; q: number } | null = null;
  for (const part of header.split(',')) {
    const [range = '', ...params] = part.trim().split(';');
    const tag = range.trim().toLowerCase();
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const locale: Locale | null = /^en(-|$)/.test(tag)
      ? 'en'
      : /^zh(-|$)/.test(tag) || tag === '*'
        ? 'zh-CN'
        : null;
    if (!locale) continue;
    if (!best || q > best.q) best = { locale, q };
  }
  return best?.locale ?? DEFAULT_LOCALE;
}

/** Dates are shown in China Standard Time, the bureaus' time, whatever the server's zone. */
export function formatDate(epochMs: number, locale: Locale): string {
  const date = chinaDate(epochMs);
  if (locale !== 'zh-CN') return `${date} (CST)`;
  const [y, m, d] = date.split('-');
  return `${y}年${m}月${d}日`;
}
