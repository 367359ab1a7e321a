// The campaign routes' data access: campaigns, their report duties and reports, and
// supervision visits. Every change a person makes is written here in one transaction with its
// audit event, and a change conditional on a status read earlier reports whether it still
// applied (the campaign workflow may have moved the duty meanwhile), so the route can answer
// 409. The routes validate, call these and present what they return; only this file (and the
// progress store) touches Prisma for them.
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import type { CampaignPlan, CreateCampaignInput } from './rules/campaign';
import type { SubmitCampaignReportInput, SupervisionVisitInput } from './rules/campaign';
import type { ResponsibilityLetterInput } from './rules/pairing';
import { auditRow } from '../audit';

/** Who acts, as the audit trail records them. */
export interface CampaignActor {
  id: string;
  role: string;
}

export function findCampaign(prisma: PrismaClient, id: string) {
  return prisma.campaign.findUnique({ where: { id } });
}

export type CampaignRow = NonNullable<Awaited<ReturnType<typeof findCampaign>>>;

/** How many duties of a campaign are in each status, per county (one county, if given). */
export async function dutyCountsByCounty(
  prisma: PrismaClient,
  campaignId: string,
  countyId: string | undefined,
): Promise<Map<string, Record<string, number>>> {
  const counts = await prisma.campaignReportDuty.groupBy({
    by: ['countyId', 'status'],
    where: { campaignId, ...(countyId ? { countyId } : {}) },
    _count: { _all: true },
  });
  const byCounty = new Map<string, Record<string, number>>();
  for (const row of counts) {
    const entry = byCounty.get(row.countyId) ?? {};
    entry[row.status] = row._count._all;
    byCounty.set(row.countyId, entry);
  }
  return byCounty;
}

/** The ids of a city's counties. */
export async function countyIdsOf(prisma: PrismaClient, cityId: string): Promise<Set<string>> {
  const counties = await prisma.county.findMany({ where: { cityId }, select: { id: true } });
  return new Set(counties.map((c) => c.id));
}

