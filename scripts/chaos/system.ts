// The system under test as separate processes, as in production: PostgreSQL, the Temporal dev
// server, an SMTP sink, the worker (dist/worker/main.js) and the API (dist/api/server.js).
// It also holds the faults the suite injects, each of which ends with the dependency back up.
import { freePorts } from '../free-ports';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { openDatabase } from '../../platform/db/client';
import { seedDemoData, seedDemoRecipients } from '../../modules/demo/seed';
import { SEARCH_ATTRIBUTE_DEFINITIONS } from '../../modules/certification/workflow-api';
import { migrateDatabase } from '../db-migrate';
import type { PrivatePostgres } from './postgres';
import { POSTGRES_MISSING, createPrivatePostgres, findPostgresBin } from './postgres';
import { say } from './log';
import { ManagedProcess, waitFor } from './processes';

const DIST = path.join(__dirname, '..', '..');
const NAMESPACE = 'default';

export class MissingPostgresError extends Error {
  constructor() {
    super(POSTGRES_MISSING);
  }
}

/** Where the database comes from: our own cluster (stoppable) or a server we were given. */
type Database =
  | { kind: 'private'; url: string; server: PrivatePostgres }
  | { kind: 'external'; url: string; adminUrl: string; name: string };

export interface System {
  apiUrl: string;
  mailDir: string;
  /** Whether PostgreSQL can be stopped and started (only our own cluster). */
  canRestartPostgres: boolean;
  killWorker(): Promise<void>;
  restartTemporal(hard: boolean, downMs: number): Promise<void>;
  restartPostgres(downMs: number): Promise<void>;
  restartSmtp(downMs: number): Promise<void>;
  /** Every process running again (after the last fault), before the final checks. */
  ensureAllUp(): Promise<void>;
  crashes(): Record<string, number>;
  shutdown(): Promise<void>;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withPg<T>(url: string, fn: (pg: PgClient) => Promise<T>): Promise<T> {
  const pg = new PgClient({ connectionString: url });
  await pg.connect();
  try {
    return await fn(pg);
  } finally {
    await pg.end();
  }
}

async function openDatabaseFor(
  runDir: string,
  externalUrl: string | undefined,
  port: number,
): Promise<Database> {
  if (externalUrl) {
    // A throwaway database on the given server, so the run sees nothing else and leaves nothing.
    const name = `fq_chaos_${randomBytes(6).toString('hex')}`;
    await withPg(externalUrl, (pg) => pg.query(`CREATE DATABASE "${name}"`));
    const url = new URL(externalUrl);
    url.pathname = `/${name}`;
    say(`database ${name} on the server at DATABASE_URL (PostgreSQL faults off: not ours to stop)`);
    return { kind: 'external', url: url.toString(), adminUrl: externalUrl, name };
  }
  const bin = findPostgresBin();
  if (!bin) throw new MissingPostgresError();
  const server = await createPrivatePostgres({ bin, dir: path.join(runDir, 'postgres'), port });
  await server.start();
  say(`private PostgreSQL (${bin}) on port ${port}`);
  return { kind: 'private', url: server.url, server };
}

export async function startSystem(args: {
  runDir: string;
  temporalCli: string;
  externalDatabaseUrl: string | undefined;
}): Promise<System> {
  const [pgPort, temporalPort, apiPort, smtpPort] = (await freePorts(4)) as [
    number,
    number,
    number,
    number,
  ];
  const logs = path.join(args.runDir, 'logs');
  const mailDir = path.join(args.runDir, 'mail');
  mkdirSync(logs, { recursive: true });
  mkdirSync(mailDir, { recursive: true });

  const stack: { what: string; run: () => Promise<void> }[] = [];
  const cleanUp = async () => {
    for (let next = stack.pop(); next; next = stack.pop()) {
      try {
        await next.run();
      } catch (error) {
        say(`could not ${next.what}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };

  try {
    const database = await openDatabaseFor(args.runDir, args.externalDatabaseUrl, pgPort);
    stack.push(
      database.kind === 'private'
        ? { what: 'stop PostgreSQL', run: () => database.server.stop() }
        : {
            what: `drop database ${database.name}`,
            run: () =>
              withPg(database.adminUrl, (pg) =>
                pg.query(`DROP DATABASE IF EXISTS "${database.name}" WITH (FORCE)`),
              ).then(() => undefined),
          },
    );
    await migrateDatabase({ kind: 'postgres', url: database.url }, 'pipe');
    const seeding = openDatabase({ kind: 'postgres', url: database.url });
    try {
      await seedDemoData(seeding.prisma);
      await seedDemoRecipients(seeding.prisma);
    } finally {
      await seeding.close();
    }
    say('migrations applied, demo city, keys and recipients seeded');

    const temporalAddress = `127.0.0.1:${temporalPort}`;
    const baseEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: NAMESPACE,
      SEED_DEMO_DATA: 'false',
    };
    const temporal = new ManagedProcess({
      name: 'temporal',
      command: args.temporalCli,
      args: [
        'server',
        'start-dev',
        '--db-filename',
        path.join(args.runDir, 'temporal.db'),
        '--ip',
        '127.0.0.1',
        '--port',
        String(temporalPort),
        '--headless',
        '--namespace',
        NAMESPACE,
        '--log-level',
        'error',
        ...Object.entries(SEARCH_ATTRIBUTE_DEFINITIONS).flatMap(([name, type]) => [
          '--search-attribute',
          `${name}=${type}`,
        ]),
      ],
      env: process.env,
      logFile: path.join(logs, 'temporal.log'),
    });
    const temporalReady = () =>
      waitFor('the Temporal dev server', async () => {
        const connection = await Connection.connect({
          address: temporalAddress,
          connectTimeout: 1000,
        });
        try {
          await connection.workflowService.describeNamespace({ namespace: NAMESPACE });
          return true;
        } finally {
          await connection.close();
        }
      });
    temporal.start();
    stack.push({ what: 'stop Temporal', run: () => temporal.shutdown() });
    await temporalReady();
    say(`Temporal dev server on ${temporalAddress}`);

    const smtp = new ManagedProcess({
      name: 'smtp',
      command: process.execPath,
      args: [path.join(DIST, 'scripts', 'chaos', 'smtp-sink.js'), String(smtpPort), mailDir],
      env: process.env,
      logFile: path.join(logs, 'smtp.log'),
    });
    const smtpReady = () =>
      waitFor('the SMTP sink', async () => {
        const socket = net.connect(smtpPort, '127.0.0.1');
        return new Promise<boolean>((resolve) => {
          socket.once('connect', () => {
            socket.destroy();
            resolve(true);
          });
          socket.once('error', () => resolve(false));
        });
      });
    smtp.start();
    stack.push({ what: 'stop the SMTP sink', run: () => smtp.shutdown() });
    await smtpReady();

    const worker = new ManagedProcess({
      name: 'worker',
      command: process.execPath,
      args: [path.join(DIST, 'worker', 'main.js')],
      env: { ...baseEnv, SMTP_URL: `smtp://127.0.0.1:${smtpPort}` },
      logFile: path.join(logs, 'worker.log'),
    });
    worker.start();
    stack.push({ what: 'stop the worker', run: () => worker.shutdown() });

    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const api = new ManagedProcess({
      name: 'api',
      command: process.execPath,
      args: [path.join(DIST, 'api', 'server.js')],
      env: { ...baseEnv, HOST: '127.0.0.1', PORT: String(apiPort) },
      logFile: path.join(logs, 'api.log'),
    });
    api.start();
    stack.push({ what: 'stop the API', run: () => api.shutdown() });
    await waitFor(
      'the API',
      async () =>
        (await fetch(`${apiUrl}/healthz`, { signal: AbortSignal.timeout(5000) })).status === 200,
    );
    say(`API on ${apiUrl}, worker and SMTP sink (port ${smtpPort}) running; logs in ${logs}`);

    return {
      apiUrl,
      mailDir,
      canRestartPostgres: database.kind === 'private',
      async killWorker() {
        await worker.stop('SIGKILL');
        worker.start();
      },
      async restartTemporal(hard, downMs) {
        await temporal.stop(hard ? 'SIGKILL' : 'SIGTERM');
        await pause(downMs);
        temporal.start();
        await temporalReady();
      },
      async restartPostgres(downMs) {
        if (database.kind !== 'private') throw new Error('PostgreSQL is not ours to restart');
        await database.server.stop();
        await pause(downMs);
        await database.server.start();
      },
      async restartSmtp(downMs) {
        await smtp.stop('SIGTERM');
        await pause(downMs);
        smtp.start();
        await smtpReady();
      },
      async ensureAllUp() {
        for (const process of [temporal, smtp, worker, api]) {
          if (!process.running) process.start();
        }
        await temporalReady();
        await smtpReady();
        await waitFor(
          'the API',
          async () =>
            (await fetch(`${apiUrl}/healthz`, { signal: AbortSignal.timeout(5000) })).status ===
            200,
        );
      },
      crashes: () => ({
        temporal: temporal.crashes,
        smtp: smtp.crashes,
        worker: worker.crashes,
        api: api.crashes,
      }),
      shutdown: cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
