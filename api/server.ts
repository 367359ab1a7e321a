// The API process of the production topology (docker-compose `api` service).
import type { Server } from 'node:http';
import type { Client } from '@temporalio/client';
import type { AppConfig } from '../platform/config/env';
import { loadConfig, requireTokenSecret } from '../platform/config/env';
import { openDatabase } from '../platform/db/client';
import type { PrismaClient } from '../generated/prisma/client';
import type { MailCapture } from '../platform/mail/mail-capture';
import { pino } from 'pino';
import { createApp } from './app';
import { answerClientErrors } from '../platform/http/client-errors';
import { builtConsoleDir } from '../platform/http/console-serving';

/** How long in-flight requests may take to finish once the server is closing. */
const CLOSE_GRACE_MS = 3_000;
import { connectApiClient } from '../platform/temporal/connection';

export async function listen(args: {
  config: AppConfig;
  prisma: PrismaClient;
  client: Client;
  devMailbox?: MailCapture;
}): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const app = createApp({
    prisma: args.prisma,
    temporal: { client: args.client, taskQueue: args.config.temporal.taskQueue },
    devMailbox: args.devMailbox,
    logger: pino({ level: args.config.logLevel, base: { service: 'api' } }),
    security: args.config.security,
    idempotencyLeaseMs: args.config.idempotency.leaseMs,
    consoleDir: builtConsoleDir(),
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(args.config.http.port, args.config.http.host, () => resolve(s));
    s.on('error', reject);
  });
  // Node's own refusals (431, malformed requests) answer problem+json like the app's.
  answerClientErrors(server);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : args.config.http.port;
  return {
    server,
    url: `http://${args.config.http.host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Stop accepting connections and let in-flight requests finish, but not for ever: a
        // request stuck on an unanswered workflow update must not hold the process up.
        const drained = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        server.close((error) => {
          clearTimeout(drained);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  requireTokenSecret(config);
  if (!config.temporal.address) throw new Error('TEMPORAL_ADDRESS is required for the API');
  const database = openDatabase(config.database);
  const { connection, client } = connectApiClient(
    config.temporal.address,
    config.temporal.namespace,
  );
  const api = await listen({ config, prisma: database.prisma, client });
  console.log(`API listening on ${api.url}`);
  const shutdown = () => {
    api
      .close()
      .then(() => connection.close())
      .then(() => database.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
