// Reading and publishing criteria versions. Versions are never updated (triggers refuse it):
// publishing makes a new version. (Office profiles are stored by modules/office.)
import type { CriteriaSet, CriteriaSetDraft } from './rules/criteria';
import { CriteriaSet as CriteriaSetSchema } from './rules/criteria';
import { criteriaVersionId } from './rules/criteria-sets';
import type { Prisma, PrismaClient } from '../../generated/prisma/client';

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
