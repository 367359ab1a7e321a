// Honest answers while a dependency is down: an error that says the database or Temporal
// cannot be reached becomes 503 with Retry-After, naming the dependency, instead of a 500.
// The request may be retried (with the same Idempotency-Key, see idempotency.ts).
import { isDatabaseUnavailable } from '../db/database-errors';
import { RetryLater } from './problems';

export type Dependency = 'database' | 'temporal';

/** Seconds a client should wait before retrying while a dependency is down. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

// gRPC status codes: DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, UNAVAILABLE.
const UNAVAILABLE_GRPC_CODES = new Set([4, 8, 14]);

/** Temporal's frontend did not answer (stopped, restarting, overloaded, unreachable). */
export function isTemporalUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const e = current as { name?: unknown; code?: unknown; details?: unknown; message?: unknown };
    // A gRPC status error carries a numeric code and a `details` string.
    if (typeof e.code === 'number' && typeof e.details === 'string') {
      return UNAVAILABLE_GRPC_CODES.has(e.code);
    }
    // The update's own deadline passed or its call was cut: its outcome is unknown.
    if (e.name === 'WorkflowUpdateRPCTimeoutOrCancelledError') return true;
    if (
      typeof e.message === 'string' &&
      /Failed to connect|No connection established/.test(e.message)
    )
      return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export function unavailable(dependency: Dependency): RetryLater {
  const what = dependency === 'database' ? 'the database' : 'the workflow engine (Temporal)';
  return new RetryLater(
    503,
    'Service Unavailable',
    `${what} is unreachable; the request may not have been carried out — retry it later with the same Idempotency-Key`,
    UNAVAILABLE_RETRY_AFTER_SECONDS,
    { dependency },
  );
}

/** The 503 for an error caused by an unreachable dependency, or null for any other error. */
export function unavailableProblem(error: unknown): RetryLater | null {
  // Temporal first: its connection errors also read "ECONNREFUSED".
  if (isTemporalUnavailable(error)) return unavailable('temporal');
  if (isDatabaseUnavailable(error)) return unavailable('database');
  return null;
}
