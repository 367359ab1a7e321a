// The audit trail, read-only: every certification transition and administrative event of the
// caller's city, newest first. Rows are append-only in the database (triggers refuse UPDATE,
// DELETE and TRUNCATE) and no route writes them except by appending.
import { z } from 'zod';
import { IsoDateTime } from '../shared';
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import { decodeCursor, pageOf } from '../../platform/http/cursor';
import type { RouteSpec } from '../access';
import { route } from '../access';
import { pageOf as pageSchema } from '../../platform/http/response-schemas';
import { AuditEvent } from './responses';

const AuditQuery = z
  .object({
    action: z
      .string()
      .regex(/^[A-Z_]{1,60}$/, 'an action name such as DECLARED or API_KEY_CREATED')
      .optional(),
    actorId: z.string().min(1).max(100).optional(),
    certificationId: z.string().min(1).max(100).optional(),
    from: IsoDateTime.optional(),
    to: IsoDateTime.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().min(1).max(500).optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    path: ['to'],
    message: 'must not be before `from`',
  });

const Position = z.object({ occurredAt: z.iso.datetime(), id: z.string() });

export function auditRoutes(deps: { prisma: PrismaClient }): RouteSpec[] {
  const { prisma } = deps;
  return [
    route({
      method: 'get',
      path: '/api/v1/audit',
      tag: 'Audit',
      summary: 'The append-only audit trail of the admin’s city, newest first (filterable, paged)',
      roles: ['CITY_ADMIN'],
      query: AuditQuery,
      responses: {
        200: {
          description: 'Audit events and the cursor of the next page (null at the end)',
          schema: pageSchema(AuditEvent),
        },
      },
      handler: async ({ principal, query }) => {
        const after = query.cursor ? decodeCursor(query.cursor, Position) : undefined;
        const where: Prisma.AuditEventWhereInput = {
          AND: [
            // Every event names its city (older rows were given it by a migration): an index scan.
            { cityId: principal.cityId },
            query.action ? { action: query.action } : {},
            query.actorId ? { actorId: query.actorId } : {},
            query.certificationId ? { certificationId: query.certificationId } : {},
            query.from ? { occurredAt: { gte: new Date(query.from) } } : {},
            query.to ? { occurredAt: { lte: new Date(query.to) } } : {},
            after
              ? {
                  OR: [
                    { occurredAt: { lt: new Date(after.occurredAt) } },
                    { occurredAt: new Date(after.occurredAt), id: { lt: after.id } },
                  ],
                }
              : {},
          ],
        };
        const rows = await prisma.auditEvent.findMany({
          where,
          orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
          take: query.limit + 1,
        });
        const page = pageOf(rows, query.limit, Position, (event) => ({
          occurredAt: event.occurredAt.toISOString(),
          id: event.id,
        }));
        return {
          status: 200,
          body: {
            items: page.items.map((event) => ({
              id: event.id,
              occurredAt: event.occurredAt.toISOString(),
              action: event.action,
              actor: { id: event.actorId, role: event.actorRole },
              certificationId: event.certificationId,
              revision: event.revision,
              fromStatus: event.fromStatus,
              toStatus: event.toStatus,
              reason: event.reason,
              requestId: event.requestId,
              details: event.details,
            })),
            nextCursor: page.nextCursor,
          },
        };
      },
    }),
  ];
}
