// Durations in configuration (the environment's, and the application's own through
// modules/shared) are short strings such as "730d", "36h" or "5s". Seconds exist so
// benchmarks and tests can run a whole lifecycle quickly; the unit set is deliberately small
// so a configuration reads unambiguously (no months: they vary in length). Pure: workflow
// code reaches it through modules/shared.
import { z } from 'zod';

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const PATTERN = /^(\d+(?:\.\d+)?)(s|m|h|d)$/;

export function parseDuration(text: string): number | undefined {
  const match = PATTERN.exec(text);
  if (!match) return undefined;
  const [, amount, unit] = match;
  const ms = Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  const rounded = Math.round(ms);
  return Number.isFinite(rounded) && rounded >= 1 ? rounded : undefined;
}

export const Duration = z.string().refine((value) => parseDuration(value) !== undefined, {
  message: 'must be a positive duration such as "30d", "12h", "15m" or "5s"',
});
export type Duration = z.infer<typeof Duration>;

export function durationMs(text: Duration): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new Error(`invalid duration: ${text}`);
  return ms;
}
