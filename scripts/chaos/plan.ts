// The pure part of the chaos suite: the seeded random source, the fault plan it draws, and the
// figures the run ends with (p99, actions applied twice, duplicate emails, the summary line).
// Everything here is deterministic, so a seed reproduces the same plan and the rules are
// unit-tested without starting anything.

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; enough to reproduce a fault plan. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FAULT_KINDS = [
  'worker-kill',
  'temporal-restart',
  'postgres-restart',
  'smtp-restart',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface PlannedFault {
  kind: FaultKind;
  /** Injected once this share (0–1) of the run's requests have been answered. */
  atProgress: number;
  /** How long the dependency stays down before it is started again. */
  downMs: number;
  /** Temporal only: stop it hard (SIGKILL) instead of asking it to stop (SIGTERM). */
  hard: boolean;
}

/**
 * Draws `count` faults from `kinds`, spread over the run: the first ones take each kind once
 * (in a random order), so even a short run meets every kind; the rest are drawn at random.
 */
export function planFaults(args: {
  seed: number;
  count: number;
  kinds: readonly FaultKind[];
  maxDownMs: number;
}): PlannedFault[] {
  const random = seededRandom(args.seed);
  const shuffled = [...args.kinds];
  for (let i = shuffled.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as FaultKind, shuffled[i] as FaultKind];
  }
  const faults: PlannedFault[] = [];
  for (let i = 0; i < args.count; i += 1) {
    const kind =
      i < shuffled.length
        ? (shuffled[i] as FaultKind)
        : (args.kinds[Math.floor(random() * args.kinds.length)] as FaultKind);
    // Evenly spaced slots with a jitter inside each slot, so faults never bunch at the end.
    const slot = 1 / (args.count + 1);
    const atProgress = slot * (i + 1) + (random() - 0.5) * slot * 0.8;
    const downMs = kind === 'worker-kill' ? 0 : Math.round(500 + random() * (args.maxDownMs - 500));
    faults.push({ kind, atProgress, downMs, hard: random() < 0.5 });
  }
  return faults;
}

/** The nearest-rank percentile of the samples (0 when there are none). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/**
 * How many of the intended actions a certification's timeline shows more than once: each
 * intended action must appear exactly once, so every extra occurrence was applied twice.
 */
export function extraApplications(
  intended: readonly string[],
  timeline: readonly string[],
): number {
  let extra = 0;
  for (const action of new Set(intended)) {
    const wanted = intended.filter((a) => a === action).length;
    const seen = timeline.filter((a) => a === action).length;
    if (seen > wanted) extra += seen - wanted;
  }
  return extra;
}

/** Revisions missing from a timeline that should run 1, 2, 3, … without a gap. */
export function revisionGaps(revisions: readonly number[]): number {
  if (revisions.length === 0) return 0;
  const highest = Math.max(...revisions);
  return highest - new Set(revisions).size;
}

/** A message the sink stored: its Message-ID and when (the sink's clock, this machine's). */
export interface CapturedCopy {
  messageId: string | undefined;
  acceptedAt: number;
}

/** A copy the sink accepted again after a worker was killed just after its first acceptance. */
export interface ResentAfterKill {
  messageId: string;
  acceptedAt: number;
  killedAt: number;
  resentAt: number;
}

/**
 * How long after the sink accepts a message a worker SIGKILL can still lose the record that it
 * was sent: the sink's 250 on its way back and one UPDATE. Milliseconds in practice; a second
 * leaves room for a loaded machine without excusing anything that happens away from a kill.
 */
export const SEND_WINDOW_MS = 1000;

/**
 * Accepted copies beyond the first per Message-ID (one notification delivered twice), split
 * into the one case the design cannot avoid and everything else. SMTP cannot tell a sender
 * whose process died between the relay's 250 and its own record whether the message went out
 * (RFC 1047); the outbox then sends it again, same Message-ID, rather than risk losing it. So a
 * copy is `resentAfterKill` when a worker was killed at most SEND_WINDOW_MS after the previous
 * copy was accepted and before this one was; any other copy is a duplicate the system made.
 */
export function duplicateMessages(
  copies: readonly CapturedCopy[],
  workerKills: readonly number[],
): { duplicates: number; resentAfterKill: ResentAfterKill[] } {
  const byId = new Map<string, number[]>();
  for (const { messageId, acceptedAt } of copies) {
    if (messageId === undefined) continue;
    byId.set(messageId, [...(byId.get(messageId) ?? []), acceptedAt]);
  }
  let duplicates = 0;
  const resentAfterKill: ResentAfterKill[] = [];
  for (const [messageId, times] of byId) {
    const sorted = [...times].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i += 1) {
      const acceptedAt = sorted[i - 1] as number;
      const resentAt = sorted[i] as number;
      const killedAt = workerKills.find(
        (kill) => kill >= acceptedAt && kill - acceptedAt <= SEND_WINDOW_MS && kill < resentAt,
      );
      if (killedAt === undefined) duplicates += 1;
      else resentAfterKill.push({ messageId, acceptedAt, killedAt, resentAt });
    }
  }
  return { duplicates, resentAfterKill };
}

export interface ChaosFigures {
  lifecycles: number;
  faults: number;
  lost: number;
  appliedTwice: number;
  /** Copies beyond the first per Message-ID, but those resent after a worker kill (above). */
  duplicateEmails: number;
  /** 'clean', or how many mismatches and unsettled certifications reconcile reported. */
  reconcile: string;
  p99Ms: number;
  seed: number;
  /** Diagnostics that do not decide the verdict on their own. */
  extra: Record<string, number | string>;
}

export function passed(figures: ChaosFigures): boolean {
  return (
    figures.lost === 0 &&
    figures.appliedTwice === 0 &&
    figures.duplicateEmails === 0 &&
    figures.reconcile === 'clean'
  );
}

/** The one line a run ends with. */
export function summaryLine(figures: ChaosFigures): string {
  const extra = Object.entries(figures.extra).map(([name, value]) => `${name}=${value}`);
  return [
    'chaos',
    `lifecycles=${figures.lifecycles}`,
    `faults=${figures.faults}`,
    `lost=${figures.lost}`,
    `applied_twice=${figures.appliedTwice}`,
    `duplicate_emails=${figures.duplicateEmails}`,
    `reconcile=${figures.reconcile}`,
    `p99_ms=${figures.p99Ms}`,
    `seed=${figures.seed}`,
    ...extra,
  ].join(' ');
}

/** Reads a summary line back (the jest short run asserts on it). */
export function parseSummary(line: string): Record<string, string> | undefined {
  if (!line.startsWith('chaos ')) return undefined;
  return Object.fromEntries(
    line
      .slice('chaos '.length)
      .split(' ')
      .map((pair) => {
        const at = pair.indexOf('=');
        return [pair.slice(0, at), pair.slice(at + 1)];
      }),
  );
}
