// How many workflows the worker may keep cached. The SDK's default grows with the heap (about
// 2,300 at a 4 GB heap); at ~2.5 MB per cached certification that filled the memory with parked
// workflows, and garbage collection then took the CPU the declarations needed (issue 16).
// Workflows that are not cached are replayed from their history on their next task, which for
// a parked certification (its next task months away) costs nothing meanwhile, and for an active
// one a replay of a small history (≤ 50 KB).
import { getHeapStatistics } from 'node:v8';

/**
 * What one cached certification workflow adds to the worker's RSS: bench:scale with a separate
 * worker process on PostgreSQL, 596 MB at 100 cached and 848 MB at 200 (decision 0028).
 */
export const BYTES_PER_CACHED_WORKFLOW = 2.5 * 1024 * 1024;
/** The share of the heap the workflow cache may take; the rest is for activities. */
export const CACHE_SHARE_OF_HEAP = 0.25;
/**
 * Never more than this for the cache, whatever the heap (204 workflows). It bounds the cache
 * only: a worker without the heap limit below still grew to 1.5 GB (decision 0028).
 */
export const CACHE_BYTES_CAP = 512 * 1024 * 1024;
/**
 * The worker process's V8 heap limit (`node --max-old-space-size`), as compose starts it: left
 * to itself V8 lets the heap grow towards its default of a quarter of the machine's memory
 * before it collects the contexts of evicted workflows, and the worker sat at 1.5 GB with 204
 * workflows cached and 1,000 parked. With this limit the cache is sized from it: about 56
 * workflows, as the heap limit V8 reports adds its young generation. 600 MB held the worker at
 * 913-1,024 MB with 40,000 parked, no margin under 1 GiB; 512 MB leaves one (decision 0028).
 */
export const WORKER_HEAP_MB = 512;
/** Never fewer: a busy moment (a campaign's bulk recheck) keeps this many workflows warm. */
export const MIN_CACHED_WORKFLOWS = 50;

/** The cache size for a heap of `heapLimitBytes`, unless the configuration names one. */
export function maxCachedWorkflows(
  configured: number | undefined,
  heapLimitBytes: number = getHeapStatistics().heap_size_limit,
): number {
  if (configured !== undefined) return configured;
  const budget = Math.min(heapLimitBytes * CACHE_SHARE_OF_HEAP, CACHE_BYTES_CAP);
  return Math.max(MIN_CACHED_WORKFLOWS, Math.floor(budget / BYTES_PER_CACHED_WORKFLOW));
}
