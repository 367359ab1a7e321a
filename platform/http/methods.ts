// 405 Method Not Allowed for a known path called with a method it does not declare (TRACE,
// PATCH, DELETE where there is none…), with the `Allow` header RFC 9110 §15.5.6 requires. An
// unknown path stays 404. Built from the same route table as the router, so the two agree.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import express from 'express';
import { Problem } from './problems';

export interface DeclaredRoute {
  method: string;
  path: string;
}

/** The header value for a set of declared methods: HEAD comes with GET, as Express serves it. */
export function allowHeader(methods: Iterable<string>): string {
  const allowed = new Set<string>();
  for (const method of methods) {
    allowed.add(method.toUpperCase());
    if (method.toUpperCase() === 'GET') allowed.add('HEAD');
  }
  return [...allowed].sort().join(', ');
}

/**
 * A router that lets through any request whose method some matching path declares, and
 * answers 405 otherwise. Several specs may match one URL (`/certifications/export` and
 * `/certifications/:id`): the methods of all of them are allowed. OPTIONS always passes (CORS
 * preflight and Express's own answer handle it).
 */
export function methodGuard(routes: readonly DeclaredRoute[]): RequestHandler {
  const byPath = new Map<string, Set<string>>();
  for (const spec of routes) {
    const methods = byPath.get(spec.path) ?? new Set<string>();
    methods.add(spec.method.toUpperCase());
    byPath.set(spec.path, methods);
  }
  const guard = express.Router();
  for (const [path, methods] of byPath) {
    guard.all(path, (_req: Request, res: Response, next: NextFunction) => {
      const seen = (res.locals.allowedMethods as Set<string> | undefined) ?? new Set<string>();
      for (const method of methods) seen.add(method);
      res.locals.allowedMethods = seen;
      next();
    });
  }
  guard.use((req: Request, res: Response, next: NextFunction) => {
    const declared = res.locals.allowedMethods as Set<string> | undefined;
    delete res.locals.allowedMethods;
    if (!declared || req.method === 'OPTIONS') return next();
    const allow = allowHeader(declared);
    if (allow.split(', ').includes(req.method)) return next();
    res.setHeader('Allow', allow);
    next(
      new Problem(405, 'Method Not Allowed', `${req.method} is not allowed on ${req.path}`, [
        { field: 'method', message: `allowed: ${allow}` },
      ]),
    );
  });
  // A plain middleware, not the router itself: it serves nothing, and whatever lists the
  // app's routes (the README and OpenAPI checks) must not take its match-all layers for routes.
  return (req, res, next) => guard(req, res, next);
}
