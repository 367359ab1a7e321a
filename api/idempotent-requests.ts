// Runs a state-changing request under its Idempotency-Key (decision 0013): the request id a
// response carries, and the replay, reservation and lease logic around a route's handler.
// The store itself is platform/http/idempotency.ts.
import type { Request, Response } from 'express';
import type { IdempotencyStore, StoredResponse } from '../platform/http/idempotency';
import {
  IDEMPOTENCY_HEADER,
  idempotencyKeyOf,
  requestFingerprint,
} from '../platform/http/idempotency';
import { Problem, RetryLater, problemDocument } from '../platform/http/problems';
import type { HandlerResult } from '../platform/http/routes';
import { RawBody } from '../platform/http/routes';

/** The request's id (from X-Request-Id or generated), set by the app's first middleware. */
export function requestIdOf(res: Response): string {
  return String(res.locals.requestId);
}

export /**
 * Runs a POST under its Idempotency-Key, if it has one: a replay answers with the stored
 * response. Responses to the request as the caller sent it are kept, refusals included. A
 * server error (5xx: the outcome is unknown) keeps the key bound to the request but lets the
 * next attempt take it over at once; that attempt runs with the same operation id, so an
 * action that was carried out is not carried out again (decision 0013).
 */
async function idempotently(
  store: IdempotencyStore,
  req: Request,
  res: Response,
  principalId: string,
  run: (operationId?: string) => Promise<HandlerResult>,
): Promise<HandlerResult> {
  const key = idempotencyKeyOf(req.get(IDEMPOTENCY_HEADER));
  if (key === undefined) return run();
  const reservation = await store.reserve({
    principalId,
    key,
    method: req.method,
    path: req.originalUrl,
    fingerprint: requestFingerprint(req.method, req.originalUrl, req.body),
  });
  switch (reservation.kind) {
    case 'mismatch':
      throw new Problem(
        422,
        'Unprocessable Content',
        'this Idempotency-Key was used with a different request',
        [{ field: IDEMPOTENCY_HEADER, message: 'already used for another request' }],
      );
    case 'in-progress':
      throw new RetryLater(
        409,
        'Conflict',
        'a request with this Idempotency-Key is still running',
        reservation.retryAfterSeconds,
      );
    case 'replay': {
      // A stored problem keeps its Content-Type header, which res.json leaves alone.
      const { status, body, headers } = reservation.response;
      return { status, body, headers: { ...headers, 'Idempotent-Replayed': 'true' } };
    }
    case 'reserved':
      break;
  }
  const { operationId } = reservation;
  try {
    const result = await run(operationId);
    if (result.body instanceof RawBody) {
      await store.release(principalId, key);
      return result;
    }
    await store.complete(principalId, key, {
      status: result.status,
      body: result.body,
      headers: result.headers ?? {},
    });
    return result;
  } catch (error) {
    if (error instanceof Problem && error.status < 500) {
      const stored: StoredResponse = {
        status: error.status,
        body: problemDocument(error, req.originalUrl, requestIdOf(res)),
        headers: { 'Content-Type': 'application/problem+json' },
      };
      await store.complete(principalId, key, stored);
    } else {
      // When the database itself is down this fails too; the lease then expires by itself.
      await store.abandon(principalId, key).catch(() => undefined);
    }
    throw error;
  }
}
