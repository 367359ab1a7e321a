// The campaign's pure rules: plan validation naming each field, expanding duties into
// concrete due dates, the workflow's agenda and cursor, lateness and the final assessment.
import type { AgendaEvent, CampaignPlan } from '../../../modules/campaign/rules/campaign';
import {
  CampaignPlan as CampaignPlanSchema,
  CreateCampaignInput,
  allDuties,
  assessCampaign,
  campaignAgenda,
  eventsAfter,
  isLateSubmission,
  phaseAt,
  phaseDuties,
  phaseTitles,
  configProblems,
} from '../../../modules/campaign/rules/campaign';
import { endOfChinaDay, startOfChinaDay } from '../../../modules/shared/china-time';
import { DEMO_CAMPAIGN_CONFIG, DEMO_CAMPAIGN_PLAN } from '../../../modules/demo/seed';

const PLAN: CampaignPlan = CampaignPlanSchema.parse({
  startYear: 2022,
  endYear: 2024,
  startsOn: '2022-03-01',
  endsOn: '2024-12-31',
  phases: [
    {
      kind: 'MOBILISATION',
      startsOn: '2022-03-01',
      endsOn: '2022-05-31',
      duties: [
        { kind: 'IMPLEMENTATION_PLAN', schedule: { every: 'ONCE', dueOn: '2022-04-15' } },
        { kind: 'BASELINE_SURVEY', schedule: { every: 'ONCE', dueOn: '2022-05-31' } },
      ],
    },
    {
      kind: 'IMPLEMENTATION',
      startsOn: '2022-06-01',
      endsOn: '2024-06-30',
      duties: [
        { kind: 'ANNUAL_WORK_PLAN', schedule: { every: 'YEAR', dueMonthDay: '01-31' } },
        { kind: 'QUARTERLY_PROGRESS', schedule: { every: 'QUARTER', daysAfterQuarterEnd: 15 } },
      ],
    },
    {
      kind: 'SUMMARY',
      startsOn: '2024-07-01',
      endsOn: '2024-12-31',
      duties: [
        { kind: 'SUMMARY_REPORT', schedule: { every: 'ONCE', dueOn: '2024-11-30' } },
        { kind: 'STATISTICAL_REPORT', schedule: { every: 'ONCE', dueOn: '2024-11-30' } },
      ],
    },
  ],
  reminderOffsets: ['7d', '1d'],
});

const CHASE = {
  reminderOffsets: ['7d', '1d'],
  escalationInterval: '7d',
  escalationChain: ['COUNTY_BUREAU_HEAD', 'CITY_BUREAU_DIVISION', 'CITY_ADMIN'],
};

