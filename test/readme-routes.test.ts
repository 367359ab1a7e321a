// The README is the first thing a newcomer reads: its route tables must name every route the
// router serves, with its method, and no route that does not exist.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useApiHarness } from './support/api-harness';
import { servedRoutes } from './support/served-routes';

const h = useApiHarness({ demoData: false });

/** Served only while `npm start` runs its local mail capture, so absent from the test app. */
const ONLY_UNDER_NPM_START = ['GET /api/v1/dev/mail'];

/**
 * The routes named in the README's route tables: every table whose first column is headed
 * `route`, each backticked `METHOD /path` of its first cell (a query string is not part of the
 * route).
 */
function readmeRoutes(markdown: string): string[] {
  const routes: string[] = [];
  let inRouteTable = false;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      inRouteTable = false;
      continue;
    }
    const firstCell = line.split('|')[1]?.trim() ?? '';
    if (firstCell === 'route') {
      inRouteTable = true;
      continue;
    }
    if (!inRouteTable) continue;
    for (const match of firstCell.matchAll(/`([A-Z]+) (\/[^`?\s]*)(?:\?[^`]*)?`/g)) {
      routes.push(`${match[1]} ${match[2]}`);
    }
  }
  return routes;
}

test('the README route tables name exactly the routes the router serves', () => {
  const readme = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  const documented = readmeRoutes(readme);
  expect(new Set(documented).size).toBe(documented.length);
  expect(documented.sort()).toEqual([...servedRoutes(h.app), ...ONLY_UNDER_NPM_START].sort());
});

test('the README parser reads methods and paths and ignores other tables', () => {
  const sample = [
    '| route | roles | |',
    '| --- | --- | --- |',
    '| `GET /api/v1/a?x=` | all | one |',
    '| `POST /api/v1/b`, `GET /api/v1/b` | admin | two |',
    '',
    '| variable | default |',
    '| `GET /not/a/route` | x |',
  ].join('\n');
  expect(readmeRoutes(sample)).toEqual(['GET /api/v1/a', 'POST /api/v1/b', 'GET /api/v1/b']);
});
