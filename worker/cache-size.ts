// How many workflows the worker may keep cached. The SDK's default grows with the heap (about
// 2,300 at a 4 GB heap); at ~2 MB per cached certification that filled the heap with parked
// workflows, and garbage collection then took the CPU the declarations needed (issue 16).
// Workflows that are not cached are replayed from their history on their next task, which for
// a parked certification (its next task months away) costs nothing meanwhile.
import { getHeapStatistics } from 'node:v8';

/** What one cached certification workflow holds, measured at 10,000 parked (issue 16). */
export const BYTES_PER_CACHED_WORKFLOW = 2 * 1024 * 1024;
/** The share of the heap the workflow cache may take; the rest is for activities and the API. */
export const CACHE_SHARE_OF_HEAP = 0.25;
/** Never fewer: a busy moment (a campaign's bulk recheck) keeps this many workflows warm. */
export const MIN_CACHED_WORKFLOWS = 50;

/** The cache size for a heap of `heapLimitBytes`, unless the configuration names one. */
export function maxCachedWorkflows(
  configured: number | undefined,
  heapLimitBytes: number = getHeapStatistics().heap_size_limit,
): number {
  if (configured !== undefined) return configured;
  const fits = Math.floor((heapLimitBytes * CACHE_SHARE_OF_HEAP) / BYTES_PER_CACHED_WORKFLOW);
  return Math.max(MIN_CACHED_WORKFLOWS, fits);
}
