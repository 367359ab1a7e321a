// Email templates in zh-CN (the default) and English, chosen by the recipient's locale.
// Everything the system says itself — reasons of reminders, escalations and revocations,
// function names, due-date kinds — is in the recipient's language (domain/wording.ts); what a
// person typed is quoted as typed. Pure: the same kind and data always render the same message.
import type { Locale } from '../../shared';
import { formatDate } from '../../shared';
import { DUE_KIND_WORDING, FUNCTION_WORDING, readerReason, say } from '../rules/wording';

export { Locales, formatDate } from '../../shared';
export type { Locale } from '../../shared';

export type NotificationKind =
  | 'DECLARATION_RECEIVED'
  | 'DECLARATION_DECIDED'
  | 'VERIFICATION_SCHEDULED'
  | 'VERIFICATION_DECIDED'
  | 'NAMED'
  | 'RECHECK_DUE'
  | 'SPOT_CHECK'
  | 'CHECK_DECIDED'
  | 'RECTIFICATION_ORDERED'
  | 'RECTIFICATION_REMINDER'
  | 'RECTIFICATION_DECIDED'
  | 'REVOKED'
  | 'REMINDER'
  | 'ESCALATION'
  | 'DAILY_DIGEST';

export interface MessageData {
  officeName: string;
  countyName: string;
  cityName: string;
  certificationId: string;
  status: string;
  action: string;
  /** The event's reason as stored: a person's words, or a system reason rendered per reader. */
  reason: string | null;
  /** The event's details (reason code, due kind and date, escalation target). */
  details?: Record<string, unknown>;
  certificateNumber: string | null;
  dueKind: string | null;
  dueAt: number | null;
  /** Escalation target or reminder offset, when the kind has one. */
  detail: string | null;
}

