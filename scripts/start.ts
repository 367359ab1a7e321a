// `npm start`: the whole system in one process on embedded defaults. Applies migrations,
// starts the Temporal dev server (unless TEMPORAL_ADDRESS names a running one), seeds the
// demo data when configured, runs the worker and the API, and stops it all on Ctrl-C.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { connectApiClient } from '../api/temporal-connection';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  makeTelemetryFilterString,
} from '@temporalio/worker';
import { listen } from '../api/server';
import { loadConfig } from '../config/env';
import { openDatabase } from '../db/client';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoUsers } from '../db/demo-users';
import { DEMO_API_KEYS, seedDemoData, seedDemoRecipients } from '../db/seed';
import type { MailCapture } from '../notifications/mail-capture';
import { startMailCapture } from '../notifications/mail-capture';
import { createSmtpMailer } from '../notifications/mailer';
import { ensureDigestSchedule, ensureSpotCheckSchedule } from '../ops/schedules';
import { createWorker } from '../worker/create-worker';
import { migrateDatabase } from './db-migrate';
import type { DevServer } from './temporal-dev-server';
import { findTemporalCli, startDevServer } from './temporal-dev-server';

const say = (message: string) => console.log(`[start] ${message}`);

async function main(): Promise<void> {
  const config = loadConfig();
  mkdirSync(config.dataDir, { recursive: true });
  Runtime.install({
    logger: new DefaultLogger(config.logLevel === 'debug' ? 'DEBUG' : 'WARN'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }) } },
    // We stop the worker ourselves, in order with everything else.
    shutdownSignals: [],
  });

  say(
    `applying migrations to ${config.database.kind === 'pglite' ? config.database.dataDir : 'PostgreSQL'}`,
  );
  await migrateDatabase(config.database, 'pipe');

  let devServer: DevServer | undefined;
  let address = config.temporal.address;
  let uiUrl = config.temporal.uiUrl;
  if (!address) {
    const cli = findTemporalCli(config.temporal.cliPath);
    say(`starting the Temporal dev server (${cli}), state in ${config.dataDir}/temporal.db`);
    devServer = await startDevServer({
      cli,
      dataDir: config.dataDir,
      port: config.temporal.devServerPort,
      uiPort: config.temporal.devServerUiPort,
      namespace: config.temporal.namespace,
    });
    address = devServer.address;
    uiUrl = devServer.uiUrl;
  }

  const database = openDatabase(config.database);
  if (config.seedDemoData) {
    await seedDemoData(database.prisma);
    await seedDemoRecipients(database.prisma);
    await seedDemoUsers(database.prisma);
    say('demo data seeded (SEED_DEMO_DATA)');
  }

  let mailCapture: MailCapture | undefined;
  let smtpUrl = config.mail.smtpUrl;
  if (!smtpUrl) {
    mailCapture = await startMailCapture({
      dir: path.join(config.dataDir, 'mail'),
      port: config.mail.capturePort,
    });
    smtpUrl = mailCapture.url;
  }
  const mailer = createSmtpMailer(smtpUrl, config.mail.from);

  const { connection, client } = await connectApiClient(address, config.temporal.namespace);
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await createWorker({
    connection: nativeConnection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    prisma: database.prisma,
    mailer,
  });
  await ensureDigestSchedule(client, { taskQueue: config.temporal.taskQueue, ...config.digest });
  await ensureSpotCheckSchedule(client, {
    taskQueue: config.temporal.taskQueue,
    ...config.spotChecks,
  });
  const workerDone = worker.run();
  const api = await listen({ config, prisma: database.prisma, client, devMailbox: mailCapture });

  console.log('');
  console.log(`  API            ${api.url}/api/v1`);
  console.log(`  Health         ${api.url}/healthz`);
  console.log(`  OpenAPI        ${api.url}/openapi.json`);
  console.log(`  API docs       ${api.url}/docs`);
  console.log(`  Temporal UI    ${uiUrl ?? '(set TEMPORAL_UI_URL to show it here)'}`);
  console.log(`  Temporal       ${address} (namespace ${config.temporal.namespace})`);
  console.log(
    mailCapture
      ? `  Mail           captured by ${mailCapture.url} into ${path.join(config.dataDir, 'mail')}; GET ${api.url}/api/v1/dev/mail (admin key)`
      : `  Mail           ${smtpUrl}`,
  );
  if (config.seedDemoData) {
    console.log('  Demo API keys  (local use only)');
    for (const key of DEMO_API_KEYS) console.log(`    ${key.key.padEnd(24)} ${key.role}`);
    console.log(`  Demo users     (password ${DEMO_PASSWORD}; POST /api/v1/auth/login)`);
    for (const user of DEMO_USERS) console.log(`    ${user.username.padEnd(24)} ${user.role}`);
  }
  console.log('');
  say('running; press Ctrl-C to stop');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await api.close();
    worker.shutdown();
    await workerDone;
    await connection.close();
    await nativeConnection.close();
    mailer.close();
    await mailCapture?.stop();
    await database.close();
    await devServer?.stop();
    say('stopped');
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
