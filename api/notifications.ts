// The notification log (what was sent to whom, what failed), newest first in pages, and,
// when `npm start` runs the local mail capture, the captured mailbox. A notification belongs
// to its recipient's city and county (Notification.cityId/countyId), so the log is scoped
// the same way whether the recipient was a user, a county head or an extra address.
import { z } from 'zod';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import type { MailCapture } from '../notifications/mail-capture';
import { decodeCursor, pageOf } from './cursor';
import type { RouteSpec } from './routes';
import { route } from './routes';

const NotificationQuery = z.object({
  certificationId: z.string().min(1).max(100).optional(),
  recipientId: z.string().min(1).max(200).optional(),
  status: z.enum(['PENDING', 'SENT', 'FAILED']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().min(1).max(500).optional(),
});

/** Where a page ended: createdAt never changes, and the id breaks ties. */
const Position = z.object({ createdAt: z.iso.datetime(), id: z.string() });

export function notificationRoutes(deps: {
  prisma: PrismaClient;
  devMailbox: MailCapture | undefined;
}): RouteSpec[] {
  const { prisma } = deps;
  const routes: RouteSpec[] = [
    route({
      method: 'get',
      path: '/api/v1/notifications',
      tag: 'Notifications',
      summary:
        'The notification log, newest first and paged: per certification, per recipient, failures',
      roles: ['COUNTY_OPERATOR', 'CITY_REVIEWER', 'CITY_ADMIN'],
      query: NotificationQuery,
      responses: {
        200: 'Notifications, newest first, and the cursor of the next page (null at the end)',
      },
      handler: async ({ principal, query }) => {
        const after = query.cursor ? decodeCursor(query.cursor, Position) : undefined;
        const where: Prisma.NotificationWhereInput = {
          AND: [
            { cityId: principal.cityId },
            // A county operator sees what was sent to their county's people.
            principal.role === 'COUNTY_OPERATOR' ? { countyId: principal.countyId ?? '' } : {},
            query.certificationId ? { certificationId: query.certificationId } : {},
            query.recipientId ? { recipientId: query.recipientId } : {},
            query.status ? { status: query.status } : {},
            after
              ? {
                  OR: [
                    { createdAt: { lt: new Date(after.createdAt) } },
                    { createdAt: new Date(after.createdAt), id: { lt: after.id } },
                  ],
                }
              : {},
          ],
        };
        const rows = await prisma.notification.findMany({
          where,
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          take: query.limit + 1,
        });
        const page = pageOf(rows, query.limit, Position, (row) => ({
          createdAt: row.createdAt.toISOString(),
          id: row.id,
        }));
        return {
          status: 200,
          body: {
            items: page.items.map((row) => ({
              id: row.id,
              kind: row.kind,
              certificationId: row.certificationId,
              recipientId: row.recipientId,
              email: row.email,
              locale: row.locale,
              subject: row.subject,
              status: row.status,
              attempts: row.attempts,
              lastError: row.lastError,
              messageId: row.messageId,
              createdAt: row.createdAt.toISOString(),
              sentAt: row.sentAt?.toISOString() ?? null,
            })),
            nextCursor: page.nextCursor,
          },
        };
      },
    }),
  ];
  const mailbox = deps.devMailbox;
  if (mailbox) {
    routes.push(
      route({
        method: 'get',
        path: '/api/v1/dev/mail',
        tag: 'Development',
        summary: 'Messages caught by the local mail capture (only while npm start runs it)',
        roles: ['CITY_ADMIN'],
        responses: { 200: 'Captured messages, oldest first' },
        handler: async () => ({ status: 200, body: { items: await mailbox.list() } }),
      }),
    );
  }
  return routes;
}
