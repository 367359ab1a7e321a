// Finds import cycles in the server source, type imports included. ESLint's import-x/no-cycle
// skips `import type`, yet a type-only cycle still ties two modules together (issue 12): this
// check reads every import with the TypeScript compiler's own pre-processor and resolver, so
// it sees exactly what tsc sees, and reports each strongly connected component of the graph.
//
//   node scripts/run-ts.cjs scripts/check-cycles.ts [root]   (part of `npm run lint`)
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Folders that are not server source: the browser console, tests, generated and built code. */
const SKIPPED = new Set(['node_modules', 'dist', 'generated', 'console', 'test', 'coverage']);

function sourceFiles(root: string, dir = root, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIPPED.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(root, full, out);
    else if (/\.(ts|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** Every file → the source files it imports (values and types, re-exports, import()). */
export function importGraph(root: string): Map<string, string[]> {
  const files = sourceFiles(root);
  const known = new Set(files);
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowJs: false,
  };
  const host = ts.createCompilerHost(options);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = new Set<string>();
    for (const imported of info.importedFiles) {
      const resolved = ts.resolveModuleName(
        imported.fileName,
        file,
        options,
        host,
        undefined,
        undefined,
        ts.ModuleKind.CommonJS,
      ).resolvedModule?.resolvedFileName;
      if (resolved && known.has(path.resolve(resolved))) targets.add(path.resolve(resolved));
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** Strongly connected components with more than one file, or a file importing itself. */
export function findCycles(root: string): string[][] {
  const base = path.resolve(root);
  const graph = importGraph(base);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let next = 0;

  // Tarjan's algorithm, iterative so that a deep import chain cannot overflow the stack.
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; edge: number }> = [{ node: start, edge: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = graph.get(frame.node) ?? [];
      if (frame.edge < edges.length) {
        const target = edges[frame.edge++]!;
        if (!index.has(target)) {
          index.set(target, next);
          low.set(target, next++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, edge: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = (graph.get(frame.node) ?? []).includes(frame.node);
        if (component.length > 1 || selfLoop) {
          cycles.push(component.map((f) => path.relative(base, f)).sort());
        }
      }
    }
  }
  return cycles;
}

if (require.main === module || process.argv[1] === __filename) {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..'));
  const cycles = findCycles(root);
  for (const cycle of cycles) {
    console.error(`import cycle (type imports included) among ${cycle.length} file(s):`);
    for (const file of cycle) console.error(`  ${file}`);
  }
  if (cycles.length > 0) process.exit(1);
  console.log('no import cycles (type imports included)');
}
