// Logging in: a username and password for a short-lived access token. The only public route
// of the access module; the login rate limit is applied by the composition root.
import { z } from 'zod';
import type { PrismaClient } from '../../../generated/prisma/client';
import { decoyHash, verifyPassword } from '../passwords';
import { Problem } from '../../../platform/http/problems';
import type { PublicRouteSpec } from '../../../platform/http/routes';
import { publicRoute } from '../../../platform/http/routes';
import { LoginResult } from '../responses';
import type { TokenSigner } from '../tokens';
import { presentUser } from './common';

export interface LoginRouteDeps {
  prisma: PrismaClient;
  tokens: TokenSigner;
}

const LoginInput = z.object({ username: z.string().min(1).max(64), password: z.string().max(200) });

export function loginRoutes(deps: LoginRouteDeps): PublicRouteSpec[] {
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