export interface DigestItem {
  officeName: string;
  countyName: string;
  dueKind: string;
  dueAt: number;
  overdue: boolean;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

function dueText(data: MessageData, locale: Locale): string {
  if (!data.dueKind || data.dueAt === null) return '';
  const kind = say(DUE_KIND_WORDING, data.dueKind, locale);
  return locale === 'zh-CN'
    ? `${kind}截止日期:${formatDate(data.dueAt, locale)}`
    : `The ${kind} is due on ${formatDate(data.dueAt, locale)}.`;
}

type Lines = { subject: string; lines: string[] };

/** The reason in the reader's language (a person's reason as written). */
function reasonIn(data: MessageData, locale: Locale): string | null {
  return readerReason({ action: data.action, reason: data.reason, details: data.details }, locale);
}

/** Who an escalation went to, in the reader's language (null if the event names no one). */
function escalatedTo(data: MessageData, locale: Locale): string | null {
  const target = data.details?.target;
  return typeof target === 'string' ? say(FUNCTION_WORDING, target, locale) : null;
}

function zh(kind: NotificationKind, data: MessageData): Lines {
  const office = `${data.countyName}${data.officeName}`;
  const why = reasonIn(data, 'zh-CN');
  const reason = why ? `理由:${why}` : '';
  switch (kind) {
    case 'DECLARATION_RECEIVED':
      return {
        subject: `【申报受理】${office}“枫桥式”司法所创建申报`,
        lines: [`${office}的创建申报已提交,等待市司法局审核。`, dueText(data, 'zh-CN')],
      };
    case 'DECLARATION_DECIDED':
      return {
        subject: `【申报审核】${office}:${statusZh(data.action)}`,
        lines: [`${office}的创建申报审核结果:${statusZh(data.action)}。`, reason],
      };
    case 'VERIFICATION_SCHEDULED':
      return {
        subject: `【验收申请】${office}申请验收`,
        lines: [
          `${office}已申请验收,请安排实地检查、资料审查并征求当地党委政府意见。`,
          dueText(data, 'zh-CN'),
        ],
      };
    case 'VERIFICATION_DECIDED':
      return {
        subject: `【验收结果】${office}:未通过验收`,
        lines: [`${office}本次验收未通过。`, reason],
      };
    case 'NAMED':
      return {
        subject: `【命名授牌】${office}被命名为“枫桥式”司法所`,
        lines: [
          `${office}验收合格,命名为“枫桥式”司法所。`,
          `证书编号:${data.certificateNumber ?? '待发'}`,
        ],
      };
    case 'RECHECK_DUE':
      return {
        subject: `【全面复查】${office}两年期全面复查开始`,
        lines: [`${office}已到两年期全面复查时间,请做好迎检准备。`, dueText(data, 'zh-CN')],
      };
    case 'SPOT_CHECK':
      return {
        subject: `【抽查】${office}被列入抽查`,
        lines: [`市司法局将对${office}开展抽查。`, reason],
      };
    case 'CHECK_DECIDED':
      return { subject: `【复查结论】${office}:通过`, lines: [`${office}本次复查/抽查通过。`] };
    case 'RECTIFICATION_ORDERED':
      return {
        subject: `【限期整改】${office}`,
        lines: [`${office}在复查/抽查中未达标,须限期整改。`, dueText(data, 'zh-CN'), reason],
      };
    case 'RECTIFICATION_REMINDER':
      return {
        subject: `【整改提醒】${office}整改期限将至`,
        lines: [
          `${office}的整改期限将至,逾期未整改将撤销“枫桥式”司法所命名。`,
          dueText(data, 'zh-CN'),
        ],
      };
    case 'RECTIFICATION_DECIDED':
      return {
        subject: `【整改验收】${office}:整改到位`,
        lines: [`${office}整改验收通过,保留“枫桥式”司法所命名。`],
      };
    case 'REVOKED':
      return {
        subject: `【撤销命名】${office}“枫桥式”司法所命名被撤销`,
        lines: [`${office}的“枫桥式”司法所命名已撤销。`, reason],
      };
    case 'REMINDER':
      return {
        subject: `【待办提醒】${office}`,
        lines: [`${office}有一项待办事项即将到期。`, dueText(data, 'zh-CN')],
      };
    case 'ESCALATION':
      return {
        subject: `【逾期督办】${office}`,
        lines: [
          `${office}的待办事项已逾期,现提请${escalatedTo(data, 'zh-CN') ?? ''}督办。`,
          dueText(data, 'zh-CN'),
        ],
      };
    case 'DAILY_DIGEST':
      return { subject: '【每日待办】', lines: [] };
  }
}

function en(kind: NotificationKind, data: MessageData): Lines {
  const office = `${data.officeName} (${data.countyName})`;
  const why = reasonIn(data, 'en');
  const reason = why ? `Reason: ${why}` : '';
  switch (kind) {
    case 'DECLARATION_RECEIVED':
      return {
        subject: `Declaration received: ${office}`,
        lines: [
          `The declaration of ${office} was submitted and awaits the city bureau's review.`,
          dueText(data, 'en'),
        ],
      };
    case 'DECLARATION_DECIDED':
      return {
        subject: `Declaration ${statusEn(data.action)}: ${office}`,
        lines: [`The declaration of ${office} was ${statusEn(data.action)}.`, reason],
      };
    case 'VERIFICATION_SCHEDULED':
      return {
        subject: `Verification requested: ${office}`,
        lines: [
          `${office} requested verification: schedule the on-site inspection, the document review and the local opinion.`,
          dueText(data, 'en'),
        ],
      };
    case 'VERIFICATION_DECIDED':
      return {
        subject: `Verification not passed: ${office}`,
        lines: [`${office} did not pass this verification.`, reason],
      };
    case 'NAMED':
      return {
        subject: `Named a Fengqiao-style office: ${office}`,
        lines: [
          `${office} passed verification and is named a Fengqiao-style judicial office.`,
          `Certificate number: ${data.certificateNumber ?? 'pending'}`,
        ],
      };
    case 'RECHECK_DUE':
      return {
        subject: `Biennial recheck opened: ${office}`,
        lines: [`The biennial full recheck of ${office} has opened.`, dueText(data, 'en')],
      };
    case 'SPOT_CHECK':
      return {
        subject: `Spot check: ${office}`,
        lines: [`The city bureau is spot-checking ${office}.`, reason],
      };
    case 'CHECK_DECIDED':
      return {
        subject: `Check passed: ${office}`,
        lines: [`${office} passed this recheck or spot check.`],
      };
    case 'RECTIFICATION_ORDERED':
      return {
        subject: `Rectification ordered: ${office}`,
        lines: [`${office} fell short in a check and must rectify.`, dueText(data, 'en'), reason],
      };
    case 'RECTIFICATION_REMINDER':
      return {
        subject: `Rectification deadline approaching: ${office}`,
        lines: [
          `The rectification deadline of ${office} is approaching; missing it revokes the title.`,
          dueText(data, 'en'),
        ],
      };
    case 'RECTIFICATION_DECIDED':
      return {
        subject: `Rectification accepted: ${office}`,
        lines: [`The rectification of ${office} was verified; the title stands.`],
      };
    case 'REVOKED':
      return {
        subject: `Title revoked: ${office}`,
        lines: [`The Fengqiao-style title of ${office} has been revoked.`, reason],
      };
    case 'REMINDER':
      return {
        subject: `Reminder: ${office}`,
        lines: [`A step for ${office} is due soon.`, dueText(data, 'en')],
      };
    case 'ESCALATION':
      return {
        subject: `Overdue, escalated: ${office}`,
        lines: [
          `A step for ${office} is overdue and has been escalated` +
            (escalatedTo(data, 'en') ? ` to the ${escalatedTo(data, 'en')}.` : '.'),
          dueText(data, 'en'),
        ],
      };
    case 'DAILY_DIGEST':
      return { subject: 'Daily digest', lines: [] };
  }
}

function statusZh(action: string): string {
  return action.endsWith('APPROVED')
    ? '同意创建'
    : action.endsWith('RETURNED')
      ? '退回修改'
      : '不予同意';
}

function statusEn(action: string): string {
  return action.endsWith('APPROVED')
    ? 'approved'
    : action.endsWith('RETURNED')
      ? 'returned for revision'
      : 'rejected';
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const FOOTER: Record<Locale, string> = {
  'zh-CN': '本邮件由“枫桥式”司法所创建管理系统自动发送。',
  en: 'Sent automatically by the Fengqiao-style office certification system.',
};

export function assemble(subject: string, lines: string[], locale: Locale): RenderedMessage {
  const body = lines.filter((line) => line.length > 0);
  const text = [...body, '', FOOTER[locale]].join('\n');
  const html =
    `<!doctype html><html lang="${locale}"><body>` +
    body.map((line) => `<p>${escapeHtml(line)}</p>`).join('') +
    `<hr><p><small>${escapeHtml(FOOTER[locale])}</small></p></body></html>`;
  return { subject, text, html };
}

export function render(kind: NotificationKind, locale: Locale, data: MessageData): RenderedMessage {
  const { subject, lines } = locale === 'zh-CN' ? zh(kind, data) : en(kind, data);
  return assemble(subject, lines, locale);
}

export function renderDigest(locale: Locale, date: string, items: DigestItem[]): RenderedMessage {
  const lines = items.map((item) => {
    const what = say(DUE_KIND_WORDING, item.dueKind, locale);
    const when = formatDate(item.dueAt, locale);
    return locale === 'zh-CN'
      ? `${item.overdue ? '【已逾期】' : ''}${item.countyName}${item.officeName}:${what},截止${when}`
      : `${item.overdue ? '[OVERDUE] ' : ''}${item.officeName} (${item.countyName}): ${what}, due ${when}`;
  });
  const overdue = items.filter((i) => i.overdue).length;
  const subject =
    locale === 'zh-CN'
      ? `【每日待办】${date}:${items.length}项待办,其中${overdue}项逾期`
      : `Daily digest ${date}: ${items.length} item(s) due, ${overdue} overdue`;
  const intro =
    locale === 'zh-CN' ? `截至${date},您有以下待办事项:` : `As of ${date}, these items are yours:`;
  return assemble(subject, [intro, ...lines], locale);
}
