// A private, throwaway PostgreSQL cluster from Debian's server binaries, in the run directory
// on a free port, which the chaos suite can stop and start (a real outage, not a simulated
// one). PostgreSQL refuses to run as root, so as root its commands run as the `postgres` user.
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const DEBIAN_ROOT = '/usr/lib/postgresql';

/** The newest Debian PostgreSQL server's bin directory, or undefined if none is installed. */
export function findPostgresBin(root = DEBIAN_ROOT): string | undefined {
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(root, versions[0], 'bin');
}

export const POSTGRES_MISSING =
  'no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb) and no DATABASE_URL: ' +
  'the chaos suite runs the API and the worker as separate processes, which needs a real ' +
  'PostgreSQL. Install it (apt-get install postgresql) or set DATABASE_URL.';

export interface PrivatePostgres {
  url: string;
  start(): Promise<void>;
  /** A fast shutdown: connections are cut, as in a database restart. */
  stop(): Promise<void>;
}

/** Numeric uid/gid of the `postgres` user, from /etc/passwd. */
async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const { stdout } = await run('id', ['-u', 'postgres']).catch(() => {
    throw new Error('running as root, but there is no `postgres` user to run PostgreSQL as');
  });
  const gid = (await run('id', ['-g', 'postgres'])).stdout;
  return { uid: Number(stdout.trim()), gid: Number(gid.trim()) };
}

export async function createPrivatePostgres(args: {
  bin: string;
  dir: string;
  port: number;
}): Promise<PrivatePostgres> {
  const asRoot = userInfo().uid === 0;
  const dataDir = path.join(args.dir, 'data');
  const logFile = path.join(args.dir, 'postgres.log');
  mkdirSync(args.dir, { recursive: true });
  if (asRoot) {
    const { uid, gid } = await postgresUser();
    // The run directory is made 0700 by mkdtemp; the postgres user must reach its own part.
    chmodSync(path.dirname(args.dir), 0o755);
    chownSync(args.dir, uid, gid);
  }
  const exec = (tool: string, toolArgs: string[]) => {
    const command = path.join(args.bin, tool);
    return asRoot
      ? run('runuser', ['-u', 'postgres', '--', command, ...toolArgs], { cwd: '/' })
      : run(command, toolArgs, { cwd: '/' });
  };
  await exec('initdb', [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth=trust',
    '--encoding=UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  // Throwaway data: durability settings off, as in .ci/run; a fast stop is a clean shutdown
  // either way, so the outage the suite injects is the same.
  const options = [
    `-p ${args.port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${args.dir}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  return {
    url: `postgresql://postgres@127.0.0.1:${args.port}/postgres`,
    async start() {
      await exec('pg_ctl', [
        '-D',
        dataDir,
        '-l',
        logFile,
        '-o',
        options,
        '-w',
        '-t',
        '60',
        'start',
      ]);
    },
    async stop() {
      await exec('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
    },
  };
}
