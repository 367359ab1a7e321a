// What the user and API-key routes share: the rule that binds a county operator (and only
// them) to a county, the check that the county is one of the caller's city, and a user as
// the API presents it (also to the login).
import type { z } from 'zod';
import type { PrismaClient } from '../../../generated/prisma/client';
import type { Role } from '../../shared';
import type { Principal as Caller } from '../authenticate';
import { unprocessable } from '../../../platform/http/problems';

type UserRow = Awaited<ReturnType<PrismaClient['user']['findUniqueOrThrow']>>;

/** A county operator belongs to one county; the city's roles to none. */
export function withCountyRule<
  T extends z.ZodType<{ role: Role; countyId?: string | null | undefined }>,
>(schema: T) {
  return schema.superRefine((value, ctx) => {
    if (value.role === 'COUNTY_OPERATOR' && !value.countyId) {
      ctx.addIssue({
        code: 'custom',
        path: ['countyId'],
        message: 'a COUNTY_OPERATOR must be bound to a county',
      });
    }
    if (value.role !== 'COUNTY_OPERATOR' && value.countyId) {
      ctx.addIssue({
        code: 'custom',
        path: ['countyId'],
        message: `a ${value.role} belongs to the whole city, not a county`,
      });
    }
  });
}

export function presentUser(user: UserRow) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    language: user.language,
    notificationFunctions: user.notificationFunctions,
    role: user.role,
    cityId: user.cityId,
    countyId: user.countyId,
    createdAt: user.createdAt.toISOString(),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    disabledAt: user.disabledAt?.toISOString() ?? null,
  };
}

export async function requireCountyOfCity(
  prisma: PrismaClient,
  principal: Caller,
  countyId: string | undefined,
): Promise<void> {
  if (!countyId) return;
  const county = await prisma.county.findUnique({ where: { id: countyId } });
  if (!county || county.cityId !== principal.cityId) {
    throw unprocessable('the county does not exist', [
      { field: 'countyId', message: 'no such county in your city' },
    ]);
  }
}
