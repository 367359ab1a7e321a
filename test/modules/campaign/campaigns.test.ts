// The campaign routes over HTTP without Temporal: creating a campaign refuses bad plans naming
// each field; reports are submitted, marked late, returned, resubmitted and accepted; every
// step is scoped to the caller's city and county and lands in the audit trail; the inbox
// source lists what each role owes. Duties are created by the campaign workflow's own
// activity, called directly on the demo campaign (whose 2022 dates are past, so every
// submission here is late).
import request from 'supertest';
import { createCampaignActivities } from '../../../modules/campaign/activities';
import { campaignDutyTasks } from '../../../modules/campaign/duty-tasks';
import type { Principal } from '../../../modules/access/authenticate';
import { DEMO, DEMO_CAMPAIGN_CONFIG, DEMO_CAMPAIGN_PLAN } from '../../../modules/demo/seed';
import type { AgendaEvent } from '../../../modules/campaign/rules/campaign';
import { campaignAgenda, dutyId } from '../../../modules/campaign/rules/campaign';
import { useApiHarness } from '../../support/api-harness';
import { validCampaign } from '../../support/campaign-fixtures';
import { refuseMail } from '../../support/temporal';

// Only creating a campaign reaches Temporal, and every create here is refused first.
const h = useApiHarness({
  // Duties come from the campaign workflow's own activity, run here for the demo campaign.
  prepare: async (db) => {
    const activities = createCampaignActivities({ prisma: db.prisma, mailer: refuseMail() });
    const mobilisation = event('phase:MOBILISATION');
    await activities.handleCampaignEvent({
      campaignId: CAMPAIGN,
      event: mobilisation,
      now: mobilisation.at,
    });
  },
});

const ADMIN = 'Bearer dev-city-admin';
const REVIEWER = 'Bearer dev-city-reviewer';
const YUZHONG = 'Bearer dev-yuzhong-operator';
const JIANGBEI = 'Bearer dev-jiangbei-operator';
const LESHAN = 'Bearer dev-leshan-reviewer';

const CAMPAIGN = DEMO.campaignId;
const base = `/api/v1/campaigns/${CAMPAIGN}`;
const YZ_PLAN = dutyId(CAMPAIGN, DEMO.counties.yuzhong, 'IMPLEMENTATION_PLAN', '2022-03-31');
const JB_PLAN = dutyId(CAMPAIGN, DEMO.counties.jiangbei, 'IMPLEMENTATION_PLAN', '2022-03-31');
const YZ_SURVEY = dutyId(CAMPAIGN, DEMO.counties.yuzhong, 'BASELINE_SURVEY', '2022-04-30');

const agenda = campaignAgenda(DEMO_CAMPAIGN_PLAN, {
  reminderOffsets: DEMO_CAMPAIGN_PLAN.reminderOffsets,
  escalationInterval: DEMO_CAMPAIGN_CONFIG.escalationInterval,
  escalationChain: DEMO_CAMPAIGN_CONFIG.escalationChain,
});
const event = (key: string): AgendaEvent => {
  const found = agenda.find((e) => e.key === key);
  if (!found) throw new Error(`no agenda event ${key}`);
  return found;
};

const SHA = 'a'.repeat(64);
const attachment = {
  name: '实施方案.pdf',
  size: 120_000,
  sha256: SHA,
  mediaType: 'application/pdf',
};

