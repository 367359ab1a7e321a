// Email templates for campaigns, zh-CN (default) and English: a phase starting with the
// reports it asks for, a report coming due, a report overdue and escalated, a milestone with
// the counties behind, the campaign's close (on its date or early), its cancellation. Pure, like notifications/templates.ts.
import type { CampaignPhaseKind } from '../rules/campaign';
import { REPORT_TITLES, ReportKind, phaseTitles } from '../rules/campaign';
import type { Locale, RenderedMessage } from '../../certification/workflow-api';
import { assemble, formatDate } from '../../certification/workflow-api';

export type CampaignNoticeKind =
  | 'CAMPAIGN_PHASE_STARTED'
  | 'CAMPAIGN_REPORT_REMINDER'
  | 'CAMPAIGN_REPORT_ESCALATION'
  | 'CAMPAIGN_MILESTONE'
  | 'CAMPAIGN_CLOSED'
  | 'CAMPAIGN_CANCELLED';

export interface DueReport {
  kind: string;
  period: string;
  dueAt: number;
}

export interface CountyShortfall {
  countyName: string;
  expected: number;
  achieved: number;
}

/** What a campaign message says; each kind uses its part. */
export interface CampaignMessageData {
  campaignName: string;
  cityName: string;
  /** The county the message is about, if one. */
  countyName: string | null;
  phase?: CampaignPhaseKind;
  /** The phase's titles as the plan names it (notices recorded before phases had names lack it). */
  phaseName?: { zh: string; en: string };
  /** Phase start: the reports the county owes in it. */
  reports?: DueReport[];
  /** Reminder or escalation: the report concerned. */
  report?: DueReport;
  reminderOffset?: string;
  escalation?: { level: number; target: string };
  milestone?: {
    date: string;
    label: string | null;
    cityExpected: number;
    cityAchieved: number;
    behind: CountyShortfall[];
  };
  closing?: {
    cityCertified: number;
    cityTarget: number;
    countiesFallingShort: string[];
    missedReports: number;
    lateReports: number;
    /** Closed by the city before its end date (the date it was closed, China time). */
    earlyOn?: string;
  };
  /** Cancellation: why, and how many reports the county no longer owes. */
  cancellation?: { reason: string; dutiesCancelled: number };
}

function reportTitle(kind: string, locale: Locale): string {
  const parsed = ReportKind.safeParse(kind);
  if (!parsed.success) return kind;
  return locale === 'zh-CN' ? REPORT_TITLES[parsed.data].zh : REPORT_TITLES[parsed.data].en;
}

function reportLine(report: DueReport, locale: Locale): string {
  const title = reportTitle(report.kind, locale);
  const due = formatDate(report.dueAt, locale);
  return locale === 'zh-CN'
    ? `${title}(${report.period}),截止${due}`
    : `${title} (${report.period}), due ${due}`;
}

function phaseTitle(d: CampaignMessageData, locale: Locale): string {
  if (!d.phase) return '';
  const titles = d.phaseName ?? phaseTitles({ kind: d.phase });
  return locale === 'zh-CN' ? titles.zh : titles.en;
}

function zh(
  kind: CampaignNoticeKind,
  d: CampaignMessageData,
): { subject: string; lines: string[] } {
  const campaign = `“${d.campaignName}”`;
  const county = d.countyName ?? d.cityName;
  switch (kind) {
    case 'CAMPAIGN_PHASE_STARTED':
      return {
        subject: `【${phaseTitle(d, 'zh-CN')}阶段】${campaign}`,
        lines: [
          `${campaign}进入${phaseTitle(d, 'zh-CN')}阶段。`,
          ...(d.reports && d.reports.length > 0
            ? [`${county}须按时报送:`, ...d.reports.map((r) => `· ${reportLine(r, 'zh-CN')}`)]
            : []),
        ],
      };
    case 'CAMPAIGN_REPORT_REMINDER':
      return {
        subject: `【报送提醒】${county}${d.report ? reportTitle(d.report.kind, 'zh-CN') : ''}即将到期`,
        lines: [
          `${campaign}:${county}的以下材料尚未报送,请按时报送。`,
          d.report ? reportLine(d.report, 'zh-CN') : '',
        ],
      };
    case 'CAMPAIGN_REPORT_ESCALATION':
      return {
        subject: `【逾期督办】${county}${d.report ? reportTitle(d.report.kind, 'zh-CN') : ''}逾期未报`,
        lines: [
          `${campaign}:${county}的以下材料逾期未报送,现提请督办(第${d.escalation?.level ?? 1}级,${d.escalation?.target ?? ''})。`,
          d.report ? reportLine(d.report, 'zh-CN') : '',
        ],
      };
    case 'CAMPAIGN_MILESTONE': {
      const m = d.milestone;
      const behind = m?.behind ?? [];
      return {
        subject: `【阶段目标】${campaign}${m?.label ?? m?.date ?? ''}:${behind.length}个区县进度滞后`,
        lines: [
          `${campaign}${m?.label ?? ''}节点(${m?.date ?? ''})已到。`,
          `全市应命名${m?.cityExpected ?? 0}个,已命名${m?.cityAchieved ?? 0}个。`,
          behind.length > 0 ? '进度滞后的区县:' : '各区县均已达到阶段目标。',
          ...behind.map((b) => `· ${b.countyName}:应命名${b.expected}个,已命名${b.achieved}个`),
        ],
      };
    }
    case 'CAMPAIGN_CLOSED': {
      const c = d.closing;
      return {
        subject: c?.earlyOn ? `【提前结束】${campaign}已结束` : `【总结验收】${campaign}已结束`,
        lines: [
          c?.earlyOn
            ? `${campaign}已于${c.earlyOn}由市局提前结束,最终评估按结束时计算,未报送的材料记为未报。`
            : `${campaign}已结束,最终评估已生成。`,
          `全市已命名${c?.cityCertified ?? 0}个,目标${c?.cityTarget ?? 0}个。`,
          `逾期报送${c?.lateReports ?? 0}份,未报送${c?.missedReports ?? 0}份。`,
          c && c.countiesFallingShort.length > 0
            ? `未完成任务的区县:${c.countiesFallingShort.join('、')}`
            : '',
        ],
      };
    }
    case 'CAMPAIGN_CANCELLED':
      return {
        subject: `【活动取消】${campaign}已取消`,
        lines: [
          `市局已取消${campaign}。`,
          `取消理由:${d.cancellation?.reason ?? ''}`,
          d.countyName
            ? `${county}不再需要报送本活动的${d.cancellation?.dutiesCancelled ?? 0}份材料。`
            : '',
        ],
      };
  }
}

