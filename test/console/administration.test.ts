// The offices and administration pages in real Chromium against a real running system (see
// admin-system.ts), as the city admin does the work: creates a user (a bad field shown on the
// field) and disables one after confirming, issues an API key whose secret is shown once and
// is gone after the dialog closes, revokes it, imports an office CSV with a bad row (the
// report names row and column, nothing is imported) and then a good one (the offices are
// listed), and finds all of it in the audit trail. Axe checks the offices list, the import
// page and the users page. Locators by role, label and text; no sleeps.
import { DEMO_PASSWORD } from '../../modules/access/demo-users';
import type { AdminSystem } from './admin-system';
import { startAdminSystem } from './admin-system';
import { seriousViolations } from './axe';

let system: AdminSystem | undefined;
const sys = (): AdminSystem => {
  if (!system) throw new Error('the system is not started (beforeAll failed?)');
  return system;
};

beforeAll(async () => {
  system = await startAdminSystem('console-admin');
}, 300_000);

afterAll(async () => {
  await system?.stop();
}, 60_000);

async function expectAccessible(): Promise<void> {
  expect(await seriousViolations(sys().page)).toEqual([]);
}

const PROFILE_COLUMNS = [
  'profileEffectiveFrom',
  'population',
  'premisesAreaM2',
  'exclusivePremisesAreaM2',
  'staffTotal',
  'fullTimeAuxiliaryStaff',
  'legalQualifiedStaff',
  'partyMembers',
  'hasPartyBranch',
  'trainingDays',
  'trainingHours',
  'mediationCases',
  'mediationSuccessful',
  'communityCorrectionSupervised',
  'communityCorrectionLost',
].join(',');

const csv = (lines: string[]) => Buffer.from(`${lines.join('\n')}\n`, 'utf8');

/** Chooses a file through the page's own button, as a user would. */
async function chooseFile(name: string, buffer: Buffer): Promise<void> {
  const { page } = sys();
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: '选择文件' }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: 'text/csv', buffer });
}

test('the city admin logs in and sees the administration sections', async () => {
  const { page, baseUrl } = sys();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名', { exact: true }).fill('cq.admin');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '待办事项' }).waitFor();

  await page.getByRole('link', { name: '管理' }).click();
  // /admin opens the first section the role may use: users, for the city admin.
  await page.getByRole('heading', { name: '用户' }).waitFor();
  const sections = page.getByRole('navigation', { name: '管理功能' });
  for (const name of ['API 密钥', '区县', '通知接收人', '评价标准', '批量操作', '随机抽查']) {
    await sections.getByRole('link', { name, exact: true }).waitFor();
  }
  for (const name of ['审计日志', '通知记录', '数据核对']) {
    await sections.getByRole('link', { name, exact: true }).waitFor();
  }
});

test('creates a user (a bad field shows its message there) and disables one after confirming', async () => {
  const { page, db } = sys();
  await page.getByRole('cell', { name: 'cq.reviewer', exact: true }).waitFor();
  await expectAccessible();
  await sys().screenshot('admin-users');

  await page.getByRole('button', { name: '新建用户' }).click();
  const dialog = page.getByRole('dialog', { name: '新建用户' });
  await dialog.getByLabel('用户名', { exact: true }).fill('cq.reviewer2');
  await dialog.getByLabel('姓名', { exact: true }).fill('李审核');
  await dialog.getByLabel('角色', { exact: true }).click();
  await page.getByTitle('市司法局审核', { exact: true }).click();
  await dialog.getByLabel('初始密码', { exact: true }).fill('short');
  await dialog.getByRole('button', { name: '新建' }).click();
  // The server's message for `password`, on the password field; the dialog keeps what was typed.
  const password = dialog.getByLabel('初始密码', { exact: true });
  await dialog.getByText(/10/).waitFor();
  expect(await password.getAttribute('aria-invalid')).toBe('true');
  expect(await dialog.getByLabel('姓名', { exact: true }).inputValue()).toBe('李审核');

  await password.fill('a-long-enough-password');
  await dialog.getByRole('button', { name: '新建' }).click();
  const row = page.getByRole('row').filter({ hasText: 'cq.reviewer2' });
  await row.waitFor();
  await dialog.waitFor({ state: 'hidden' });

  // Disabling asks first; cancelling leaves the user as they were.
  await row.getByRole('button', { name: '停用' }).click();
  const confirm = page.getByRole('dialog', { name: /停用用户 李审核/ });
  await confirm.getByRole('button', { name: '取消' }).click();
  await confirm.waitFor({ state: 'hidden' });
  expect(
    (await db.prisma.user.findUniqueOrThrow({ where: { username: 'cq.reviewer2' } })).disabledAt,
  ).toBeNull();
  await row.getByRole('button', { name: '停用' }).click();
  await page
    .getByRole('dialog', { name: /停用用户 李审核/ })
    .getByRole('button', { name: '停用' })
    .click();
  await row.getByText('已停用').waitFor();
  expect(
    (await db.prisma.user.findUniqueOrThrow({ where: { username: 'cq.reviewer2' } })).disabledAt,
  ).not.toBeNull();
});