function issues(input: unknown) {
  const parsed = CampaignPlanSchema.safeParse(input);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('plan validation', () => {
  test('the example plan and the seeded demo plan are valid', () => {
    expect(issues(PLAN)).toEqual([]);
    expect(issues(DEMO_CAMPAIGN_PLAN)).toEqual([]);
  });

  test('phases repeated, overlapping or outside the campaign are named by field', () => {
    const broken = structuredClone(PLAN);
    broken.phases[1]!.kind = 'MOBILISATION';
    broken.phases[1]!.startsOn = '2022-05-15';
    broken.phases[2]!.endsOn = '2025-01-31';
    expect(issues(broken)).toEqual([
      'phases.1.kind: phase 1 is already MOBILISATION',
      'phases.1.startsOn: must be after the previous phase ends (2022-05-31)',
      'phases.2.endsOn: must not be after the campaign ends (2024-12-31)',
    ]);
  });

  test('phases are data: one to twelve, any code, a name where the code has no title', () => {
    const four = structuredClone(PLAN) as unknown as {
      phases: { kind: string; name?: string; startsOn: string; endsOn: string; duties: [] }[];
    };
    four.phases = [
      { kind: 'SURVEY', startsOn: '2022-03-01', endsOn: '2022-03-31', duties: [] },
      { kind: 'MOBILISATION', startsOn: '2022-04-01', endsOn: '2022-05-31', duties: [] },
      { kind: 'IMPLEMENTATION', startsOn: '2022-06-01', endsOn: '2024-09-30', duties: [] },
      {
        kind: 'SUMMARY',
        name: '总结提升',
        startsOn: '2022-10-01',
        endsOn: '2024-12-31',
        duties: [],
      },
    ];
    four.phases[3]!.startsOn = '2024-10-01';
    expect(issues(four)).toEqual([]);
    const one = { ...four, phases: [{ ...four.phases[0]!, endsOn: '2024-12-31' }] };
    expect(issues(one)).toEqual([]);
    expect(issues({ ...four, phases: [] })).toEqual(['phases: a campaign has at least one phase']);
    const own = structuredClone(four);
    own.phases[0]!.kind = 'PILOT';
    own.phases[1]!.kind = 'pilot';
    expect(issues(own)).toEqual([
      'phases.1.kind: must be a code of capital letters, digits and _, e.g. SURVEY',
      'phases.0.name: a phase of kind PILOT needs a name, e.g. 调查摸底',
      'phases.1.name: a phase of kind pilot needs a name, e.g. 调查摸底',
    ]);
    own.phases[1]!.kind = 'MOBILISATION';
    expect(issues(own)).toEqual([
      'phases.0.name: a phase of kind PILOT needs a name, e.g. 调查摸底',
    ]);
    expect(phaseTitles({ kind: 'SURVEY' })).toEqual({ zh: '调查摸底', en: 'survey' });
    expect(phaseTitles({ kind: 'PILOT', name: '试点' })).toEqual({ zh: '试点', en: '试点' });
    expect(phaseTitles({ kind: 'SUMMARY', name: '总结提升', nameEn: 'summary' })).toEqual({
      zh: '总结提升',
      en: 'summary',
    });
  });

  test('a due date outside its phase, a schedule that never falls due and years that disagree', () => {
    const broken = structuredClone(PLAN);
    broken.startsOn = '2021-12-01';
    broken.phases[0]!.duties[0]!.schedule = { every: 'ONCE', dueOn: '2022-06-15' };
    broken.phases[2]!.duties[0]!.schedule = { every: 'YEAR', dueMonthDay: '01-31' };
    expect(issues(broken)).toEqual([
      "startsOn: must be in the campaign's first year 2022",
      'phases.0.duties.0.schedule.dueOn: must be within the phase (2022-03-01 to 2022-05-31)',
      'phases.2.duties.0.schedule: falls due on no date within the phase',
    ]);
  });

  test('the same report twice for one period is refused; a day not every year has too', () => {
    const broken = structuredClone(PLAN);
    broken.phases[0]!.duties[1] = {
      kind: 'IMPLEMENTATION_PLAN',
      schedule: { every: 'ONCE', dueOn: '2022-04-15' },
    };
    expect(issues(broken)).toEqual([
      'phases.0.duties.1.kind: IMPLEMENTATION_PLAN for 2022-04-15 is already due elsewhere in the plan',
    ]);
    const leap = structuredClone(PLAN) as unknown as {
      phases: { duties: { schedule: unknown }[] }[];
    };
    leap.phases[1]!.duties[0]!.schedule = { every: 'YEAR', dueMonthDay: '02-29' };
    expect(issues(leap)).toEqual([
      'phases.1.duties.0.schedule.dueMonthDay: is not a day every year has',
    ]);
  });

  test('creating a campaign also checks that milestones lie within it', () => {
    const parsed = CreateCampaignInput.safeParse({
      ...PLAN,
      name: '三年行动',
      criteriaVersionId: 'fengqiao-office@1',
      config: DEMO_CAMPAIGN_CONFIG,
      targets: {
        city: { share: 0.1 },
        milestones: [{ date: '2025-06-30', expected: { share: 1 } }],
      },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'targets.milestones.0.date',
    ]);
  });
});

describe('campaign configuration', () => {
  test('the demo configuration asks nothing that would not work', () => {
    expect(configProblems(DEMO_CAMPAIGN_CONFIG)).toEqual([]);
  });

  test('escalation to a function nobody holds, twice to one, or never inside the city', () => {
    const problems = (escalationChain: string[]) =>
      configProblems({ ...DEMO_CAMPAIGN_CONFIG, escalationChain }).map(
        (p) => `${p.path.join('.')}: ${p.message}`,
      );
    expect(problems(['COUNTY_HEAD', 'CITY_ADMIN'])).toEqual([
      'config.escalationChain.0: COUNTY_HEAD is not a function escalations can reach; use one of COUNTY_BUREAU_HEAD, CITY_REVIEWER, CITY_BUREAU_DIVISION, CITY_ADMIN',
    ]);
    expect(problems(['COUNTY_OPERATOR', 'CITY_ADMIN'])[0]).toMatch(/^config\.escalationChain\.0: /);
    expect(problems(['CITY_ADMIN', 'CITY_ADMIN'])).toEqual([
      'config.escalationChain.1: CITY_ADMIN is already in the chain',
    ]);
    expect(problems(['COUNTY_BUREAU_HEAD'])).toEqual([
      'config.escalationChain: must name at least one city bureau function (CITY_REVIEWER, CITY_BUREAU_DIVISION, CITY_ADMIN)',
    ]);
  });

  test('a reminder before the recheck opens is refused: nobody is reminded of it', () => {
    const problems = configProblems({
      ...DEMO_CAMPAIGN_CONFIG,
      reminderOffsets: { ...DEMO_CAMPAIGN_CONFIG.reminderOffsets, RECHECK_OPENS: ['30d'] },
    });
    expect(problems.map((p) => p.path.join('.'))).toEqual(['config.reminderOffsets.RECHECK_OPENS']);
  });
});

describe('duties', () => {
  test('recurring duties expand into concrete periods and due dates within their phase', () => {
    const implementation = phaseDuties(PLAN, 1).map((d) => `${d.kind}:${d.period}:${d.dueOn}`);
    expect(implementation).toEqual([
      'QUARTERLY_PROGRESS:2022Q2:2022-07-15',
      'QUARTERLY_PROGRESS:2022Q3:2022-10-15',
      'QUARTERLY_PROGRESS:2022Q4:2023-01-15',
      'ANNUAL_WORK_PLAN:2023:2023-01-31',
      'QUARTERLY_PROGRESS:2023Q1:2023-04-15',
      'QUARTERLY_PROGRESS:2023Q2:2023-07-15',
      'QUARTERLY_PROGRESS:2023Q3:2023-10-15',
      'QUARTERLY_PROGRESS:2023Q4:2024-01-15',
      'ANNUAL_WORK_PLAN:2024:2024-01-31',
      'QUARTERLY_PROGRESS:2024Q1:2024-04-15',
    ]);
    // 2024Q2 would be due on 2024-07-15, in the summary phase: it is not asked for.
    expect(allDuties(PLAN)).toHaveLength(2 + 10 + 2);
  });

  test('a report is due at the end of its day in China time', () => {
    const [plan] = phaseDuties(PLAN, 0);
    expect(new Date(plan!.dueAt).toISOString()).toBe('2022-04-15T16:00:00.000Z');
    expect(new Date(startOfChinaDay('2022-03-01')).toISOString()).toBe('2022-02-28T16:00:00.000Z');
  });

  test('a submission is late after the due date or once the workflow marked it overdue', () => {
    const dueAt = endOfChinaDay('2022-04-15');
    expect(isLateSubmission({ status: 'PENDING', dueAt }, dueAt)).toBe(false);
    expect(isLateSubmission({ status: 'PENDING', dueAt }, dueAt + 1)).toBe(true);
    expect(isLateSubmission({ status: 'OVERDUE', dueAt }, dueAt - 1)).toBe(true);
  });

  test('the phase at an instant', () => {
    expect(phaseAt(PLAN, Date.UTC(2022, 0, 1))).toEqual({ phase: null, stage: 'NOT_STARTED' });
    expect(phaseAt(PLAN, Date.UTC(2022, 3, 1))).toEqual({
      phase: 'MOBILISATION',
      stage: 'IN_PHASE',
    });
    expect(phaseAt(PLAN, Date.UTC(2023, 3, 1)).phase).toBe('IMPLEMENTATION');
    expect(phaseAt(PLAN, endOfChinaDay('2024-12-31'))).toEqual({ phase: null, stage: 'ENDED' });
  });
});

describe('agenda', () => {
  const agenda = campaignAgenda(PLAN, CHASE, [{ date: '2022-12-31', expected: { share: 0.3 } }]);
  const keys = (events: AgendaEvent[]) => events.map((e) => e.key);

  test('phase starts, reminders, escalations along the chain, milestones and the end, in time order', () => {
    expect(keys(agenda).slice(0, 8)).toEqual([
      'phase:MOBILISATION',
      'remind:IMPLEMENTATION_PLAN:2022-04-15:7d',
      'remind:IMPLEMENTATION_PLAN:2022-04-15:1d',
      'escalate:IMPLEMENTATION_PLAN:2022-04-15:1',
      'escalate:IMPLEMENTATION_PLAN:2022-04-15:2',
      'escalate:IMPLEMENTATION_PLAN:2022-04-15:3',
      'remind:BASELINE_SURVEY:2022-05-31:7d',
      'remind:BASELINE_SURVEY:2022-05-31:1d',
    ]);
    const times = agenda.map((e) => e.at);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(agenda.filter((e) => e.type === 'PHASE_STARTS')).toHaveLength(3);
    expect(agenda.find((e) => e.type === 'MILESTONE')?.at).toBe(endOfChinaDay('2022-12-31'));
    expect(agenda[agenda.length - 1]?.type).toBe('CAMPAIGN_ENDS');
    const first = agenda.find((e) => e.key === 'escalate:IMPLEMENTATION_PLAN:2022-04-15:1');
    expect(first).toMatchObject({
      level: 1,
      target: 'COUNTY_BUREAU_HEAD',
      at: endOfChinaDay('2022-04-15'),
    });
  });

  test('the baseline survey due on the phase’s last day escalates in the next phase; nothing after the end', () => {
    const end = endOfChinaDay('2024-12-31');
    expect(agenda.every((e) => e.at <= end)).toBe(true);
    // The summary reports are due 2024-11-30: levels at +0, +7, +14 days all fall before the end.
    expect(keys(agenda).filter((k) => k.startsWith('escalate:SUMMARY_REPORT'))).toHaveLength(3);
  });

  test('a reminder that would come before its phase starts is left out', () => {
    const short = structuredClone(PLAN);
    short.phases[0]!.duties[0]!.schedule = { every: 'ONCE', dueOn: '2022-03-03' };
    const events = campaignAgenda(short, CHASE);
    expect(keys(events)).not.toContain('remind:IMPLEMENTATION_PLAN:2022-03-03:7d');
    expect(keys(events)).toContain('remind:IMPLEMENTATION_PLAN:2022-03-03:1d');
  });

  test('the cursor resumes right after the last handled event', () => {
    const cursor = agenda[5]!;
    const rest = eventsAfter(agenda, cursor);
    expect(rest[0]).toBe(agenda[6]);
    expect(rest).toHaveLength(agenda.length - 6);
    expect(eventsAfter(agenda, null)).toHaveLength(agenda.length);
  });
});

describe('final assessment', () => {
  test('duties on time, late and missed, certified against target, per county and city', () => {
    const due = 1000;
    const assessment = assessCampaign({
      now: 5000,
      duties: [
        {
          countyId: 'a',
          kind: 'K',
          period: '1',
          dueAt: due,
          status: 'ACCEPTED',
          firstSubmission: { at: 900, late: false },
        },
        {
          countyId: 'a',
          kind: 'K',
          period: '2',
          dueAt: due,
          status: 'ACCEPTED',
          firstSubmission: { at: 1000, late: false },
        },
        {
          countyId: 'b',
          kind: 'K',
          period: '1',
          dueAt: due,
          status: 'ACCEPTED',
          firstSubmission: { at: 1500, late: true },
        },
        {
          countyId: 'b',
          kind: 'K',
          period: '2',
          dueAt: due,
          status: 'SUBMITTED',
          firstSubmission: { at: 800, late: false },
        },
        {
          countyId: 'c',
          kind: 'K',
          period: '1',
          dueAt: due,
          status: 'MISSED',
          firstSubmission: null,
        },
      ],
      progress: {
        city: { achieved: 5, quota: 6 },
        counties: [
          { countyId: 'a', achieved: 3, quota: 2 },
          { countyId: 'b', achieved: 2, quota: 2 },
          { countyId: 'c', achieved: 0, quota: 2 },
        ],
      },
    });
    expect(assessment.city).toEqual({
      duties: { total: 5, onTime: 3, late: 1, missed: 1, accepted: 3, notAccepted: 1 },
      certified: 5,
      target: 6,
      targetMet: false,
    });
    expect(assessment.counties.map((c) => [c.countyId, c.passed, c.targetMet])).toEqual([
      ['a', true, true],
      ['b', false, true],
      ['c', false, false],
    ]);
    expect(assessment.countiesFallingShort).toEqual(['c']);
  });
});
