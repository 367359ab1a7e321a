// The campaign side of the inbox: county operators owe the reports of their county's open
// duties (overdue ones flagged); city reviewers and admins owe a review of every submitted
// report. Only campaigns still running count: at the end, unsubmitted duties are missed.
import type { ReportKind } from './rules/campaign';
import { isOverdueDuty, OPEN_DUTY_STATUSES, REPORT_TITLES } from './rules/campaign';
import type { Locale } from '../shared';
import { DEFAULT_LOCALE } from '../shared';
import type { InboxTask } from '../inbox/workflow-api';
import type { PrismaClient } from '../../generated/prisma/client';
import type { Principal } from '../access';

function reportTitle(kind: string, locale: Locale): string {
  const titles = REPORT_TITLES[kind as ReportKind] as { zh: string; en: string } | undefined;
  if (!titles) return kind;
  return locale === 'zh-CN' ? titles.zh : titles.en;
}

export async function campaignDutyTasks(
  prisma: PrismaClient,
  principal: Principal,
  now: Date,
  locale: Locale = DEFAULT_LOCALE,
): Promise<InboxTask[]> {
  if (principal.role === 'COUNTY_OPERATOR') {
    if (!principal.countyId) return [];
    const duties = await prisma.campaignReportDuty.findMany({
      where: {
        cityId: principal.cityId,
        countyId: principal.countyId,
        status: { in: [...OPEN_DUTY_STATUSES] },
        campaign: { status: { not: 'CLOSED' } },
      },
      include: { campaign: { select: { name: true } } },
      orderBy: { dueAt: 'asc' },
    });
    return duties.map((duty) => ({
      kind: 'SUBMIT_CAMPAIGN_REPORT',
      title:
        locale === 'zh-CN'
          ? `报送${duty.campaign.name}${duty.period}${reportTitle(duty.kind, locale)}` +
            (duty.status === 'RETURNED' ? '(已退回修改)' : '')
          : `Submit the ${reportTitle(duty.kind, locale)} for ${duty.period} of ${duty.campaign.name}` +
            (duty.status === 'RETURNED' ? ' (returned for revision)' : ''),
      dueAt: duty.dueAt.toISOString(),
      overdue: isOverdueDuty({ status: duty.status, dueAt: duty.dueAt.getTime() }, now.getTime()),
      cityId: duty.cityId,
      countyId: duty.countyId,
      subject: {
        type: 'campaign-report',
        id: duty.id,
        campaignId: duty.campaignId,
        reportKind: duty.kind,
      },
    }));
  }
  if (principal.role === 'CITY_REVIEWER' || principal.role === 'CITY_ADMIN') {
    const reports = await prisma.campaignReport.findMany({
      where: { status: 'SUBMITTED', campaign: { cityId: principal.cityId } },
      // Not the report's content and attachments (the report itself): a task only names it.
      select: {
        id: true,
        late: true,
        countyId: true,
        campaignId: true,
        duty: { select: { kind: true, period: true, county: { select: { name: true } } } },
        campaign: { select: { name: true, cityId: true } },
      },
      orderBy: { submittedAt: 'asc' },
    });
    return reports.map((report) => ({
      kind: 'REVIEW_CAMPAIGN_REPORT',
      title:
        locale === 'zh-CN'
          ? `审核${report.duty.county.name}${report.duty.period}${reportTitle(report.duty.kind, locale)}` +
            (report.late ? '(逾期报送)' : '')
          : `Review the ${reportTitle(report.duty.kind, locale)} for ${report.duty.period} of ` +
            `${report.duty.county.name}${report.late ? ' (submitted late)' : ''}`,
      // A review has no deadline of its own.
      dueAt: null,
      overdue: false,
      cityId: report.campaign.cityId,
      countyId: report.countyId,
      subject: {
        type: 'campaign-report',
        id: report.id,
        campaignId: report.campaignId,
        reportKind: report.duty.kind,
      },
    }));
  }
  return [];
}
