// The edge's first look at every request, before any route's own schema: text the database
// cannot store (NUL, lone surrogates; see domain/text.ts) and JSON nested deeper than any
// request of ours needs are refused here, once for every route, so a route added tomorrow
// cannot forget it and nothing of the kind reaches a workflow, the database or the
// idempotency fingerprint (which serialises the body recursively).
import type { NextFunction, Request, Response } from 'express';
import { firstUnstorableIndex, unstorableReason } from '../db/storable-text';
import type { FieldProblem } from './problems';
import { Problem } from './problems';

/**
 * The deepest nesting a JSON body may have. Our deepest legitimate body (a criteria set:
 * dimensions → items → bands → …) is under ten levels; 32 leaves room and keeps every
 * recursive walk over a body (zod, JSON.stringify, Prisma) far from the stack's limit.
 */
export const MAX_JSON_DEPTH = 32;

/** At most this many problems are reported, so a hostile body cannot make a huge answer. */
const MAX_PROBLEMS = 20;

/**
 * Every string (and object key) in `value` the database could not store, and the first place
 * nested deeper than MAX_JSON_DEPTH, as field problems named like the schemas name them
 * (`plan.summary`, `offices.0.name`); the top level itself is named by `root`. Iterative, so
 * any depth is safe to inspect.
 */
export function inputProblems(value: unknown, root: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const stack: { value: unknown; path: string[]; depth: number }[] = [
    { value, path: [], depth: 0 },
  ];
  const name = (path: string[]) => (path.length > 0 ? path.join('.') : root);
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const item = stack.pop();
    if (!item) break;
    if (typeof item.value === 'string') {
      const reason = unstorableReason(item.value);
      if (reason !== null) problems.push({ field: name(item.path), message: reason });
      continue;
    }
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= MAX_JSON_DEPTH) {
      problems.push({
        field: name(item.path),
        message: `nested deeper than ${MAX_JSON_DEPTH} levels`,
      });
      // One report for a deep body is enough: the rest is as deep.
      break;
    }
    const entries = Array.isArray(item.value)
      ? item.value.map((child, index) => [String(index), child] as const)
      : Object.entries(item.value);
    // Pushed in reverse so problems come out in document order.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as readonly [string, unknown];
      const path = [...item.path, key];
      const keyReason = unstorableReason(key);
      if (keyReason !== null) {
        problems.push({ field: name(path), message: `its name ${keyReason}` });
        continue;
      }
      stack.push({ value: child, path, depth: item.depth + 1 });
    }
  }
  return problems;
}

/** A text body (a CSV file): the problem names the body and says where, by line and character. */
export function textBodyProblems(body: string): FieldProblem[] {
  const at = firstUnstorableIndex(body);
  if (at < 0) return [];
  const before = body.slice(0, at);
  const line = before.split('\n').length;
  const character = at - before.lastIndexOf('\n');
  const reason = unstorableReason(body.slice(at, at + 1)) ?? '';
  return [{ field: 'body', message: `line ${line}, character ${character}: ${reason}` }];
}

function refuse(where: string, problems: FieldProblem[]): never {
  throw new Problem(400, 'Bad Request', `the request ${where} is invalid`, problems);
}

/**
 * Middleware after the body parsers: refuses a body or query string that carries text the
 * database cannot store or JSON nested too deep.
 */
export function guardBodyAndQuery(req: Request, _res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  const bodyProblems =
    typeof body === 'string' ? textBodyProblems(body) : inputProblems(body, 'body');
  if (bodyProblems.length > 0) refuse('body', bodyProblems);
  const queryProblems = inputProblems(req.query, 'query');
  if (queryProblems.length > 0) refuse('query', queryProblems);
  next();
}

/** Path parameters are only known once a route matched: each route's wrapper calls this. */
export function guardPathParams(params: Record<string, unknown>): void {
  const problems = inputProblems(params, 'path');
  if (problems.length > 0) refuse('path', problems);
}
