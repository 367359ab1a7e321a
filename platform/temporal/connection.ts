// The API's connection to Temporal. The SDK's default retries a call on an unreachable
// frontend ten times over about 20 s, so a caller waited 20 s for a 500. The API retries a
// few times over about a second instead (enough for a blip) and then answers 503 with
// Retry-After: the client retries with the same Idempotency-Key, which is safe (decision 0013).
// The connection is lazy: an API started while Temporal is down serves what needs only the
// database, answers 503 for the rest, and /healthz names Temporal until it is back.
import type { ConnectionOptions } from '@temporalio/client';
import {
  Client,
  Connection,
  defaultGrpcRetryOptions,
  makeGrpcRetryInterceptor,
} from '@temporalio/client';

/** Attempts per gRPC call: delays of about 0.17, 0.29 and 0.49 s between them. */
export const API_GRPC_ATTEMPTS = 4;

export function apiConnectionOptions(address: string): ConnectionOptions {
  return {
    address,
    interceptors: [
      makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: API_GRPC_ATTEMPTS })),
    ],
  };
}

export function connectApiClient(
  address: string,
  namespace: string,
): { connection: Connection; client: Client } {
  const connection = Connection.lazy(apiConnectionOptions(address));
  return { connection, client: new Client({ connection, namespace }) };
}

/**
 * Calls `connect` until it succeeds, waiting longer between attempts (up to 10 s) and saying
 * each time what could not be reached: a process that needs a live connection to start (the
 * worker) waits for Temporal instead of exiting and counting as a crash under its supervisor.
 */
export async function untilConnected<T>(
  what: string,
  connect: () => Promise<T>,
  options: { log?: (line: string) => void; delaysMs?: readonly number[] } = {},
): Promise<T> {
  const delays = options.delaysMs ?? [500, 1000, 2000, 5000, 10_000];
  const log = options.log ?? ((line: string) => console.error(line));
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await connect();
    } catch (error) {
      const delay = delays[Math.min(attempt, delays.length) - 1] ?? 10_000;
      const reason = error instanceof Error ? error.message : String(error);
      log(`${what} is not reachable (${reason}); trying again in ${delay / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
