// Finds the Temporal CLI and runs its dev server, persisted in a data directory or kept in
// memory, registering the certification workflow's search attributes.
import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { PROJECT_ROOT } from '../platform/config/paths';
import { SEARCH_ATTRIBUTE_DEFINITIONS } from '../modules/certification/workflow-api';

const TOOLS_FILE = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'fengqiao-tools.json');

function recordedCli(): string | undefined {
  if (!existsSync(TOOLS_FILE)) return undefined;
  const recorded = JSON.parse(readFileSync(TOOLS_FILE, 'utf8')) as { temporalCli?: string };
  return recorded.temporalCli && existsSync(recorded.temporalCli)
    ? recorded.temporalCli
    : undefined;
}

/** TEMPORAL_CLI, then what scripts/ensure-tools.sh recorded, then it runs (and builds) it. */
export function findTemporalCli(configured: string | undefined): string {
  if (configured) return configured;
  const known = recordedCli();
  if (known) return known;
  // ensure-tools.sh says what it does: finding a cached CLI is instant and says so; only a
  // missing one is built, and only then does it announce a build of a few minutes.
  const result = spawnSync('bash', [path.join(PROJECT_ROOT, 'scripts', 'ensure-tools.sh')], {
    stdio: 'inherit',
    cwd: PROJECT_ROOT,
  });
  const built = recordedCli();
  if (result.status !== 0 || !built) throw new Error('could not find or build the Temporal CLI');
  return built;
}

export interface DevServer {
  address: string;
  uiUrl: string;
  /** Asks the server to stop and waits for it to exit. */
  stop(): Promise<void>;
  /** Kills it at once (for a forced exit); safe to call when it has already exited. */
  kill(): void;
}

/**
 * Lines the dev server logs at ERROR level although nothing is wrong. On a restart over an
 * existing database its task-queue manager cancels the first user-data update it starts while
 * loading, and says so twice; the server then runs normally.
 */
const HARMLESS_STDERR = [/UpdateTaskQueue failed.*context canceled/];

/** Passes the dev server's error output through, without the known harmless lines. */
function relayStderr(child: ChildProcess): void {
  if (!child.stderr) return;
  createInterface({ input: child.stderr }).on('line', (line) => {
    if (!HARMLESS_STDERR.some((pattern) => pattern.test(line))) process.stderr.write(`${line}\n`);
  });
}

export async function startDevServer(args: {
  cli: string;
  /** Where its SQLite file goes; null keeps the server's data in memory (gone when it stops). */
  dataDir: string | null;
  port: number;
  uiPort: number;
  namespace: string;
}): Promise<DevServer> {
  const persistence =
    args.dataDir === null ? [] : ['--db-filename', path.join(args.dataDir, 'temporal.db')];
  const searchAttributes = Object.entries(SEARCH_ATTRIBUTE_DEFINITIONS).flatMap(([name, type]) => [
    '--search-attribute',
    `${name}=${type}`,
  ]);
  const child: ChildProcess = spawn(
    args.cli,
    [
      'server',
      'start-dev',
      ...persistence,
      '--ip',
      '127.0.0.1',
      '--port',
      String(args.port),
      '--ui-port',
      String(args.uiPort),
      '--namespace',
      args.namespace,
      '--log-level',
      'error',
      ...searchAttributes,
    ],
    // Its own process group: a Ctrl-C or a signal to our process group must not stop Temporal
    // before the worker and the API that use it have stopped; we stop it last, ourselves.
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  relayStderr(child);
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  // Whatever way this process ends (a forced stop, an error during start-up), the server goes too.
  process.on('exit', kill);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const address = `127.0.0.1:${args.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const early = await Promise.race([exited, new Promise((r) => setTimeout(r, 250, 'waiting'))]);
    if (early !== 'waiting')
      throw new Error(`the Temporal dev server exited with code ${String(early)}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.describeNamespace({ namespace: args.namespace });
      await connection.close();
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        kill();
        throw new Error(`the Temporal dev server did not become ready: ${String(error)}`);
      }
    }
  }
  return {
    address,
    uiUrl: `http://127.0.0.1:${args.uiPort}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      process.off('exit', kill);
    },
    kill,
  };
}
