// The worker's workflow cache is bounded by configuration or by the heap, never by the SDK's
// heap-proportional default that let parked certifications fill the memory (issue 16).
import { loadConfig } from '../../platform/config/env';
import {
  BYTES_PER_CACHED_WORKFLOW,
  CACHE_BYTES_CAP,
  MIN_CACHED_WORKFLOWS,
  WORKER_HEAP_MB,
  maxCachedWorkflows,
} from '../../worker/cache-size';

const GiB = 1024 * 1024 * 1024;

test('a configured size is used as given, zero included (no cache at all)', () => {
  expect(maxCachedWorkflows(300, 8 * GiB)).toBe(300);
  expect(maxCachedWorkflows(0, 8 * GiB)).toBe(0);
});

test('unset, the cache takes a quarter of the heap at the measured size per workflow', () => {
  expect(maxCachedWorkflows(undefined, 1 * GiB)).toBe(
    Math.floor(GiB / 4 / BYTES_PER_CACHED_WORKFLOW),
  );
  expect(maxCachedWorkflows(undefined, 1 * GiB)).toBe(102);
});

test('however large the heap, the cache stays within its cap, keeping the worker under 1 GiB', () => {
  expect(maxCachedWorkflows(undefined, 4 * GiB)).toBe(
    Math.floor(CACHE_BYTES_CAP / BYTES_PER_CACHED_WORKFLOW),
  );
  expect(maxCachedWorkflows(undefined, 4 * GiB)).toBe(204);
  expect(maxCachedWorkflows(undefined, 32 * GiB)).toBe(204);
});

test('the heap compose gives the worker caches 51 workflows', () => {
  expect(maxCachedWorkflows(undefined, WORKER_HEAP_MB * 1024 * 1024)).toBe(51);
});

test('a small heap still keeps a working minimum', () => {
  expect(maxCachedWorkflows(undefined, 64 * 1024 * 1024)).toBe(MIN_CACHED_WORKFLOWS);
});

test('WORKER_MAX_CACHED_WORKFLOWS is read and checked', () => {
  expect(loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '250' }).worker.maxCachedWorkflows).toBe(250);
  expect(loadConfig({}).worker.maxCachedWorkflows).toBeUndefined();
  expect(() => loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '-1' })).toThrow(
    /WORKER_MAX_CACHED_WORKFLOWS/,
  );
});
