// Who receives email, read from three places a city admin manages: extra addresses
// (`Recipient` rows: a bureau's shared mailbox, a head without a login), the users holding a
// notification function (with an email, not disabled), and each county's head contact (with
// an email: the county's COUNTY_BUREAU_HEAD). One address gets one message per event however
// many places name it. Read by the notification activities at send time, so a change here
// applies to the next message without touching workflow histories.
import type { PrismaClient } from '../../generated/prisma/client';
import { plainSql } from '../../platform/db/plain-sql';
import { COUNTY_FUNCTIONS } from '../certification/workflow-api';
import type { RecipientFunction } from '../certification/workflow-api';

export type RecipientSource = 'EXTRA' | 'USER' | 'COUNTY_HEAD';

export interface ResolvedRecipient {
  /** A Recipient row's id, a user's id, or `county-head:<countyId>`: part of message keys. */
  id: string;
  source: RecipientSource;
  name: string;
  email: string;
  /** zh-CN or en. */
  locale: string;
  cityId: string;
  countyId: string | null;
  /** The functions this entry holds (of those asked for, when resolving an audience). */
  functions: RecipientFunction[];
}

export const countyHeadRecipientId = (countyId: string) => `county-head:${countyId}`;

/** One holder as the statement in `holders` answers it. */
interface HolderRow {
  source: RecipientSource;
  id: string;
  name: string;
  email: string;
  locale: string;
  cityId: string;
  countyId: string | null;
  functions: string[];
}

interface Scope {
  cityId: string;
  countyId: string | null;
}

/**
 * Keeps the first entry per address. Extra addresses come first: they were the only
 * recipients before users and county heads were, so a message retried across that change
 * keeps its key and is not sent twice.
 */
