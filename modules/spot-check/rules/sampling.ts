// The spot-check draw (抽查) as a pure function: from a recorded seed and a recorded list of
// candidates, which certified offices are chosen. Nothing here reads a clock or a global
// random source, so anyone holding a draw's record can re-run it and must get the same
// offices — that is what makes a draw auditable. See
// docs/decisions/0009-seeded-spot-check-draws.md.
import { z } from 'zod';
import { shareOf } from '../../campaign/workflow-api';
import { CertificationStatus } from '../../certification/workflow-api';

/** Recorded with every draw; a future change of algorithm gets a new name. */
export const SAMPLING_ALGORITHM = 'cyrb128-sfc32-fisher-yates-v1';

export const SamplingCandidate = z.object({
  certificationId: z.string().min(1),
  officeId: z.string().min(1),
  countyId: z.string().min(1),
  status: CertificationStatus,
});
export type SamplingCandidate = z.infer<typeof SamplingCandidate>;

/** The share of certified offices drawn each time (seed 003: 随时开展抽查; e.g. 5%). */
export const SamplingShare = z.number().gt(0).max(1);

/** A seed: 32 hex digits (128 bits). */
export const SamplingSeed = z.string().regex(/^[0-9a-f]{32}$/, 'must be 32 lowercase hex digits');

/** How many to draw from `n` candidates: ⌈share × n⌉, at least one if there is any. */
export function sampleSize(share: number, n: number): number {
  if (n <= 0) return 0;
  return Math.min(n, Math.max(1, shareOf(share, n)));
}

/**
 * The candidates in the order the draw uses: certified only, one per certification, sorted
 * by office id then certification id (code-unit order, independent of locale), so the order
 * in which the database returned them does not matter.
 */
export function orderCandidates(candidates: readonly SamplingCandidate[]): SamplingCandidate[] {
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = candidates
    .filter((c) => c.status === 'CERTIFIED')
    .sort(
      (a, b) =>
        cmp(a.officeId, b.officeId) ||
        cmp(a.certificationId, b.certificationId) ||
        cmp(a.countyId, b.countyId),
    );
  // Deduplicated after sorting, so which duplicate survives does not depend on input order.
  const seen = new Set<string>();
  return sorted.filter((c) => !seen.has(c.certificationId) && seen.add(c.certificationId));
}

/** cyrb128: a string hash to four 32-bit words, the state of sfc32. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 32-bit unsigned outputs. */
export function seededGenerator(seed: string): () => number {
  let [a, b, c, d] = cyrb128(seed);
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
}

/** An unbiased integer in [0, bound) by rejection sampling. */
function below(next: () => number, bound: number): number {
  const limit = 0x1_0000_0000 - (0x1_0000_0000 % bound);
  for (;;) {
    const x = next();
    if (x < limit) return x % bound;
  }
}

/** A fresh seed from a source of uniform numbers in [0, 1) (the workflow's seeded Math.random). */
export function newSeed(random: () => number): string {
  let hex = '';
  for (let i = 0; i < 4; i++) {
    hex += Math.floor(random() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, '0');
  }
  return hex;
}

export interface Draw {
  seed: string;
  algorithm: typeof SAMPLING_ALGORITHM;
  share: number;
  /** The candidates in draw order (certified only): what a draw records. */
  candidates: SamplingCandidate[];
  /** The chosen ones, in the order they were drawn. */
  chosen: SamplingCandidate[];
}

/**
 * Draws `sampleSize(share, n)` of the certified candidates without replacement: a partial
 * Fisher–Yates shuffle of the ordered candidates driven by sfc32 seeded from `seed`.
 */
export function drawSample(args: {
  seed: string;
  share: number;
  candidates: readonly SamplingCandidate[];
}): Draw {
  const candidates = orderCandidates(args.candidates);
  const k = sampleSize(args.share, candidates.length);
  const next = seededGenerator(args.seed);
  const pool = [...candidates];
  for (let i = 0; i < k; i++) {
    const j = i + below(next, pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return {
    seed: args.seed,
    algorithm: SAMPLING_ALGORITHM,
    share: args.share,
    candidates,
    chosen: pool.slice(0, k),
  };
}

export interface Reproduction {
  matches: boolean;
  recorded: string[];
  reproduced: string[];
}

/** Re-runs a recorded draw and compares the chosen certification ids, in order. */
export function reproduceDraw(record: {
  seed: string;
  share: number;
  algorithm: string;
  candidates: readonly SamplingCandidate[];
  chosen: readonly string[];
}): Reproduction {
  if (record.algorithm !== SAMPLING_ALGORITHM) {
    throw new Error(`unknown sampling algorithm ${record.algorithm}`);
  }
  const reproduced = drawSample(record).chosen.map((c) => c.certificationId);
  const recorded = [...record.chosen];
  return {
    matches:
      reproduced.length === recorded.length && reproduced.every((id, i) => id === recorded[i]),
    recorded,
    reproduced,
  };
}
