// The campaign pages and the home dashboard in real Chromium against a running system (see
// system.ts): the demo campaign's progress dashboard shows each county's certified offices
// against its target as the API computes them, bars and lagging marks included; its county
// duties mark the overdue one; the guided editor puts a bad field's message next to that
// field and then creates the campaign; the home dashboard shows the API's figures; axe finds
// no serious or critical violation on any of these pages.
import { DEMO } from '../../modules/demo/seed';
import type { components } from '../../console/src/api/schema';
import { useConsoleSystem } from './system';

type Progress = components['schemas']['CampaignProgress'];
type Dashboard = components['schemas']['Dashboard'];

const CAMPAIGN_NAME = '2022—2024年“枫桥式”司法所创建';
const at = (iso: string) => Date.parse(`${iso}T10:00:00+08:00`);

const system = useConsoleSystem({
  tokenSecret: 'console-campaigns-test-secret-0123456789abcdef',
  // Certifications of the demo campaign as the projection holds them, and one overdue duty.
  prepare: async (db) => {
    const rows = [
      { officeId: 'office-jiefangbei', countyId: DEMO.counties.yuzhong, status: 'CERTIFIED' },
      { officeId: 'office-chaotianmen', countyId: DEMO.counties.yuzhong, status: 'CERTIFIED' },
      { officeId: 'office-guanyinqiao', countyId: DEMO.counties.jiangbei, status: 'BUILDING' },
    ] as const;
    for (const [i, row] of rows.entries()) {
      const certified = row.status === 'CERTIFIED';
      await db.prisma.certification.create({
        data: {
          id: `cert-console-campaign-${i}`,
          workflowId: `certification-office-${row.officeId}`,
          officeId: row.officeId,
          countyId: row.countyId,
          cityId: DEMO.cityId,
          campaignId: DEMO.campaignId,
          status: row.status,
          revision: 4,
          config: {},
          state: {
            certificate: certified
              ? { number: `CQ-TEST-${i}`, certifiedAt: at(`2023-0${i + 3}-01`) }
              : null,
          },
          certificateNumber: certified ? `CQ-TEST-${i}` : null,
          declaredAt: new Date(at('2022-06-01')),
          updatedAt: new Date(),
        },
      });
    }
    await db.prisma.campaignReportDuty.create({
      data: {
        id: `${DEMO.campaignId}:${DEMO.counties.jiangbei}:QUARTERLY_PROGRESS:2024Q3`,
        campaignId: DEMO.campaignId,
        cityId: DEMO.cityId,
        countyId: DEMO.counties.jiangbei,
        phase: 'IMPLEMENTATION',
        kind: 'QUARTERLY_PROGRESS',
        period: '2024Q3',
        dueAt: new Date(at('2024-10-10')),
        status: 'OVERDUE',
        escalations: 2,
      },
    });
    await db.prisma.campaignReportDuty.create({
      data: {
        id: `${DEMO.campaignId}:${DEMO.counties.yuzhong}:QUARTERLY_PROGRESS:2024Q2`,
        campaignId: DEMO.campaignId,
        cityId: DEMO.cityId,
        countyId: DEMO.counties.yuzhong,
        phase: 'IMPLEMENTATION',
        kind: 'QUARTERLY_PROGRESS',
        period: '2024Q2',
        dueAt: new Date(Date.now() + 10 * 86_400_000),
        status: 'PENDING',
      },
    });
  },
});

