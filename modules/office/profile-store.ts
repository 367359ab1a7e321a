// Recording office profiles with their history. Profiles are never updated (triggers refuse
// it): a correction to a profile is a new record.
import { randomUUID } from 'node:crypto';
import type { OfficeProfileSnapshot, OfficeProfileValues } from './rules/profile';
import { OfficeProfileValues as OfficeProfileValuesSchema } from './rules/profile';
import type { Prisma, PrismaClient } from '../../generated/prisma/client';

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
