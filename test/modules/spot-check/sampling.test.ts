// The seeded spot-check draw: reproducible from its seed and candidates, independent of the
// order the candidates came in, the right size, and never an office that is not certified.
import fc from 'fast-check';
import type { SamplingCandidate } from '../../../modules/spot-check/rules/sampling';
import {
  SAMPLING_ALGORITHM,
  SamplingSeed,
  drawSample,
  newSeed,
  reproduceDraw,
  sampleSize,
  seededGenerator,
} from '../../../modules/spot-check/rules/sampling';
import type { CertificationStatus } from '../../../modules/certification/rules/schemas';
import { CertificationStatus as StatusSchema } from '../../../modules/certification/rules/schemas';

const RUNS = { numRuns: 300 };

function candidate(n: number, status: CertificationStatus = 'CERTIFIED'): SamplingCandidate {
  const id = String(n).padStart(4, '0');
  return { certificationId: `cert-${id}`, officeId: `office-${id}`, countyId: 'c', status };
}

const candidateArb: fc.Arbitrary<SamplingCandidate> = fc.record({
  certificationId: fc.stringMatching(/^cert-[a-z0-9]{1,6}$/),
  officeId: fc.stringMatching(/^office-[a-z0-9]{1,6}$/),
  countyId: fc.constantFrom('a', 'b', 'c'),
  status: fc.constantFrom(...StatusSchema.options),
});
const seedArb = fc
  .array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 4, maxLength: 4 })
  .map((words) => words.map((w) => w.toString(16).padStart(8, '0')).join(''));
const shareArb = fc.double({ min: 0.001, max: 1, noNaN: true });

describe('sampleSize', () => {
  it('draws ⌈share × n⌉, at least one when there is any, never more than there are', () => {
    expect(sampleSize(0.05, 0)).toBe(0);
    expect(sampleSize(0.05, 1)).toBe(1);
    expect(sampleSize(0.05, 104)).toBe(6);
    expect(sampleSize(0.1, 1030)).toBe(103);
    expect(sampleSize(1, 7)).toBe(7);
  });
});

describe('drawSample', () => {
  const pool = Array.from({ length: 40 }, (_, i) => candidate(i));

  it('gives the same offices for the same seed, and (almost always) others for another', () => {
    const seed = '0123456789abcdef0123456789abcdef';
    const first = drawSample({ seed, share: 0.25, candidates: pool });
    expect(first.chosen).toHaveLength(10);
    expect(drawSample({ seed, share: 0.25, candidates: pool }).chosen).toEqual(first.chosen);
    const other = drawSample({ seed: 'f'.repeat(32), share: 0.25, candidates: pool });
    expect(other.chosen).not.toEqual(first.chosen);
  });

  it('pins its output for a known seed, so a change of algorithm cannot go unnoticed', () => {
    const draw = drawSample({
      seed: '00000000000000000000000000000000',
      share: 0.1,
      candidates: pool,
    });
    expect(draw.algorithm).toBe(SAMPLING_ALGORITHM);
    expect(draw.chosen.map((c) => c.officeId)).toEqual([
      'office-0024',
      'office-0033',
      'office-0037',
      'office-0039',
    ]);
  });

  it('records only certified candidates, in a stable order', () => {
    const mixed = [candidate(3), candidate(1, 'RECTIFYING'), candidate(2), candidate(0, 'REVOKED')];
    const draw = drawSample({ seed: 'a'.repeat(32), share: 1, candidates: mixed });
    expect(draw.candidates.map((c) => c.officeId)).toEqual(['office-0002', 'office-0003']);
    expect(draw.chosen.map((c) => c.status)).toEqual(['CERTIFIED', 'CERTIFIED']);
  });
});

describe('drawSample properties', () => {
  it('never picks an office that is not certified, nor one twice, and draws the right number', () => {
    fc.assert(
      fc.property(
        seedArb,
        shareArb,
        fc.array(candidateArb, { maxLength: 60 }),
        (seed, share, cs) => {
          const draw = drawSample({ seed, share, candidates: cs });
          const certified = new Set(
            cs.filter((c) => c.status === 'CERTIFIED').map((c) => c.certificationId),
          );
          for (const c of draw.chosen) {
            expect(c.status).toBe('CERTIFIED');
            expect(certified.has(c.certificationId)).toBe(true);
          }
          const ids = draw.chosen.map((c) => c.certificationId);
          expect(new Set(ids).size).toBe(ids.length);
          expect(ids).toHaveLength(sampleSize(share, certified.size));
        },
      ),
      RUNS,
    );
  });

  it('is reproducible from the recorded seed and candidates', () => {
    fc.assert(
      fc.property(
        seedArb,
        shareArb,
        fc.array(candidateArb, { maxLength: 60 }),
        (seed, share, cs) => {
          const draw = drawSample({ seed, share, candidates: cs });
          const again = reproduceDraw({
            seed,
            share,
            algorithm: draw.algorithm,
            candidates: draw.candidates,
            chosen: draw.chosen.map((c) => c.certificationId),
          });
          expect(again.matches).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('does not depend on the order the candidates came in', () => {
    fc.assert(
      fc.property(
        seedArb,
        shareArb,
        fc
          .array(candidateArb, { maxLength: 60 })
          .chain((cs) =>
            fc.tuple(fc.constant(cs), fc.shuffledSubarray(cs, { minLength: cs.length })),
          ),
        (seed, share, [cs, shuffled]) => {
          expect(drawSample({ seed, share, candidates: shuffled }).chosen).toEqual(
            drawSample({ seed, share, candidates: cs }).chosen,
          );
        },
      ),
      RUNS,
    );
  });

  it('detects a tampered record', () => {
    const pool = Array.from({ length: 20 }, (_, i) => candidate(i));
    const draw = drawSample({ seed: 'b'.repeat(32), share: 0.2, candidates: pool });
    const chosen = draw.chosen.map((c) => c.certificationId);
    const swapped = pool.find((c) => !chosen.includes(c.certificationId))!.certificationId;
    const result = reproduceDraw({ ...draw, chosen: [swapped, ...chosen.slice(1)] });
    expect(result.matches).toBe(false);
    expect(result.reproduced).toEqual(chosen);
  });
});

describe('seeds', () => {
  it('makes 32-hex-digit seeds from a uniform source', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 0.9999999, noNaN: true }), {
          minLength: 4,
          maxLength: 4,
        }),
        (xs) => {
          let i = 0;
          expect(SamplingSeed.safeParse(newSeed(() => xs[i++]!)).success).toBe(true);
        },
      ),
    );
  });

  it('spreads a generator’s outputs over the 32-bit range', () => {
    const next = seededGenerator('spread');
    const buckets = new Array<number>(8).fill(0);
    for (let i = 0; i < 8000; i++) buckets[Math.floor(next() / 0x20000000)]! += 1;
    for (const count of buckets) expect(count).toBeGreaterThan(800);
  });
});