test('the demo campaign’s dashboard shows each county’s certified offices against its target', async () => {
  const { page } = system;
  await system.login('cq.admin');
  await page.getByRole('link', { name: '创建活动' }).click();
  await page.getByRole('heading', { name: '创建活动', level: 1 }).waitFor();
  await system.expectAccessible();
  await page.getByRole('link', { name: CAMPAIGN_NAME }).click();
  await page.getByRole('heading', { name: CAMPAIGN_NAME }).waitFor();

  const progress = await system.apiGet<Progress>(
    'dev-city-admin',
    `/api/v1/campaigns/${DEMO.campaignId}/progress`,
  );
  expect(progress.counties.length).toBeGreaterThan(1);
  const table = page.getByRole('table').filter({ has: page.getByText('各区县认定进度') });
  await table.waitFor();
  const behind = new Set(
    (progress.lastPassedMilestone?.countiesBehind ?? []).map((c) => c.countyId),
  );
  for (const county of progress.counties) {
    const name = county.countyName ?? county.countyId;
    const row = table.getByRole('row', { name: new RegExp(name) });
    const cells = await row.getByRole('cell').allInnerTexts();
    expect({ name, offices: cells[1], quota: cells[2], achieved: cells[3] }).toEqual({
      name,
      offices: String(county.offices),
      quota: String(county.quota),
      achieved: String(county.achieved),
    });
    // The bar says the same share, in words a screen reader reads.
    const percent = Math.round(county.completion * 1000) / 10;
    await row.getByRole('progressbar', { name: `${name} 完成率 ${percent}%` }).waitFor();
    const lagging = behind.has(county.countyId) || (!county.met && !county.forecast.onTrack);
    expect({ name, lagging: (await row.getByText('落后').count()) > 0 }).toEqual({ name, lagging });
  }
  // The chart (Apache ECharts, as SVG) draws the same counties: each is a label on its axis.
  const chart = page.getByTestId('chart-county-progress');
  await chart.locator('svg').waitFor();
  const chartTexts = await chart.locator('svg text').allTextContents();
  for (const county of progress.counties) {
    expect(chartTexts).toContain(county.countyName ?? county.countyId);
  }
  // ECharts describes the chart, series by series, for a screen reader: every county is named.
  const description = (await chart.getAttribute('aria-label')) ?? '';
  for (const county of progress.counties) {
    expect(description).toContain(county.countyName ?? county.countyId);
  }
  // The milestones, each with the counties behind at it.
  const milestones = page.getByRole('table').filter({ has: page.getByText('节点目标') });
  for (const milestone of progress.milestones) {
    await milestones.getByRole('row', { name: new RegExp(milestone.date) }).waitFor();
  }
  await system.expectAccessible();
  await system.screenshot('campaign-dashboard');

  // The county duties, the overdue one marked.
  await page.getByRole('tab', { name: '区县报送任务' }).click();
  const overdue = page.getByRole('row', { name: /2024Q3/ });
  await overdue.getByText('已逾期', { exact: true }).waitFor();
  expect(await overdue.getByText('江北区').count()).toBe(1);
  await system.expectAccessible();
});

