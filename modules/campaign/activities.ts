// The campaign workflow's side effects. `handleCampaignEvent` does what one agenda event
// means in the database — create a phase's duties, mark duties overdue and escalate them,
// record a milestone, close the campaign with its final assessment — and returns the notices
// to send; `sendCampaignNotices` sends an event's notices to their recipients, once per key;
// `stopCampaign` cancels a campaign or closes it early when the city asks.
// Both are idempotent: rows have deterministic ids, status changes are conditional, audit
// events are written once per id, and messages once per key.
import { ApplicationFailure } from '@temporalio/common';
import type { AgendaEvent, DutyFact, DutyOccurrence } from './rules/campaign';
import {
  assessCampaign,
  CampaignPlan,
  dutyId,
  OPEN_DUTY_STATUSES,
  phaseTitles,
} from './rules/campaign';
import { chinaDate, systemActor } from '../shared';
import type { StopCampaignRequest, StopCampaignResult } from './messages';
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import type { AuditEntry } from '../audit';
import { auditRow } from '../audit';
import { loadCampaignProgress } from './progress-store';
import type { RecipientFunction } from '../certification/workflow-api';
import { RecipientFunctions } from '../certification/workflow-api';
import type { CampaignMessageData, CampaignNoticeKind } from './notices/templates';
import { renderCampaign } from './notices/templates';
import type { NotifyResult, OutboxDeps, OutgoingMessage } from '../notification';
import { createOutbox, isFinalAttempt, localeOf } from '../notification';

/** One message to the holders of some functions in a city (and county), sent once per key. */
export interface CampaignNotice {
  /** Deterministic; the recipient's id is appended per message. */
  key: string;
  kind: CampaignNoticeKind;
  campaignId: string;
  cityId: string;
  countyId: string | null;
  functions: RecipientFunction[];
  data: CampaignMessageData;
}

export interface HandleCampaignEventArgs {
  campaignId: string;
  event: AgendaEvent;
  /** Workflow time: the instant the event is handled. */
  now: number;
}

export interface HandleCampaignEventResult {
  notices: CampaignNotice[];
  /** Rows the event changed (duties created, marked, escalated…), for the workflow's record. */
  affected: number;
}

function toFunction(target: string): RecipientFunction {
  return (RecipientFunctions as readonly string[]).includes(target)
    ? (target as RecipientFunction)
    : 'CITY_ADMIN';
}

/** A campaign event the system records: its details always name the campaign. */
type SystemAuditEntry = Omit<AuditEntry, 'cityId' | 'actor' | 'occurredAt' | 'details'> & {
  details: { campaignId: string } & Record<string, unknown>;
};

interface NoticeParts extends Pick<CampaignNotice, 'key' | 'kind' | 'countyId' | 'functions'> {
  data: Omit<CampaignMessageData, 'campaignName' | 'cityName' | 'countyName'>;
}

const dueReport = (d: { kind: string; period: string; dueAt: Date | number }) => ({
  kind: d.kind,
  period: d.period,
  dueAt: typeof d.dueAt === 'number' ? d.dueAt : d.dueAt.getTime(),
});

