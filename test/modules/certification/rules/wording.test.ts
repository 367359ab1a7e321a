// Unit tests for domain/locale.ts and domain/wording.ts: which language a reader gets, and
// the system's own words (reasons, functions, due kinds) in each, for new events (reason
// codes) and for events recorded before the codes (recognised by action and English text).
import { formatDate, localeOf, negotiateLocale } from '../../../../modules/shared/locale';
import {
  DUE_KIND_WORDING,
  FUNCTION_WORDING,
  readerReason,
  say,
  systemReasonOf,
} from '../../../../modules/certification/rules/wording';
import { DueKind } from '../../../../modules/certification/rules/schemas';
import { RecipientFunctions } from '../../../../modules/certification/notices/audience';

const DUE = Date.UTC(2026, 2, 1, 16, 0); // 2026-03-02 in China

describe('negotiateLocale', () => {
  test.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en;q=0.8,zh;q=0.9', 'zh-CN'],
    ['fr-FR,en;q=0.5', 'en'],
    ['fr-FR', 'zh-CN'],
    ['en;q=0', 'zh-CN'],
    ['*', 'zh-CN'],
  ])('%p → %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

test('a stored preference is English only when it says so', () => {
  expect(localeOf('en')).toBe('en');
  expect(localeOf('en-US')).toBe('en');
  expect(localeOf('zh-CN')).toBe('zh-CN');
  expect(localeOf(null)).toBe('zh-CN');
  expect(localeOf('english')).toBe('zh-CN');
});

test('every due kind and every recipient function has words in both languages', () => {
  for (const kind of DueKind.options) {
    expect(DUE_KIND_WORDING[kind]?.['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    expect(DUE_KIND_WORDING[kind]?.en).toMatch(/^[a-z /]+$/);
  }
  for (const fn of RecipientFunctions) {
    expect(FUNCTION_WORDING[fn]?.['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    expect(FUNCTION_WORDING[fn]?.en).toMatch(/^[a-z ]+$/);
  }
  expect(say(FUNCTION_WORDING, 'CITY_BUREAU_DIVISION', 'zh-CN')).toBe('市司法局业务处室');
  expect(say(FUNCTION_WORDING, 'UNKNOWN_FUNCTION', 'zh-CN')).toBe('UNKNOWN_FUNCTION');
});

describe('system reasons', () => {
  const revoked = {
    action: 'REVOKED',
    reason: 'the rectification was not submitted by its deadline',
    details: { reasonCode: 'RECTIFICATION_NOT_SUBMITTED', order: 1, dueAt: DUE },
  };

  test('are rendered from their code in the reader’s language', () => {
    expect(readerReason(revoked, 'zh-CN')).toBe('未在整改期限内提交整改报告');
    expect(readerReason(revoked, 'en')).toBe('The rectification was not submitted by its deadline');
    const escalated = {
      action: 'ESCALATED',
      reason: 'CHECK_DECISION was due 2026-03-01T16:00:00.000Z',
      details: { reasonCode: 'STEP_OVERDUE', dueKind: 'CHECK_DECISION', dueAt: DUE },
    };
    expect(readerReason(escalated, 'zh-CN')).toBe('复查/抽查结论已于2026年03月02日到期,尚未办理');
    expect(readerReason(escalated, 'en')).toBe(
      'The recheck/spot check decision was due on 2026-03-02 (CST) and is not done',
    );
    expect(
      readerReason(
        {
          action: 'REMINDED',
          reason: 'x',
          details: { reasonCode: 'STEP_DUE_SOON', dueKind: 'DECLARATION_REVIEW', dueAt: DUE },
        },
        'zh-CN',
      ),
    ).toBe(`申报审核将于${formatDate(DUE, 'zh-CN')}到期`);
  });

  test('recorded before reason codes are recognised by action and English text', () => {
    const { details: _codes, ...legacy } = revoked;
    expect(systemReasonOf({ ...legacy, details: { order: 1, dueAt: DUE } })?.code).toBe(
      'RECTIFICATION_NOT_SUBMITTED',
    );
    expect(
      readerReason(
        {
          action: 'RECHECK_OPENED',
          reason: 'the biennial full recheck is due',
          details: { recheckNumber: 2 },
        },
        'zh-CN',
      ),
    ).toBe('两年期全面复查时间已到');
    expect(
      readerReason(
        {
          action: 'ESCALATED',
          reason: 'DECLARATION_REVIEW was due …',
          details: { dueKind: 'DECLARATION_REVIEW', dueAt: DUE },
        },
        'zh-CN',
      ),
    ).toBe('申报审核已于2026年03月02日到期,尚未办理');
  });

  test('a person’s reason is quoted as written, in whatever language they wrote it', () => {
    expect(
      readerReason(
        { action: 'RECHECK_OPENED', reason: '提前复查', details: { early: true } },
        'en',
      ),
    ).toBe('提前复查');
    expect(readerReason({ action: 'REVOKED', reason: '整改不到位', details: {} }, 'en')).toBe(
      '整改不到位',
    );
    expect(systemReasonOf({ action: 'WITHDRAWN', reason: '撤并', details: {} })).toBeNull();
    expect(readerReason({ action: 'DECLARED', reason: null, details: null }, 'zh-CN')).toBeNull();
  });
});
