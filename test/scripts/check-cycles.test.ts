// The cycle check of `npm run lint` (scripts/check-cycles.ts) must see what ESLint's
// import-x/no-cycle does not: a cycle closed by a type-only import.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findCycles } from '../../scripts/check-cycles';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'cycles-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

test('a cycle closed by a type-only import is reported with every file in it', () => {
  const root = project({
    'modules/a/index.ts': "export { b } from '../b';\n",
    'modules/b/index.ts': "import { c } from './c';\nexport const b = c;\n",
    'modules/b/c.ts': "import type { A } from '../a/types';\nexport const c: A | 1 = 1;\n",
    'modules/a/types.ts': "import type { b } from '.';\nexport type A = typeof b;\n",
    'modules/d.ts': "import { b } from './a';\nexport const d = b;\n",
  });
  try {
    expect(findCycles(root)).toEqual([
      ['modules/a/index.ts', 'modules/a/types.ts', 'modules/b/c.ts', 'modules/b/index.ts'],
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('re-exports, dynamic imports and a file importing itself count; tests and console do not', () => {
  const root = project({
    'a.ts': "export * from './b';\n",
    'b.ts': "export const load = () => import('./a');\n",
    'self.ts':
      "import type { X } from './self';\nexport type X = number;\nexport const x: X = 1;\n",
    'test/t.ts': "import './u';\n",
    'test/u.ts': "import './t';\n",
    'console/p.ts': "import './q';\n",
    'console/q.ts': "import './p';\n",
  });
  try {
    expect(findCycles(root)).toEqual([['a.ts', 'b.ts'], ['self.ts']]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('an acyclic project passes, and so does this repository', () => {
  const root = project({
    'a.ts': "import type { B } from './b';\nexport type A = B;\n",
    'b.ts': 'export type B = 1;\n',
  });
  try {
    expect(findCycles(root)).toEqual([]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  expect(findCycles(path.join(__dirname, '..', '..'))).toEqual([]);
});
