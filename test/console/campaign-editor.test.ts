// The campaign editor's model (console/src/campaigns/editor-model.ts) against the server's own
// rules (domain/campaign.ts): the editor's starting values make a campaign the API accepts;
// a stored campaign comes back out of the editor unchanged; the choices it offers are those
// the API accepts; and the field paths the API's refusals name land on the editor's fields.
import {
  ESCALATION_FUNCTIONS as OFFERED_ESCALATIONS,
  KNOWN_PHASES,
  REPORT_KINDS,
  blankCampaign,
  formPathOf,
  fromCampaign,
  toBody,
} from '../../console/src/campaigns/editor-model';
import type { Campaign } from '../../console/src/campaigns/types';
import {
  DEMO_CAMPAIGN_CONFIG,
  DEMO_CAMPAIGN_PLAN,
  DEMO_CAMPAIGN_TARGETS,
} from '../../modules/demo/seed';
import {
  CreateCampaignInput,
  ESCALATION_FUNCTIONS,
  PHASE_TITLES,
  ReportKind,
  phaseTitles,
} from '../../modules/campaign/rules/campaign';

const TODAY = '2026-12-01';

function issuePaths(body: unknown): string[] {
  const parsed = CreateCampaignInput.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
}

test('a new campaign as the editor starts it is one the API accepts', () => {
  const body = toBody({ ...blankCampaign(TODAY), name: '新活动' });
  expect(issuePaths(body)).toEqual([]);
  expect(body).toMatchObject({ startYear: 2027, endYear: 2029, targets: { city: { share: 0.1 } } });
});

test('a stored campaign comes out of the editor as it went in', () => {
  const stored = {
    id: 'campaign-x',
    name: '2022—2024年创建',
    criteriaVersionId: 'fengqiao-office@1',
    startsOn: DEMO_CAMPAIGN_PLAN.startsOn,
    endsOn: DEMO_CAMPAIGN_PLAN.endsOn,
    reminderOffsets: DEMO_CAMPAIGN_PLAN.reminderOffsets,
    config: DEMO_CAMPAIGN_CONFIG,
    targets: { ...DEMO_CAMPAIGN_TARGETS, signingRate: 1 },
    // As the API presents phases: with their titles filled in.
    phases: DEMO_CAMPAIGN_PLAN.phases.map((phase) => ({
      ...phase,
      name: phaseTitles(phase).zh,
      nameEn: phaseTitles(phase).en,
      status: 'DONE' as const,
    })),
  } as unknown as Campaign;
  const body = toBody(fromCampaign(stored, TODAY), stored);
  expect(issuePaths(body)).toEqual([]);
  expect(body.config).toEqual(DEMO_CAMPAIGN_CONFIG);
  expect(body.targets).toEqual({ ...DEMO_CAMPAIGN_TARGETS, signingRate: 1 });
  expect(body.phases.map((p) => p.duties)).toEqual(DEMO_CAMPAIGN_PLAN.phases.map((p) => p.duties));
  expect(body.phases.map((p) => [p.kind, p.startsOn, p.endsOn])).toEqual(
    DEMO_CAMPAIGN_PLAN.phases.map((p) => [p.kind, p.startsOn, p.endsOn]),
  );
});

test('an English phase title of its own survives an edit; a derived one is not stored', () => {
  const stored = {
    name: 'x',
    reminderOffsets: [],
    phases: [
      {
        kind: 'SURVEY',
        name: '调查摸底',
        nameEn: 'survey',
        startsOn: '2027-01-01',
        endsOn: '2027-02-01',
        status: 'UPCOMING',
        duties: [],
      },
      {
        kind: 'PILOT',
        name: '试点',
        nameEn: 'pilot',
        startsOn: '2027-02-02',
        endsOn: '2027-03-01',
        status: 'UPCOMING',
        duties: [],
      },
      {
        kind: 'WRAP_UP',
        name: '收尾',
        nameEn: '收尾',
        startsOn: '2027-03-02',
        endsOn: '2027-04-01',
        status: 'UPCOMING',
        duties: [],
      },
    ],
  } as unknown as Campaign;
  const phases = toBody(fromCampaign(stored, TODAY), stored).phases;
  expect(phases.map((p) => p.nameEn)).toEqual([undefined, 'pilot', undefined]);
  // A well-known code's own title is not stored as a name; a plan's own names are.
  expect(phases.map((p) => p.name)).toEqual([undefined, '试点', '收尾']);
});

test('the editor offers the escalation targets and report kinds the API accepts', () => {
  expect([...OFFERED_ESCALATIONS]).toEqual([...ESCALATION_FUNCTIONS]);
  expect(REPORT_KINDS).toEqual(ReportKind.options);
  expect([...KNOWN_PHASES]).toEqual(Object.keys(PHASE_TITLES));
});

test('the API’s refusals name fields the editor has', () => {
  const good = toBody({ ...blankCampaign(TODAY), name: '新活动' });
  const bad = structuredClone(good);
  const firstDuty = bad.phases[0]!.duties![0]!;
  firstDuty.schedule = { every: 'ONCE', dueOn: '2027-12-01' };
  bad.phases[1]!.endsOn = '2026-01-01';
  bad.config.escalationChain = ['COUNTY_BUREAU_HEAD'];
  bad.targets.milestones = [{ date: '2031-01-01', expected: { share: 0.5 } }];
  const paths = issuePaths(bad);
  expect(paths).toEqual(
    expect.arrayContaining([
      'phases.0.duties.0.schedule.dueOn',
      'phases.1.endsOn',
      'config.escalationChain',
      'targets.milestones.0.date',
    ]),
  );
  expect(paths.map(formPathOf)).toEqual(
    expect.arrayContaining([
      ['phases', 0, 'duties', 0, 'dueOn'],
      ['phases', 1, 'endsOn'],
      ['config', 'escalationChain'],
      ['targets', 'milestones', 0, 'date'],
    ]),
  );
  expect(formPathOf('startYear')).toEqual(['startsOn']);
  expect(formPathOf('targets.city.share')).toEqual(['targets', 'cityValue']);
  expect(formPathOf('phases.2.duties.1.schedule')).toEqual(['phases', 2, 'duties', 1, 'every']);
  expect(formPathOf('config.reminderOffsets.RECHECK_OPENS')).toBeNull();
});