test('an API key is shown once, works, is gone once the dialog closes, and is revoked after confirming', async () => {
  const { page, baseUrl } = sys();
  await page
    .getByRole('navigation', { name: '管理功能' })
    .getByRole('link', { name: 'API 密钥' })
    .click();
  await page.getByRole('heading', { name: 'API 密钥' }).waitFor();
  await page.getByRole('button', { name: '新建密钥' }).click();
  const form = page.getByRole('dialog', { name: '新建密钥' });
  await form.getByLabel('名称（用途）', { exact: true }).fill('渝中区案件系统');
  await form.getByLabel('角色', { exact: true }).click();
  await page.getByTitle('验收人员', { exact: true }).click();
  await form.getByRole('button', { name: '新建' }).click();

  const secret = page.getByRole('dialog', { name: '新密钥：渝中区案件系统' });
  await secret.getByText('密钥只显示这一次').waitFor();
  await secret.getByRole('button', { name: '复制' }).waitFor();
  const key = await secret.getByLabel('密钥', { exact: true }).inputValue();
  expect(key.length).toBeGreaterThanOrEqual(32);
  const me = await fetch(`${baseUrl}/api/v1/me`, { headers: { 'X-API-Key': key } });
  expect(me.status).toBe(200);

  await secret.getByRole('button', { name: '我已保存，关闭' }).click();
  await secret.waitFor({ state: 'hidden' });
  // The list shows the key's record (used once just now), never the key itself.
  const row = page.getByRole('row').filter({ hasText: '渝中区案件系统' });
  await row.waitFor();
  expect(await page.content()).not.toContain(key);

  await row.getByRole('button', { name: '吊销' }).click();
  await page
    .getByRole('dialog', { name: /吊销密钥 渝中区案件系统/ })
    .getByRole('button', { name: '吊销' })
    .click();
  await row.getByText('已吊销').waitFor();
  const after = await fetch(`${baseUrl}/api/v1/me`, { headers: { 'X-API-Key': key } });
  expect(after.status).toBe(401);
});

