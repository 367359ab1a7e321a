// API keys are stored as their SHA-256 only: they are long random strings, so a slow
// password hash would add latency on every request without adding safety.
import { createHash } from 'node:crypto';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
