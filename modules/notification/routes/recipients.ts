// Who receives email, as the city admin manages it. The directory lists everyone who hears a
// function's notices — users (their functions are edited on the user), county heads (edited
// on the county) and extra addresses — and the extra addresses (a bureau's shared mailbox, a
// head without a login) are created and edited here. Extra addresses are never deleted, as
// the notification log refers to them: `active: false` stops their mail. Audited.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { createRecipientDirectory } from '../recipient-directory';
import type { ResolvedRecipient } from '../recipient-directory';
import {
  EmailAddress,
  Language,
  NotificationFunction,
  isCountyFunction,
} from '../rules/recipients';
import type { PrismaClient } from '../../../generated/prisma/client';
import { recordAdminEvent } from '../../audit';
import type { Principal } from '../../access';
import { Problem, notFound, unprocessable } from '../../../platform/http/problems';
import type { RouteSpec } from '../../access';
import { route } from '../../access';
import { IdParams } from '../../shared';
import { itemsOf } from '../../../platform/http/response-schemas';
import { NotificationRecipient } from '../../access';

const DirectoryQuery = z.object({
  countyId: z.string().min(1).max(100).optional(),
  function: NotificationFunction.optional(),
  source: z.enum(['USER', 'COUNTY_HEAD', 'EXTRA']).optional(),
});

const CreateRecipientInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    email: EmailAddress,
    language: Language.default('zh-CN'),
    function: NotificationFunction,
    /** Required for a county function (COUNTY_OPERATOR, COUNTY_BUREAU_HEAD); none otherwise. */
    countyId: z.string().min(1).max(100).optional(),
  })
  .superRefine((value, ctx) => {
    if (isCountyFunction(value.function) && !value.countyId) {
      ctx.addIssue({
        code: 'custom',
        path: ['countyId'],
        message: `${value.function} is held in a county: say which`,
      });
    }
    if (!isCountyFunction(value.function) && value.countyId) {
      ctx.addIssue({
        code: 'custom',
        path: ['countyId'],
        message: `${value.function} is a city bureau function, not a county's`,
      });
    }
  });

const UpdateRecipientInput = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    email: EmailAddress.optional(),
    language: Language.optional(),
    /** false stops the address's mail (the log keeps what was sent); true resumes it. */
    active: z.boolean().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'give at least one of name, email, language, active',
  });

type RecipientRow = Awaited<ReturnType<PrismaClient['recipient']['findUniqueOrThrow']>>;

function presentEntry(entry: ResolvedRecipient & { active: boolean }) {
  return {
    id: entry.id,
    source: entry.source,
    name: entry.name,
    email: entry.email,
    language: entry.locale,
    functions: entry.functions,
    countyId: entry.countyId,
    active: entry.active,
  };
}