/** Whether another campaign of the city that is not cancelled already has this name. */
export async function isNameTaken(
  prisma: PrismaClient,
  cityId: string,
  name: string,
  exceptId: string | null,
): Promise<boolean> {
  const taken = await prisma.campaign.findFirst({
    where: {
      cityId,
      name,
      status: { not: 'CANCELLED' },
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    select: { id: true },
  });
  return taken !== null;
}

/** A new PLANNED campaign with its CAMPAIGN_CREATED event. */
export async function createCampaign(
  prisma: PrismaClient,
  args: {
    id: string;
    workflowId: string;
    cityId: string;
    actor: CampaignActor;
    requestId: string;
    input: CreateCampaignInput;
    plan: CampaignPlan;
    now: Date;
  },
): Promise<CampaignRow> {
  const { id, input, plan } = args;
  const [campaign] = await prisma.$transaction([
    prisma.campaign.create({
      data: {
        id,
        cityId: args.cityId,
        name: input.name,
        config: input.config,
        criteriaVersionId: input.criteriaVersionId,
        plan,
        targets: input.targets,
        startsOn: new Date(`${plan.startsOn}T00:00:00.000Z`),
        endsOn: new Date(`${plan.endsOn}T00:00:00.000Z`),
        status: 'PLANNED',
        workflowId: args.workflowId,
        createdBy: args.actor.id,
      },
    }),
    prisma.auditEvent.createMany({
      data: [
        auditRow({
          id: `campaign:${id}:created`,
          cityId: args.cityId,
          action: 'CAMPAIGN_CREATED',
          actor: args.actor,
          toStatus: 'PLANNED',
          requestId: args.requestId,
          details: {
            campaignId: id,
            name: input.name,
            startsOn: plan.startsOn,
            endsOn: plan.endsOn,
            criteriaVersionId: input.criteriaVersionId,
          },
          occurredAt: args.now,
        }),
      ],
    }),
  ]);
  return campaign;
}

/**
 * A PLANNED campaign's edited definition, stored only over an older edit (two edits land in
 * the order the workflow accepted them), with its CAMPAIGN_UPDATED event.
 */
export function storeEditedCampaign(
  prisma: PrismaClient,
  args: {
    campaign: CampaignRow;
    revision: number;
    input: CreateCampaignInput;
    plan: CampaignPlan;
    /** The fields the request sent, sorted. */
    changed: string[];
    actor: CampaignActor;
    requestId: string;
    now: Date;
  },
): Promise<void> {
  const { campaign, revision, input: next, plan } = args;
  return prisma.$transaction(async (tx) => {
    const stored = await tx.campaign.updateMany({
      where: { id: campaign.id, planRevision: { lt: revision } },
      data: {
        name: next.name,
        criteriaVersionId: next.criteriaVersionId,
        config: next.config,
        plan: plan,
        targets: next.targets,
        startsOn: new Date(`${plan.startsOn}T00:00:00.000Z`),
        endsOn: new Date(`${plan.endsOn}T00:00:00.000Z`),
        planRevision: revision,
      },
    });
    if (stored.count === 0) return;
    await tx.auditEvent.createMany({
      data: [
        auditRow({
          id: `campaign:${campaign.id}:edited:${revision}`,
          cityId: campaign.cityId,
          action: 'CAMPAIGN_UPDATED',
          actor: args.actor,
          fromStatus: 'PLANNED',
          toStatus: 'PLANNED',
          requestId: args.requestId,
          details: {
            campaignId: campaign.id,
            revision,
            changed: args.changed,
            name: next.name,
            startsOn: plan.startsOn,
            endsOn: plan.endsOn,
            phases: plan.phases.map((p) => p.kind),
          },
          occurredAt: args.now,
        }),
      ],
      skipDuplicates: true,
    });
  });
}

/**
 * Cancels a campaign that has no workflow (from before plans were data) by changing its row,
 * with the CAMPAIGN_CANCELLED event; false if its status changed meanwhile (nothing written).
 */
export function cancelCampaignRow(
  prisma: PrismaClient,
  args: {
    campaign: CampaignRow;
    actor: CampaignActor;
    reason: string;
    requestId: string | null;
    now: Date;
  },
): Promise<boolean> {
  const { campaign, now } = args;
  return prisma.$transaction(async (tx) => {
    const moved = await tx.campaign.updateMany({
      where: { id: campaign.id, status: campaign.status },
      data: {
        status: 'CANCELLED',
        stoppedAt: now,
        stoppedBy: args.actor.id,
        stopReason: args.reason,
      },
    });
    if (moved.count === 0) return false;
    await tx.auditEvent.createMany({
      data: [
        auditRow({
          id: `campaign:${campaign.id}:cancelled`,
          cityId: campaign.cityId,
          action: 'CAMPAIGN_CANCELLED',
          actor: args.actor,
          fromStatus: campaign.status,
          toStatus: 'CANCELLED',
          reason: args.reason,
          requestId: args.requestId,
          details: { campaignId: campaign.id, dutiesCancelled: {} },
          occurredAt: now,
        }),
      ],
      skipDuplicates: true,
    });
    return true;
  });
}

/** A city's campaigns, newest first. */
export function listCampaigns(prisma: PrismaClient, cityId: string, status: string | undefined) {
  return prisma.campaign.findMany({
    where: { cityId, ...(status ? { status } : {}) },
    orderBy: { createdAt: 'desc' },
  });
}

export type DutyRow = Prisma.CampaignReportDutyGetPayload<{ include: { county: true } }>;

/** A campaign's duties with their county, soonest due first. */
export function listDuties(
  prisma: PrismaClient,
  campaignId: string,
  filter: { countyId?: string; status?: string; kind?: string },
): Promise<DutyRow[]> {
  return prisma.campaignReportDuty.findMany({
    where: {
      campaignId,
      ...(filter.countyId ? { countyId: filter.countyId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.kind ? { kind: filter.kind } : {}),
    },
    include: { county: true },
    orderBy: [{ dueAt: 'asc' }, { countyId: 'asc' }, { kind: 'asc' }],
  });
}

export function findDuty(prisma: PrismaClient, id: string) {
  return prisma.campaignReportDuty.findUnique({ where: { id } });
}

type Duty = NonNullable<Awaited<ReturnType<typeof findDuty>>>;

/**
 * A county's report for a duty, with its CAMPAIGN_REPORT_SUBMITTED event. The duty moves to
 * SUBMITTED only if it is still in the status read before; null if it is not (nothing written).
 */
export async function submitReport(
  prisma: PrismaClient,
  args: {
    reportId: string;
    campaign: CampaignRow;
    duty: Duty;
    input: SubmitCampaignReportInput;
    late: boolean;
    actor: CampaignActor;
    requestId: string;
    now: Date;
  },
) {
  const { reportId, campaign, duty, input, late, now } = args;
  return prisma.$transaction(async (tx) => {
    // Conditional on the status read above: the workflow may have marked it overdue, or a
    // second submission may have won, in between.
    const moved = await tx.campaignReportDuty.updateMany({
      where: { id: duty.id, status: duty.status },
      data: { status: 'SUBMITTED' },
    });
    if (moved.count === 0) return null;
    const version = (await tx.campaignReport.count({ where: { dutyId: duty.id } })) + 1;
    const created = await tx.campaignReport.create({
      data: {
        id: reportId,
        dutyId: duty.id,
        campaignId: campaign.id,
        countyId: duty.countyId,
        version,
        content: input.content,
        attachments: input.attachments,
        late,
        status: 'SUBMITTED',
        submittedBy: args.actor.id,
        submittedAt: now,
      },
    });
    await tx.auditEvent.createMany({
      data: [
        auditRow({
          id: `campaign-report:${reportId}:submitted`,
          cityId: campaign.cityId,
          action: 'CAMPAIGN_REPORT_SUBMITTED',
          actor: args.actor,
          fromStatus: duty.status,
          toStatus: 'SUBMITTED',
          requestId: args.requestId,
          details: {
            campaignId: campaign.id,
            countyId: duty.countyId,
            dutyId: duty.id,
            reportId,
            kind: duty.kind,
            period: duty.period,
            version,
            late,
            attachments: input.attachments.length,
          },
          occurredAt: now,
        }),
      ],
    });
    return created;
  });
}

export type ReportRow = Prisma.CampaignReportGetPayload<{ include: { duty: true } }>;

/** A campaign's reports with their duty, newest first. */
export function listReports(
  prisma: PrismaClient,
  campaignId: string,
  filter: { countyId?: string; status?: string; dutyId?: string },
): Promise<ReportRow[]> {
  return prisma.campaignReport.findMany({
    where: {
      campaignId,
      ...(filter.countyId ? { countyId: filter.countyId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.dutyId ? { dutyId: filter.dutyId } : {}),
    },
    include: { duty: true },
    orderBy: [{ submittedAt: 'desc' }, { version: 'desc' }],
  });
}

export function findReport(prisma: PrismaClient, id: string): Promise<ReportRow | null> {
  return prisma.campaignReport.findUnique({ where: { id }, include: { duty: true } });
}

/**
 * The city's review of a submitted report: the report and its duty move to ACCEPTED or
 * RETURNED, with the event; the report as reviewed, or null if it was reviewed meanwhile
 * (nothing written).
 */
export async function reviewReport(
  prisma: PrismaClient,
  args: {
    campaign: CampaignRow;
    report: ReportRow;
    accepted: boolean;
    comments: string | null;
    actor: CampaignActor;
    requestId: string;
    now: Date;
  },
): Promise<ReportRow | null> {
  const { campaign, report, accepted, now } = args;
  const status = accepted ? 'ACCEPTED' : 'RETURNED';
  const reviewed = await prisma.$transaction(async (tx) => {
    const moved = await tx.campaignReport.updateMany({
      where: { id: report.id, status: 'SUBMITTED' },
      data: {
        status,
        reviewedBy: args.actor.id,
        reviewedAt: now,
        reviewComments: args.comments,
      },
    });
    if (moved.count === 0) return false;
    await tx.campaignReportDuty.updateMany({
      where: { id: report.dutyId, status: 'SUBMITTED' },
      data: { status },
    });
    await tx.auditEvent.createMany({
      data: [
        auditRow({
          id: `campaign-report:${report.id}:${accepted ? 'accepted' : 'returned'}`,
          cityId: campaign.cityId,
          action: accepted ? 'CAMPAIGN_REPORT_ACCEPTED' : 'CAMPAIGN_REPORT_RETURNED',
          actor: args.actor,
          fromStatus: 'SUBMITTED',
          toStatus: status,
          reason: args.comments,
          requestId: args.requestId,
          details: {
            campaignId: campaign.id,
            countyId: report.countyId,
            dutyId: report.dutyId,
            reportId: report.id,
            kind: report.duty.kind,
            period: report.duty.period,
            version: report.version,
            late: report.late,
          },
          occurredAt: now,
        }),
      ],
    });
    return true;
  });
  if (!reviewed) return null;
  return prisma.campaignReport.findUniqueOrThrow({
    where: { id: report.id },
    include: { duty: true },
  });
}

export function findCounty(prisma: PrismaClient, id: string) {
  return prisma.county.findUnique({ where: { id } });
}

/** Which of these offices are in the county. */
export async function officeIdsInCounty(
  prisma: PrismaClient,
  countyId: string,
  officeIds: string[],
): Promise<Set<string>> {
  const offices = await prisma.office.findMany({
    where: { id: { in: officeIds }, countyId },
    select: { id: true },
  });
  return new Set(offices.map((o) => o.id));
}

/** A supervision visit the city made to a county, with its event. */
export async function recordVisit(
  prisma: PrismaClient,
  args: {
    id: string;
    campaign: CampaignRow;
    countyId: string;
    input: SupervisionVisitInput;
    actor: CampaignActor;
    requestId: string;
    now: Date;
  },
) {
  const { id, campaign, countyId, input, now } = args;
  const [visit] = await prisma.$transaction([
    prisma.supervisionVisit.create({
      data: {
        id,
        campaignId: campaign.id,
        cityId: campaign.cityId,
        countyId,
        visitedOn: new Date(`${input.visitedOn}T00:00:00.000Z`),
        officeIds: input.officeIds,
        findings: input.findings,
        followUp: input.followUp ?? null,
        recordedBy: args.actor.id,
        recordedAt: now,
      },
    }),
    prisma.auditEvent.createMany({
      data: [
        auditRow({
          id: `campaign-visit:${id}:recorded`,
          cityId: campaign.cityId,
          action: 'CAMPAIGN_SUPERVISION_VISIT_RECORDED',
          actor: args.actor,
          requestId: args.requestId,
          details: {
            campaignId: campaign.id,
            countyId,
            visitId: id,
            visitedOn: input.visitedOn,
            officeIds: input.officeIds,
          },
          occurredAt: now,
        }),
      ],
    }),
  ]);
  return visit;
}

export function findVisit(prisma: PrismaClient, id: string) {
  return prisma.supervisionVisit.findUnique({ where: { id } });
}

/** A campaign's supervision visits (to one county, if given), most recent first. */
export function listVisits(prisma: PrismaClient, campaignId: string, countyId: string | undefined) {
  return prisma.supervisionVisit.findMany({
    where: { campaignId, ...(countyId ? { countyId } : {}) },
    orderBy: [{ visitedOn: 'desc' }, { recordedAt: 'desc' }],
  });
}

/** New pairings of a campaign, with one CAMPAIGN_PAIRING_CREATED event each. */
export async function createPairings(
  prisma: PrismaClient,
  rows: Prisma.CampaignPairingCreateManyInput[],
  args: { campaign: CampaignRow; actor: CampaignActor; requestId: string; now: Date },
): Promise<void> {
  const { campaign } = args;
  await prisma.$transaction([
    prisma.campaignPairing.createMany({ data: rows }),
    prisma.auditEvent.createMany({
      data: rows.map((r) =>
        auditRow({
          id: `campaign-pairing:${r.id}:created`,
          cityId: campaign.cityId,
          action: 'CAMPAIGN_PAIRING_CREATED',
          actor: args.actor,
          requestId: args.requestId,
          details: {
            campaignId: campaign.id,
            countyId: r.countyId,
            pairingId: r.id,
            officeId: r.officeId,
            department: r.department,
          },
          occurredAt: args.now,
        }),
      ),
    }),
  ]);
}

/**
 * The responsibility letter a pairing signed, with its CAMPAIGN_LETTER_SIGNED event; false if
 * a letter was already recorded (nothing written).
 */
export function recordLetter(
  prisma: PrismaClient,
  args: {
    campaign: CampaignRow;
    pairing: { id: string; countyId: string; officeId: string; department: string };
    input: ResponsibilityLetterInput;
    actor: CampaignActor;
    requestId: string;
    now: Date;
  },
): Promise<boolean> {
  const { campaign, pairing, input: body, now } = args;
  return prisma.$transaction(async (tx) => {
    const recorded = await tx.campaignPairing.updateMany({
      where: { id: pairing.id, letterSignedOn: null },
      data: {
        letterSignedOn: new Date(`${body.signedOn}T00:00:00.000Z`),
        letterSignatories: body.signatories ?? undefined,
        letterAttachment: body.attachment,
        letterRecordedBy: args.actor.id,
        letterRecordedAt: now,
      },
    });
    if (recorded.count === 0) return false;
    await tx.auditEvent.createMany({
      data: [
        auditRow({
          id: `campaign-pairing:${pairing.id}:letter`,
          cityId: campaign.cityId,
          action: 'CAMPAIGN_LETTER_SIGNED',
          actor: args.actor,
          requestId: args.requestId,
          details: {
            campaignId: campaign.id,
            countyId: pairing.countyId,
            pairingId: pairing.id,
            officeId: pairing.officeId,
            department: pairing.department,
            signedOn: body.signedOn,
            attachment: body.attachment.name,
          },
          occurredAt: now,
        }),
      ],
    });
    return true;
  });
}

const withOffice = { office: { select: { name: true, code: true } } } as const;

/** A pairing with its office's name and code, as the routes present it. */
export type PairingRow = Prisma.CampaignPairingGetPayload<{ include: typeof withOffice }>;

/** Which of these offices are in the city, with their county. */
export async function officesInCity(
  prisma: PrismaClient,
  cityId: string,
  officeIds: string[],
): Promise<Map<string, { id: string; countyId: string }>> {
  const offices = await prisma.office.findMany({
    where: { id: { in: officeIds }, county: { cityId } },
    select: { id: true, countyId: true },
  });
  return new Map(offices.map((o) => [o.id, o]));
}

/** Which of these offices a campaign has paired already, and with which department. */
export function pairedOffices(prisma: PrismaClient, campaignId: string, officeIds: string[]) {
  return prisma.campaignPairing.findMany({
    where: { campaignId, officeId: { in: officeIds } },
    select: { officeId: true, department: true },
  });
}

/** These pairings, by office. */
export function pairingsByIds(prisma: PrismaClient, ids: string[]): Promise<PairingRow[]> {
  return prisma.campaignPairing.findMany({
    where: { id: { in: ids } },
    include: withOffice,
    orderBy: { officeId: 'asc' },
  });
}

/** A campaign's pairings, by county, department and office. */
export function listPairings(
  prisma: PrismaClient,
  campaignId: string,
  filter: { countyId?: string; department?: string; signed?: boolean },
): Promise<PairingRow[]> {
  return prisma.campaignPairing.findMany({
    where: {
      campaignId,
      ...(filter.countyId ? { countyId: filter.countyId } : {}),
      ...(filter.department ? { department: filter.department } : {}),
      ...(filter.signed === undefined
        ? {}
        : { letterSignedOn: filter.signed ? { not: null } : null }),
    },
    include: withOffice,
    orderBy: [{ countyId: 'asc' }, { department: 'asc' }, { officeId: 'asc' }],
  });
}

export function findPairing(prisma: PrismaClient, id: string) {
  return prisma.campaignPairing.findUnique({ where: { id } });
}

export function pairingWithOffice(prisma: PrismaClient, id: string): Promise<PairingRow> {
  return prisma.campaignPairing.findUniqueOrThrow({ where: { id }, include: withOffice });
}
