// `npm start`: the whole system in one process on embedded defaults. Applies migrations,
// starts the Temporal dev server (unless TEMPORAL_ADDRESS names a running one), seeds the
// demo data when configured, runs the worker and the API, and stops it all on Ctrl-C.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { connectApiClient } from '../platform/temporal/connection';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  makeTelemetryFilterString,
} from '@temporalio/worker';
import { builtConsoleDir } from '../platform/http/console-serving';
import { listen } from '../api/server';
import { loadConfig } from '../platform/config/env';
import { openDatabase } from '../platform/db/client';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoUsers } from '../modules/access/demo-users';
import { DEMO_API_KEYS, seedDemoData, seedDemoRecipients } from '../modules/demo/seed';
import type { MailCapture } from '../platform/mail/mail-capture';
import { startMailCapture } from '../platform/mail/mail-capture';
import { createSmtpMailer } from '../platform/mail/mailer';
import { ensureDigestSchedule, ensureSpotCheckSchedule } from '../ops/schedules';
import { createWorker } from '../worker/create-worker';
import { migrateDatabase } from './db-migrate';
import type { DevServer } from './temporal-dev-server';
import { findTemporalCli, startDevServer } from './temporal-dev-server';

const say = (message: string) => console.log(`[start] ${message}`);

/** Ordered stop must finish within this, or the process is forced down (the issue asks ≤ 10 s). */
const STOP_DEADLINE_MS = 8_000;
/**
 * `npm start` forwards the signals it gets to us, so a Ctrl-C in a terminal (sent to the whole
 * process group) arrives twice in quick succession. Repeats this close together are one request;
 * a later one means "stop now".
 */
const SAME_REQUEST_MS = 1_000;

/** What has been started, stopped in reverse order; signals may come at any point of start-up. */
class Shutdown {
  private readonly steps: { name: string; stop: () => Promise<void> | void }[] = [];
  private firstSignalAt: number | undefined;
  stopping = false;

  add(name: string, stop: () => Promise<void> | void): void {
    this.steps.push({ name, stop });
  }

  /** Stops everything started so far, newest first; one failing step does not keep the others up. */
  async run(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step.stop();
      } catch (error) {
        console.error(
          `[start] stopping ${step.name}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }

  onSignal(signal: NodeJS.Signals, force: () => void): void {
    const now = Date.now();
    if (this.firstSignalAt === undefined) {
      this.firstSignalAt = now;
      this.stopping = true;
      say(`${signal}: stopping… (send it again to force)`);
      setTimeout(() => {
        console.error(`[start] not stopped within ${STOP_DEADLINE_MS / 1000} s; forcing`);
        force();
      }, STOP_DEADLINE_MS).unref();
      this.run().then(
        () => {
          say('stopped');
          process.exit(0);
        },
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    } else if (now - this.firstSignalAt > SAME_REQUEST_MS) {
      say(`${signal} again: forcing`);
      force();
    }
  }
}

const shutdown = new Shutdown();
/** Exits at once; the dev server is killed by its own exit hook (scripts/temporal-dev-server.ts). */
const force = () => process.exit(130);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => shutdown.onSignal(signal, force));
}

/** Thrown between start-up steps once a stop was requested, so that start-up goes no further. */
class StopRequested extends Error {}
const checkpoint = () => {
  if (shutdown.stopping) throw new StopRequested();
};

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
  checkpoint();

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
    const started = devServer;
    shutdown.add('the Temporal dev server', () => started.stop());
    address = devServer.address;
    uiUrl = devServer.uiUrl;
    checkpoint();
  }

  const database = openDatabase(config.database);
  shutdown.add('the database', () => database.close());
  if (config.seedDemoData) {
    await seedDemoData(database.prisma);
    await seedDemoRecipients(database.prisma);
    await seedDemoUsers(database.prisma);
    say('demo data seeded (SEED_DEMO_DATA)');
  }
  checkpoint();

  let mailCapture: MailCapture | undefined;
  let smtpUrl = config.mail.smtpUrl;
  if (!smtpUrl) {
    mailCapture = await startMailCapture({
      dir: path.join(config.dataDir, 'mail'),
      port: config.mail.capturePort,
    });
    const capture = mailCapture;
    shutdown.add('the mail capture', () => capture.stop());
    smtpUrl = mailCapture.url;
  }
  const mailer = createSmtpMailer(smtpUrl, config.mail.from);
  shutdown.add('the mailer', () => mailer.close());

  const { connection, client } = connectApiClient(address, config.temporal.namespace);
  shutdown.add('the Temporal client', () => connection.close());
  const nativeConnection = await NativeConnection.connect({ address });
  shutdown.add("the worker's connection", () => nativeConnection.close());
  checkpoint();
  const worker = await createWorker({
    connection: nativeConnection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    prisma: database.prisma,
    mailer,
    maxCachedWorkflows: config.worker.maxCachedWorkflows,
  });
  await ensureDigestSchedule(client, { taskQueue: config.temporal.taskQueue, ...config.digest });
  await ensureSpotCheckSchedule(client, {
    taskQueue: config.temporal.taskQueue,
    ...config.spotChecks,
  });
  const workerDone = worker.run();
  shutdown.add('the worker', async () => {
    worker.shutdown();
    await workerDone;
  });
  checkpoint();
  const api = await listen({ config, prisma: database.prisma, client, devMailbox: mailCapture });
  shutdown.add('the API', () => api.close());
  checkpoint();

  console.log('');
  console.log(
    builtConsoleDir()
      ? `  Console        ${api.url}/`
      : '  Console        (not built: run npm run build:console)',
  );
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
}

main().catch((error: unknown) => {
  // A stop requested during start-up is carried out by the signal handler, which exits.
  if (error instanceof StopRequested) return;
  console.error(error instanceof Error ? error.message : error);
  // Stop what did start (the dev server above all), then fail.
  void shutdown.run().finally(() => process.exit(1));
});
