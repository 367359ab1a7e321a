// Organisations and offices: the caller's city and its offices with their current
// certification status, plus the bulk import (counties: api/counties.ts). Scoping is enforced
// here: nothing of another city is visible, a county operator lists only their own county's offices, and an
// inspector sees an office's certification only if it is assigned to them (api/scope.ts).
import { z } from 'zod';
import { officeProfileAsOf } from '../profile-store';
import { OfficeType } from '../rules/profile';
import { CertificationStatus, CheckFilter } from '../../certification/workflow-api';
import { Prisma } from '../../../generated/prisma/client';
import type { PrismaClient } from '../../../generated/prisma/client';
import { presentOpenCheck } from '../../certification';
import { decodeCursor, pageOf } from '../../../platform/http/cursor';
import { OfficeImportBody, importOffices } from '../import';
import { officePairings } from '../../campaign';
import { chinaToday } from '../../shared';
import { forbidden } from '../../../platform/http/problems';
import type { RouteSpec } from '../../access';
import { route } from '../../access';
import { IdParams, ALL_ROLES } from '../../shared';
import { pageOf as pageSchema } from '../../../platform/http/response-schemas';
import { City, Office, OfficeImportResult, OfficeListItem } from '../responses';
import { officeFor, visibleCertifications } from '../../certification';

/** An office's status: its current certification's, or NONE if it was never declared. */
export const OfficeStatus = z.enum([...CertificationStatus.options, 'NONE']);
export type OfficeStatus = z.infer<typeof OfficeStatus>;

