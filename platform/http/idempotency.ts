// Idempotency-Key for POSTs: the first response to a key is kept (per caller, for a day) and
// a replay of the same request gets it back, so a client that lost a response can retry
// without doing the thing twice. The same key with a different request is refused (422); a
// replay while the first is still running gets 409.
//
// Under faults (decision 0013): each key has an operation id derived from the caller and the
// key, which the handlers use as the Workflow Update id (and the declaration's certification
// id), so Temporal itself answers a re-sent update with its first outcome. A reservation is a
// lease: an attempt whose outcome is unknown (5xx) or whose process died leaves the key
// reserved with its request fingerprint, and the next attempt with the key takes it over
// (at once after a 5xx, after the lease otherwise) and re-sends the same operation.
import { createHash } from 'node:crypto';
import type { PrismaClient } from '../../generated/prisma/client';
import { Prisma } from '../../generated/prisma/client';
import { Problem } from './problems';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
const RETENTION_MS = 24 * 60 * 60 * 1000;
/** How long an attempt holds its key before the key counts as abandoned. */
export const DEFAULT_LEASE_MS = 2 * 60 * 1000;

export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export type Reservation =
  | { kind: 'reserved'; operationId: string; takenOver: boolean }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'mismatch' }
  | { kind: 'in-progress'; retryAfterSeconds: number };

/** The header's value, validated; undefined when absent. */
export function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!KEY_PATTERN.test(header)) {
    throw new Problem(400, 'Bad Request', 'the Idempotency-Key header is invalid', [
      { field: IDEMPOTENCY_HEADER, message: '1 to 200 visible ASCII characters' },
    ]);
  }
  return header;
}

export function requestFingerprint(method: string, url: string, body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
  return createHash('sha256').update(`${method} ${url}\n${text}`, 'utf8').digest('hex');
}

/**
 * The same for every attempt of one caller's request with one key, and different for any
 * other caller or key: used as the Workflow Update id, so Temporal deduplicates the attempts.
 */
export function operationIdOf(principalId: string, key: string): string {
  const digest = createHash('sha256').update(`${principalId}\n${key}`, 'utf8').digest('hex');
  return `idem-${digest.slice(0, 40)}`;
}

/** A UUID-shaped id (version 8, RFC 9562) derived from an operation id. */
export function uuidFromOperation(operationId: string): string {
  const hex = createHash('sha256').update(operationId, 'utf8').digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function createIdempotencyStore(prisma: PrismaClient, options: { leaseMs?: number } = {}) {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const id = (principalId: string, key: string) => ({ principalId_key: { principalId, key } });

  type Found =
    Exclude<Reservation, { kind: 'reserved' }> | { kind: 'abandoned'; leaseExpiresAt: Date | null };

  async function existing(principalId: string, key: string, fingerprint: string, now: Date) {
    const row = await prisma.idempotencyRecord.findUnique({ where: id(principalId, key) });
    if (!row) return null;
    if (now.getTime() - row.createdAt.getTime() > RETENTION_MS) {
      await prisma.idempotencyRecord.deleteMany({ where: { principalId, key } });
      return null;
    }
    if (row.requestHash !== fingerprint) return { kind: 'mismatch' } as Found;
    if (row.status !== null) {
      return {
        kind: 'replay',
        response: {
          status: row.status,
          body: row.body,
          headers: (row.headers ?? {}) as Record<string, string>,
        },
      } as Found;
    }
    // Rows reserved before leases existed count from their creation.
    const expires = row.leaseExpiresAt ?? new Date(row.createdAt.getTime() + leaseMs);
    if (expires.getTime() > now.getTime()) {
      return {
        kind: 'in-progress',
        retryAfterSeconds: Math.max(1, Math.ceil((expires.getTime() - now.getTime()) / 1000)),
      } as Found;
    }
    return { kind: 'abandoned', leaseExpiresAt: row.leaseExpiresAt } as Found;
  }

  async function resolve(
    principalId: string,
    key: string,
    fingerprint: string,
    now: Date,
  ): Promise<Reservation | null> {
    const found = await existing(principalId, key, fingerprint, now);
    if (!found) return null;
    if (found.kind !== 'abandoned') return found;
    // Take the abandoned key over; of two attempts doing so at once, one wins the update.
    const taken = await prisma.idempotencyRecord.updateMany({
      where: { principalId, key, status: null, leaseExpiresAt: found.leaseExpiresAt },
      data: { leaseExpiresAt: new Date(now.getTime() + leaseMs) },
    });
    if (taken.count === 1) {
      return { kind: 'reserved', operationId: operationIdOf(principalId, key), takenOver: true };
    }
    const again = await existing(principalId, key, fingerprint, now);
    if (!again) return null;
    return again.kind === 'abandoned' ? { kind: 'in-progress', retryAfterSeconds: 1 } : again;
  }

  return {
    leaseMs,

    async reserve(args: {
      principalId: string;
      key: string;
      method: string;
      path: string;
      fingerprint: string;
      now?: Date;
    }): Promise<Reservation> {
      const now = args.now ?? new Date();
      const found = await resolve(args.principalId, args.key, args.fingerprint, now);
      if (found) return found;
      try {
        await prisma.idempotencyRecord.create({
          data: {
            principalId: args.principalId,
            key: args.key,
            method: args.method,
            path: args.path,
            requestHash: args.fingerprint,
            createdAt: now,
            leaseExpiresAt: new Date(now.getTime() + leaseMs),
          },
        });
        return {
          kind: 'reserved',
          operationId: operationIdOf(args.principalId, args.key),
          takenOver: false,
        };
      } catch (error) {
        // Another request with the key won the race: answer as that one's replay would.
        const raced = await resolve(args.principalId, args.key, args.fingerprint, now);
        if (raced) return raced;
        throw error;
      }
    },

    async complete(principalId: string, key: string, response: StoredResponse): Promise<void> {
      await prisma.idempotencyRecord.update({
        where: id(principalId, key),
        data: {
          status: response.status,
          body:
            response.body === null || response.body === undefined
              ? Prisma.JsonNull
              : (response.body as Prisma.InputJsonValue),
          headers: response.headers,
          leaseExpiresAt: null,
        },
      });
    },

    /**
     * The attempt failed and its outcome is unknown (a 5xx: it may have been carried out).
     * The key stays bound to its request, and the next attempt may take it over at once and
     * re-send the same operation, whose first outcome Temporal returns.
     */
    async abandon(principalId: string, key: string, now = new Date()): Promise<void> {
      await prisma.idempotencyRecord.updateMany({
        where: { principalId, key, status: null },
        data: { leaseExpiresAt: now },
      });
    },

    /** The response is not kept (a file): free the key. */
    async release(principalId: string, key: string): Promise<void> {
      await prisma.idempotencyRecord.deleteMany({ where: { principalId, key, status: null } });
    },
  };
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>;
