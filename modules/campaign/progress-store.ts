// Reads what campaignProgress needs from the database — the campaign's targets and dates, the
// city's offices per county, the campaign's certifications from the projection — and the
// per-office rows of the statistical export. Shared by the progress route, the export and the
// campaign workflow's milestone activity, so all three count the same way.
import { endOfChinaDay, startOfChinaDay } from '../shared';
import type { CampaignProgress, CampaignTargets, CertificationFact } from './rules/targets';
import {
  COUNTS_TOWARD_TARGET,
  CampaignTargets as CampaignTargetsSchema,
  SEED_003_TARGETS,
  campaignProgress,
} from './rules/targets';
import type { SigningRow } from './rules/pairing';
import { signingRates } from './rules/pairing';
import type { CertificationStatus } from '../certification/workflow-api';
import type { PrismaClient } from '../../generated/prisma/client';
import { Prisma } from '../../generated/prisma/client';

/** A campaign without its own dates runs three years from its creation (seed 003). */
const DEFAULT_CAMPAIGN_MS = 3 * 365 * 86_400_000;

export interface LoadedCampaignProgress {
  campaign: { id: string; name: string; cityId: string };
  /** Where the targets and period came from: the campaign's own, or the defaults. */
  targetsSource: 'CAMPAIGN' | 'DEFAULT';
  periodSource: 'CAMPAIGN' | 'DEFAULT';
  targets: CampaignTargets;
  counties: { id: string; code: string; name: string }[];
  progress: CampaignProgress;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The campaign's progress at `now`, or null if there is no such campaign in `cityId`.
 * Targets stored on the campaign are validated again on the way out; campaigns created before
 * targets existed (or with targets that no longer validate) are measured against seed 003's
 * 10%, and say so in `targetsSource`.
 */
export async function loadCampaignProgress(
  prisma: PrismaClient,
  args: { campaignId: string; cityId: string; now: number },
): Promise<LoadedCampaignProgress | null> {
  const campaign = await prisma.campaign.findFirst({
    where: { id: args.campaignId, cityId: args.cityId },
  });
  if (!campaign) return null;
  const parsedTargets = CampaignTargetsSchema.safeParse(campaign.targets);
  const targets = parsedTargets.success ? parsedTargets.data : SEED_003_TARGETS;
  const start = campaign.startsOn
    ? startOfChinaDay(isoDate(campaign.startsOn))
    : campaign.createdAt.getTime();
  const end = campaign.endsOn
    ? endOfChinaDay(isoDate(campaign.endsOn))
    : start + DEFAULT_CAMPAIGN_MS;

  const [counties, officeCounts, certifications] = await Promise.all([
    prisma.county.findMany({
      where: { cityId: campaign.cityId },
      select: { id: true, code: true, name: true },
      orderBy: { id: 'asc' },
    }),
    prisma.office.groupBy({
      by: ['countyId'],
      where: { county: { cityId: campaign.cityId } },
      _count: { _all: true },
    }),
    certificationFacts(prisma, campaign.id),
  ]);
  const offices = new Map(officeCounts.map((row) => [row.countyId, row._count._all]));
  const progress = campaignProgress({
    targets,
    period: { start, end },
    now: args.now,
    counties: counties.map((c) => ({ countyId: c.id, offices: offices.get(c.id) ?? 0 })),
    certifications,
  });
  return {
    campaign: { id: campaign.id, name: campaign.name, cityId: campaign.cityId },
    targetsSource: parsedTargets.success ? 'CAMPAIGN' : 'DEFAULT',
    periodSource: campaign.startsOn && campaign.endsOn ? 'CAMPAIGN' : 'DEFAULT',
    targets,
    counties,
    progress,
  };
}

/**
 * The campaign's certifications as progress counts them, in one statement (one snapshot):
 * those that do not hold the title as the counts the database keeps per county and status
 * (`CampaignStatusCount`, a few rows however many are parked), and those holding it grouped by
 * when they were named (at most one per office), which the forecast and milestones need.
 */
async function certificationFacts(
  prisma: PrismaClient,
  campaignId: string,
): Promise<CertificationFact[]> {
  const titles = Prisma.join(
    COUNTS_TOWARD_TARGET.map((status) => Prisma.sql`${status}::"CertificationStatus"`),
  );
  const rows = await prisma.$queryRaw<
    { countyId: string; status: CertificationStatus; certifiedAt: Date | null; count: number }[]
  >`
    SELECT "countyId", status::text AS status, NULL::timestamp(3) AS "certifiedAt", "count"
    FROM "CampaignStatusCount"
    WHERE "campaignId" = ${campaignId} AND status NOT IN (${titles}) AND "count" > 0
    UNION ALL
    SELECT "countyId", status::text AS status, "certifiedAt", count(*)::int AS "count"
    FROM "Certification"
    WHERE "campaignId" = ${campaignId} AND status IN (${titles})
    GROUP BY "countyId", status, "certifiedAt"`;
  return rows.map((row) => ({
    countyId: row.countyId,
    status: row.status,
    certifiedAt: row.certifiedAt?.getTime() ?? null,
    count: row.count,
  }));
}

export interface OfficeStatusRow {
  countyId: string;
  countyName: string;
  officeId: string;
  officeName: string;
  officeCode: string;
  officeType: 'STREET' | 'TOWNSHIP';
  /** The office's latest certification in the campaign; null if it never declared. */
  certificationId: string | null;
  status: CertificationStatus | null;
  certificateNumber: string | null;
  declaredAt: Date | null;
  certifiedAt: number | null;
}

/**
 * Every office of the city (or of one county) with the status of its latest certification in
 * the campaign, ordered by county code and office code — the per-office sheet of the export.
 */
export async function loadOfficeStatusRows(
  prisma: PrismaClient,
  args: { campaignId: string; cityId: string; countyId?: string | null },
): Promise<OfficeStatusRow[]> {
  const offices = await prisma.office.findMany({
    where: {
      county: { cityId: args.cityId },
      ...(args.countyId ? { countyId: args.countyId } : {}),
    },
    select: {
      id: true,
      code: true,
      name: true,
      type: true,
      county: { select: { id: true, code: true, name: true } },
      certifications: {
        where: { campaignId: args.campaignId },
        orderBy: { declaredAt: 'desc' },
        take: 1,
        select: {
          id: true,
          status: true,
          certificateNumber: true,
          declaredAt: true,
          certifiedAt: true,
        },
      },
    },
  });
  return offices
    .sort((a, b) => a.county.code.localeCompare(b.county.code) || a.code.localeCompare(b.code))
    .map((o) => {
      const c = o.certifications[0];
      return {
        countyId: o.county.id,
        countyName: o.county.name,
        officeId: o.id,
        officeName: o.name,
        officeCode: o.code,
        officeType: o.type,
        certificationId: c?.id ?? null,
        status: c?.status ?? null,
        certificateNumber: c?.certificateNumber ?? null,
        declaredAt: c?.declaredAt ?? null,
        certifiedAt: c?.certifiedAt?.getTime() ?? null,
      };
    });
}

/**
 * The campaign's pairings (挂钩结对) with a signed letter, per county of the city and for the
 * city, against the target rate of its targets (`signingRate`), if any.
 */
export async function loadSigningRates(
  prisma: PrismaClient,
  loaded: Pick<LoadedCampaignProgress, 'campaign' | 'counties' | 'targets'>,
): Promise<{ city: SigningRow; counties: (SigningRow & { countyId: string })[] }> {
  const pairings = await prisma.campaignPairing.findMany({
    where: { campaignId: loaded.campaign.id },
    select: { countyId: true, letterSignedOn: true },
  });
  return signingRates(
    pairings.map((p) => ({ countyId: p.countyId, signed: p.letterSignedOn !== null })),
    loaded.counties.map((c) => c.id),
    loaded.targets.signingRate ?? null,
  );
}

/** An office's pairings (挂钩结对) in every campaign of its city, newest campaign first. */
export async function officePairings(prisma: PrismaClient, officeId: string) {
  const rows = await prisma.campaignPairing.findMany({
    where: { officeId },
    include: { campaign: { select: { name: true, status: true, createdAt: true } } },
  });
  return rows
    .sort((a, b) => b.campaign.createdAt.getTime() - a.campaign.createdAt.getTime())
    .map((p) => ({
      id: p.id,
      campaignId: p.campaignId,
      campaignName: p.campaign.name,
      campaignStatus: p.campaign.status,
      department: p.department,
      responsibilities: p.responsibilities,
      letter: p.letterSignedOn ? { signedOn: p.letterSignedOn.toISOString().slice(0, 10) } : null,
    }));
}
