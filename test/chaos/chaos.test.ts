// The short run of the standing chaos suite (what `npm run chaos` runs), part of `npm test`: 20
// lifecycles over HTTP against the system as separate processes, with one fault of each kind
// (worker SIGKILL, Temporal restart, PostgreSQL stop/start, SMTP stop/start). It needs a real
// PostgreSQL: Debian's server binaries (its own throwaway cluster, so stopping it is a real
// fault) or, failing those, DATABASE_URL (then without the PostgreSQL fault).
import { execFileSync, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { parseSummary } from '../../scripts/chaos/plan';
import { findPostgresBin } from '../../scripts/chaos/postgres';

const ROOT = path.join(__dirname, '..', '..');
/**
 * Its own build output, not dist/: another test file (npm start's) builds into dist/ at the same
 * time, and a process must never load a file that the other build is rewriting. Inside the
 * project (under the ignored .data/) so that the compiled code still finds the project root.
 */
const OUT_DIR = path.join(ROOT, '.data', 'chaos-test-dist');
const bin = findPostgresBin();
const databaseUrl = process.env.DATABASE_URL;
const runnable = bin !== undefined || databaseUrl !== undefined;

if (!runnable) {
  console.warn(
    'SKIPPED test/chaos/chaos.test.ts: no PostgreSQL server binaries (apt-get install postgresql) ' +
      'and no DATABASE_URL; the chaos suite needs a real PostgreSQL shared by the API and worker processes.',
  );
}

interface Run {
  code: number | null;
  lines: string[];
}

function runChaos(args: string[]): Promise<Run> {
  const env = { ...process.env };
  // With our own cluster, stopping PostgreSQL is a real fault; a shared server is not ours to stop.
  if (bin !== undefined) delete env.DATABASE_URL;
  delete env.NODE_OPTIONS;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(OUT_DIR, 'scripts', 'chaos', 'main.js'), ...args],
      {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, lines: out.trimEnd().split('\n') }));
  });
}

(runnable ? test : test.skip)(
  'a short chaos run loses nothing, applies nothing twice, mails nothing twice and reconciles clean',
  async () => {
    rmSync(OUT_DIR, { recursive: true, force: true });
    execFileSync(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', OUT_DIR],
      { cwd: ROOT, stdio: 'inherit' },
    );
    const run = await runChaos([
      '--n',
      '20',
      '--faults',
      bin !== undefined ? '4' : '3',
      '--seed',
      '20261201',
      '--concurrency',
      '5',
      '--max-down-ms',
      '3000',
      // A client keeps retrying for longer than the Idempotency-Key lease (IDEMPOTENCY_LEASE,
      // 2 minutes): when PostgreSQL is down as a request fails, the API cannot record the
      // failure, and a retry with the same key is answered 409 "still running" until the lease
      // runs out. A client that gave up before that would count a healthy lifecycle as lost.
      '--request-deadline-ms',
      '150000',
    ]);
    const last = run.lines.at(-1) ?? '';
    const summary = parseSummary(last);
    // The whole output on failure: fault timings, lost lifecycles, reconcile mismatches.
    console.log(run.code !== 0 || !summary ? run.lines.join('\n') : last);
    expect(summary).toMatchObject({
      lifecycles: '20',
      faults: bin !== undefined ? '4' : '3',
      lost: '0',
      applied_twice: '0',
      duplicate_emails: '0',
      reconcile: 'clean',
    });
    expect(Number(summary?.p99_ms)).toBeGreaterThan(0);
    expect(run.code).toBe(0);
  },
  // About 3–5 minutes on two shared cores: a build, start-up, and recovery from a worker kill
  // (activity timeouts of one and two minutes) dominate.
  10 * 60_000,
);
