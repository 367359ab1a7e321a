// People and machine credentials: login, the caller's own account, users and API keys.
// Only a city's admins manage its users and keys; nothing here reaches another city.
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { hashApiKey } from './api-keys';
import {
  EmailAddress,
  Language,
  NotificationFunction,
  defaultFunctionsForRole,
  misplacedFunctions,
} from '../notification/workflow-api';
import { ALL_ROLES, Role } from '../shared';
import type { PrismaClient } from '../../generated/prisma/client';
import { recordAdminEvent } from '../audit';
import type { Principal as Caller } from './authenticate';
import { MIN_PASSWORD_LENGTH, decoyHash, hashPassword, verifyPassword } from './passwords';
import { Problem, conflict, notFound, unprocessable } from '../../platform/http/problems';
import type { PublicRouteSpec, RouteSpec } from '../../api/routes';
import { publicRoute, route } from '../../api/routes';
import { IdParams } from '../shared';
import { itemsOf } from '../../api/responses/common';
import { ApiKey, IssuedApiKey, LoginResult, Principal, User } from './responses';
import type { TokenSigner } from './tokens';

export interface SecurityRouteDeps {
  prisma: PrismaClient;
  tokens: TokenSigner;
}

const Username = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only');
const Password = z.string().min(MIN_PASSWORD_LENGTH).max(200);

const LoginInput = z.object({ username: z.string().min(1).max(64), password: z.string().max(200) });

/** A county operator belongs to one county; the city's roles to none. */
function withCountyRule<T extends z.ZodType<{ role: Role; countyId?: string | null | undefined }>>(
  schema: T,
) {
  return schema.superRefine((value, ctx) => {
    if (value.role === 'COUNTY_OPERATOR' && !value.countyId) {
      ctx.addIssue({
        code: 'custom',
        path: ['countyId'],
        message: 'a COUNTY_OPERATOR must be bound to a county',
      });
    }
    if (value.role !== 'COUNTY_OPERATOR' && value.countyId) {
      ctx.addIssue({
        code: 'custom',
        path: ['countyId'],
        message: `a ${value.role} belongs to the whole city, not a county`,
      });
    }
  });
}

/** The notices a user receives (deduplicated); see domain/recipients.ts. */
const NotificationFunctions = z
  .array(NotificationFunction)
  .max(NotificationFunction.options.length)
  .transform((functions) => [...new Set(functions)]);

const CreateUserInput = withCountyRule(
  z.object({
    username: Username,
    displayName: z.string().trim().min(1).max(100),
    email: EmailAddress.optional(),
    /** The language of the user's mail (default zh-CN). */
    language: Language.default('zh-CN'),
    /** Default: the role's own function (none for an inspector). */
    notificationFunctions: NotificationFunctions.optional(),
    role: Role,
    countyId: z.string().min(1).max(100).optional(),
    password: Password,
  }),
).superRefine((value, ctx) => {
  const problems = misplacedFunctions(
    value.notificationFunctions ?? [],
    value.role === 'COUNTY_OPERATOR',
  );
  for (const message of problems) {
    ctx.addIssue({ code: 'custom', path: ['notificationFunctions'], message });
  }
});

const UpdateUserInput = z
  .object({
    displayName: z.string().trim().min(1).max(100).optional(),
    /** null removes the address: the user then receives no mail. */
    email: EmailAddress.nullable().optional(),
    language: Language.optional(),
    notificationFunctions: NotificationFunctions.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'give at least one of displayName, email, language, notificationFunctions',
  });

const ResetPasswordInput = z.object({ password: Password });
const ChangeOwnPasswordInput = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: Password,
});

const CreateApiKeyInput = withCountyRule(
  z.object({
    name: z.string().trim().min(1).max(100),
    role: Role,
    countyId: z.string().min(1).max(100).optional(),
  }),
);

type UserRow = Awaited<ReturnType<PrismaClient['user']['findUniqueOrThrow']>>;
type ApiKeyRow = Awaited<ReturnType<PrismaClient['apiKey']['findUniqueOrThrow']>>;

function presentUser(user: UserRow) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    language: user.language,
    notificationFunctions: user.notificationFunctions,
    role: user.role,
    cityId: user.cityId,
    countyId: user.countyId,
    createdAt: user.createdAt.toISOString(),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    disabledAt: user.disabledAt?.toISOString() ?? null,
  };
}

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

async function requireCountyOfCity(
  prisma: PrismaClient,
  principal: Caller,
  countyId: string | undefined,
): Promise<void> {
  if (!countyId) return;
  const county = await prisma.county.findUnique({ where: { id: countyId } });
  if (!county || county.cityId !== principal.cityId) {
    throw unprocessable('the county does not exist', [
      { field: 'countyId', message: 'no such county in your city' },
    ]);
  }
}

