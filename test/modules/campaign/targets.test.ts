// Campaign targets and progress: seed 003's quota, county quotas, the pace forecast and the
// counties behind at a milestone; then properties over generated campaigns (fast-check).
import fc from 'fast-check';
import type {
  CampaignProgressInput,
  CampaignTargets,
  CertificationFact,
} from '../../../modules/campaign/rules/targets';
import {
  CampaignTargets as CampaignTargetsSchema,
  SEED_003_TARGETS,
  amountFor,
  campaignProgress,
  countyQuota,
  shareOf,
} from '../../../modules/campaign/rules/targets';
import type { CertificationStatus } from '../../../modules/certification/rules/schemas';
import { endOfChinaDay } from '../../../modules/shared/china-time';

const DAY = 86_400_000;
const START = Date.parse('2022-01-01T00:00:00+08:00');
const END = Date.parse('2025-01-01T00:00:00+08:00');

function facts(countyId: string, status: CertificationStatus, n: number, at: number | null) {
  return Array.from({ length: n }, (): CertificationFact => ({
    countyId,
    status,
    certifiedAt: at,
  }));
}

describe('targets', () => {
  it('asks at least 104 of seed 003’s 1,034 offices', () => {
    expect(amountFor(SEED_003_TARGETS.city, 1034)).toBe(104);
  });

  it('rounds a share up without binary-fraction surprises', () => {
    expect(shareOf(0.1, 1030)).toBe(103);
    expect(shareOf(0.1, 1031)).toBe(104);
    expect(shareOf(0.07, 100)).toBe(7);
  });

  it('accepts a share or a count, not both, and milestones in date order', () => {
    expect(CampaignTargetsSchema.safeParse({ city: { share: 0.1 } }).success).toBe(true);
    expect(CampaignTargetsSchema.safeParse({ city: { count: 104 } }).success).toBe(true);
    expect(CampaignTargetsSchema.safeParse({ city: { share: 0.1, count: 3 } }).success).toBe(false);
    expect(CampaignTargetsSchema.safeParse({ city: { share: 1.5 } }).success).toBe(false);
    const milestones = [
      { date: '2023-12-31', expected: { share: 0.5 } },
      { date: '2022-12-31', expected: { share: 0.2 } },
    ];
    expect(CampaignTargetsSchema.safeParse({ city: { share: 0.1 }, milestones }).success).toBe(
      false,
    );
  });

  it('gives a county its explicit quota, else its part of the city target', () => {
    const targets: CampaignTargets = { city: { count: 30 }, counties: { a: { count: 2 } } };
    expect(countyQuota(targets, 'a', 100, 300)).toEqual({ quota: 2, source: 'EXPLICIT' });
    expect(countyQuota(targets, 'b', 100, 300)).toEqual({ quota: 10, source: 'PROPORTIONAL' });
    expect(countyQuota({ city: { share: 0.1 } }, 'b', 25, 300)).toEqual({
      quota: 3,
      source: 'PROPORTIONAL',
    });
  });

  it('reads China calendar dates as ending at midnight UTC+8', () => {
    expect(new Date(endOfChinaDay('2022-12-31')).toISOString()).toBe('2022-12-31T16:00:00.000Z');
  });
});