const fields = (body: unknown) =>
  ((body as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
const items = <T>(body: unknown) => (body as { items: T[] }).items;
const idOf = (body: unknown) => (body as { id: string }).id;

describe('creating a campaign refuses bad input, naming the field', () => {
  const create = (body: object, key = ADMIN) =>
    request(h.app).post('/api/v1/campaigns').set('Authorization', key).send(body);

  test('a missing field and a wrong type', async () => {
    const { name: _name, ...nameless } = validCampaign();
    const missing = await create(nameless);
    expect(missing.status).toBe(400);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(fields(missing.body)).toEqual(['name']);
    const wrongType = await create({ ...validCampaign(), startYear: '2025' });
    expect(wrongType.status).toBe(400);
    expect(fields(wrongType.body)).toContain('startYear');
  });

  test('phases out of range and a report due outside its phase', async () => {
    const body = validCampaign();
    body.phases[2]!.endsOn = '2028-01-31';
    (body.phases[0]!.duties as object[]).push({
      kind: 'IMPLEMENTATION_PLAN',
      schedule: { every: 'ONCE', dueOn: '2025-06-30' },
    });
    const response = await create(body);
    expect(response.status).toBe(400);
    expect(fields(response.body)).toEqual(['phases.2.endsOn', 'phases.0.duties.0.schedule.dueOn']);
  });

  test('escalations nobody would receive and reminders never sent are refused, naming the field', async () => {
    const base = validCampaign();
    const nobody = await create({
      ...base,
      config: { ...base.config, escalationChain: ['COUNTY_HEAD'] },
    });
    expect(nobody.status).toBe(400);
    expect(fields(nobody.body)).toEqual(['config.escalationChain.0', 'config.escalationChain']);
    const recheck = await create({
      ...base,
      config: {
        ...base.config,
        reminderOffsets: { ...base.config.reminderOffsets, RECHECK_OPENS: ['30d'] },
      },
    });
    expect(recheck.status).toBe(400);
    expect(fields(recheck.body)).toEqual(['config.reminderOffsets.RECHECK_OPENS']);
    const threeOfOne = await create({
      ...base,
      phases: [{ ...base.phases[0]!, endsOn: '2027-12-31', kind: 'PILOT' }],
    });
    expect(threeOfOne.status).toBe(400);
    expect(fields(threeOfOne.body)).toEqual(['phases.0.name']);
  });

  test('a name the city already uses is refused (409)', async () => {
    const twin = await create({ ...validCampaign(), name: '2022—2024年“枫桥式”司法所创建' });
    expect(twin.status).toBe(409);
    expect(twin.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  test('an unknown criteria version, a county of another city, and a role that may not', async () => {
    const unknown = await create({ ...validCampaign(), criteriaVersionId: 'nope@1' });
    expect(unknown.status).toBe(422);
    expect(fields(unknown.body)).toEqual(['criteriaVersionId']);
    const stranger = await create({
      ...validCampaign(),
      targets: { city: { share: 0.1 }, counties: { [DEMO.counties.shizhong]: { count: 1 } } },
    });
    expect(stranger.status).toBe(422);
    expect(fields(stranger.body)).toEqual([`targets.counties.${DEMO.counties.shizhong}`]);
    expect((await create(validCampaign(), REVIEWER)).status).toBe(403);
  });
});

describe('reading campaigns', () => {
  test('the city sees the campaign with its phases and the duties of both counties', async () => {
    const response = await request(h.app).get(base).set('Authorization', REVIEWER);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: CAMPAIGN,
      status: 'ACTIVE',
      phase: 'MOBILISATION',
      startsOn: '2022-03-01',
      endsOn: '2024-12-31',
      current: { phase: null, stage: 'ENDED' },
    });
    expect((response.body as { phases: { status: string }[] }).phases.map((p) => p.status)).toEqual(
      ['DONE', 'DONE', 'DONE'],
    );
    expect(response.body.duties.byCounty).toEqual([
      { countyId: DEMO.counties.jiangbei, statuses: { PENDING: 2 } },
      { countyId: DEMO.counties.yuzhong, statuses: { PENDING: 2 } },
    ]);
    const list = await request(h.app).get('/api/v1/campaigns').set('Authorization', YUZHONG);
    expect(items<{ id: string }>(list.body).map((c) => c.id)).toContain(CAMPAIGN);
  });

  test('another city’s campaign and an unknown one are 404; county operators see their county', async () => {
    expect((await request(h.app).get(base).set('Authorization', LESHAN)).status).toBe(404);
    const unknown = await request(h.app).get('/api/v1/campaigns/nope').set('Authorization', ADMIN);
    expect(unknown.status).toBe(404);
    const duties = await request(h.app).get(`${base}/duties`).set('Authorization', YUZHONG);
    expect(duties.status).toBe(200);
    expect(
      items<{ id: string }>(duties.body)
        .map((d) => d.id)
        .sort(),
    ).toEqual([YZ_PLAN, YZ_SURVEY].sort());
    const asked = await request(h.app)
      .get(`${base}/duties?countyId=${DEMO.counties.jiangbei}`)
      .set('Authorization', YUZHONG);
    expect(
      items<{ countyId: string }>(asked.body).every((d) => d.countyId === DEMO.counties.yuzhong),
    ).toBe(true);
  });
});

describe('submitting and reviewing reports', () => {
  const submit = (body: object, key = YUZHONG) =>
    request(h.app).post(`${base}/reports`).set('Authorization', key).send(body);
  const review = (reportId: string, body: object, key = REVIEWER) =>
    request(h.app).post(`${base}/reports/${reportId}/review`).set('Authorization', key).send(body);

  test('bad submissions answer 4xx naming the field', async () => {
    const noSummary = await submit({ dutyId: YZ_PLAN, content: {}, attachments: [] });
    expect(noSummary.status).toBe(400);
    expect(fields(noSummary.body)).toEqual(['content.summary']);
    const badHash = await submit({
      dutyId: YZ_PLAN,
      content: { summary: '方案' },
      attachments: [{ ...attachment, sha256: 'xyz', size: -1 }],
    });
    expect(badHash.status).toBe(400);
    expect(fields(badHash.body).sort()).toEqual(['attachments.0.sha256', 'attachments.0.size']);
    const unknownDuty = await submit({ dutyId: 'nope', content: { summary: '方案' } });
    expect(unknownDuty.status).toBe(422);
    expect(fields(unknownDuty.body)).toEqual(['dutyId']);
  });

  test('a county operator cannot submit for another county; another city cannot see the campaign', async () => {
    const other = await submit({ dutyId: YZ_PLAN, content: { summary: '方案' } }, JIANGBEI);
    expect(other.status).toBe(403);
    const reviewerSubmits = await submit(
      { dutyId: YZ_PLAN, content: { summary: '方案' } },
      REVIEWER,
    );
    expect(reviewerSubmits.status).toBe(403);
    const leshan = await request(h.app).get(`${base}/reports`).set('Authorization', LESHAN);
    expect(leshan.status).toBe(404);
  });

  test('submitted late, returned with comments, resubmitted, accepted — all in the audit trail', async () => {
    const first = await submit({
      dutyId: YZ_PLAN,
      content: { summary: '渝中区“枫桥式”司法所创建实施方案' },
      attachments: [attachment],
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      version: 1,
      status: 'SUBMITTED',
      late: true,
      kind: 'IMPLEMENTATION_PLAN',
    });
    expect((await submit({ dutyId: YZ_PLAN, content: { summary: 'again' } })).status).toBe(409);
    // Its Location answers with it: to the city and its county, not to another county.
    const location = first.get('Location') ?? '';
    expect(location).toBe(`${base}/reports/${idOf(first.body)}`);
    const read = (key: string) => request(h.app).get(location).set('Authorization', key);
    expect((await read(REVIEWER)).body).toEqual(first.body);
    expect((await read(YUZHONG)).body).toEqual(first.body);
    expect((await read(JIANGBEI)).status).toBe(404);
    expect((await read(LESHAN)).status).toBe(404);

    const needsComments = await review(idOf(first.body), { decision: 'RETURN' });
    expect(needsComments.status).toBe(400);
    expect(fields(needsComments.body)).toEqual(['comments']);
    expect((await review(idOf(first.body), { decision: 'ACCEPT' }, YUZHONG)).status).toBe(403);
    expect((await review('nope', { decision: 'ACCEPT' })).status).toBe(404);
    const returned = await review(idOf(first.body), {
      decision: 'RETURN',
      comments: '请补充年度目标',
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'RETURNED', reviewComments: '请补充年度目标' });

    const second = await submit({ dutyId: YZ_PLAN, content: { summary: '修改后的实施方案' } });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ version: 2, status: 'SUBMITTED' });
    const accepted = await review(idOf(second.body), { decision: 'ACCEPT' }, ADMIN);
    expect(accepted.body.status).toBe('ACCEPTED');
    expect((await review(idOf(second.body), { decision: 'ACCEPT' })).status).toBe(409);

    const duty = await h.db.prisma.campaignReportDuty.findUniqueOrThrow({ where: { id: YZ_PLAN } });
    expect(duty.status).toBe('ACCEPTED');
    const audit = await h.db.prisma.auditEvent.findMany({
      where: {
        action: { startsWith: 'CAMPAIGN_REPORT_' },
        details: { path: ['dutyId'], equals: YZ_PLAN },
      },
      orderBy: { occurredAt: 'asc' },
    });
    expect(audit.map((e) => [e.action, e.cityId, e.certificationId])).toEqual([
      ['CAMPAIGN_REPORT_SUBMITTED', DEMO.cityId, null],
      ['CAMPAIGN_REPORT_RETURNED', DEMO.cityId, null],
      ['CAMPAIGN_REPORT_SUBMITTED', DEMO.cityId, null],
      ['CAMPAIGN_REPORT_ACCEPTED', DEMO.cityId, null],
    ]);
  });

  test('a statistical report needs its figures', async () => {
    const activities = createCampaignActivities({ prisma: h.db.prisma, mailer: refuseMail() });
    const summary = event('phase:SUMMARY');
    await activities.handleCampaignEvent({ campaignId: CAMPAIGN, event: summary, now: summary.at });
    const stats = dutyId(CAMPAIGN, DEMO.counties.yuzhong, 'STATISTICAL_REPORT', '2024-11-30');
    const bare = await submit({ dutyId: stats, content: { summary: '统计报表' } });
    expect(bare.status).toBe(422);
    expect(fields(bare.body)).toEqual(['content.figures']);
    const full = await submit({
      dutyId: stats,
      content: { summary: '统计报表', figures: { 申报数: 2 } },
    });
    expect(full.status).toBe(201);
  });
});

describe('overdue duties, supervision visits and the inbox', () => {
  test('the workflow’s escalation marks unsubmitted duties overdue, once, and escalates them', async () => {
    const activities = createCampaignActivities({ prisma: h.db.prisma, mailer: refuseMail() });
    const escalation = event('escalate:IMPLEMENTATION_PLAN:2022-03-31:1');
    const first = await activities.handleCampaignEvent({
      campaignId: CAMPAIGN,
      event: escalation,
      now: escalation.at,
    });
    // Yuzhong's plan was accepted; only Jiangbei's is overdue.
    expect(first.notices.map((n) => [n.countyId, n.kind, n.functions])).toEqual([
      [DEMO.counties.jiangbei, 'CAMPAIGN_REPORT_ESCALATION', ['COUNTY_BUREAU_HEAD']],
    ]);
    await activities.handleCampaignEvent({
      campaignId: CAMPAIGN,
      event: escalation,
      now: escalation.at,
    });
    const audit = await h.db.prisma.auditEvent.findMany({
      where: { details: { path: ['dutyId'], equals: JB_PLAN } },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((e) => e.action)).toEqual([
      'CAMPAIGN_REPORT_ESCALATED',
      'CAMPAIGN_REPORT_OVERDUE',
    ]);
    const duty = await h.db.prisma.campaignReportDuty.findUniqueOrThrow({ where: { id: JB_PLAN } });
    expect(duty).toMatchObject({ status: 'OVERDUE', escalations: 1 });
  });

  test('supervision visits are recorded for a county of the city, with its offices, within the campaign', async () => {
    const visit = (body: object, key = REVIEWER) =>
      request(h.app).post(`${base}/supervision-visits`).set('Authorization', key).send(body);
    const ok = await visit({
      countyId: DEMO.counties.jiangbei,
      visitedOn: '2023-05-10',
      officeIds: ['office-guanyinqiao'],
      findings: '台账不全,督促整改',
    });
    expect(ok.status).toBe(201);
    // Its Location answers with it: to the city and the visited county, not to another.
    const location = ok.get('Location') ?? '';
    expect(location).toBe(`${base}/supervision-visits/${idOf(ok.body)}`);
    const read = (key: string) => request(h.app).get(location).set('Authorization', key);
    expect((await read(REVIEWER)).body).toEqual(ok.body);
    expect((await read(JIANGBEI)).body).toEqual(ok.body);
    expect((await read(YUZHONG)).status).toBe(404);
    const wrong = await visit({
      countyId: DEMO.counties.jiangbei,
      visitedOn: '2021-05-10',
      officeIds: ['office-jiefangbei'],
      findings: '—',
    });
    expect(wrong.status).toBe(422);
    expect(fields(wrong.body)).toEqual(['officeIds.0']);
    const early = await visit({
      countyId: DEMO.counties.jiangbei,
      visitedOn: '2021-05-10',
      findings: '—',
    });
    expect(fields(early.body)).toEqual(['visitedOn']);
    const stranger = await visit({
      countyId: DEMO.counties.shizhong,
      visitedOn: '2023-05-10',
      findings: '—',
    });
    expect(fields(stranger.body)).toEqual(['countyId']);
    expect(
      (
        await visit(
          { countyId: DEMO.counties.jiangbei, visitedOn: '2023-05-10', findings: '—' },
          YUZHONG,
        )
      ).status,
    ).toBe(403);
    const seenByJiangbei = await request(h.app)
      .get(`${base}/supervision-visits`)
      .set('Authorization', JIANGBEI);
    expect(seenByJiangbei.body.items).toHaveLength(1);
    const seenByYuzhong = await request(h.app)
      .get(`${base}/supervision-visits`)
      .set('Authorization', YUZHONG);
    expect(seenByYuzhong.body.items).toHaveLength(0);
  });

  test('county operators owe their open duties (overdue flagged); the city owes reviews', async () => {
    const principal = (role: Principal['role'], countyId: string | null): Principal => ({
      id: `p-${role}`,
      kind: 'api-key',
      name: role,
      role,
      cityId: DEMO.cityId,
      countyId,
    });
    const now = new Date();
    const jiangbei = await campaignDutyTasks(
      h.db.prisma,
      principal('COUNTY_OPERATOR', DEMO.counties.jiangbei),
      now,
    );
    expect(jiangbei.find((t) => t.subject.id === JB_PLAN)).toMatchObject({
      kind: 'SUBMIT_CAMPAIGN_REPORT',
      overdue: true,
      countyId: DEMO.counties.jiangbei,
      subject: { type: 'campaign-report', campaignId: CAMPAIGN, reportKind: 'IMPLEMENTATION_PLAN' },
    });
    const yuzhong = await campaignDutyTasks(
      h.db.prisma,
      principal('COUNTY_OPERATOR', DEMO.counties.yuzhong),
      now,
    );
    expect(yuzhong.map((t) => t.subject.id)).not.toContain(YZ_PLAN);
    const reviews = await campaignDutyTasks(h.db.prisma, principal('CITY_REVIEWER', null), now);
    expect(
      reviews.map((t) => [
        t.kind,
        t.subject.type === 'campaign-report' ? t.subject.reportKind : null,
      ]),
    ).toEqual([['REVIEW_CAMPAIGN_REPORT', 'STATISTICAL_REPORT']]);
    expect(await campaignDutyTasks(h.db.prisma, principal('INSPECTOR', null), now)).toEqual([]);
  });
});
