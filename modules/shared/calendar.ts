// Dates and instants the API accepts: real calendar dates only (no 2023-02-30, no
// 0000-00-00) within years a certification system can mean, so a date never reaches a
// database column, a timer or a report as something it cannot hold. No Node imports.
import { z } from 'zod';

/** Years outside this range are typing mistakes, not dates of this system. */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2199;

const inRange = (year: number) => year >= EARLIEST_YEAR && year <= LATEST_YEAR;
const RANGE_MESSAGE = `must be between the years ${EARLIEST_YEAR} and ${LATEST_YEAR}`;

/** Whether `s` (YYYY-MM-DD) names a day that exists, e.g. not 2023-02-29. */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const parsed = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === s;
}

/** A calendar date, YYYY-MM-DD, that exists. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine(isCalendarDate, 'is not a calendar date')
  .refine((s) => inRange(Number(s.slice(0, 4))), RANGE_MESSAGE);
export type IsoDate = z.infer<typeof IsoDate>;

/** An instant with its offset, e.g. 2024-03-01T08:00:00+08:00, on a day that exists. */
export const IsoDateTime = z.iso
  .datetime({ offset: true })
  .refine((s) => isCalendarDate(s.slice(0, 10)), 'is not a calendar date')
  .refine((s) => inRange(Number(s.slice(0, 4))), RANGE_MESSAGE);
export type IsoDateTime = z.infer<typeof IsoDateTime>;