function oncePerAddress<T extends ResolvedRecipient>(
  entries: T[],
  keyOf: (entry: T) => string = (entry) => entry.email,
): T[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = keyOf(entry).trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function createRecipientDirectory(prisma: PrismaClient) {
  /**
   * Who holds `functions` for an event in `scope`: county functions in the event's county,
   * city functions in its city.
   */
  async function holders(
    functions: readonly RecipientFunction[],
    scope: Scope,
  ): Promise<ResolvedRecipient[]> {
    const countyFunctions = functions.filter((f) => COUNTY_FUNCTIONS.includes(f)).join(',');
    const cityFunctions = functions.filter((f) => !COUNTY_FUNCTIONS.includes(f)).join(',');
    const countyHead = functions.includes('COUNTY_BUREAU_HEAD');
    // Every transition's notice waits for this: one plain statement of three reads, not three
    // Prisma queries (each cost more in Prisma's client than in the database, decision 0029).
    // Extra addresses first, then the county head, then users, each by id: see oncePerAddress.
    // The function lists go as comma-separated text, which PGlite and pg both send alike.
    const rows = await plainSql(prisma)<HolderRow>`
      SELECT 1 AS "rank", 'EXTRA' AS "source", r.id, r.name, r.email, r.locale, r."cityId",
             r."countyId", jsonb_build_array(r.function) AS "functions"
      FROM "Recipient" r
      WHERE r.active AND r."cityId" = ${scope.cityId}::text
        AND ((r.function = ANY (string_to_array(${countyFunctions}::text, ','))
              AND r."countyId" IS NOT DISTINCT FROM ${scope.countyId}::text)
             OR r.function = ANY (string_to_array(${cityFunctions}::text, ',')))
      UNION ALL
      SELECT 2, 'COUNTY_HEAD', c.id, coalesce(c."headName", c.name || '司法局局长'), c."headEmail",
             c."headLanguage", c."cityId", c.id, '["COUNTY_BUREAU_HEAD"]'::jsonb
      FROM "County" c
      WHERE ${countyHead}::boolean AND c.id = ${scope.countyId}::text
        AND c."cityId" = ${scope.cityId}::text AND c."headEmail" IS NOT NULL
      UNION ALL
      SELECT 3, 'USER', u.id, u."displayName", u.email, u.language, u."cityId", u."countyId",
             to_jsonb(u."notificationFunctions")
      FROM "User" u
      WHERE u."cityId" = ${scope.cityId}::text AND u."disabledAt" IS NULL AND u.email IS NOT NULL
        AND ((u."countyId" = ${scope.countyId}::text
              AND u."notificationFunctions" && string_to_array(${countyFunctions}::text, ','))
             OR (u."countyId" IS NULL
              AND u."notificationFunctions" && string_to_array(${cityFunctions}::text, ',')))
      ORDER BY "rank", id`;
    return oncePerAddress(
      rows.map((row): ResolvedRecipient => ({
        id: row.source === 'COUNTY_HEAD' ? countyHeadRecipientId(row.id) : row.id,
        source: row.source,
        name: row.name,
        email: row.email,
        locale: row.locale,
        cityId: row.cityId,
        countyId: row.countyId,
        functions: functions.filter((f) => row.functions.includes(f)),
      })),
    );
  }

  /**
   * Everyone who gets the daily digest, in every city: county operators (their county's
   * due steps) and city reviewers (the city's), once per address and side.
   */
  async function digestRecipients(): Promise<
    (ResolvedRecipient & { digestFunction: 'COUNTY_OPERATOR' | 'CITY_REVIEWER' })[]
  > {
    const digestFunctions = ['COUNTY_OPERATOR', 'CITY_REVIEWER'] as const;
    const [extras, users] = await Promise.all([
      prisma.recipient.findMany({
        where: { active: true, function: { in: [...digestFunctions] } },
        orderBy: { id: 'asc' },
      }),
      prisma.user.findMany({
        where: {
          disabledAt: null,
          email: { not: null },
          notificationFunctions: { hasSome: [...digestFunctions] },
        },
        orderBy: { id: 'asc' },
      }),
    ]);
    const entries = [
      ...extras.map((row) => ({
        id: row.id,
        source: 'EXTRA' as const,
        name: row.name,
        email: row.email,
        locale: row.locale,
        cityId: row.cityId,
        countyId: row.countyId,
        functions: [row.function as RecipientFunction],
        digestFunction: row.function as 'COUNTY_OPERATOR' | 'CITY_REVIEWER',
      })),
      ...users.flatMap((user) =>
        digestFunctions
          .filter((fn) => user.notificationFunctions.includes(fn))
          // A county operator's digest needs their county; a city reviewer's, none.
          .filter((fn) => (fn === 'COUNTY_OPERATOR') === (user.countyId !== null))
          .map((fn) => ({
            id: user.id,
            source: 'USER' as const,
            name: user.displayName,
            email: user.email ?? '',
            locale: user.language,
            cityId: user.cityId,
            countyId: user.countyId,
            functions: [fn],
            digestFunction: fn,
          })),
      ),
    ];
    return oncePerAddress(
      entries,
      (r) => `${r.email}|${r.cityId}|${r.digestFunction}|${r.countyId ?? ''}`,
    );
  }

  /** The whole directory of a city, for the admin: every entry with every function it holds. */
  async function directory(cityId: string): Promise<(ResolvedRecipient & { active: boolean })[]> {
    const [extras, counties, users] = await Promise.all([
      prisma.recipient.findMany({ where: { cityId }, orderBy: { id: 'asc' } }),
      prisma.county.findMany({
        where: { cityId, headEmail: { not: null } },
        orderBy: { code: 'asc' },
      }),
      prisma.user.findMany({
        where: { cityId, email: { not: null }, NOT: { notificationFunctions: { isEmpty: true } } },
        orderBy: { username: 'asc' },
      }),
    ]);
    return [
      ...extras.map((row) => ({
        id: row.id,
        source: 'EXTRA' as const,
        name: row.name,
        email: row.email,
        locale: row.locale,
        cityId: row.cityId,
        countyId: row.countyId,
        functions: [row.function as RecipientFunction],
        active: row.active,
      })),
      ...counties.map((county) => ({
        id: countyHeadRecipientId(county.id),
        source: 'COUNTY_HEAD' as const,
        name: county.headName ?? `${county.name}司法局局长`,
        email: county.headEmail ?? '',
        locale: county.headLanguage,
        cityId: county.cityId,
        countyId: county.id,
        functions: ['COUNTY_BUREAU_HEAD' as const],
        active: true,
      })),
      ...users.map((user) => ({
        id: user.id,
        source: 'USER' as const,
        name: user.displayName,
        email: user.email ?? '',
        locale: user.language,
        cityId: user.cityId,
        countyId: user.countyId,
        functions: user.notificationFunctions as RecipientFunction[],
        active: user.disabledAt === null,
      })),
    ];
  }

  return { holders, digestRecipients, directory };
}

export type RecipientDirectory = ReturnType<typeof createRecipientDirectory>;
