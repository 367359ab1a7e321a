// The notification log (what was sent to whom, what failed), newest first in pages, and,
// when `npm start` runs the local mail capture, the captured mailbox. A notification belongs
// to its recipient's city and county (Notification.cityId/countyId), so the log is scoped
// the same way whether the recipient was a user, a county head or an extra address.
import { z } from 'zod';
import type { Prisma, PrismaClient } from '../../../generated/prisma/client';
import type {
  CapturedMessage as CapturedMail,
  MailCapture,
} from '../../../platform/mail/mail-capture';
import { decodeCursor, pageOf } from '../../../platform/http/cursor';
import type { RouteSpec } from '../../access';
import { route } from '../../access';
import { itemsOf, pageOf as pageSchema } from '../../../platform/http/response-schemas';
import { CapturedMessage, NotificationEntry } from '../responses';

const NotificationQuery = z.object({
  certificationId: z.string().min(1).max(100).optional(),
  recipientId: z.string().min(1).max(200).optional(),
  status: z.enum(['PENDING', 'SENT', 'FAILED']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().min(1).max(500).optional(),
});

/** Where a page ended: createdAt never changes, and the id breaks ties. */
const Position = z.object({ createdAt: z.iso.datetime(), id: z.string() });

/**
 * Every address mail for a city goes to: its users', its county heads' and its extra
 * notification recipients'.
 */
async function cityAddresses(prisma: PrismaClient, cityId: string): Promise<Set<string>> {
  const [users, heads, recipients] = await Promise.all([
    prisma.user.findMany({ where: { cityId, email: { not: null } }, select: { email: true } }),
    prisma.county.findMany({
      where: { cityId, headEmail: { not: null } },
      select: { headEmail: true },
    }),
    prisma.recipient.findMany({ where: { cityId }, select: { email: true } }),
  ]);
  return new Set(
    [
      ...users.map((u) => u.email),
      ...heads.map((c) => c.headEmail),
      ...recipients.map((r) => r.email),
    ]
      .filter((email): email is string => email !== null)
      .map((email) => email.toLowerCase()),
  );
}

/**
 * The captured messages a city's admin may read: those addressed to at least one of the
 * city's addresses, with their recipient list cut to those addresses, so neither another
 * city's mail nor its addressees show. Mail to addresses of no city is nobody's to read.
 */
export function forCity(messages: CapturedMail[], addresses: Set<string>): CapturedMail[] {
  return messages.flatMap((message) => {
    const to = message.to.filter((address) => addresses.has(address.toLowerCase()));
    return to.length > 0 ? [{ ...message, to }] : [];
  });
}

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
        200: {
          description:
            'Notifications, newest first, and the cursor of the next page (null at the end)',
          schema: pageSchema(NotificationEntry),
        },
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
        summary:
          'Messages the local mail capture caught for the caller’s city (only while npm start runs it)',
        roles: ['CITY_ADMIN'],
        responses: {
          200: {
            description: 'Captured messages to the city’s addresses, oldest first',
            schema: itemsOf(CapturedMessage),
          },
        },
        handler: async ({ principal }) => ({
          status: 200,
          body: {
            items: forCity(await mailbox.list(), await cityAddresses(prisma, principal.cityId)),
          },
        }),
      }),
    );
  }
  return routes;
}
