// Machine credentials: a city's admins issue, list and revoke its API keys. A key is shown
// once, when issued; only its digest is stored.
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { hashApiKey } from '../api-keys';
import { Role } from '../../shared';
import type { PrismaClient } from '../../../generated/prisma/client';
import { recordAdminEvent } from '../../audit';
import { notFound } from '../../../platform/http/problems';
import type { Principal } from '../authenticate';
import type { RouteSpec } from '../route';
import { route } from '../route';
import { IdParams } from '../../shared';
import { itemsOf } from '../../../platform/http/response-schemas';
import { ApiKey, IssuedApiKey } from '../responses';
import { requireCountyOfCity, withCountyRule } from './common';

const CreateApiKeyInput = withCountyRule(
  z.object({
    name: z.string().trim().min(1).max(100),
    role: Role,
    countyId: z.string().min(1).max(100).optional(),
  }),
);

type ApiKeyRow = Awaited<ReturnType<PrismaClient['apiKey']['findUniqueOrThrow']>>;

function presentApiKey(key: ApiKeyRow) {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    cityId: key.cityId,
    countyId: key.countyId,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

export function apiKeyRoutes(deps: { prisma: PrismaClient }): RouteSpec[] {
  const { prisma } = deps;

  const listKeys = route({
    method: 'get',
    path: '/api/v1/api-keys',
    tag: 'Security',
    summary: 'The city’s API keys, with last-used time (never the key itself)',
    roles: ['CITY_ADMIN'],
    responses: { 200: { description: 'API keys, newest first', schema: itemsOf(ApiKey) } },
    handler: async ({ principal }) => {
      const keys = await prisma.apiKey.findMany({
        where: { cityId: principal.cityId },
        orderBy: { createdAt: 'desc' },
      });
      return { status: 200, body: { items: keys.map(presentApiKey) } };
    },
  });

  /** The key of the caller's city, or 404: another city's keys are not even named. */
  async function keyOfCity(principal: Principal, id: string): Promise<ApiKeyRow> {
    const key = await prisma.apiKey.findUnique({ where: { id } });
    if (!key || key.cityId !== principal.cityId) throw notFound(`API key ${id}`);
    return key;
  }

  const getKey = route({
    method: 'get',
    path: '/api/v1/api-keys/:id',
    tag: 'Security',
    summary: 'One of the city’s API keys (never the key itself)',
    roles: ['CITY_ADMIN'],
    params: IdParams,
    responses: { 200: { description: 'The API key', schema: ApiKey } },
    handler: async ({ principal, params }) => ({
      status: 200,
      body: presentApiKey(await keyOfCity(principal, params.id)),
    }),
  });

  const createKey = route({
    method: 'post',
    path: '/api/v1/api-keys',
    tag: 'Security',
    summary: 'Issue an API key for a machine client; the key is shown once, in this response',
    roles: ['CITY_ADMIN'],
    body: CreateApiKeyInput,
    responses: {
      201: { description: 'The key record and, this once, the key', schema: IssuedApiKey },
    },
    problems: { 422: 'The county is not one of the city’s' },
    handler: async ({ principal, body, requestId }) => {
      await requireCountyOfCity(prisma, principal, body.countyId);
      const id = randomUUID();
      const key = `fq_${randomBytes(32).toString('base64url')}`;
      const [created] = await prisma.$transaction([
        prisma.apiKey.create({
          data: {
            id,
            name: body.name,
            role: body.role,
            cityId: principal.cityId,
            countyId: body.countyId ?? null,
            keyHash: hashApiKey(key),
            createdBy: principal.id,
          },
        }),
        recordAdminEvent(prisma, {
          principal,
          action: 'API_KEY_CREATED',
          requestId,
          details: { apiKeyId: id, name: body.name, role: body.role, countyId: body.countyId },
        }),
      ]);
      return {
        status: 201,
        body: { ...presentApiKey(created), key },
        headers: { Location: `/api/v1/api-keys/${id}`, 'Cache-Control': 'no-store' },
      };
    },
  });

  const revokeKey = route({
    method: 'post',
    path: '/api/v1/api-keys/:id/revocation',
    tag: 'Security',
    summary: 'Revoke an API key: it stops working at once',
    roles: ['CITY_ADMIN'],
    params: IdParams,
    responses: { 200: { description: 'The revoked key', schema: ApiKey } },
    handler: async ({ principal, params, requestId }) => {
      const key = await keyOfCity(principal, params.id);
      if (key.revokedAt) return { status: 200, body: presentApiKey(key) };
      const [revoked] = await prisma.$transaction([
        prisma.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } }),
        recordAdminEvent(prisma, {
          principal,
          action: 'API_KEY_REVOKED',
          requestId,
          details: { apiKeyId: key.id, name: key.name },
        }),
      ]);
      return { status: 200, body: presentApiKey(revoked) };
    },
  });

  return [listKeys, getKey, createKey, revokeKey];
}