export function loginRoutes(deps: SecurityRouteDeps): PublicRouteSpec[] {
  const { prisma, tokens } = deps;
  return [
    publicRoute({
      method: 'post',
      path: '/api/v1/auth/login',
      tag: 'Security',
      summary:
        'Log in with a username and password; returns a short-lived access token (rate-limited)',
      body: LoginInput,
      responses: {
        200: {
          description: 'An access token to send as `Authorization: Bearer <token>`',
          schema: LoginResult,
        },
      },
      problems: {
        // One answer for all three, so the login reveals no usernames.
        401: 'Unknown user, wrong password or disabled account',
        429: 'Too many failed logins from this address; try again later (see RateLimit headers)',
      },
      handler: async ({ body }) => {
        const user = await prisma.user.findUnique({ where: { username: body.username } });
        // Verify against a decoy for unknown users: the answer and its timing are the same.
        const valid = await verifyPassword(
          user?.passwordHash ?? (await decoyHash()),
          body.password,
        );
        if (!user || !valid || user.disabledAt) {
          throw new Problem(401, 'Unauthorized', 'invalid username or password');
        }
        const now = new Date();
        await prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
        const { token, expiresAt } = await tokens.issue(user.id, now);
        return {
          status: 200,
          body: {
            accessToken: token,
            tokenType: 'Bearer' as const,
            expiresAt: expiresAt.toISOString(),
            user: presentUser(user),
          },
          headers: { 'Cache-Control': 'no-store' },
        };
      },
    }),
  ];
}

