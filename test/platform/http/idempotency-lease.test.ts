// Idempotency-Key reservations are leases (decision 0013): a key held by an attempt that died
// counts as abandoned once its lease expires, and exactly one later attempt takes it over with
// the same operation id; an attempt whose outcome is unknown hands its key over at once.
import { createIdempotencyStore, operationIdOf } from '../../../platform/http/idempotency';
import { createTestDatabase } from '../../support/database';
import type { TestDatabase } from '../../support/database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.close();
});

const LEASE_MS = 120_000;
const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);

function attempt(key: string, now: Date, fingerprint = 'same-request') {
  const store = createIdempotencyStore(db.prisma, { leaseMs: LEASE_MS });
  return store.reserve({
    principalId: 'caller',
    key,
    method: 'POST',
    path: '/x',
    fingerprint,
    now,
  });
}

test('a key is held for its lease, then taken over by exactly one attempt with the same operation id', async () => {
  const first = await attempt('k1', at(0));
  expect(first).toEqual({
    kind: 'reserved',
    operationId: operationIdOf('caller', 'k1'),
    takenOver: false,
  });

  expect(await attempt('k1', at(30_000))).toEqual({ kind: 'in-progress', retryAfterSeconds: 90 });
  expect(await attempt('k1', at(30_000), 'another-request')).toEqual({ kind: 'mismatch' });

  const racing = await Promise.all([
    attempt('k1', at(LEASE_MS + 1)),
    attempt('k1', at(LEASE_MS + 1)),
  ]);
  const kinds = racing.map((r) => r.kind).sort();
  expect(kinds).toEqual(['in-progress', 'reserved']);
  expect(racing.find((r) => r.kind === 'reserved')).toEqual({
    kind: 'reserved',
    operationId: operationIdOf('caller', 'k1'),
    takenOver: true,
  });
});

test('an attempt with an unknown outcome hands its key to the next attempt at once, still bound to its request', async () => {
  const store = createIdempotencyStore(db.prisma, { leaseMs: LEASE_MS });
  expect((await attempt('k2', at(0))).kind).toBe('reserved');
  await store.abandon('caller', 'k2', at(1000));
  expect(await attempt('k2', at(1000), 'another-request')).toEqual({ kind: 'mismatch' });
  expect(await attempt('k2', at(1000))).toMatchObject({ kind: 'reserved', takenOver: true });
});

test('a completed key replays its response and is never taken over', async () => {
  const store = createIdempotencyStore(db.prisma, { leaseMs: LEASE_MS });
  expect((await attempt('k3', at(0))).kind).toBe('reserved');
  await store.complete('caller', 'k3', { status: 200, body: { ok: true }, headers: {} });
  expect(await attempt('k3', at(LEASE_MS * 3))).toEqual({
    kind: 'replay',
    response: { status: 200, body: { ok: true }, headers: {} },
  });
});

test('different callers with the same key get different operation ids', () => {
  expect(operationIdOf('a', 'k')).not.toBe(operationIdOf('b', 'k'));
  expect(operationIdOf('a', 'k')).toBe(operationIdOf('a', 'k'));
});
