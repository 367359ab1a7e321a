// The API's connection to Temporal. The SDK's default retries a call on an unreachable
// frontend ten times over about 20 s, so a caller waited 20 s for a 500. The API retries a
// few times over about a second instead (enough for a blip) and then answers 503 with
// Retry-After: the client retries with the same Idempotency-Key, which is safe (decision 0013).
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

export async function connectApiClient(
  address: string,
  namespace: string,
): Promise<{ connection: Connection; client: Client }> {
  const connection = await Connection.connect(apiConnectionOptions(address));
  return { connection, client: new Client({ connection, namespace }) };
}