const ListOfficesQuery = z.object({
  countyId: z.string().min(1).max(100).optional(),
  type: OfficeType.optional(),
  status: OfficeStatus.optional(),
  /** The current certification's open check: a kind, ANY or NONE (see the certification list). */
  check: CheckFilter.optional(),
  /** Part of the name (any script; Latin letters match either case) or of the code. */
  q: z.string().trim().max(100).optional(),
  cursor: z.string().min(1).max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const OfficeCursor = z.object({ after: z.string().min(1) });

interface OfficeListRow {
  id: string;
  code: string;
  name: string;
  type: OfficeType;
  countyId: string;
  countyCode: string;
  countyName: string;
  certificationId: string | null;
  status: CertificationStatus | null;
  certificateNumber: string | null;
  openCheckKind: string | null;
  openCheckDueAt: Date | null;
  /** False where the caller may not see the current certification (an unassigned inspector). */
  certificationVisible: boolean;
}

/** LIKE's wildcards in a search term match themselves. */
function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * One page of the city's offices in code order. The current certification is the office's
 * most recently declared one (at most one is live; older ones are closed).
 */
async function officePage(
  prisma: PrismaClient,
  filter: {
    cityId: string;
    countyId?: string | undefined;
    type?: OfficeType | undefined;
    status?: OfficeStatus | undefined;
    check?: CheckFilter | undefined;
    q?: string | undefined;
    after?: string | undefined;
    limit: number;
    /** Set for an inspector: only certifications assigned to them are visible. */
    inspectorId?: string | undefined;
  },
): Promise<OfficeListRow[]> {
  const visible = filter.inspectorId
    ? Prisma.sql`EXISTS (SELECT 1 FROM "InspectionAssignment" ia
                         WHERE ia."certificationId" = cur.id AND ia."inspectorId" = ${filter.inspectorId})`
    : Prisma.sql`true`;
  const conditions = [Prisma.sql`c."cityId" = ${filter.cityId}`];
  if (filter.countyId) conditions.push(Prisma.sql`o."countyId" = ${filter.countyId}`);
  if (filter.type) conditions.push(Prisma.sql`o."type"::text = ${filter.type}`);
  if (filter.status === 'NONE') conditions.push(Prisma.sql`cur.id IS NULL`);
  else if (filter.status) {
    conditions.push(Prisma.sql`cur.status::text = ${filter.status} AND ${visible}`);
  }
  if (filter.check === 'NONE') {
    // Never declared, or a certification the caller sees with no check open.
    conditions.push(Prisma.sql`(cur.id IS NULL OR (cur."openCheckKind" IS NULL AND ${visible}))`);
  } else if (filter.check === 'ANY') {
    conditions.push(Prisma.sql`cur."openCheckKind" IS NOT NULL AND ${visible}`);
  } else if (filter.check) {
    conditions.push(Prisma.sql`cur."openCheckKind" = ${filter.check} AND ${visible}`);
  }
  if (filter.q) {
    const pattern = likePattern(filter.q);
    conditions.push(Prisma.sql`(o.name ILIKE ${pattern} OR o.code ILIKE ${pattern})`);
  }
  // Byte order ("C"), whatever the database's locale: the same order on every deployment.
  if (filter.after) conditions.push(Prisma.sql`o.code COLLATE "C" > ${filter.after}`);
  return prisma.$queryRaw<OfficeListRow[]>`
    SELECT o.id, o.code, o.name, o."type"::text AS "type", o."countyId",
           c.code AS "countyCode", c.name AS "countyName",
           cur.id AS "certificationId", cur.status::text AS status, cur."certificateNumber",
           cur."openCheckKind", cur."openCheckDueAt",
           ${visible} AS "certificationVisible"
    FROM "Office" o
    JOIN "County" c ON c.id = o."countyId"
    LEFT JOIN LATERAL (
      SELECT ce.id, ce.status, ce."certificateNumber", ce."openCheckKind", ce."openCheckDueAt"
      FROM "Certification" ce
      WHERE ce."officeId" = o.id
      ORDER BY ce."declaredAt" DESC, ce.id DESC
      LIMIT 1
    ) cur ON true
    WHERE ${Prisma.join(conditions, ' AND ')}
    ORDER BY o.code COLLATE "C"
    LIMIT ${filter.limit}`;
}

function presentListRow(row: OfficeListRow) {
  const hidden = row.certificationId !== null && !row.certificationVisible;
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    type: row.type,
    county: { id: row.countyId, code: row.countyCode, name: row.countyName },
    // null: the office has a certification the caller may not see.
    status: hidden ? null : (row.status ?? 'NONE'),
    certification:
      row.certificationId && !hidden
        ? {
            id: row.certificationId,
            status: row.status,
            certificateNumber: row.certificateNumber,
            openCheck: presentOpenCheck(row),
          }
        : null,
  };
}

export function officeRoutes(deps: { prisma: PrismaClient }): RouteSpec[] {
  const { prisma } = deps;

  const city = route({
    method: 'get',
    path: '/api/v1/city',
    tag: 'Organisations',
    summary: 'The caller’s city, with how many counties and offices it has',
    roles: ALL_ROLES,
    responses: { 200: { description: 'The city', schema: City } },
    handler: async ({ principal }) => {
      const row = await prisma.city.findUniqueOrThrow({
        where: { id: principal.cityId },
        include: { _count: { select: { counties: true } } },
      });
      const offices = await prisma.office.count({ where: { county: { cityId: row.id } } });
      return {
        status: 200,
        body: {
          id: row.id,
          code: row.code,
          name: row.name,
          counties: row._count.counties,
          offices,
        },
      };
    },
  });

  const list = route({
    method: 'get',
    path: '/api/v1/offices',
    tag: 'Offices',
    summary:
      'List the city’s offices (county operators: their county) by code, with filters, search and a cursor',
    roles: ALL_ROLES,
    query: ListOfficesQuery,
    responses: {
      200: {
        description: '`items` in code order and `nextCursor` (null on the last page)',
        schema: pageSchema(OfficeListItem),
      },
    },
    handler: async ({ principal, query }) => {
      let countyId = query.countyId;
      if (principal.role === 'COUNTY_OPERATOR') {
        if (countyId && countyId !== principal.countyId) {
          throw forbidden('a county operator lists only their own county’s offices');
        }
        countyId = principal.countyId ?? '';
      }
      const after = query.cursor ? decodeCursor(query.cursor, OfficeCursor).after : undefined;
      const rows = await officePage(prisma, {
        cityId: principal.cityId,
        countyId,
        type: query.type,
        status: query.status,
        check: query.check,
        q: query.q || undefined,
        after,
        inspectorId: principal.role === 'INSPECTOR' ? principal.id : undefined,
        // One more than asked tells whether another page follows.
        limit: query.limit + 1,
      });
      const { items, nextCursor } = pageOf(rows, query.limit, OfficeCursor, (row) => ({
        after: row.code,
      }));
      return { status: 200, body: { items: items.map(presentListRow), nextCursor } };
    },
  });

  const get = route({
    method: 'get',
    path: '/api/v1/offices/:id',
    tag: 'Offices',
    summary: 'An office with its county, the profile in effect today and its current certification',
    roles: ALL_ROLES,
    params: IdParams,
    responses: { 200: { description: 'The office', schema: Office } },
    handler: async ({ principal, params }) => {
      const office = await officeFor(prisma, principal, params.id);
      const today = chinaToday();
      const latestFirst = [{ declaredAt: 'desc' as const }, { id: 'desc' as const }];
      const [profile, latest, latestVisible, pairings] = await Promise.all([
        officeProfileAsOf(prisma, office.id, today),
        prisma.certification.findFirst({
          where: { officeId: office.id },
          orderBy: latestFirst,
          select: { id: true },
        }),
        prisma.certification.findFirst({
          where: { AND: [{ officeId: office.id }, visibleCertifications(principal)] },
          orderBy: latestFirst,
        }),
        officePairings(prisma, office.id),
      ]);
      // The current certification, unless it is one the caller may not see (api/scope.ts).
      const current = latest && latestVisible?.id === latest.id ? latestVisible : null;
      return {
        status: 200,
        body: {
          id: office.id,
          code: office.code,
          name: office.name,
          type: office.type,
          createdAt: office.createdAt.toISOString(),
          county: { id: office.county.id, code: office.county.code, name: office.county.name },
          // null: the office has a certification the caller may not see.
          status: latest ? (current?.status ?? null) : 'NONE',
          profile: profile
            ? {
                id: profile.id,
                asOf: today,
                effectiveFrom: profile.effectiveFrom,
                values: profile.values,
                recordedAt: profile.recordedAt.toISOString(),
              }
            : null,
          certification: current
            ? {
                id: current.id,
                status: current.status,
                campaignId: current.campaignId,
                certificateNumber: current.certificateNumber,
                declaredAt: current.declaredAt.toISOString(),
                updatedAt: current.updatedAt.toISOString(),
                nextDue: current.nextDueAt
                  ? { kind: current.nextDueKind, at: current.nextDueAt.toISOString() }
                  : null,
                openCheck: presentOpenCheck(current),
              }
            : null,
          // 挂钩结对: the bureau departments paired with the office, per campaign, and letters.
          pairings,
        },
      };
    },
  });

  const importRoute = route({
    method: 'post',
    path: '/api/v1/offices/import',
    tag: 'Offices',
    summary:
      'Import offices (and their initial profiles) from a CSV file or JSON: all rows or none',
    roles: ['CITY_ADMIN'],
    body: OfficeImportBody,
    bodyMediaTypes: ['text/csv', 'application/json'],
    responses: {
      // 422 (shared problem response): some rows are wrong and nothing was imported;
      // `errors` names each field and the extension member `rows` lists each bad row.
      201: {
        description: 'Every row was imported: counts per county and the new offices’ ids',
        schema: OfficeImportResult,
      },
    },
    handler: async ({ principal, body, requestId }) => {
      const result = await importOffices(prisma, principal, body, requestId);
      return { status: 201, body: result };
    },
  });

  return [city, list, importRoute, get];
}
