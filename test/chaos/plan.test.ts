// The chaos suite's pure rules: a seed reproduces its fault plan, and the figures the run ends
// with (p99, actions applied twice, duplicate emails, the verdict) are counted as documented.
import {
  FAULT_KINDS,
  SEND_WINDOW_MS,
  duplicateMessages,
  extraApplications,
  parseSummary,
  passed,
  percentile,
  planFaults,
  revisionGaps,
  seededRandom,
  summaryLine,
} from '../../scripts/chaos/plan';
import { worthRetrying } from '../../scripts/chaos/driver';
import { POSTGRES_MISSING, findPostgresBin } from '../../scripts/chaos/postgres';

test('the same seed draws the same numbers and the same fault plan; another seed does not', () => {
  const a = seededRandom(42);
  const b = seededRandom(42);
  const drawn = Array.from({ length: 5 }, () => a());
  expect(Array.from({ length: 5 }, () => b())).toEqual(drawn);
  expect(drawn.every((x) => x >= 0 && x < 1)).toBe(true);

  const plan = (seed: number) =>
    planFaults({ seed, count: 12, kinds: FAULT_KINDS, maxDownMs: 5000 });
  expect(plan(7)).toEqual(plan(7));
  expect(plan(8)).not.toEqual(plan(7));
});

test('a plan meets every kind first, stays in order inside the run and within the downtime', () => {
  const plan = planFaults({ seed: 3, count: 10, kinds: FAULT_KINDS, maxDownMs: 4000 });
  expect(plan).toHaveLength(10);
  expect(new Set(plan.slice(0, 4).map((f) => f.kind))).toEqual(new Set(FAULT_KINDS));
  for (const [i, fault] of plan.entries()) {
    expect(fault.atProgress).toBeGreaterThan(0);
    expect(fault.atProgress).toBeLessThan(1);
    if (i > 0) expect(fault.atProgress).toBeGreaterThan((plan[i - 1] as typeof fault).atProgress);
    if (fault.kind === 'worker-kill') expect(fault.downMs).toBe(0);
    else expect(fault.downMs).toBeGreaterThanOrEqual(500);
    expect(fault.downMs).toBeLessThanOrEqual(4000);
  }
  const withoutPostgres = planFaults({
    seed: 3,
    count: 10,
    kinds: FAULT_KINDS.filter((k) => k !== 'postgres-restart'),
    maxDownMs: 4000,
  });
  expect(withoutPostgres.some((f) => f.kind === 'postgres-restart')).toBe(false);
});

test('p99 is the nearest-rank percentile', () => {
  const samples = Array.from({ length: 200 }, (_, i) => i + 1);
  expect(percentile(samples, 99)).toBe(198);
  expect(percentile(samples, 50)).toBe(100);
  expect(percentile([5], 99)).toBe(5);
  expect(percentile([], 99)).toBe(0);
});

test('an intended action shown twice counts once as applied twice; other actions do not count', () => {
  const intended = ['DECLARED', 'EVIDENCE_ADDED', 'CERTIFIED'];
  expect(extraApplications(intended, ['DECLARED', 'EVIDENCE_ADDED', 'CERTIFIED'])).toBe(0);
  expect(
    extraApplications(intended, ['DECLARED', 'EVIDENCE_ADDED', 'EVIDENCE_ADDED', 'CERTIFIED']),
  ).toBe(1);
  expect(extraApplications(intended, ['DECLARED', 'REMINDED', 'REMINDED'])).toBe(0);
  expect(revisionGaps([1, 2, 3])).toBe(0);
  expect(revisionGaps([1, 2, 4])).toBe(1);
  const copies = (ids: (string | undefined)[]) =>
    ids.map((messageId, i) => ({ messageId, acceptedAt: 1000 * (i + 1) }));
  expect(duplicateMessages(copies(['<a@x>', '<b@x>', '<a@x>', undefined, '<a@x>']), [])).toEqual({
    duplicates: 2,
    resentAfterKill: [],
  });
});

test('a copy sent again after a worker died between the relay’s 250 and its record is told apart', () => {
  const first = { messageId: '<a@x>', acceptedAt: 10_000 };
  const again = { messageId: '<a@x>', acceptedAt: 160_000 };
  // Killed 4 ms after the sink accepted it: the worker never recorded the send.
  expect(duplicateMessages([again, first], [10_004])).toEqual({
    duplicates: 0,
    resentAfterKill: [
      { messageId: '<a@x>', acceptedAt: 10_000, killedAt: 10_004, resentAt: 160_000 },
    ],
  });
  // A kill before the first copy, long after it, or after the second excuses nothing.
  expect(duplicateMessages([first, again], [9_999]).duplicates).toBe(1);
  expect(duplicateMessages([first, again], [10_000 + SEND_WINDOW_MS + 1]).duplicates).toBe(1);
  expect(duplicateMessages([first, { ...again, acceptedAt: 10_002 }], [10_004]).duplicates).toBe(1);
  // One kill explains one resend; a third copy is a duplicate of the system's own.
  expect(
    duplicateMessages([first, again, { messageId: '<a@x>', acceptedAt: 170_000 }], [10_004]),
  ).toMatchObject({ duplicates: 1, resentAfterKill: [{ resentAt: 160_000 }] });
});

test('an unknown outcome is retried; a refusal is not', () => {
  expect(worthRetrying(500, null)).toBe(true);
  expect(worthRetrying(503, null)).toBe(true);
  expect(worthRetrying(429, null)).toBe(true);
  expect(
    worthRetrying(409, { detail: 'a request with this Idempotency-Key is still running' }),
  ).toBe(true);
  expect(worthRetrying(409, { detail: 'cannot request verification while VERIFYING' })).toBe(false);
  expect(worthRetrying(400, null)).toBe(false);
});

test('the summary line carries every figure, reads back, and decides the verdict', () => {
  const figures = {
    lifecycles: 20,
    faults: 4,
    lost: 0,
    appliedTwice: 0,
    duplicateEmails: 0,
    reconcile: 'clean',
    p99Ms: 1234,
    seed: 9,
    extra: { retries: 3 },
  };
  const line = summaryLine(figures);
  expect(line).toBe(
    'chaos lifecycles=20 faults=4 lost=0 applied_twice=0 duplicate_emails=0 reconcile=clean p99_ms=1234 seed=9 retries=3',
  );
  expect(parseSummary(line)).toMatchObject({ lifecycles: '20', reconcile: 'clean', retries: '3' });
  expect(parseSummary('[chaos] something else')).toBeUndefined();
  expect(passed(figures)).toBe(true);
  expect(passed({ ...figures, appliedTwice: 1 })).toBe(false);
  expect(passed({ ...figures, lost: 1 })).toBe(false);
  expect(passed({ ...figures, duplicateEmails: 1 })).toBe(false);
  expect(passed({ ...figures, reconcile: 'mismatches_1_pending_0' })).toBe(false);
});

test('without Debian PostgreSQL binaries there is no server to start, and the message says what to do', () => {
  expect(findPostgresBin('/nonexistent/postgresql')).toBeUndefined();
  expect(POSTGRES_MISSING).toMatch(/apt-get install postgresql/);
  expect(POSTGRES_MISSING).toMatch(/DATABASE_URL/);
});