export function createCampaignActivities(deps: OutboxDeps) {
  const { prisma } = deps;
  const outbox = createOutbox(deps);

  /** The campaign with its city's counties, and how this event writes audit rows and notices. */
  async function campaignContext(campaignId: string, now: number) {
    const campaign = await prisma.campaign.findUniqueOrThrow({
      where: { id: campaignId },
      include: { city: { include: { counties: { orderBy: { id: 'asc' } } } } },
    });
    const countyName = new Map(campaign.city.counties.map((c) => [c.id, c.name]));
    /** The system's audit event, at the event's time; written once per id. */
    const audit = (db: Pick<PrismaClient, 'auditEvent'>, entry: SystemAuditEntry) =>
      db.auditEvent.createMany({
        data: [
          auditRow({
            ...entry,
            cityId: campaign.cityId,
            actor: systemActor(campaign.cityId),
            occurredAt: new Date(now),
          }),
        ],
        skipDuplicates: true,
      });
    /** A notice about the campaign, to the city or (with a county) to that county. */
    const notice = (n: NoticeParts): CampaignNotice => ({
      key: n.key,
      kind: n.kind,
      campaignId,
      cityId: campaign.cityId,
      countyId: n.countyId,
      functions: n.functions,
      data: {
        campaignName: campaign.name,
        cityName: campaign.city.name,
        countyName: n.countyId ? (countyName.get(n.countyId) ?? n.countyId) : null,
        ...n.data,
      },
    });
    return { campaign, counties: campaign.city.counties, countyName, audit, notice };
  }

  async function startPhase(
    campaignId: string,
    event: Extract<AgendaEvent, { type: 'PHASE_STARTS' }>,
    now: number,
  ): Promise<HandleCampaignEventResult> {
    const { campaign, counties, audit, notice } = await campaignContext(campaignId, now);
    const rows: Prisma.CampaignReportDutyCreateManyInput[] = counties.flatMap((county) =>
      event.duties.map((d: DutyOccurrence) => ({
        id: dutyId(campaignId, county.id, d.kind, d.period),
        campaignId,
        cityId: campaign.cityId,
        countyId: county.id,
        phase: d.phase,
        kind: d.kind,
        period: d.period,
        dueAt: new Date(d.dueAt),
        status: 'PENDING',
      })),
    );
    const [created] = await prisma.$transaction([
      prisma.campaignReportDuty.createMany({ data: rows, skipDuplicates: true }),
      prisma.campaign.update({
        where: { id: campaignId },
        data: { phase: event.phase, status: 'ACTIVE' },
      }),
      audit(prisma, {
        id: `campaign:${campaignId}:${event.key}`,
        action: 'CAMPAIGN_PHASE_STARTED',
        toStatus: event.phase,
        details: {
          campaignId,
          phase: event.phase,
          counties: counties.map((c) => c.id),
          duties: event.duties.map((d) => ({ kind: d.kind, period: d.period, dueOn: d.dueOn })),
        },
      }),
    ]);
    const reports = event.duties.map(dueReport);
    const stored = CampaignPlan.safeParse(campaign.plan);
    const planned = stored.success
      ? stored.data.phases.find((p) => p.kind === event.phase)
      : undefined;
    const phaseName = phaseTitles(planned ?? { kind: event.phase });
    const notices = counties.map((county) =>
      notice({
        key: `campaign:${campaignId}:${event.key}:${county.id}`,
        kind: 'CAMPAIGN_PHASE_STARTED',
        countyId: county.id,
        functions: ['COUNTY_OPERATOR'],
        data: { phase: event.phase, phaseName, reports },
      }),
    );
    notices.push(
      notice({
        key: `campaign:${campaignId}:${event.key}:city`,
        kind: 'CAMPAIGN_PHASE_STARTED',
        countyId: null,
        functions: ['CITY_BUREAU_DIVISION'],
        data: { phase: event.phase, phaseName },
      }),
    );
    return { notices, affected: created.count };
  }

  async function remind(
    campaignId: string,
    event: Extract<AgendaEvent, { type: 'DUTY_REMINDER' }>,
    now: number,
  ): Promise<HandleCampaignEventResult> {
    const { notice } = await campaignContext(campaignId, now);
    const open = await prisma.campaignReportDuty.findMany({
      where: {
        campaignId,
        kind: event.duty.kind,
        period: event.duty.period,
        status: { in: ['PENDING', 'RETURNED'] },
      },
      orderBy: { countyId: 'asc' },
    });
    const notices = open.map((duty) =>
      notice({
        key: `campaign:${campaignId}:${event.key}:${duty.countyId}`,
        kind: 'CAMPAIGN_REPORT_REMINDER',
        countyId: duty.countyId,
        functions: ['COUNTY_OPERATOR'],
        data: { report: dueReport(duty), reminderOffset: event.offset },
      }),
    );
    return { notices, affected: open.length };
  }

  async function escalate(
    campaignId: string,
    event: Extract<AgendaEvent, { type: 'DUTY_ESCALATION' }>,
    now: number,
  ): Promise<HandleCampaignEventResult> {
    const { audit, notice } = await campaignContext(campaignId, now);
    const open = await prisma.campaignReportDuty.findMany({
      where: {
        campaignId,
        kind: event.duty.kind,
        period: event.duty.period,
        status: { in: [...OPEN_DUTY_STATUSES] },
      },
      orderBy: { countyId: 'asc' },
    });
    const target = toFunction(event.target);
    const notices: CampaignNotice[] = [];
    for (const duty of open) {
      const details = {
        campaignId,
        countyId: duty.countyId,
        dutyId: duty.id,
        kind: duty.kind,
        period: duty.period,
        dueAt: duty.dueAt.toISOString(),
      };
      await prisma.$transaction(async (tx) => {
        if (duty.status !== 'OVERDUE') {
          // Conditional: a submission that landed since the read wins.
          const marked = await tx.campaignReportDuty.updateMany({
            where: { id: duty.id, status: { in: ['PENDING', 'RETURNED'] } },
            data: { status: 'OVERDUE' },
          });
          if (marked.count === 0) return;
          await audit(tx, {
            id: `campaign-duty:${duty.id}:overdue`,
            action: 'CAMPAIGN_REPORT_OVERDUE',
            fromStatus: duty.status,
            toStatus: 'OVERDUE',
            reason: `due ${duty.dueAt.toISOString()}`,
            details,
          });
        }
        await tx.campaignReportDuty.updateMany({
          where: { id: duty.id, escalations: { lt: event.level } },
          data: { escalations: event.level },
        });
        await audit(tx, {
          id: `campaign-duty:${duty.id}:escalation:${event.level}`,
          action: 'CAMPAIGN_REPORT_ESCALATED',
          fromStatus: 'OVERDUE',
          toStatus: 'OVERDUE',
          reason: `due ${duty.dueAt.toISOString()}`,
          details: { ...details, level: event.level, target },
        });
        notices.push(
          notice({
            key: `campaign:${campaignId}:${event.key}:${duty.countyId}`,
            kind: 'CAMPAIGN_REPORT_ESCALATION',
            countyId: duty.countyId,
            functions: [target],
            data: { report: dueReport(duty), escalation: { level: event.level, target } },
          }),
        );
      });
    }
    return { notices, affected: notices.length };
  }

  async function milestone(
    campaignId: string,
    event: Extract<AgendaEvent, { type: 'MILESTONE' }>,
    now: number,
  ): Promise<HandleCampaignEventResult> {
    const { campaign, countyName, audit, notice } = await campaignContext(campaignId, now);
    const loaded = await loadCampaignProgress(prisma, {
      campaignId,
      cityId: campaign.cityId,
      now,
    });
    const reached = loaded?.progress.milestones.find((m) => m.date === event.date);
    if (!reached) return { notices: [], affected: 0 };
    const behind = reached.countiesBehind.map((c) => ({
      countyId: c.countyId,
      countyName: countyName.get(c.countyId) ?? c.countyId,
      expected: c.expected,
      achieved: c.achieved,
    }));
    await audit(prisma, {
      id: `campaign:${campaignId}:${event.key}`,
      action: 'CAMPAIGN_MILESTONE_REACHED',
      reason: behind.length > 0 ? `${behind.length} county(ies) behind` : null,
      details: {
        campaignId,
        date: event.date,
        label: event.label,
        city: reached.city,
        countiesBehind: behind,
      },
    });
    const reachedNotice = notice({
      key: `campaign:${campaignId}:${event.key}`,
      kind: 'CAMPAIGN_MILESTONE',
      countyId: null,
      functions: ['CITY_BUREAU_DIVISION', 'CITY_ADMIN'],
      data: {
        milestone: {
          date: event.date,
          label: event.label,
          cityExpected: reached.city.expected,
          cityAchieved: reached.city.achieved,
          behind,
        },
      },
    });
    return { notices: [reachedNotice], affected: behind.length };
  }

  /**
   * The end: what is still owed is missed, and the final assessment is stored. `early` when
   * the city closes the campaign before its end date (the assessment is as at `now`).
   */
  async function close(
    campaignId: string,
    event: Pick<AgendaEvent, 'key'>,
    now: number,
    early?: StopCampaignRequest,
  ) {
    const { campaign, counties, countyName, audit, notice } = await campaignContext(
      campaignId,
      now,
    );
    if (
      early &&
      campaign.status !== 'ACTIVE' &&
      !(campaign.status === 'CLOSED' && campaign.stoppedAt)
    ) {
      throw ApplicationFailure.create({
        nonRetryable: true,
        type: 'CampaignStopRefused',
        message: `the campaign is ${campaign.status}: only an ACTIVE campaign can be closed early`,
      });
    }
    const stillOpen = await prisma.campaignReportDuty.findMany({
      where: { campaignId, status: { in: [...OPEN_DUTY_STATUSES] } },
    });
    for (const duty of stillOpen) {
      await prisma.$transaction(async (tx) => {
        const marked = await tx.campaignReportDuty.updateMany({
          where: { id: duty.id, status: { in: [...OPEN_DUTY_STATUSES] } },
          data: { status: 'MISSED' },
        });
        if (marked.count === 0) return;
        await audit(tx, {
          id: `campaign-duty:${duty.id}:missed`,
          action: 'CAMPAIGN_REPORT_MISSED',
          fromStatus: duty.status,
          toStatus: 'MISSED',
          reason: early
            ? 'not submitted when the campaign was closed early'
            : 'not submitted by the end of the campaign',
          details: {
            campaignId,
            countyId: duty.countyId,
            dutyId: duty.id,
            kind: duty.kind,
            period: duty.period,
          },
        });
      });
    }
    const duties = await prisma.campaignReportDuty.findMany({
      where: { campaignId },
      include: { reports: { where: { version: 1 }, select: { submittedAt: true, late: true } } },
    });
    const facts: DutyFact[] = duties.map((d) => ({
      countyId: d.countyId,
      kind: d.kind,
      period: d.period,
      dueAt: d.dueAt.getTime(),
      status: d.status,
      firstSubmission: d.reports[0]
        ? { at: d.reports[0].submittedAt.getTime(), late: d.reports[0].late }
        : null,
    }));
    const loaded = await loadCampaignProgress(prisma, {
      campaignId,
      cityId: campaign.cityId,
      now,
    });
    const assessment = assessCampaign({
      now,
      duties: facts,
      progress: loaded?.progress ?? { city: { achieved: 0, quota: 0 }, counties: [] },
    });
    const assessmentJson = assessment as unknown as Prisma.InputJsonValue;
    const closedAt = new Date(now);
    await prisma.$transaction([
      prisma.campaign.update({
        where: { id: campaignId },
        data: {
          status: 'CLOSED',
          assessment: assessmentJson,
          ...(early
            ? { stoppedAt: closedAt, stoppedBy: early.actor.id, stopReason: early.reason }
            : {}),
        },
      }),
      prisma.auditEvent.createMany({
        data: [
          auditRow({
            id: `campaign:${campaignId}:${event.key}`,
            cityId: campaign.cityId,
            action: 'CAMPAIGN_CLOSED',
            actor: early?.actor ?? systemActor(campaign.cityId),
            fromStatus: 'ACTIVE',
            toStatus: 'CLOSED',
            reason: early?.reason ?? null,
            requestId: early?.requestId ?? null,
            details: { campaignId, early: early !== undefined, assessment: assessmentJson },
            occurredAt: closedAt,
          }),
        ],
        skipDuplicates: true,
      }),
    ]);
    const closing = {
      cityCertified: assessment.city.certified,
      cityTarget: assessment.city.target,
      countiesFallingShort: assessment.countiesFallingShort.map((id) => countyName.get(id) ?? id),
      missedReports: assessment.city.duties.missed,
      lateReports: assessment.city.duties.late,
      ...(early ? { earlyOn: chinaDate(now) } : {}),
    };
    const notices = [
      notice({
        key: `campaign:${campaignId}:${event.key}`,
        kind: 'CAMPAIGN_CLOSED',
        countyId: null,
        functions: ['CITY_BUREAU_DIVISION', 'CITY_ADMIN'],
        data: { closing },
      }),
    ];
    // Closed early, the counties learn it too: nothing more is owed, and when.
    if (early) {
      for (const county of counties) {
        notices.push(
          notice({
            key: `campaign:${campaignId}:${event.key}:${county.id}`,
            kind: 'CAMPAIGN_CLOSED',
            countyId: county.id,
            functions: ['COUNTY_OPERATOR', 'COUNTY_BUREAU_HEAD'],
            data: { closing },
          }),
        );
      }
    }
    return { notices, affected: stillOpen.length, assessment };
  }

  /** Cancels a PLANNED or ACTIVE campaign: open duties are no longer owed; everyone is told. */
  async function cancel(campaignId: string, request: StopCampaignRequest, now: number) {
    const { campaign, counties, notice } = await campaignContext(campaignId, now);
    const at = new Date(now);
    if (campaign.status !== 'CANCELLED') {
      if (campaign.status !== 'PLANNED' && campaign.status !== 'ACTIVE') {
        throw ApplicationFailure.create({
          nonRetryable: true,
          type: 'CampaignStopRefused',
          message: `the campaign is ${campaign.status}: only a PLANNED or ACTIVE campaign can be cancelled`,
        });
      }
      await prisma.$transaction(async (tx) => {
        const moved = await tx.campaign.updateMany({
          where: { id: campaignId, status: campaign.status },
          data: {
            status: 'CANCELLED',
            stoppedAt: at,
            stoppedBy: request.actor.id,
            stopReason: request.reason,
          },
        });
        // Retried by Temporal if the workflow moved it meanwhile (e.g. to ACTIVE).
        if (moved.count === 0) throw new Error('the campaign changed meanwhile');
        await tx.campaignReportDuty.updateMany({
          where: { campaignId, status: { in: [...OPEN_DUTY_STATUSES] } },
          data: { status: 'CANCELLED' },
        });
        const byCounty = await tx.campaignReportDuty.groupBy({
          by: ['countyId'],
          where: { campaignId, status: 'CANCELLED' },
          _count: { _all: true },
        });
        await tx.auditEvent.createMany({
          data: [
            auditRow({
              id: `campaign:${campaignId}:cancelled`,
              cityId: campaign.cityId,
              action: 'CAMPAIGN_CANCELLED',
              actor: request.actor,
              fromStatus: campaign.status,
              toStatus: 'CANCELLED',
              reason: request.reason,
              requestId: request.requestId,
              details: {
                campaignId,
                dutiesCancelled: Object.fromEntries(
                  byCounty.map((c) => [c.countyId, c._count._all]),
                ),
              },
              occurredAt: at,
            }),
          ],
          skipDuplicates: true,
        });
      });
    }
    const byCounty = await prisma.campaignReportDuty.groupBy({
      by: ['countyId'],
      where: { campaignId, status: 'CANCELLED' },
      _count: { _all: true },
    });
    const cancelledIn = new Map(byCounty.map((c) => [c.countyId, c._count._all]));
    const reason = request.reason;
    const notices = counties.map((county) =>
      notice({
        key: `campaign:${campaignId}:cancelled:${county.id}`,
        kind: 'CAMPAIGN_CANCELLED',
        countyId: county.id,
        functions: ['COUNTY_OPERATOR', 'COUNTY_BUREAU_HEAD'],
        data: { cancellation: { reason, dutiesCancelled: cancelledIn.get(county.id) ?? 0 } },
      }),
    );
    const total = [...cancelledIn.values()].reduce((a, b) => a + b, 0);
    notices.push(
      notice({
        key: `campaign:${campaignId}:cancelled:city`,
        kind: 'CAMPAIGN_CANCELLED',
        countyId: null,
        functions: ['CITY_BUREAU_DIVISION', 'CITY_ADMIN'],
        data: { cancellation: { reason, dutiesCancelled: total } },
      }),
    );
    return { notices, outcome: { status: 'CANCELLED' as const, duties: total } };
  }

  return {
    async handleCampaignEvent(args: HandleCampaignEventArgs): Promise<HandleCampaignEventResult> {
      const { campaignId, event, now } = args;
      switch (event.type) {
        case 'PHASE_STARTS':
          return startPhase(campaignId, event, now);
        case 'DUTY_REMINDER':
          return remind(campaignId, event, now);
        case 'DUTY_ESCALATION':
          return escalate(campaignId, event, now);
        case 'MILESTONE':
          return milestone(campaignId, event, now);
        case 'CAMPAIGN_ENDS': {
          const { notices, affected } = await close(campaignId, event, now);
          return { notices, affected };
        }
      }
    },

    /**
     * Cancels the campaign or closes it early, as the city asked; refuses (not retried) when
     * its status does not allow it. Idempotent: a retry finds it done and rebuilds the notices.
     */
    async stopCampaign(args: {
      campaignId: string;
      request: StopCampaignRequest;
      now: number;
    }): Promise<{ notices: CampaignNotice[]; outcome: StopCampaignResult }> {
      const { campaignId, request, now } = args;
      if (request.mode === 'CANCEL') return cancel(campaignId, request, now);
      const closed = await close(campaignId, { key: 'closed-early' }, now, request);
      return {
        notices: closed.notices,
        outcome: { status: 'CLOSED', duties: closed.affected },
      };
    },

    /** Sends an event's notices; a retry sends only what was not recorded as sent. */
    async sendCampaignNotices(args: {
      notices: CampaignNotice[];
      maxAttempts: number;
    }): Promise<NotifyResult> {
      const result: NotifyResult = { sent: 0, alreadySent: 0, skipped: 0 };
      const messages: OutgoingMessage[] = [];
      for (const notice of args.notices) {
        const recipients = await outbox.recipientsFor(notice.functions, notice);
        if (recipients.length === 0) result.skipped += 1;
        for (const recipient of recipients) {
          messages.push({
            key: `${notice.key}:${recipient.id}`,
            kind: notice.kind,
            certificationId: null,
            recipient,
            message: renderCampaign(notice.kind, localeOf(recipient.locale), notice.data),
          });
        }
      }
      return outbox.sendEach(messages, isFinalAttempt(args.maxAttempts), result);
    },
  };
}

export type CampaignActivities = ReturnType<typeof createCampaignActivities>;