describe('campaignProgress', () => {
  const counties = [
    { countyId: 'a', offices: 100 },
    { countyId: 'b', offices: 100 },
  ];
  const oneYearIn = START + 365 * DAY;

  it('counts statuses per county and for the city, and certified + rectifying as achieved', () => {
    const p = campaignProgress({
      targets: { city: { share: 0.1 } },
      period: { start: START, end: END },
      now: oneYearIn,
      counties,
      certifications: [
        ...facts('a', 'CERTIFIED', 4, START + 100 * DAY),
        ...facts('a', 'RECTIFYING', 1, START + 50 * DAY),
        ...facts('a', 'REVOKED', 1, START + 10 * DAY),
        ...facts('b', 'BUILDING', 3, null),
        ...facts('b', 'DECLARED', 2, null),
      ],
    });
    expect(p.city.quota).toBe(20);
    expect(p.city.achieved).toBe(5);
    expect(p.city.statuses).toMatchObject({ CERTIFIED: 4, RECTIFYING: 1, REVOKED: 1, BUILDING: 3 });
    const [a, b] = p.counties;
    expect(a).toMatchObject({ countyId: 'a', achieved: 5, quota: 10, share: 0.05, met: false });
    expect(b).toMatchObject({ countyId: 'b', achieved: 0, quota: 10, completion: 0 });
  });

  it('forecasts from the pace since the start: on track or not', () => {
    // County a named 4 in the first year: 12 by the end of three years (quota 10).
    // County b named 2: 6 by the end (quota 10) — behind.
    const p = campaignProgress({
      targets: { city: { share: 0.1 } },
      period: { start: START, end: START + 3 * 365 * DAY },
      now: oneYearIn,
      counties,
      certifications: [
        ...facts('a', 'CERTIFIED', 4, START + 200 * DAY),
        ...facts('b', 'CERTIFIED', 2, START + 300 * DAY),
      ],
    });
    const [a, b] = p.counties;
    expect(a!.forecast).toMatchObject({ basis: 'PACE', expectedAtEnd: 12, onTrack: true });
    expect(a!.forecast.perYear).toBeCloseTo(4);
    expect(b!.forecast).toMatchObject({ basis: 'PACE', expectedAtEnd: 6, onTrack: false });
    expect(p.city.forecast).toMatchObject({ expectedAtEnd: 18, onTrack: false });
  });

  it('forecasts no more offices than the city has, however fast the first days went', () => {
    // The run: offices named in the first hours of a three-year campaign projected
    // 32,130 of a 42-office city.
    const p = campaignProgress({
      targets: { city: { share: 0.1 } },
      period: { start: START, end: END },
      now: START + DAY / 2,
      counties: [
        { countyId: 'county-a', offices: 21 },
        { countyId: 'county-b', offices: 21 },
      ],
      certifications: [
        ...facts('county-a', 'CERTIFIED', 5, START + DAY / 4),
        ...facts('county-b', 'CERTIFIED', 1, START + DAY / 4),
      ],
    });
    expect(p.city.forecast).toMatchObject({ basis: 'PACE', expectedAtEnd: 42, onTrack: true });
    expect(p.counties.map((c) => c.forecast.expectedAtEnd)).toEqual([21, 21]);
  });

  it('has no pace before the start and a final count after the end', () => {
    const base: Omit<CampaignProgressInput, 'now'> = {
      targets: { city: { count: 1 } },
      period: { start: START, end: END },
      counties,
      certifications: facts('a', 'CERTIFIED', 1, START - DAY),
    };
    expect(campaignProgress({ ...base, now: START - DAY }).city.forecast).toEqual({
      basis: 'NOT_STARTED',
      perYear: 0,
      expectedAtEnd: 1,
      onTrack: true,
    });
    expect(campaignProgress({ ...base, now: END + DAY }).city.forecast.basis).toBe('ENDED');
  });

  it('names the counties behind at a passed milestone, by what they held on its date', () => {
    const p = campaignProgress({
      targets: {
        city: { share: 0.1 },
        milestones: [
          { date: '2022-12-31', expected: { share: 0.3 }, label: '2022 年度' },
          { date: '2023-12-31', expected: { count: 12 } },
        ],
      },
      period: { start: START, end: END },
      now: Date.parse('2023-03-01T00:00:00+08:00'),
      counties,
      certifications: [
        ...facts('a', 'CERTIFIED', 3, Date.parse('2022-06-01T00:00:00+08:00')),
        // Named in 2023: does not count for the 2022 milestone.
        ...facts('b', 'CERTIFIED', 3, Date.parse('2023-02-01T00:00:00+08:00')),
      ],
    });
    const [m2022, m2023] = p.milestones;
    expect(m2022).toMatchObject({
      passed: true,
      label: '2022 年度',
      fraction: 0.3,
      city: { expected: 6, achieved: 3, behind: true },
      countiesBehind: [{ countyId: 'b', expected: 3, achieved: 0 }],
    });
    expect(m2023).toMatchObject({ passed: false, fraction: 0.6 });
    expect(m2023!.countiesBehind).toEqual([
      { countyId: 'a', expected: 6, achieved: 3 },
      { countyId: 'b', expected: 6, achieved: 3 },
    ]);
    expect(p.lastPassedMilestone?.date).toBe('2022-12-31');
  });

  it('adds a county a certification names that the office counts did not list', () => {
    const p = campaignProgress({
      targets: { city: { share: 0.1 } },
      period: { start: START, end: END },
      now: oneYearIn,
      counties: [],
      certifications: facts('z', 'CERTIFIED', 1, START),
    });
    expect(p.counties).toMatchObject([{ countyId: 'z', offices: 0, achieved: 1 }]);
  });
});

// ---------------------------------------------------------------------------------------
// Properties

const STATUSES: CertificationStatus[] = [
  'DECLARED',
  'BUILDING',
  'VERIFYING',
  'CERTIFIED',
  'RECTIFYING',
  'REVOKED',
  'REJECTED',
  'WITHDRAWN',
];

const countyIds = ['c1', 'c2', 'c3', 'c4'];

