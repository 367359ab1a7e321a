// Minimal authentication for the first slice: API keys per role (and county), sent as
// `Authorization: Bearer <key>` or `X-API-Key: <key>`. The full security model (users,
// logins, key management) is a later issue; here nothing under /api is reachable without
// a valid key, and every route names the roles it admits.
import type { NextFunction, Request, Response } from 'express';
import { hashApiKey } from '../db/api-keys';
import type { Role } from '../domain/schemas';
import type { PrismaClient } from '../generated/prisma/client';
import { Problem, forbidden } from './problems';

export interface Principal {
  id: string;
  role: Role;
  cityId: string;
  countyId: string | null;
}

function presentedKey(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1];
  }
  return req.get('x-api-key') ?? undefined;
}

const LAST_USED_RESOLUTION_MS = 60_000;

const unauthorized = () =>
  new Problem(401, 'Unauthorized', 'a valid API key is required (Authorization: Bearer <key>)');

export function authenticate(prisma: PrismaClient) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const key = presentedKey(req);
    if (!key) throw unauthorized();
    const apiKey = await prisma.apiKey.findUnique({ where: { keyHash: hashApiKey(key) } });
    if (!apiKey || apiKey.revokedAt) throw unauthorized();
    // Last-used time is for spotting dormant keys; a write per request would be waste.
    const now = new Date();
    if (
      !apiKey.lastUsedAt ||
      now.getTime() - apiKey.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS
    ) {
      await prisma.apiKey.update({ where: { id: apiKey.id }, data: { lastUsedAt: now } });
    }
    const principal: Principal = {
      id: apiKey.id,
      role: apiKey.role,
      cityId: apiKey.cityId,
      countyId: apiKey.countyId,
    };
    res.locals.principal = principal;
    next();
  };
}

export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw unauthorized();
  return principal;
}

export function requireRole(principal: Principal, roles: readonly Role[]): void {
  if (!roles.includes(principal.role)) {
    throw forbidden(`role ${principal.role} may not do this (allowed: ${roles.join(', ')})`);
  }
}
