// The bureaus' clock: China Standard Time, UTC+8 all year (no daylight saving), whatever the
// server's zone. Calendar dates in this system — due dates, inspection days, digest names,
// file names — are China dates.
export const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China calendar date (YYYY-MM-DD) of an instant. */
export function chinaDate(epochMs: number): string {
  return new Date(epochMs + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first instant after `date` (YYYY-MM-DD) ends in China time. */
export function endOfChinaDay(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) + DAY_MS - CHINA_OFFSET_MS;
}

/** The first instant of `date` (YYYY-MM-DD) in China time. */
export function startOfChinaDay(date: string): number {
  return endOfChinaDay(date) - DAY_MS;
}

/** Today's date in China (UTC+8 all year): the day an inspector means by “today”. */
export function chinaToday(now: number = Date.now()): string {
  return chinaDate(now);
}
