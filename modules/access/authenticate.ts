// Who is calling. People send the access token from `POST /api/v1/auth/login`; machine
// clients send an API key. Both arrive as `Authorization: Bearer <credential>` (keys also as
// `X-API-Key`). Every route names the roles it admits (checked by the router), and every
// handler scopes what it reads and changes to the caller's city and, for county operators,
// county (checked again in the service layer: see api/scope.ts).
import type { NextFunction, Request, Response } from 'express';
import { hashApiKey } from './api-keys';
import type { Actor, Role } from '../shared';
import type { PrismaClient } from '../../generated/prisma/client';
import { Problem, forbidden } from '../../platform/http/problems';
import { plainSql } from '../../platform/db/plain-sql';
import type { TokenSigner } from './tokens';
import { looksLikeToken } from './tokens';

export interface Principal {
  /** A user id or an API key id: what the audit trail records as the actor. */
  id: string;
  kind: 'user' | 'api-key';
  /** Username or key name, for people reading the audit trail. */
  name: string;
  role: Role;
  cityId: string;
  countyId: string | null;
}

function presentedCredential(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1];
  }
  return req.get('x-api-key') ?? undefined;
}

const LAST_USED_RESOLUTION_MS = 60_000;

const unauthorized = () =>
  new Problem(
    401,
    'Unauthorized',
    'a valid access token or API key is required (Authorization: Bearer <credential>)',
  );

/**
 * Finds the caller once per request: the principal is kept on the response, so a request
 * that passes through this middleware again (another router mounting it) reads no credential
 * twice. Nothing is kept across requests: a revoked key or a disabled user is refused on the
 * very next request, in every process.
 */
export function authenticate(prisma: PrismaClient, tokens: TokenSigner) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (res.locals.principal) {
      next();
      return;
    }
    const credential = presentedCredential(req);
    if (!credential) throw unauthorized();
    const principal = looksLikeToken(credential)
      ? await userPrincipal(prisma, tokens, credential)
      : await apiKeyPrincipal(prisma, credential);
    if (!principal) throw unauthorized();
    res.locals.principal = principal;
    next();
  };
}

/** The columns of a user that make a principal, and whether they may still log in. */
interface UserRow {
  id: string;
  username: string;
  role: Role;
  cityId: string;
  countyId: string | null;
  disabledAt: Date | null;
}

async function userPrincipal(
  prisma: PrismaClient,
  tokens: TokenSigner,
  token: string,
): Promise<Principal | null> {
  const userId = await tokens.verify(token);
  if (!userId) return null;
  // Only what a principal holds (never the password hash), in one plain statement as for
  // keys below. Re-read on every request: a disabled user is refused at once.
  const [user] = await plainSql(prisma)<UserRow>`
    SELECT id, username, role::text AS role, "cityId", "countyId", "disabledAt"
    FROM "User" WHERE id = ${userId}`;
  if (!user || user.disabledAt) return null;
  return {
    id: user.id,
    kind: 'user',
    name: user.username,
    role: user.role,
    cityId: user.cityId,
    countyId: user.countyId,
  };
}

/** The columns of an API key that make a principal, and whether it may still be used. */
interface ApiKeyRow {
  id: string;
  name: string;
  role: Role;
  cityId: string;
  countyId: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

async function apiKeyPrincipal(prisma: PrismaClient, key: string): Promise<Principal | null> {
  // Every request a machine client makes starts here, so the lookup is one plain read
  // (platform/db/plain-sql.ts, decision 0029), past Prisma's query compiler (issue 16).
  // Nothing is cached: a revoked key is refused at once.
  const [apiKey] = await plainSql(prisma)<ApiKeyRow>`
    SELECT id, name, role::text AS role, "cityId", "countyId", "lastUsedAt", "revokedAt"
    FROM "ApiKey" WHERE "keyHash" = ${hashApiKey(key)}`;
  if (!apiKey || apiKey.revokedAt) return null;
  // Last-used time is for spotting dormant keys; a write per request would be waste.
  const now = new Date();
  if (!apiKey.lastUsedAt || now.getTime() - apiKey.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma.apiKey.update({ where: { id: apiKey.id }, data: { lastUsedAt: now } });
  }
  return {
    id: apiKey.id,
    kind: 'api-key',
    name: apiKey.name,
    role: apiKey.role,
    cityId: apiKey.cityId,
    countyId: apiKey.countyId,
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

/** The caller as the lifecycle and the audit trail record them. */
export function actorOf(principal: Principal): Actor {
  return {
    id: principal.id,
    role: principal.role,
    cityId: principal.cityId,
    countyId: principal.countyId,
  };
}
