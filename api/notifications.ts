// The notification log (what was sent to whom, what failed) and, when `npm start` runs the
// local mail capture, the captured mailbox.
import { z } from 'zod';
import type { PrismaClient } from '../generated/prisma/client';
import type { CapturedMessage as CapturedMail, MailCapture } from '../notifications/mail-capture';
import type { RouteSpec } from './routes';
import { route } from './routes';
import { itemsOf } from './responses/common';
import { CapturedMessage, NotificationEntry } from './responses/oversight';

const NotificationQuery = z.object({
  certificationId: z.string().min(1).optional(),
  recipientId: z.string().min(1).optional(),
  status: z.enum(['PENDING', 'SENT', 'FAILED']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Every address mail for a city goes to: its users' and its notification recipients'. */
async function cityAddresses(prisma: PrismaClient, cityId: string): Promise<Set<string>> {
  const [users, recipients] = await Promise.all([
    prisma.user.findMany({ where: { cityId, email: { not: null } }, select: { email: true } }),
    prisma.recipient.findMany({ where: { cityId }, select: { email: true } }),
  ]);
  return new Set(
    [...users.map((u) => u.email), ...recipients.map((r) => r.email)]
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
      summary: 'The notification log: per certification, per recipient, failures',
      roles: ['COUNTY_OPERATOR', 'CITY_REVIEWER', 'CITY_ADMIN'],
      query: NotificationQuery,
      responses: {
        200: { description: 'Notifications, newest first', schema: itemsOf(NotificationEntry) },
      },
      handler: async ({ principal, query }) => {
        const recipients = await prisma.recipient.findMany({
          where: {
            cityId: principal.cityId,
            ...(principal.role === 'COUNTY_OPERATOR' ? { countyId: principal.countyId } : {}),
          },
          select: { id: true },
        });
        const rows = await prisma.notification.findMany({
          where: {
            recipientId: { in: recipients.map((r) => r.id) },
            ...(query.certificationId ? { certificationId: query.certificationId } : {}),
            ...(query.recipientId ? { recipientId: query.recipientId } : {}),
            ...(query.status ? { status: query.status } : {}),
          },
          orderBy: { createdAt: 'desc' },
          take: query.limit,
        });
        return {
          status: 200,
          body: {
            items: rows.map((row) => ({
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
