// People: the caller's own account (who am I, change my password) and, for a city's admins,
// its users. Only a city's admins manage its users; nothing here reaches another city.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  EmailAddress,
  Language,
  NotificationFunction,
  defaultFunctionsForRole,
  misplacedFunctions,
} from '../../notification/workflow-api';
import { ALL_ROLES, IdParams, Role } from '../../shared';
import type { PrismaClient } from '../../../generated/prisma/client';
import { recordAdminEvent } from '../../audit';
import { MIN_PASSWORD_LENGTH, hashPassword, verifyPassword } from '../passwords';
import { Problem, conflict, notFound, unprocessable } from '../../../platform/http/problems';
import type { RouteSpec } from '../route';
import { route } from '../route';
import { itemsOf } from '../../../platform/http/response-schemas';
import { Principal, User } from '../responses';
import type { Principal as Caller } from '../authenticate';
import { presentUser, requireCountyOfCity, withCountyRule } from './common';

const Username = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only');
const Password = z.string().min(MIN_PASSWORD_LENGTH).max(200);

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

export function userRoutes(deps: { prisma: PrismaClient }): RouteSpec[] {
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

  const getUser = route({
    method: 'get',
    path: '/api/v1/users/:id',
    tag: 'Security',
    summary: 'One of the city’s users',
    roles: ['CITY_ADMIN'],
    params: IdParams,
    responses: { 200: { description: 'The user', schema: User } },
    handler: async ({ principal, params }) => ({
      status: 200,
      body: presentUser(await userOfCity(principal, params.id)),
    }),
  });

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

  return [
    me,
    changeOwnPassword,
    listUsers,
    getUser,
    createUser,
    updateUser,
    disableUser,
    resetPassword,
  ];
}