const inputArb: fc.Arbitrary<CampaignProgressInput> = fc
  .record({
    offices: fc.tuple(...countyIds.map(() => fc.integer({ min: 0, max: 200 }))),
    city: fc.oneof(
      fc.double({ min: 0.01, max: 1, noNaN: true }).map((share) => ({ share })),
      fc.integer({ min: 0, max: 300 }).map((count) => ({ count })),
    ),
    certifications: fc.array(
      fc.record({
        countyId: fc.constantFrom(...countyIds),
        status: fc.constantFrom(...STATUSES),
        certifiedAt: fc.option(fc.integer({ min: START - 100 * DAY, max: END }), { nil: null }),
      }),
      { maxLength: 80 },
    ),
    now: fc.integer({ min: START - 30 * DAY, max: END + 30 * DAY }),
  })
  .map(({ offices, city, certifications, now }): CampaignProgressInput => ({
    targets: { city },
    period: { start: START, end: END },
    now,
    counties: countyIds.map((countyId, i) => ({ countyId, offices: offices[i]! })),
    certifications,
  }));

describe('campaignProgress properties', () => {
  it('county rows add up to the city row', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const p = campaignProgress(input);
        const sum = (f: (r: (typeof p.counties)[number]) => number) =>
          p.counties.reduce((acc, c) => acc + f(c), 0);
        expect(sum((c) => c.offices)).toBe(p.city.offices);
        expect(sum((c) => c.achieved)).toBe(p.city.achieved);
        for (const s of STATUSES) expect(sum((c) => c.statuses[s])).toBe(p.city.statuses[s]);
      }),
    );
  });

  it('proportional county quotas together cover the city target', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const p = campaignProgress(input);
        expect(p.counties.reduce((acc, c) => acc + c.quota, 0)).toBeGreaterThanOrEqual(
          p.city.quota,
        );
      }),
    );
  });

  it('a met quota is on track, and the forecast never expects less than is held now', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const p = campaignProgress(input);
        for (const r of [p.city, ...p.counties]) {
          expect(r.forecast.expectedAtEnd).toBeGreaterThanOrEqual(r.achieved);
          if (r.met) expect(r.forecast.onTrack).toBe(true);
          expect(r.completion).toBeGreaterThanOrEqual(0);
          expect(r.completion).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('the forecast never exceeds the offices that exist, nor falls below what is held', () => {
    // Offices named in bursts right after the start (a short pace carried on for years) and
    // certifications in counties given fewer offices than they hold are both generated.
    const burst = fc
      .record({
        offices: fc.integer({ min: 0, max: 1100 }),
        named: fc.integer({ min: 0, max: 60 }),
        afterStart: fc.integer({ min: 1, max: 3 * 365 * DAY }),
        within: fc.integer({ min: 0, max: 3 * 365 * DAY }),
      })
      .map(({ offices, named, afterStart, within }): CampaignProgressInput => {
        const now = START + afterStart;
        return {
          targets: { city: { share: 0.1 } },
          period: { start: START, end: END },
          now,
          counties: [{ countyId: 'county-a', offices }],
          certifications: facts('county-a', 'CERTIFIED', named, START + (within % afterStart)),
        };
      });
    fc.assert(
      fc.property(fc.oneof(inputArb, burst), (input) => {
        const p = campaignProgress(input);
        for (const r of [p.city, ...p.counties]) {
          expect(r.forecast.expectedAtEnd).toBeLessThanOrEqual(Math.max(r.offices, r.achieved));
          expect(r.forecast.expectedAtEnd).toBeGreaterThanOrEqual(r.achieved);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('naming one more office never lowers achievement or turns on-track off', () => {
    fc.assert(
      fc.property(inputArb, fc.constantFrom(...countyIds), (input, countyId) => {
        const before = campaignProgress(input);
        const certifiedAt = Math.max(START, Math.min(input.now, END - 1));
        const after = campaignProgress({
          ...input,
          certifications: [...input.certifications, { countyId, status: 'CERTIFIED', certifiedAt }],
        });
        expect(after.city.achieved).toBe(before.city.achieved + 1);
        if (before.city.forecast.onTrack) expect(after.city.forecast.onTrack).toBe(true);
      }),
    );
  });

  it('does not depend on the order of the certifications', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const reversed = { ...input, certifications: [...input.certifications].reverse() };
        expect(campaignProgress(reversed)).toEqual(campaignProgress(input));
      }),
    );
  });

  it('counts facts given with a count as that many certifications', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        // The store hands over groups (one fact per county, status and naming time, with how
        // many share it); the answer must be the one for the certifications listed one by one.
        const groups = new Map<string, CertificationFact>();
        for (const f of input.certifications) {
          const key = `${f.countyId}|${f.status}|${f.certifiedAt}`;
          const group = groups.get(key);
          if (group) group.count = (group.count ?? 1) + 1;
          else groups.set(key, { ...f, count: 1 });
        }
        const grouped = { ...input, certifications: [...groups.values()] };
        expect(campaignProgress(grouped)).toEqual(campaignProgress(input));
      }),
    );
  });
});
