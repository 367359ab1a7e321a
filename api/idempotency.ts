// Idempotency-Key for POSTs: the first response to a key is kept (per caller, for a day) and
// a replay of the same request gets it back, so a client that lost a response can retry
// without doing the thing twice. The same key with a different request is refused (422); a
// replay while the first is still running gets 409.
import { createHash } from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client';
import { Prisma } from '../generated/prisma/client';
import { Problem } from './problems';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
const RETENTION_MS = 24 * 60 * 60 * 1000;

export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export type Reservation =
  | { kind: 'reserved' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'mismatch' }
  | { kind: 'in-progress' };

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

export function createIdempotencyStore(prisma: PrismaClient) {
  const id = (principalId: string, key: string) => ({ principalId_key: { principalId, key } });

  async function existing(principalId: string, key: string, fingerprint: string, now: Date) {
    const row = await prisma.idempotencyRecord.findUnique({ where: id(principalId, key) });
    if (!row) return null;
    if (now.getTime() - row.createdAt.getTime() > RETENTION_MS) {
      await prisma.idempotencyRecord.deleteMany({ where: { principalId, key } });
      return null;
    }
    if (row.requestHash !== fingerprint) return { kind: 'mismatch' } as const;
    if (row.status === null) return { kind: 'in-progress' } as const;
    return {
      kind: 'replay',
      response: {
        status: row.status,
        body: row.body,
        headers: (row.headers ?? {}) as Record<string, string>,
      },
    } as const;
  }

  return {
    async reserve(args: {
      principalId: string;
      key: string;
      method: string;
      path: string;
      fingerprint: string;
    }): Promise<Reservation> {
      const now = new Date();
      const found = await existing(args.principalId, args.key, args.fingerprint, now);
      if (found) return found;
      try {
        await prisma.idempotencyRecord.create({
          data: {
            principalId: args.principalId,
            key: args.key,
            method: args.method,
            path: args.path,
            requestHash: args.fingerprint,
          },
        });
        return { kind: 'reserved' };
      } catch (error) {
        // Another request with the key won the race: answer as that one's replay would.
        const raced = await existing(args.principalId, args.key, args.fingerprint, now);
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
        },
      });
    },

    /** The request failed in a way worth retrying (5xx): free the key. */
    async release(principalId: string, key: string): Promise<void> {
      await prisma.idempotencyRecord.deleteMany({ where: { principalId, key, status: null } });
    },
  };
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>;
