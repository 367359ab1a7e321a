// Password hashing for people's logins: argon2id with the library's defaults (OWASP's
// minimum: 19 MiB, 2 iterations). Machine API keys are long random strings and use SHA-256
// instead (db/api-keys.ts).
import { hash, verify } from '@node-rs/argon2';

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash must not become a 500 or a way in.
    return false;
  }
}

/**
 * A hash to verify against when the username does not exist, so an unknown user costs the
 * same time as a wrong password and usernames cannot be probed by timing.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hash('decoy password that matches nothing');
  return decoy;
}
