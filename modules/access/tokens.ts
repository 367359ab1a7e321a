// Short-lived access tokens for people: a signed JWT (HS256) naming the user. The token says
// who; what they may do is re-read from the database on every request, so disabling a user
// or changing a role takes effect before the token expires.
import { randomBytes } from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';

const ISSUER = 'fengqiao-certification';
const AUDIENCE = 'fengqiao-api';

export interface TokenSigner {
  issue(userId: string, now?: Date): Promise<{ token: string; expiresAt: Date }>;
  /** The user id, or null when the token is invalid or expired. */
  verify(token: string): Promise<string | null>;
}

export function createTokenSigner(options: {
  secret: string | undefined;
  ttlSeconds: number;
}): TokenSigner {
  const key = options.secret
    ? new TextEncoder().encode(options.secret)
    : new Uint8Array(randomBytes(32));
  return {
    async issue(userId, now = new Date()) {
      const issuedAt = Math.floor(now.getTime() / 1000);
      const expiresAt = new Date((issuedAt + options.ttlSeconds) * 1000);
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(key);
      return { token, expiresAt };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ['HS256'],
        });
        return typeof payload.sub === 'string' ? payload.sub : null;
      } catch (error) {
        if (error instanceof errors.JOSEError) return null;
        throw error;
      }
    },
  };
}

/** JWTs have three base64url parts; API keys are one opaque string. */
export function looksLikeToken(credential: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(credential);
}
