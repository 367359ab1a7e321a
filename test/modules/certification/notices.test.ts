import { audienceFor } from '../../../modules/certification/notices/audience';
import type { MessageData } from '../../../modules/certification/notices/templates';
import {
  escapeHtml,
  formatDate,
  render,
  renderDigest,
} from '../../../modules/certification/notices/templates';

const DATA: MessageData = {
  officeName: '解放碑司法所',
  countyName: '渝中区',
  cityName: '重庆市',
  certificationId: 'c-1',
  status: 'RECTIFYING',
  action: 'RECHECK_FAILED',
  reason: '台账<不全>',
  certificateNumber: 'CQ-FQ-2026-0001',
  dueKind: 'RECTIFICATION_DEADLINE',
  dueAt: Date.UTC(2026, 11, 31, 16, 30),
  detail: null,
};

test('messages render in Chinese by default and in English on request, text and HTML', () => {
  const zh = render('RECTIFICATION_ORDERED', 'zh-CN', DATA);
  expect(zh.subject).toBe('【限期整改】渝中区解放碑司法所');
  expect(zh.text).toContain('整改期限截止日期:2027年01月01日');
  const en = render('RECTIFICATION_ORDERED', 'en', DATA);
  expect(en.subject).toBe('Rectification ordered: 解放碑司法所 (渝中区)');
  expect(en.text).toContain('due on 2027-01-01 (CST)');
  expect(en.html).toContain('<html lang="en">');
});

test('HTML bodies escape what people typed', () => {
  const html = render('RECTIFICATION_ORDERED', 'zh-CN', DATA).html;
  expect(html).toContain('台账&lt;不全&gt;');
  expect(html).not.toContain('<不全>');
  expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;');
});

test('dates are shown in China Standard Time', () => {
  expect(formatDate(Date.UTC(2026, 0, 1, 15, 59), 'zh-CN')).toBe('2026年01月01日');
  expect(formatDate(Date.UTC(2026, 0, 1, 16, 0), 'zh-CN')).toBe('2026年01月02日');
});

test('the digest counts what is due and what is overdue', () => {
  const digest = renderDigest('zh-CN', '2026-11-23', [
    {
      officeName: 'A所',
      countyName: '渝中区',
      dueKind: 'DECLARATION_REVIEW',
      dueAt: 0,
      overdue: true,
    },
    {
      officeName: 'B所',
      countyName: '江北区',
      dueKind: 'CHECK_DECISION',
      dueAt: 0,
      overdue: false,
    },
  ]);
  expect(digest.subject).toBe('【每日待办】2026-11-23:2项待办,其中1项逾期');
  expect(digest.text).toContain('【已逾期】渝中区A所:申报审核');
});

test('each transition reaches the parties who must act or know', () => {
  expect(audienceFor({ action: 'DECLARED', details: {} })).toEqual({
    kind: 'DECLARATION_RECEIVED',
    functions: ['COUNTY_OPERATOR', 'CITY_REVIEWER'],
  });
  expect(audienceFor({ action: 'REMINDED', details: { owner: 'CITY' } })?.functions).toEqual([
    'CITY_REVIEWER',
  ]);
  expect(
    audienceFor({
      action: 'REMINDED',
      details: { owner: 'COUNTY', dueKind: 'RECTIFICATION_DEADLINE' },
    }),
  ).toEqual({ kind: 'RECTIFICATION_REMINDER', functions: ['COUNTY_OPERATOR'] });
  expect(audienceFor({ action: 'ESCALATED', details: { target: 'COUNTY_BUREAU_HEAD' } })).toEqual({
    kind: 'ESCALATION',
    functions: ['COUNTY_BUREAU_HEAD'],
  });
  expect(audienceFor({ action: 'PROGRESS_REPORTED', details: {} })).toBeNull();
  expect(audienceFor({ action: 'NOTIFICATION_FAILED', details: {} })).toBeNull();
});

test('an escalation names who it went to in the reader’s words, never a raw code', () => {
  const data: MessageData = {
    ...DATA,
    action: 'ESCALATED',
    reason: 'CHECK_DECISION was due 2026-12-31T16:30:00.000Z',
    details: {
      reasonCode: 'STEP_OVERDUE',
      dueKind: 'CHECK_DECISION',
      dueAt: DATA.dueAt,
      target: 'CITY_BUREAU_DIVISION',
    },
    dueKind: 'CHECK_DECISION',
    detail: 'CITY_BUREAU_DIVISION',
  };
  const zh = render('ESCALATION', 'zh-CN', data);
  expect(zh.text).toContain('现提请市司法局业务处室督办。');
  expect(zh.text).toContain('复查/抽查结论截止日期:2027年01月01日');
  expect(zh.text).not.toMatch(/[A-Z]{2,}_[A-Z]+/);
  const en = render('ESCALATION', 'en', data);
  expect(en.text).toContain('has been escalated to the city bureau division.');
  expect(en.text).not.toMatch(/[A-Z]{2,}_[A-Z]+/);
});

test('a revocation for a missed deadline gives the system’s reason in the reader’s language', () => {
  const data: MessageData = {
    ...DATA,
    status: 'REVOKED',
    action: 'REVOKED',
    reason: 'the rectification was not submitted by its deadline',
    details: { reasonCode: 'RECTIFICATION_NOT_SUBMITTED', order: 1, dueAt: DATA.dueAt },
  };
  const zh = render('REVOKED', 'zh-CN', data);
  expect(zh.text).toContain('理由:未在整改期限内提交整改报告');
  expect(zh.text).not.toMatch(/[a-z]{4,}/);
  expect(render('REVOKED', 'en', data).text).toContain(
    'Reason: The rectification was not submitted by its deadline',
  );
  // Recorded before reason codes: recognised by its English text.
  const legacy = render('REVOKED', 'zh-CN', { ...data, details: { order: 1, dueAt: 0 } });
  expect(legacy.text).toContain('理由:未在整改期限内提交整改报告');
});
