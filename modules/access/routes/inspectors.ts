// The inspectors a city's reviewer may assign to a certification: the people and API keys with
// the INSPECTOR role in the caller's city that can still act (not disabled, not revoked), with
// how many open certifications each already has, so the reviewer can spread the work.
// `POST /api/v1/certifications/:id/inspectors` accepts exactly these ids.
import { z } from 'zod';
import type { PrismaClient } from '../../../generated/prisma/client';
import type { RouteSpec } from '../route';
import { route } from '../route';
import { itemsOf } from '../../../platform/http/response-schemas';
import { TERMINAL_STATUSES } from '../../certification/workflow-api';

export const Inspector = z
  .object({
    id: z.string().meta({ description: 'The user’s or API key’s id: the `inspectorId` to assign' }),
    kind: z.enum(['USER', 'API_KEY']),
    name: z.string().meta({ description: 'A user’s display name; an API key’s label' }),
    username: z.string().nullable().meta({ description: 'A user’s login name; null for a key' }),
    openAssignments: z.number().int().nonnegative().meta({
      description:
        'How many certifications not yet closed (revoked, rejected, withdrawn) they are assigned to',
    }),
  })
  .meta({ id: 'Inspector' });
export type Inspector = z.infer<typeof Inspector>;

/** Names in the order a Chinese reader expects: Chinese collation (pinyin, Han before Latin). */
const byName = new Intl.Collator('zh-CN');

export function inspectorRoutes(deps: { prisma: PrismaClient }): RouteSpec[] {
  const { prisma } = deps;
  return [
    route({
      method: 'get',
      path: '/api/v1/inspectors',
      tag: 'Security',
      summary:
        'The city’s active inspectors (users and API keys), with their open workload, to assign one',
      roles: ['CITY_REVIEWER', 'CITY_ADMIN'],
      responses: {
        200: { description: 'Inspectors, by name', schema: itemsOf(Inspector) },
      },
      handler: async ({ principal }) => {
        const where = { cityId: principal.cityId, role: 'INSPECTOR' as const };
        const [users, keys] = await Promise.all([
          prisma.user.findMany({ where: { ...where, disabledAt: null } }),
          prisma.apiKey.findMany({ where: { ...where, revokedAt: null } }),
        ]);
        const ids = [...users, ...keys].map((row) => row.id);
        const open = await prisma.inspectionAssignment.groupBy({
          by: ['inspectorId'],
          where: {
            inspectorId: { in: ids },
            certification: {
              cityId: principal.cityId,
              status: { notIn: [...TERMINAL_STATUSES] },
            },
          },
          _count: { _all: true },
        });
        const workload = new Map(open.map((row) => [row.inspectorId, row._count._all]));
        const items: Inspector[] = [
          ...users.map((user) => ({
            id: user.id,
            kind: 'USER' as const,
            name: user.displayName,
            username: user.username,
            openAssignments: workload.get(user.id) ?? 0,
          })),
          ...keys.map((key) => ({
            id: key.id,
            kind: 'API_KEY' as const,
            name: key.name,
            username: null,
            openAssignments: workload.get(key.id) ?? 0,
          })),
        ].sort((a, b) => byName.compare(a.name, b.name) || a.id.localeCompare(b.id));
        return { status: 200, body: { items } };
      },
    }),
  ];
}
