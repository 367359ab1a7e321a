// `npm start` must stop in order when a supervisor (systemd, a container runtime, an IDE's stop
// button) signals only the process it started — npm — and leave no child process or port behind.
// This runs the real `npm start` (build, migrations, dev server, worker, API) on free ports.
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePorts } from '../../scripts/free-ports';
import { tools } from '../support/tools';

const ROOT = path.join(__dirname, '..', '..');

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every process descended from `pid`, found through ps (the dev server has its own group). */
function descendants(pid: number): number[] {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift() as number;
    for (const [child, ppid] of table) {
      if (ppid === parent) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

function waitForOutput(child: ChildProcess, text: string, output: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (output().includes(text)) {
        child.stdout?.off('data', check);
        child.off('exit', onExit);
        resolve();
      }
    };
    const onExit = (code: number | null) =>
      reject(new Error(`npm start exited (${String(code)}) before "${text}":\n${output()}`));
    child.stdout?.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

function exitWithin(child: ChildProcess, ms: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => reject(new Error(`still running ${ms} ms after SIGTERM`)), ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** This process's environment without what would point `npm start` away from its embedded defaults. */
function embeddedEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['NODE_OPTIONS', 'DATABASE_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL'])
    delete env[name];
  return env;
}

let dataDir: string;
let npm: ChildProcess | undefined;

beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'fq-start-'));
});

afterAll(() => {
  // Whatever happened above, leave nothing running.
  if (npm?.pid && alive(npm.pid)) {
    for (const pid of descendants(npm.pid)) process.kill(pid, 'SIGKILL');
    process.kill(npm.pid, 'SIGKILL');
  }
  rmSync(dataDir, { recursive: true, force: true });
});

// Nothing here depends on the database: the PGlite run of `npm test` covers it, and the
// PostgreSQL run (DATABASE_URL set) skips it to save a minute of CI.
const onEmbeddedRun = process.env.DATABASE_URL ? test.skip : test;

onEmbeddedRun(
  'SIGTERM to the npm process alone stops everything in order within 10 s',
  async () => {
    // Free ports are only free when picked: a server another test file starts meanwhile may
    // take one first. Start-up that fails on a taken port is tried again on new ports.
    let output = '';
    let ports: { api: number; temporal: number; ui: number } | undefined;
    for (let attempt = 1; !ports; attempt++) {
      const [api, temporal, ui] = (await freePorts(3)) as [number, number, number];
      const picked = { api, temporal, ui };
      output = '';
      const started = spawn('npm', ['start'], {
        cwd: ROOT,
        // Its own process group, as under a supervisor: only the signal we send reaches it.
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...embeddedEnv(),
          TEMPORAL_CLI: tools().temporalCli,
          DATA_DIR: dataDir,
          PORT: String(picked.api),
          TEMPORAL_PORT: String(picked.temporal),
          TEMPORAL_UI_PORT: String(picked.ui),
          LOG_LEVEL: 'warn',
        },
      });
      npm = started;
      started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      try {
        await waitForOutput(started, 'running; press Ctrl-C to stop', () => output);
        ports = picked;
      } catch (error) {
        if (attempt >= 3 || !/address already in use|EADDRINUSE|bind/i.test(output)) throw error;
      }
    }
    const { api: apiPort, temporal: temporalPort, ui: uiPort } = ports;
    if (!npm?.pid) throw new Error('npm start did not start');
    const children = descendants(npm.pid);
    expect(children.length).toBeGreaterThanOrEqual(2); // node, the Temporal dev server
    expect(await listening(apiPort)).toBe(true);
    expect(await listening(temporalPort)).toBe(true);
    // Start-up output stays quiet: the dev server's known harmless errors are filtered.
    expect(output).not.toMatch(/level=ERROR/);

    process.kill(npm.pid, 'SIGTERM');
    expect(await exitWithin(npm, 10_000)).toBe(0);

    expect(output).toContain('[start] stopped');
    expect(children.filter(alive)).toEqual([]);
    expect(await listening(apiPort)).toBe(false);
    expect(await listening(temporalPort)).toBe(false);
    expect(await listening(uiPort)).toBe(false);
  },
  // `npm start` compiles the project first; on a loaded two-core machine that alone can take
  // minutes. The stop itself is bounded by the 10 s above.
  300_000,
);
