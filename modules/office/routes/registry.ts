// The public registry (公示): which offices hold the “Fengqiao-style” title, with certificate
// number and date, and which lost it, with the date. No personal data: no contacts, no
// findings, no names of people.
import { z } from 'zod';
import type { PrismaClient } from '../../../generated/prisma/client';
import type { PublicRouteSpec } from '../../../platform/http/routes';
import { publicRoute } from '../../../platform/http/routes';
import { Registry } from '../responses';

const RegistryQuery = z.object({
  cityId: z.string().min(1).max(100).optional(),
  countyId: z.string().min(1).max(100).optional(),
});

interface PinnedState {
  certificate?: { number: string | null; certifiedAt: number } | null;
  exemplary?: { experienceSummary: string; markedAt: number } | null;
  closedAt?: number | null;
}

export function registryRoutes(deps: { prisma: PrismaClient }): PublicRouteSpec[] {
  return [
    publicRoute({
      method: 'get',
      path: '/api/v1/registry',
      tag: 'Public registry',
      summary: 'Offices named “Fengqiao-style” and offices whose title was revoked',
      query: RegistryQuery,
      responses: { 200: { description: 'Named offices and revocations', schema: Registry } },
      handler: async ({ query }) => {
        const rows = await deps.prisma.certification.findMany({
          where: {
            certificateNumber: { not: null },
            status: { in: ['CERTIFIED', 'RECTIFYING', 'REVOKED'] },
            ...(query.cityId ? { cityId: query.cityId } : {}),
            ...(query.countyId ? { countyId: query.countyId } : {}),
          },
          // Not the pinned configuration, nor what the registry does not show.
          select: {
            status: true,
            certificateNumber: true,
            state: true,
            office: {
              select: {
                name: true,
                code: true,
                county: { select: { name: true, city: { select: { name: true } } } },
              },
            },
          },
          orderBy: { certificateNumber: 'asc' },
        });
        const entry = (row: (typeof rows)[number]) => {
          const state = row.state as PinnedState;
          return {
            office: row.office.name,
            officeCode: row.office.code,
            county: row.office.county.name,
            city: row.office.county.city.name,
            certificateNumber: row.certificateNumber,
            certifiedAt: state.certificate
              ? new Date(state.certificate.certifiedAt).toISOString()
              : null,
          };
        };
        return {
          status: 200,
          body: {
            named: rows
              .filter((row) => row.status !== 'REVOKED')
              .map((row) => ({
                ...entry(row),
                exemplary: Boolean((row.state as PinnedState).exemplary),
              })),
            revoked: rows
              .filter((row) => row.status === 'REVOKED')
              .map((row) => {
                const closedAt = (row.state as PinnedState).closedAt;
                return {
                  ...entry(row),
                  revokedAt: closedAt ? new Date(closedAt).toISOString() : null,
                };
              }),
          },
        };
      },
    }),
  ];
}