export function securityRoutes(deps: { prisma: PrismaClient }): RouteSpec[] {
  const { prisma } = deps;
  const everyone = ALL_ROLES;

  const me = route({
    method: 'get',
    path: '/api/v1/me',
    tag: 'Security',
    summary: 'Who the caller is: user or API key, role, city and county',
    roles: everyone,
    responses: { 200: { description: 'The caller', schema: Principal } },
    handler: ({ principal }) => Promise.resolve({ status: 200, body: principal }),
  });

  const changeOwnPassword = route({
    method: 'post',
    path: '/api/v1/me/password',
    tag: 'Security',
    summary: 'Change the caller’s own password (people only)',
    roles: everyone,
    body: ChangeOwnPasswordInput,
    responses: { 204: { description: 'Changed', empty: true } },
    problems: {
      409: 'The caller is an API key, which has no password',
      422: 'The current password is wrong (`errors` names `currentPassword`)',
    },
    handler: async ({ principal, body, requestId }) => {
      if (principal.kind !== 'user') throw conflict('an API key has no password');
      const user = await prisma.user.findUniqueOrThrow({ where: { id: principal.id } });
      if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
        throw unprocessable('the current password is wrong', [
          { field: 'currentPassword', message: 'does not match' },
        ]);
      }
      const passwordHash = await hashPassword(body.newPassword);
      await prisma.$transaction([
        prisma.user.update({ where: { id: user.id }, data: { passwordHash } }),
        recordAdminEvent(prisma, {
          principal,
          action: 'PASSWORD_CHANGED',
          requestId,
          details: { userId: user.id },
        }),
      ]);
      return { status: 204, body: null };
    },
  });

  const listUsers = route({
    method: 'get',
    path: '/api/v1/users',
    tag: 'Security',
    summary: 'The city’s users',
    roles: ['CITY_ADMIN'],
    responses: { 200: { description: 'Users, by username', schema: itemsOf(User) } },
    handler: async ({ principal }) => {
      const users = await prisma.user.findMany({
        where: { cityId: principal.cityId },
        orderBy: { username: 'asc' },
      });
      return { status: 200, body: { items: users.map(presentUser) } };
    },
  });

  const createUser = route({
    method: 'post',
    path: '/api/v1/users',
    tag: 'Security',
    summary: 'Create a user of the admin’s city with a role (county operators: and a county)',
    roles: ['CITY_ADMIN'],
    body: CreateUserInput,
    responses: { 201: { description: 'The user (never the password)', schema: User } },
    problems: {
      409: 'The username is taken',
      422: 'The county is not one of the city’s',
    },
    handler: async ({ principal, body, requestId }) => {
      await requireCountyOfCity(prisma, principal, body.countyId);
      if (await prisma.user.findUnique({ where: { username: body.username } })) {
        throw new Problem(409, 'Conflict', 'the username is taken', [
          { field: 'username', message: 'already in use' },
        ]);
      }
      const id = randomUUID();
      const passwordHash = await hashPassword(body.password);
      const [user] = await prisma.$transaction([
        prisma.user.create({
          data: {
            id,
            username: body.username,
            displayName: body.displayName,
            email: body.email ?? null,
            language: body.language,
            notificationFunctions: body.notificationFunctions ?? defaultFunctionsForRole(body.role),
            role: body.role,
            cityId: principal.cityId,
            countyId: body.countyId ?? null,
            passwordHash,
            createdBy: principal.id,
          },
        }),
        recordAdminEvent(prisma, {
          principal,
          action: 'USER_CREATED',
          requestId,
          details: {
            userId: id,
            username: body.username,
            role: body.role,
            countyId: body.countyId,
            email: body.email ?? null,
            language: body.language,
            notificationFunctions: body.notificationFunctions ?? defaultFunctionsForRole(body.role),
          },
        }),
      ]);
      return {
        status: 201,
        body: presentUser(user),
        headers: { Location: `/api/v1/users/${id}` },
      };
    },
  });

  async function userOfCity(principal: Caller, id: string) {
    const user = await prisma.user.findUnique({ where: { id } });
    if (!user || user.cityId !== principal.cityId) throw notFound(`user ${id}`);
    return user;
  }

  const updateUser = route({
    method: 'patch',
    path: '/api/v1/users/:id',
    tag: 'Security',
    summary:
      'Change a user’s display name, email, mail language or notification functions (who hears what)',
    roles: ['CITY_ADMIN'],
    params: IdParams,
    body: UpdateUserInput,
    responses: { 200: { description: 'The user', schema: User } },
    handler: async ({ principal, params, body, requestId }) => {
      const user = await userOfCity(principal, params.id);
      if (body.notificationFunctions) {
        const problems = misplacedFunctions(body.notificationFunctions, user.countyId !== null);
        if (problems.length > 0) {
          throw unprocessable(
            'the functions do not fit where the user works',
            problems.map((message) => ({ field: 'notificationFunctions', message })),
          );
        }
      }
      const next = {
        ...(body.displayName !== undefined ? { displayName: body.displayName } : {}),
        ...(body.email !== undefined ? { email: body.email } : {}),
        ...(body.language !== undefined ? { language: body.language } : {}),
        ...(body.notificationFunctions !== undefined
          ? { notificationFunctions: body.notificationFunctions }
          : {}),
      };
      const changes = Object.fromEntries(
        Object.entries(next)
          .map(([field, to]) => [field, { from: user[field as keyof typeof next], to }] as const)
          .filter(([, change]) => JSON.stringify(change.from) !== JSON.stringify(change.to)),
      );
      // Asking for what is already there changes nothing and records nothing.
      if (Object.keys(changes).length === 0) return { status: 200, body: presentUser(user) };
      const [updated] = await prisma.$transaction([
        prisma.user.update({ where: { id: user.id }, data: next }),
        recordAdminEvent(prisma, {
          principal,
          action: 'USER_UPDATED',
          requestId,
          details: { userId: user.id, username: user.username, changes },
        }),
      ]);
      return { status: 200, body: presentUser(updated) };
    },
  });

  const disableUser = route({
    method: 'post',
    path: '/api/v1/users/:id/deactivation',
    tag: 'Security',
    summary: 'Disable a user: their tokens stop working at once',
    roles: ['CITY_ADMIN'],
    params: IdParams,
    responses: { 200: { description: 'The disabled user', schema: User } },
    problems: { 409: 'An admin may not disable their own account' },
    handler: async ({ principal, params, requestId }) => {
      const user = await userOfCity(principal, params.id);
      if (user.id === principal.id) throw conflict('an admin may not disable their own account');
      if (user.disabledAt) return { status: 200, body: presentUser(user) };
      const [updated] = await prisma.$transaction([
        prisma.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } }),
        recordAdminEvent(prisma, {
          principal,
          action: 'USER_DISABLED',
          requestId,
          details: { userId: user.id, username: user.username },
        }),
      ]);
      return { status: 200, body: presentUser(updated) };
    },
  });

  const resetPassword = route({
    method: 'post',
    path: '/api/v1/users/:id/password',
    tag: 'Security',
    summary: 'Set a new password for a user of the city',
    roles: ['CITY_ADMIN'],
    params: IdParams,
    body: ResetPasswordInput,
    responses: { 204: { description: 'Set', empty: true } },
    handler: async ({ principal, params, body, requestId }) => {
      const user = await userOfCity(principal, params.id);
      const passwordHash = await hashPassword(body.password);
      await prisma.$transaction([
        prisma.user.update({ where: { id: user.id }, data: { passwordHash } }),
        recordAdminEvent(prisma, {
          principal,
          action: 'USER_PASSWORD_RESET',
          requestId,
          details: { userId: user.id, username: user.username },
        }),
      ]);
      return { status: 204, body: null };
    },
  });

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
      const key = await prisma.apiKey.findUnique({ where: { id: params.id } });
      if (!key || key.cityId !== principal.cityId) throw notFound(`API key ${params.id}`);
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

  return [
    me,
    changeOwnPassword,
    listUsers,
    createUser,
    updateUser,
    disableUser,
    resetPassword,
    listKeys,
    createKey,
    revokeKey,
  ];
}
