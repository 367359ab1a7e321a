// What the benchmarks share: a throwaway database and Temporal dev server, resources released
// in reverse order on success, failure or Ctrl-C, and the run's exit. Speed is measured in the
// bench scripts only, never in tests.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { parseArgs } from 'node:util';
import { Client as PgClient } from 'pg';
import type { AppConfig, DatabaseConfig } from '../platform/config/env';
import { PROJECT_ROOT } from '../platform/config/paths';
import { WORKER_HEAP_MB } from '../worker/cache-size';
import type { DatabaseHandle } from '../platform/db/client';
import { openDatabase } from '../platform/db/client';
import { migrateDatabase } from '../scripts/db-migrate';
import { freePorts } from '../scripts/free-ports';
import { findTemporalCli, startDevServer } from '../scripts/temporal-dev-server';

export const say = (message: string) => console.log(`[bench] ${message}`);

/** A mistake on the command line: its message is all the user needs. */
export class UsageError extends Error {}

// Resources, released in reverse order on success, failure or Ctrl-C.

const cleanups: { what: string; run: () => Promise<void> }[] = [];

export function onCleanup(what: string, run: () => Promise<void>): void {
  cleanups.push({ what, run });
}

export async function cleanUp(): Promise<boolean> {
  let clean = true;
  for (let next = cleanups.pop(); next; next = cleanups.pop()) {
    try {
      await next.run();
    } catch (error) {
      clean = false;
      console.error(`[bench] could not ${next.what}: ${describe(error)}`);
    }
  }
  return clean;
}

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/**
 * The bench's `--name value` options, strictly: an unknown or malformed option is a
 * UsageError that ends with the usage line.
 */
export function parseBenchOptions<O extends OptionSpecs>(
  argv: string[],
  options: O,
  usage: string,
): ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true }>>['values'] {
  try {
    return parseArgs({ args: argv, options, strict: true }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${message}\nusage: ${usage}`);
  }
}

/** An option's value as a positive integer, or a UsageError naming the option. */
export function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new UsageError(`--${name} must be a positive integer, got ${JSON.stringify(text)}`);
  }
  return value;
}

export function describe(error: unknown): string {
  if (error instanceof UsageError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/**
 * A fresh, migrated database: PGlite files in the run's temp dir, or a throwaway database on
 * the PostgreSQL server at DATABASE_URL (dropped at the end), so runs never see each other.
 */
export async function createDatabase(
  configured: DatabaseConfig,
  tmp: string,
): Promise<{ config: DatabaseConfig; handle: DatabaseHandle }> {
  let config: DatabaseConfig;
  if (configured.kind === 'pglite') {
    config = { kind: 'pglite', dataDir: path.join(tmp, 'pglite') };
  } else {
    const name = `fq_bench_${randomBytes(6).toString('hex')}`;
    await withPg(configured.url, (pg) => pg.query(`CREATE DATABASE "${name}"`));
    onCleanup(`drop database ${name}`, () =>
      withPg(configured.url, (pg) => pg.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
    );
    const url = new URL(configured.url);
    url.pathname = `/${name}`;
    config = { kind: 'postgres', url: url.toString() };
  }
  await migrateDatabase(config, 'pipe');
  const handle = openDatabase(config);
  onCleanup('close the database', () => handle.close());
  return { config, handle };
}

export async function withPg(url: string, fn: (pg: PgClient) => Promise<unknown>): Promise<void> {
  const pg = new PgClient({ connectionString: url });
  await pg.connect();
  try {
    await fn(pg);
  } finally {
    await pg.end();
  }
}

/**
 * TEMPORAL_ADDRESS, or a dev server of the run's own that keeps its data in memory: a bench
 * comparing two kinds of workflow on it must not see one of them stalled by the disk (on a
 * shared VM the SQLite file's syncs have stalled a round for seconds at a time).
 */
export async function temporalAddress(config: AppConfig): Promise<string> {
  if (config.temporal.address) return config.temporal.address;
  return startOwnDevServer(config, null);
}

/**
 * A Temporal dev server of the run's own, whatever TEMPORAL_ADDRESS says: for a bench whose
 * processes create the system's Schedules, which must never land on a shared server. Its
 * SQLite file goes in `dataDir` (null: in memory).
 */
export async function startOwnDevServer(
  config: AppConfig,
  dataDir: string | null,
): Promise<string> {
  const [port, uiPort] = (await freePorts(2)) as [number, number];
  const server = await startDevServer({
    cli: findTemporalCli(config.temporal.cliPath),
    dataDir,
    port,
    uiPort,
    namespace: config.temporal.namespace,
  });
  onCleanup('stop the Temporal dev server', () => server.stop());
  return server.address;
}

// Ctrl-C and a failing main may both ask to exit: clean-up runs once and both wait for it.
let cleaning: Promise<boolean> | undefined;
let interrupted = false;
async function exit(code: number): Promise<never> {
  cleaning ??= cleanUp();
  const clean = await cleaning;
  process.exit(code || (clean ? 0 : 1));
}

// Exit codes a shell gives a process ended by the signal: 128 + its number.
const STOP_SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/**
 * Runs a bench's main, then cleans up and exits (1 if it failed or could not clean up). Ctrl-C,
 * `kill` and a closed terminal all clean up first: the bench's Temporal server, worker
 * processes and throwaway database would otherwise outlive it.
 */
export function runBench(main: () => Promise<void>): void {
  for (const [signal, code] of Object.entries(STOP_SIGNALS)) {
    process.once(signal, () => {
      console.error(`[bench] ${signal}; cleaning up`);
      interrupted = true;
      void exit(code);
    });
  }
  main().then(
    () => exit(0),
    (error: unknown) => {
      // After a stop signal, the clean-up itself makes the run fail: that is no news.
      if (!interrupted) console.error(`[bench] failed: ${describe(error)}`);
      return exit(1);
    },
  );
}

/** A project process (an entry point under dist/) that the bench started and will stop. */
export interface Started {
  name: string;
  child: ChildProcess;
  log: string;
  exited: Promise<number | null>;
}

/** Starts dist/<script> with `env`, its output in <tmp>/<name>.log; stopped at clean-up. */
export function startNode(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  tmp: string,
): Started {
  const log = path.join(tmp, `${name}.log`);
  const out = createWriteStream(log);
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist', script)], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  onCleanup(`stop ${name}`, async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  });
  return { name, child, log, exited };
}

/** The last lines of a started process's log, for an error message. */
export function tail(started: Started, lines = 20): string {
  try {
    return readFileSync(started.log, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** A process's resident set in MB, from /proc (Linux, as on the machines this runs on). */
export function rssMbOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) / 1024;
}

/**
 * The environment a bench gives the system's own processes (API and worker entry points) on
 * its database, Temporal and SMTP server, as compose gives them theirs.
 */
export function systemProcessEnv(args: {
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  smtpUrl: string;
}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    DATABASE_URL: args.databaseUrl,
    TEMPORAL_ADDRESS: args.temporalAddress,
    TEMPORAL_NAMESPACE: args.namespace,
    TEMPORAL_TASK_QUEUE: args.taskQueue,
    SMTP_URL: args.smtpUrl,
    LOG_LEVEL: 'warn',
    SEED_DEMO_DATA: 'false',
    AUTH_TOKEN_SECRET: randomBytes(32).toString('base64'),
  };
}

/** What a worker process adds: the heap limit compose gives it (worker/cache-size.ts). */
export const WORKER_PROCESS_ENV: NodeJS.ProcessEnv = {
  NODE_OPTIONS: `--max-old-space-size=${WORKER_HEAP_MB}`,
};
