// Real Chromium for the console's browser tests and benchmark, and a fresh build of the console
// for them to load. Playwright's own browser download cannot work on this network, so they
// drive Debian's `chromium` (installed by .ci/run) through playwright-core.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

/** The project root: the nearest folder with a package.json (this file runs from dist/ too). */
function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

const ROOT = projectRoot(__dirname);

/** The Chromium binary: CHROMIUM_PATH, else the one on PATH. */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not this name
    }
  }
  throw new Error('Chromium not found: apt-get install -y chromium fonts-noto-cjk (see .ci/run)');
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      // As root (CI), Chromium refuses to start with its sandbox.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      // This machine's network is closed: Chromium's own background connections are refused
      // and, left on, disturb its start. None of them is needed to render a local page.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
      '--disable-quic',
    ],
  });
}

/** Builds the console into a new temporary folder (as `npm run build:console` does into dist/). */
export function buildConsole(): string {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'fq-console-build-'));
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      path.join(ROOT, 'console', 'vite.config.mts'),
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      // Jest sets NODE_ENV=test, which Vite would pass on to the bundle: React and antd then
      // build in development mode (antd even gives every element the same `test-id` id, which
      // breaks aria-labelledby). Test the build users get.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  if (!existsSync(path.join(outDir, 'index.html'))) throw new Error('the console build failed');
  return outDir;
}