test('an office CSV with a bad row is refused with a report naming row and column; a good one is imported', async () => {
  const { page, db } = sys();
  await page.getByRole('link', { name: '司法所', exact: true }).click();
  await page.getByRole('heading', { name: '司法所' }).waitFor();
  await page.getByRole('link', { name: '解放碑司法所' }).waitFor();
  await expectAccessible();
  await sys().screenshot('offices');

  await page.getByRole('button', { name: '导入司法所' }).click();
  await page.getByRole('heading', { name: '导入司法所' }).waitFor();
  await chooseFile(
    'offices-bad.csv',
    csv([
      'code,name,type,countyCode',
      'CQ-YZ-901,大坪街道司法所,STREET,CQ-YZ',
      'CQ-YZ-902,石油路街道司法所,CITY,CQ-YZ',
    ]),
  );
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await page.getByRole('alert').getByText('未导入：文件中有错误').waitFor();
  await page.getByRole('heading', { name: '逐行错误' }).waitFor();
  const bad = page.getByRole('row').filter({ hasText: 'CQ-YZ-902' });
  expect(await bad.getByRole('cell').allInnerTexts()).toEqual([
    '3',
    'CQ-YZ-902',
    'type',
    expect.any(String),
  ]);
  expect(await db.prisma.office.count({ where: { code: 'CQ-YZ-901' } })).toBe(0);
  await expectAccessible();
  await sys().screenshot('office-import');

  await chooseFile(
    'offices-good.csv',
    csv([
      `code,name,type,countyCode,${PROFILE_COLUMNS}`,
      'CQ-YZ-901,大坪街道司法所,STREET,CQ-YZ,2026-01-01,45000,150,130,6,3,1,4,是,12,90,200,197,10,0',
      // No profile: all of its cells blank.
      'CQ-JB-901,五宝镇司法所,乡镇,CQ-JB,,,,,,,,,,,,,,,',
    ]),
  );
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await page.getByText('已导入 2 个司法所（其中 1 个附基础数据）').waitFor();
  expect(await page.getByRole('heading', { name: '逐行错误' }).count()).toBe(0);

  await page.getByRole('link', { name: '查看司法所列表' }).click();
  await page.getByRole('heading', { name: '司法所' }).waitFor();
  await page.getByRole('searchbox', { name: '名称或编码' }).fill('大坪');
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: '大坪街道司法所' }).click();
  await page.getByRole('heading', { name: '大坪街道司法所' }).waitFor();
  await page.getByText('尚未申报认定').waitFor();
  // The imported profile, in effect and as the first entry of the history.
  const history = page
    .getByRole('region', { name: '基础数据记录' })
    .getByRole('row')
    .filter({ hasText: '2026-01-01' });
  expect(await history.getByRole('cell').first().innerText()).toBe('2026-01-01');
  await history.getByRole('cell', { name: '45000', exact: true }).waitFor();

  // A new profile: the server's cross-field rule lands on its field; then it is recorded.
  await page.getByRole('button', { name: '录入基础数据' }).click();
  const form = page.getByRole('dialog', { name: '录入基础数据：大坪街道司法所' });
  const auxiliary = form.getByLabel('专职辅助人员', { exact: true });
  await auxiliary.fill('9');
  await form.getByRole('button', { name: '保存' }).click();
  await form.getByText('cannot exceed staff.total').waitFor();
  expect(await auxiliary.getAttribute('aria-invalid')).toBe('true');
  await auxiliary.fill('4');
  await form.getByLabel('备注', { exact: true }).fill('新增一名专职调解员');
  await form.getByRole('button', { name: '保存' }).click();
  await form.waitFor({ state: 'hidden' });
  await page
    .getByRole('region', { name: '基础数据记录' })
    .getByRole('cell', { name: '新增一名专职调解员' })
    .waitFor();
  expect(await db.prisma.officeProfile.count({ where: { office: { code: 'CQ-YZ-901' } } })).toBe(2);
});

test('the audit trail shows the user, the key and the import', async () => {
  const { page } = sys();
  await page.getByRole('link', { name: '管理' }).click();
  await page
    .getByRole('navigation', { name: '管理功能' })
    .getByRole('link', { name: '审计日志' })
    .click();
  await page.getByRole('heading', { name: '审计日志' }).waitFor();
  for (const action of [
    'USER_CREATED',
    'USER_DISABLED',
    'API_KEY_CREATED',
    'API_KEY_REVOKED',
    'OFFICES_IMPORTED',
  ]) {
    await page.getByRole('cell', { name: action, exact: true }).first().waitFor();
  }

  await sys().screenshot('admin-audit');

  // Filtered to one action, the others are gone.
  await page.getByLabel('事项', { exact: true }).fill('OFFICES_IMPORTED');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '搜索' }).click();
  await page
    .getByRole('cell', { name: 'USER_CREATED', exact: true })
    .waitFor({ state: 'detached' });
  const imported = page.getByRole('cell', { name: 'OFFICES_IMPORTED', exact: true });
  await imported.waitFor();
  expect(await imported.count()).toBe(1);
});

