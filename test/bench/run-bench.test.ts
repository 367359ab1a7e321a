// A bench stopped by a signal releases what it started (servers, worker processes, its
// throwaway database) before it exits: Ctrl-C, `kill` and a closed terminal alike.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { PROJECT_ROOT } from '../../platform/config/paths';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'run-bench-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.each([
  ['SIGTERM', 143],
  ['SIGHUP', 129],
  ['SIGINT', 130],
] as const)('%s: the bench cleans up, then exits with %i', async (signal, expectedCode) => {
  const marker = path.join(dir, `${signal}.txt`);
  const child = spawn(
    process.execPath,
    [
      path.join(PROJECT_ROOT, 'scripts', 'run-ts.cjs'),
      path.join(PROJECT_ROOT, 'test', 'fixtures', 'bench-until-stopped.ts'),
      marker,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  // Signalled only once its main runs, so the handlers are in place.
  for await (const line of createInterface({ input: child.stdout })) {
    if (line === 'running') break;
  }
  expect(existsSync(marker)).toBe(false);
  child.kill(signal);
  expect(await exited).toBe(expectedCode);
  expect(readFileSync(marker, 'utf8')).toBe('cleaned up');
});