function presentRow(row: RecipientRow) {
  return {
    id: row.id,
    source: 'EXTRA' as const,
    name: row.name,
    email: row.email,
    language: row.locale,
    functions: [row.function],
    countyId: row.countyId,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function recipientRoutes(deps: { prisma: PrismaClient }): RouteSpec[] {
  const { prisma } = deps;
  const directory = createRecipientDirectory(prisma);

  async function rowOfCity(principal: Principal, id: string) {
    const row = await prisma.recipient.findUnique({ where: { id } });
    if (!row || row.cityId !== principal.cityId) throw notFound(`recipient ${id}`);
    return row;
  }

  const list = route({
    method: 'get',
    path: '/api/v1/notification-recipients',
    tag: 'Notifications',
    summary:
      'Who receives the city’s email: users, county heads and extra addresses, with their functions and language',
    roles: ['CITY_ADMIN'],
    query: DirectoryQuery,
    responses: {
      200: {
        description: 'Every entry: extra addresses, then county heads, then users',
        schema: itemsOf(NotificationRecipient),
      },
    },
    handler: async ({ principal, query }) => {
      const entries = (await directory.directory(principal.cityId)).filter(
        (entry) =>
          (!query.countyId || entry.countyId === query.countyId) &&
          (!query.function || entry.functions.includes(query.function)) &&
          (!query.source || entry.source === query.source),
      );
      return { status: 200, body: { items: entries.map(presentEntry) } };
    },
  });

  const create = route({
    method: 'post',
    path: '/api/v1/notification-recipients',
    tag: 'Notifications',
    summary:
      'Add an extra address that receives a function’s notices (in a county for county functions)',
    roles: ['CITY_ADMIN'],
    body: CreateRecipientInput,
    responses: { 201: { description: 'The extra address', schema: NotificationRecipient } },
    problems: { 409: 'The address already receives this function’s notices' },
    handler: async ({ principal, body, requestId }) => {
      if (body.countyId) {
        const county = await prisma.county.findUnique({ where: { id: body.countyId } });
        if (!county || county.cityId !== principal.cityId) {
          throw unprocessable('the county does not exist', [
            { field: 'countyId', message: 'no such county in your city' },
          ]);
        }
      }
      const same = await prisma.recipient.findFirst({
        where: {
          cityId: principal.cityId,
          countyId: body.countyId ?? null,
          function: body.function,
          email: { equals: body.email, mode: 'insensitive' },
        },
      });
      if (same) {
        throw new Problem(
          409,
          'Conflict',
          `${body.email} is already an extra address for ${body.function} here (${same.id}${same.active ? '' : ', inactive: reactivate it'})`,
          [{ field: 'email', message: 'already receives these notices' }],
        );
      }
      const id = randomUUID();
      const [row] = await prisma.$transaction([
        prisma.recipient.create({
          data: {
            id,
            cityId: principal.cityId,
            countyId: body.countyId ?? null,
            function: body.function,
            name: body.name,
            email: body.email,
            locale: body.language,
            createdBy: principal.id,
          },
        }),
        recordAdminEvent(prisma, {
          principal,
          action: 'NOTIFICATION_RECIPIENT_CREATED',
          requestId,
          details: {
            recipientId: id,
            function: body.function,
            countyId: body.countyId ?? null,
            email: body.email,
            language: body.language,
          },
        }),
      ]);
      return {
        status: 201,
        body: presentRow(row),
        headers: { Location: `/api/v1/notification-recipients/${id}` },
      };
    },
  });

  const get = route({
    method: 'get',
    path: '/api/v1/notification-recipients/:id',
    tag: 'Notifications',
    summary: 'One of the city’s extra addresses',
    roles: ['CITY_ADMIN'],
    params: IdParams,
    responses: { 200: { description: 'The extra address', schema: NotificationRecipient } },
    handler: async ({ principal, params }) => ({
      status: 200,
      body: presentRow(await rowOfCity(principal, params.id)),
    }),
  });

  const update = route({
    method: 'patch',
    path: '/api/v1/notification-recipients/:id',
    tag: 'Notifications',
    summary: 'Change an extra address: name, email, language, or stop / resume its mail',
    roles: ['CITY_ADMIN'],
    params: IdParams,
    body: UpdateRecipientInput,
    responses: { 200: { description: 'The extra address', schema: NotificationRecipient } },
    handler: async ({ principal, params, body, requestId }) => {
      const row = await rowOfCity(principal, params.id);
      const next = {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.email !== undefined ? { email: body.email } : {}),
        ...(body.language !== undefined ? { locale: body.language } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
      };
      const changes = Object.fromEntries(
        Object.entries(next)
          .map(([field, to]) => [field, { from: row[field as keyof typeof next], to }] as const)
          .filter(([, change]) => change.from !== change.to),
      );
      // Asking for what is already there changes nothing and records nothing.
      if (Object.keys(changes).length === 0) return { status: 200, body: presentRow(row) };
      const [updated] = await prisma.$transaction([
        prisma.recipient.update({ where: { id: row.id }, data: next }),
        recordAdminEvent(prisma, {
          principal,
          action: 'NOTIFICATION_RECIPIENT_UPDATED',
          requestId,
          details: { recipientId: row.id, function: row.function, changes },
        }),
      ]);
      return { status: 200, body: presentRow(updated) };
    },
  });

  return [list, get, create, update];
}
