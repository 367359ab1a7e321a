// Paths of the Temporal CLI and the time-skipping test server, as scripts/ensure-tools.sh
// recorded them (npm test runs it first).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const TOOLS_FILE = path.join(ROOT, 'node_modules', '.cache', 'fengqiao-tools.json');

export interface Tools {
  temporalCli: string;
  testServerJars: string;
  testServerLauncher: string;
}

export function tools(): Tools {
  if (!existsSync(TOOLS_FILE)) {
    throw new Error(`${TOOLS_FILE} is missing: run "npm run tools" (npm test does) first`);
  }
  const recorded = JSON.parse(readFileSync(TOOLS_FILE, 'utf8')) as {
    temporalCli: string;
    testServerJars: string;
  };
  return {
    ...recorded,
    testServerLauncher: path.join(ROOT, 'scripts', 'temporal-test-server'),
  };
}