test('every section opens without a load error; a bulk action asks first and reports per office', async () => {
  const { page } = sys();
  const sections = page.getByRole('navigation', { name: '管理功能' });
  for (const name of [
    '用户',
    'API 密钥',
    '区县',
    '通知接收人',
    '评价标准',
    '批量操作',
    '随机抽查',
    '通知记录',
    '数据核对',
  ]) {
    await sections.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { name, exact: true, level: 1 }).waitFor();
    await page.getByRole('table').first().or(page.getByText('流程与数据库一致')).first().waitFor();
    expect(await page.getByText('加载失败').count()).toBe(0);
  }
  await page.getByText('流程与数据库一致，无停滞流程').waitFor();

  // A criteria version opens to its items, veto items named as such.
  await sections.getByRole('link', { name: '评价标准', exact: true }).click();
  await page.getByRole('button', { name: '详情' }).first().click();
  const version = page.getByRole('dialog', { name: /v1$/ });
  await version.getByRole('cell', { name: '一票否决项' }).first().waitFor();
  await page.keyboard.press('Escape');
  await version.waitFor({ state: 'hidden' });

  await sections.getByRole('link', { name: '批量操作', exact: true }).click();
  await page.getByRole('button', { name: '发起批量操作' }).click();
  const form = page.getByRole('dialog', { name: '发起批量操作' });
  await form.getByLabel('原因', { exact: true }).fill('渝中区提前复核');
  // No filter: the server's reason (naming `filter`, not a field of its own) above the form.
  await form.getByRole('button', { name: '发起批量操作' }).click();
  await page.getByRole('button', { name: '提前开展复核' }).click();
  await form
    .getByRole('alert')
    .getByText(/at least one of certifiedInYear/)
    .waitFor();

  await form.getByLabel('区县', { exact: true }).click();
  await page.getByTitle('渝中区', { exact: true }).click();
  await form.getByRole('button', { name: '发起批量操作' }).click();
  // The confirmation's own buttons (the form's are 发起批量操作 and 取消 too: take the last).
  await page.getByRole('button', { name: '提前开展复核' }).waitFor();
  await page.getByRole('button', { name: '取消' }).last().click();
  await page.getByRole('button', { name: '提前开展复核' }).waitFor({ state: 'detached' });
  expect(await sys().db.prisma.bulkAction.count()).toBe(0);
  await form.getByRole('button', { name: '发起批量操作' }).click();
  // The bulk action runs while the request is open; its answer decides what the page shows, so a
  // failure here names the server's status and body rather than a missing dialog.
  const started = page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' && response.url().endsWith('/api/v1/bulk-actions'),
  );
  await page.getByRole('button', { name: '提前开展复核' }).click();
  const answer = await started;
  expect(`${answer.status()} ${await answer.text()}`).toMatch(/^201 /);
  const outcomes = page.getByRole('dialog', { name: '批量操作结果' });
  await outcomes.waitFor();
  expect(await sys().db.prisma.bulkAction.count()).toBe(1);
  await page.keyboard.press('Escape');
  await outcomes.waitFor({ state: 'hidden' });
});

test('a city reviewer sees only the sections the API lets them read', async () => {
  const { page } = sys();
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByLabel('用户名', { exact: true }).fill('cq.reviewer');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  // A new login starts at the user's own inbox, not where the last user was.
  await page.getByRole('heading', { name: '待办事项' }).waitFor();
  await page.getByRole('link', { name: '管理' }).click();
  await page.getByRole('heading', { name: '评价标准', level: 1 }).waitFor();
  const links = await page
    .getByRole('navigation', { name: '管理功能' })
    .getByRole('link')
    .allInnerTexts();
  expect(links).toEqual(['评价标准', '批量操作', '随机抽查', '通知记录']);
  await page
    .getByRole('navigation', { name: '管理功能' })
    .getByRole('link', { name: '批量操作' })
    .click();
  await page.getByRole('heading', { name: '批量操作', level: 1 }).waitFor();
  expect(await page.getByRole('button', { name: '发起批量操作' }).count()).toBe(0);
  // An address typed by hand for a section the role may not open says so.
  await page.goto(`${sys().baseUrl}/admin/users`);
  await page.getByText('操作未被受理').waitFor();
});
