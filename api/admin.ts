// Administrative routes for the city bureau admin.
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../generated/prisma/client';
import { ReconcileReport, reconcile } from '../modules/certification';
import type { RouteSpec } from '../modules/access';
import { route } from '../modules/access';

export function adminRoutes(deps: { prisma: PrismaClient; client: Client }): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/v1/admin/reconcile',
      tag: 'Administration',
      summary: 'Compare every certification workflow of the city with the database projection',
      roles: ['CITY_ADMIN'],
      responses: {
        200: {
          description:
            'Number checked, every mismatch and every stuck workflow (both empty when all is well)',
          schema: ReconcileReport,
        },
      },
      handler: async ({ principal }) => ({
        status: 200,
        body: await reconcile(deps.client, deps.prisma, {
          cityId: principal.cityId,
          listRunningWorkflows: true,
        }),
      }),
    }),
  ];
}
