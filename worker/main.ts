// The worker process of the production topology (docker-compose `worker` service).
// With the embedded PGlite database, use `npm start` instead: PGlite is in-process, so
// the API and the worker must share one process.
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../platform/config/env';
import { openDatabase } from '../platform/db/client';
import { Client, Connection } from '@temporalio/client';
import { createSmtpMailer } from '../platform/mail/mailer';
import { ensureDigestSchedule, ensureSpotCheckSchedule } from '../ops/schedules';
import { untilConnected } from '../platform/temporal/connection';
import { createWorker } from './create-worker';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.temporal.address) throw new Error('TEMPORAL_ADDRESS is required for the worker');
  if (!config.mail.smtpUrl) throw new Error('SMTP_URL is required for the worker');
  const database = openDatabase(config.database);
  const mailer = createSmtpMailer(config.mail.smtpUrl, config.mail.from);
  const address = config.temporal.address;
  // Started before Temporal (a host's boot, a restart of both), it waits for it.
  const connection = await untilConnected(`Temporal at ${address}`, () =>
    NativeConnection.connect({ address }),
  );
  const client = new Client({
    connection: await untilConnected(`Temporal at ${address}`, () =>
      Connection.connect({ address }),
    ),
    namespace: config.temporal.namespace,
  });
  await ensureDigestSchedule(client, { taskQueue: config.temporal.taskQueue, ...config.digest });
  await ensureSpotCheckSchedule(client, {
    taskQueue: config.temporal.taskQueue,
    ...config.spotChecks,
  });
  const worker = await createWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    prisma: database.prisma,
    mailer,
    maxCachedWorkflows: config.worker.maxCachedWorkflows,
  });
  // Worker.run() installs SIGINT/SIGTERM handlers that drain in-flight tasks before exiting.
  await worker.run();
  mailer.close();
  await client.connection.close();
  await connection.close();
  await database.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
