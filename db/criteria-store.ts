// Reading and publishing criteria versions, and recording office profiles with their
// history. Versions and profiles are never updated (triggers refuse it): publishing makes a
// new version, a correction to a profile is a new record.
import { randomUUID } from 'node:crypto';
import type { CriteriaSet, CriteriaSetDraft } from '../domain/criteria';
import { CriteriaSet as CriteriaSetSchema } from '../domain/criteria';
import { criteriaVersionId } from '../domain/criteria-sets';
import type { OfficeProfileSnapshot, OfficeProfileValues } from '../domain/office-profile';
import { OfficeProfileValues as OfficeProfileValuesSchema } from '../domain/office-profile';
import type { Prisma, PrismaClient } from '../generated/prisma/client';

export interface StoredCriteriaVersion {
  id: string;
  code: string;
  version: number;
  /** Null for a set shared by every city. */
  cityId: string | null;
  createdBy: string;
  createdAt: Date;
  criteria: CriteriaSet;
}

type CriteriaRow = Prisma.CriteriaVersionGetPayload<object>;

function toStored(row: CriteriaRow): StoredCriteriaVersion {
  const parsed = CriteriaSetSchema.safeParse(row.content);
  // Rows are validated when published and cannot change; a failure here is corruption.
  if (!parsed.success) throw new Error(`criteria version ${row.id} is not a valid criteria set`);
  return {
    id: row.id,
    code: row.code,
    version: row.version,
    cityId: row.cityId,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    criteria: parsed.data,
  };
}

/** What a city can see: the shared sets and its own. */
const visibleTo = (cityId: string) => ({ OR: [{ cityId: null }, { cityId }] });

export async function listCriteriaVersions(
  prisma: PrismaClient,
  cityId: string,
  code?: string,
): Promise<StoredCriteriaVersion[]> {
  const rows = await prisma.criteriaVersion.findMany({
    where: { ...visibleTo(cityId), ...(code ? { code } : {}) },
    orderBy: [{ code: 'asc' }, { version: 'asc' }],
  });
  return rows.map(toStored);
}

export async function findCriteriaVersion(
  prisma: PrismaClient,
  cityId: string,
  code: string,
  version: number,
): Promise<StoredCriteriaVersion | null> {
  const row = await prisma.criteriaVersion.findFirst({
    where: { ...visibleTo(cityId), code, version },
  });
  return row ? toStored(row) : null;
}

export async function findCriteriaVersionById(
  prisma: PrismaClient,
  id: string,
): Promise<StoredCriteriaVersion | null> {
  const row = await prisma.criteriaVersion.findUnique({ where: { id } });
  return row ? toStored(row) : null;
}

export type PublishRefusal =
  | { reason: 'SHARED_CODE'; code: string }
  | { reason: 'OTHER_CITY_CODE'; code: string }
  | { reason: 'CONCURRENT_PUBLISH'; code: string };

export type PublishResult =
  { ok: true; version: StoredCriteriaVersion } | { ok: false; refusal: PublishRefusal };

/**
 * Publishes the next version of a city's criteria set (version 1 for a new code). All
 * versions of a code belong to one owner; shared codes are published by migrations only.
 */
export async function publishCriteriaVersion(
  prisma: PrismaClient,
  args: { cityId: string; createdBy: string; draft: CriteriaSetDraft },
): Promise<PublishResult> {
  const { cityId, createdBy, draft } = args;
  const latest = await prisma.criteriaVersion.findFirst({
    where: { code: draft.code },
    orderBy: { version: 'desc' },
  });
  if (latest && latest.cityId === null) {
    return { ok: false, refusal: { reason: 'SHARED_CODE', code: draft.code } };
  }
  if (latest && latest.cityId !== cityId) {
    return { ok: false, refusal: { reason: 'OTHER_CITY_CODE', code: draft.code } };
  }
  const version = (latest?.version ?? 0) + 1;
  const criteria: CriteriaSet = { ...draft, version };
  const id = criteriaVersionId(draft.code, version);
  try {
    const row = await prisma.criteriaVersion.create({
      data: {
        id,
        code: draft.code,
        version,
        cityId,
        titleZh: draft.titleZh,
        titleEn: draft.titleEn,
        content: criteria,
        createdBy,
      },
    });
    return { ok: true, version: toStored(row) };
  } catch (error) {
    // Two admins published the same next version at once; the other one won.
    if (await prisma.criteriaVersion.findUnique({ where: { id }, select: { id: true } })) {
      return { ok: false, refusal: { reason: 'CONCURRENT_PUBLISH', code: draft.code } };
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------
// Office profiles

export interface StoredOfficeProfile {
  id: string;
  officeId: string;
  effectiveFrom: string;
  values: OfficeProfileValues;
  note: string | null;
  recordedBy: string;
  recordedAt: Date;
}

type ProfileRow = Prisma.OfficeProfileGetPayload<object>;

const toDate = (isoDate: string) => new Date(`${isoDate}T00:00:00.000Z`);
const fromDate = (date: Date) => date.toISOString().slice(0, 10);

function toProfile(row: ProfileRow): StoredOfficeProfile {
  const parsed = OfficeProfileValuesSchema.safeParse(row.values);
  if (!parsed.success) throw new Error(`office profile ${row.id} is not a valid profile`);
  return {
    id: row.id,
    officeId: row.officeId,
    effectiveFrom: fromDate(row.effectiveFrom),
    values: parsed.data,
    note: row.note,
    recordedBy: row.recordedBy,
    recordedAt: row.recordedAt,
  };
}

export async function recordOfficeProfile(
  prisma: PrismaClient,
  args: {
    officeId: string;
    effectiveFrom: string;
    values: OfficeProfileValues;
    note?: string | undefined;
    recordedBy: string;
    id?: string;
  },
): Promise<StoredOfficeProfile> {
  const row = await prisma.officeProfile.create({
    data: {
      id: args.id ?? randomUUID(),
      officeId: args.officeId,
      effectiveFrom: toDate(args.effectiveFrom),
      values: args.values,
      note: args.note ?? null,
      recordedBy: args.recordedBy,
    },
  });
  return toProfile(row);
}

/** The profile in effect on a date: latest effective date on or before it, latest recorded. */
export async function officeProfileAsOf(
  prisma: PrismaClient,
  officeId: string,
  asOf: string,
): Promise<StoredOfficeProfile | null> {
  const row = await prisma.officeProfile.findFirst({
    where: { officeId, effectiveFrom: { lte: toDate(asOf) } },
    orderBy: [{ effectiveFrom: 'desc' }, { sequence: 'desc' }],
  });
  return row ? toProfile(row) : null;
}

/** Every record of an office, newest effective date first (corrections before what they correct). */
export async function officeProfileHistory(
  prisma: PrismaClient,
  officeId: string,
): Promise<StoredOfficeProfile[]> {
  const rows = await prisma.officeProfile.findMany({
    where: { officeId },
    orderBy: [{ effectiveFrom: 'desc' }, { sequence: 'desc' }],
  });
  return rows.map(toProfile);
}

/** What an inspection carries: the stored profile in effect on the inspection date. */
export function snapshotOf(profile: StoredOfficeProfile, asOf: string): OfficeProfileSnapshot {
  return {
    recordId: profile.id,
    officeId: profile.officeId,
    asOf,
    effectiveFrom: profile.effectiveFrom,
    values: profile.values,
  };
}
