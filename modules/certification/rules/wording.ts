// What the system itself says, in each reader's language: due-date kinds, the functions
// people hold, the checks, and the reasons of events the system makes on its own (reminders,
// escalations, the biennial recheck, a revocation for a missed deadline). Pure.
//
// System events store a `reasonCode` in their details (with the due kind and date they
// concern) next to the English `reason` the audit trail always had; readers get the text
// rendered here. Events recorded before the codes are recognised by their action and
// English text, so old timelines read the same way.
import type { Locale } from '../../shared';
import { formatDate } from '../../shared';

export type Wording = Record<Locale, string>;

export const DUE_KIND_WORDING: Record<string, Wording> = {
  DECLARATION_REVIEW: { 'zh-CN': '申报审核', en: 'declaration review' },
  DECLARATION_REVISION: { 'zh-CN': '申报材料修改', en: 'declaration revision' },
  VERIFICATION_DECISION: { 'zh-CN': '验收决定', en: 'verification decision' },
  CHECK_DECISION: { 'zh-CN': '复查/抽查结论', en: 'recheck/spot check decision' },
  RECHECK_OPENS: { 'zh-CN': '全面复查', en: 'full recheck' },
  RECTIFICATION_DEADLINE: { 'zh-CN': '整改期限', en: 'rectification deadline' },
  RECTIFICATION_VERIFICATION: { 'zh-CN': '整改验收', en: 'rectification verification' },
};

/** The functions notices go to (notifications/audience.ts) and escalation targets. */
export const FUNCTION_WORDING: Record<string, Wording> = {
  COUNTY_OPERATOR: { 'zh-CN': '区县司法局经办人员', en: 'county bureau operator' },
  COUNTY_BUREAU_HEAD: { 'zh-CN': '区县司法局负责人', en: 'county bureau head' },
  CITY_REVIEWER: { 'zh-CN': '市司法局审核人员', en: 'city bureau reviewer' },
  CITY_BUREAU_DIVISION: { 'zh-CN': '市司法局业务处室', en: 'city bureau division' },
  CITY_ADMIN: { 'zh-CN': '市司法局领导及管理员', en: 'city bureau leadership and administrator' },
};

export const CHECK_WORDING: Record<string, Wording> = {
  VERIFICATION: { 'zh-CN': '验收', en: 'verification' },
  RECHECK: { 'zh-CN': '全面复查', en: 'full recheck' },
  SPOT_CHECK: { 'zh-CN': '抽查', en: 'spot check' },
  RECTIFICATION: { 'zh-CN': '整改验收', en: 'rectification check' },
};

/** A code's words in the locale, or the code itself if it has none (never silently empty). */
export function say(table: Record<string, Wording>, code: string, locale: Locale): string {
  return table[code]?.[locale] ?? code;
}

export const SystemReasonCodes = [
  'STEP_DUE_SOON',
  'STEP_OVERDUE',
  'RECHECK_DUE',
  'RECTIFICATION_NOT_SUBMITTED',
] as const;
export type SystemReasonCode = (typeof SystemReasonCodes)[number];

/** An event as stored: its action, the English reason and its details. */
export interface ReasonedEvent {
  action: string;
  reason: string | null;
  details: unknown;
}

export interface SystemReason {
  code: SystemReasonCode;
  dueKind: string | null;
  dueAt: number | null;
}

/** The English reasons of system events recorded before reason codes, by action. */
const LEGACY_REASONS: Record<string, { code: SystemReasonCode; text?: string }> = {
  REMINDED: { code: 'STEP_DUE_SOON' },
  ESCALATED: { code: 'STEP_OVERDUE' },
  RECHECK_OPENED: { code: 'RECHECK_DUE', text: 'the biennial full recheck is due' },
  REVOKED: {
    code: 'RECTIFICATION_NOT_SUBMITTED',
    text: 'the rectification was not submitted by its deadline',
  },
};

function isCode(value: unknown): value is SystemReasonCode {
  return typeof value === 'string' && (SystemReasonCodes as readonly string[]).includes(value);
}

/** The system reason of an event, or null when its reason was given by a person. */
export function systemReasonOf(event: ReasonedEvent): SystemReason | null {
  const details =
    event.details && typeof event.details === 'object'
      ? (event.details as Record<string, unknown>)
      : {};
  const params = {
    dueKind: typeof details.dueKind === 'string' ? details.dueKind : null,
    dueAt: typeof details.dueAt === 'number' ? details.dueAt : null,
  };
  if (isCode(details.reasonCode)) return { code: details.reasonCode, ...params };
  const legacy = LEGACY_REASONS[event.action];
  if (!legacy || (legacy.text !== undefined && legacy.text !== event.reason)) return null;
  return { code: legacy.code, ...params };
}

export function renderSystemReason(reason: SystemReason, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const kind = reason.dueKind ? say(DUE_KIND_WORDING, reason.dueKind, locale) : null;
  const date = reason.dueAt === null ? null : formatDate(reason.dueAt, locale);
  switch (reason.code) {
    case 'STEP_DUE_SOON':
      if (zh) return `${kind ?? '待办事项'}将于${date ?? '近期'}到期`;
      return `The ${kind ?? 'step'} is due${date ? ` on ${date}` : ' soon'}`;
    case 'STEP_OVERDUE':
      if (zh) return `${kind ?? '待办事项'}${date ? `已于${date}到期` : '已逾期'},尚未办理`;
      return `The ${kind ?? 'step'} was due${date ? ` on ${date}` : ''} and is not done`;
    case 'RECHECK_DUE':
      return zh ? '两年期全面复查时间已到' : 'The biennial full recheck is due';
    case 'RECTIFICATION_NOT_SUBMITTED':
      return zh
        ? '未在整改期限内提交整改报告'
        : 'The rectification was not submitted by its deadline';
  }
}

/**
 * The reason of an event as a reader sees it: a system reason in their language, a person's
 * reason as they wrote it.
 */
export function readerReason(event: ReasonedEvent, locale: Locale): string | null {
  const system = systemReasonOf(event);
  return system ? renderSystemReason(system, locale) : event.reason;
}