function en(
  kind: CampaignNoticeKind,
  d: CampaignMessageData,
): { subject: string; lines: string[] } {
  const campaign = `"${d.campaignName}"`;
  const county = d.countyName ?? d.cityName;
  switch (kind) {
    case 'CAMPAIGN_PHASE_STARTED':
      return {
        subject: `Campaign ${campaign}: the ${phaseTitle(d, 'en')} phase has started`,
        lines: [
          `Campaign ${campaign} has entered its ${phaseTitle(d, 'en')} phase.`,
          ...(d.reports && d.reports.length > 0
            ? [`${county} is to submit:`, ...d.reports.map((r) => `- ${reportLine(r, 'en')}`)]
            : []),
        ],
      };
    case 'CAMPAIGN_REPORT_REMINDER':
      return {
        subject: `Report due soon: ${county}, ${d.report ? reportTitle(d.report.kind, 'en') : ''}`,
        lines: [
          `Campaign ${campaign}: ${county} has not yet submitted this report.`,
          d.report ? reportLine(d.report, 'en') : '',
        ],
      };
    case 'CAMPAIGN_REPORT_ESCALATION':
      return {
        subject: `Report overdue, escalated: ${county}, ${d.report ? reportTitle(d.report.kind, 'en') : ''}`,
        lines: [
          `Campaign ${campaign}: ${county} has not submitted this report by its due date; escalated (level ${d.escalation?.level ?? 1}, ${d.escalation?.target ?? ''}).`,
          d.report ? reportLine(d.report, 'en') : '',
        ],
      };
    case 'CAMPAIGN_MILESTONE': {
      const m = d.milestone;
      const behind = m?.behind ?? [];
      return {
        subject: `Milestone ${m?.label ?? m?.date ?? ''} of ${campaign}: ${behind.length} county(ies) behind`,
        lines: [
          `The milestone of ${m?.date ?? ''} of campaign ${campaign} has passed.`,
          `City: ${m?.cityAchieved ?? 0} office(s) named of ${m?.cityExpected ?? 0} expected.`,
          behind.length > 0 ? 'Counties behind:' : 'Every county has reached the milestone.',
          ...behind.map((b) => `- ${b.countyName}: ${b.achieved} named of ${b.expected} expected`),
        ],
      };
    }
    case 'CAMPAIGN_CLOSED': {
      const c = d.closing;
      return {
        subject: c?.earlyOn
          ? `Campaign ${campaign} was closed early`
          : `Campaign ${campaign} has ended`,
        lines: [
          c?.earlyOn
            ? `Campaign ${campaign} was closed early by the city bureau on ${c.earlyOn}; its final assessment is as at closing, and reports not submitted count as missed.`
            : `Campaign ${campaign} has ended; its final assessment is available.`,
          `City: ${c?.cityCertified ?? 0} office(s) named against a target of ${c?.cityTarget ?? 0}.`,
          `Reports submitted late: ${c?.lateReports ?? 0}; never submitted: ${c?.missedReports ?? 0}.`,
          c && c.countiesFallingShort.length > 0
            ? `Counties falling short: ${c.countiesFallingShort.join(', ')}`
            : '',
        ],
      };
    }
    case 'CAMPAIGN_CANCELLED':
      return {
        subject: `Campaign ${campaign} was cancelled`,
        lines: [
          `The city bureau cancelled campaign ${campaign}.`,
          `Reason: ${d.cancellation?.reason ?? ''}`,
          d.countyName
            ? `${county} no longer owes its ${d.cancellation?.dutiesCancelled ?? 0} report(s) in this campaign.`
            : '',
        ],
      };
  }
}

export function renderCampaign(
  kind: CampaignNoticeKind,
  locale: Locale,
  data: CampaignMessageData,
): RenderedMessage {
  const { subject, lines } = locale === 'zh-CN' ? zh(kind, data) : en(kind, data);
  return assemble(subject, lines, locale);
}