test('the editor shows a bad field’s message next to it, then creates the campaign', async () => {
  const { page } = system;
  await system.login('cq.admin');
  await page.getByRole('link', { name: '创建活动' }).click();
  await page.getByRole('button', { name: '新建活动' }).click();
  await page.getByRole('heading', { name: '新建创建活动' }).waitFor();
  const name = `控制台测试活动 ${Date.now()}`;
  await page.getByLabel('活动名称', { exact: true }).fill(name);
  // The first phase's one-off duty falls due after the phase has ended.
  const duty = page.getByRole('group', { name: '阶段 1 报送任务 1' });
  const dueOn = duty.getByLabel('截止日期', { exact: true });
  const phaseEnds = await page
    .getByRole('group', { name: '阶段 1', exact: true })
    .getByLabel('结束日期', { exact: true })
    .inputValue();
  const late = `${phaseEnds.slice(0, 4)}-12-01`;
  await dueOn.fill(late);
  await page.getByRole('button', { name: '创建活动' }).click();
  await duty.getByText(/must be within the phase/).waitFor();
  expect(await dueOn.getAttribute('aria-invalid')).toBe('true');
  await system.expectAccessible();
  await system.screenshot('campaign-editor');

  await dueOn.fill(`${phaseEnds.slice(0, 7)}-15`);
  await page.getByRole('button', { name: '创建活动' }).click();
  await page.getByRole('heading', { name }).waitFor();
  await page.getByText('未开始', { exact: true }).first().waitFor();
  const created = await system.db.prisma.campaign.findFirstOrThrow({ where: { name } });
  expect(created.status).toBe('PLANNED');
  expect((created.plan as { phases: unknown[] }).phases).toHaveLength(3);

  // While it is planned, the admin edits it (the editor starts from what is stored) …
  await page.getByRole('button', { name: '编辑' }).click();
  await page.getByRole('heading', { name: /编辑创建活动/ }).waitFor();
  const renamed = `${name}（修订）`;
  await page.getByLabel('活动名称', { exact: true }).fill(renamed);
  await page.getByRole('button', { name: '保存修改' }).click();
  await page.getByRole('heading', { name: renamed }).waitFor();
  const edited = await system.db.prisma.campaign.findUniqueOrThrow({ where: { id: created.id } });
  expect(edited.planRevision).toBe(created.planRevision + 1);
  expect(edited.plan).toEqual(created.plan);

  // … and cancels it, with a reason.
  await page.getByRole('button', { name: '取消活动' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('原因', { exact: true }).fill('方案调整，重新部署');
  await dialog.getByRole('button', { name: '确定' }).click();
  await page.getByText('已取消', { exact: true }).first().waitFor();
  await page.getByText(/方案调整，重新部署/).waitFor();
  expect(await page.getByRole('button', { name: '编辑' }).count()).toBe(0);
});

test('the home dashboard shows the API’s figures', async () => {
  const { page } = system;
  await system.login('cq.reviewer');
  await page.getByRole('link', { name: '首页' }).click();
  await page.getByRole('heading', { name: /首页/ }).waitFor();
  const figures = await system.apiGet<Dashboard>('dev-city-admin', '/api/v1/dashboard?months=12');
  expect(figures.total).toBe(3);
  const counties = page.getByRole('table').filter({ has: page.getByText('各区县逾期情况') });
  await counties.waitFor();
  for (const county of figures.counties) {
    // The table may be drawn before the county names arrive (a second query): wait for the row.
    const row = counties.getByRole('row', { name: new RegExp(county.countyName) });
    await row.waitFor();
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells.slice(0, 3)).toEqual([
      county.countyName,
      String(county.certifications),
      String(county.holdingTitle),
    ]);
  }
  // The trend chart draws one point per month of the API's trend.
  const trend = page.getByTestId('chart-trend');
  await trend.locator('svg').waitFor();
  const months = await trend.locator('svg text').allTextContents();
  for (const row of figures.trend) expect(months).toContain(row.month);
  const statuses = page.getByRole('table').filter({ has: page.getByText('按状态统计') });
  await statuses
    .getByRole('progressbar', { name: `已命名 ${figures.byStatus.CERTIFIED}` })
    .waitFor();
  await system.expectAccessible();
  await system.screenshot('home-dashboard');
});

test('a county submits its report; the city returns it, a missing comment shown on its field', async () => {
  const { page } = system;
  await system.login('yuzhong.operator');
  await page.getByRole('link', { name: '创建活动' }).click();
  await page.getByRole('link', { name: CAMPAIGN_NAME }).click();
  await page.getByRole('tab', { name: '区县报送任务' }).click();
  const duty = page.getByRole('row', { name: /2024Q2/ });
  // A county operator sees their own county's duties only.
  expect(await page.getByRole('row', { name: /2024Q3/ }).count()).toBe(0);
  await duty.getByRole('button', { name: '提交报告' }).click();
  const submit = page.getByRole('dialog');
  await submit.getByLabel('报告内容', { exact: true }).fill('二季度新建调解室 3 个，培训 120 人次');
  await submit.getByRole('button', { name: '提交报告' }).click();
  await duty.getByText('已报送', { exact: true }).waitFor();
  await system.expectAccessible();

  await system.login('cq.reviewer');
  await page.getByRole('link', { name: '创建活动' }).click();
  await page.getByRole('link', { name: CAMPAIGN_NAME }).click();
  await page.getByRole('tab', { name: '报告' }).click();
  const report = page.getByRole('row', { name: /2024Q2/ });
  await report.getByRole('button', { name: '审核' }).click();
  const review = page.getByRole('dialog');
  await review.getByText('二季度新建调解室').waitFor();
  await review.getByLabel('退回修改').check();
  await review.getByRole('button', { name: '审核' }).click();
  await review.getByText('a returned report needs comments saying what to change').waitFor();
  expect(await review.getByLabel('审核说明', { exact: true }).getAttribute('aria-invalid')).toBe(
    'true',
  );
  await system.expectAccessible();
  await review.getByLabel('审核说明', { exact: true }).fill('请补充培训台账');
  await review.getByRole('button', { name: '审核' }).click();
  await report.getByText('已退回', { exact: true }).waitFor();
  const stored = await system.db.prisma.campaignReportDuty.findFirstOrThrow({
    where: { period: '2024Q2' },
  });
  expect(stored.status).toBe('RETURNED');
});
