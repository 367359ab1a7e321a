// The Express application, built from its dependencies so tests can drive it without a port.
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import swaggerUiDist from 'swagger-ui-dist';
import type { z } from 'zod';
import type { PrismaClient } from '../generated/prisma/client';
import { adminRoutes } from './admin';
import { authenticate, principalOf, requireRole } from './auth';
import type { TemporalDeps } from './certification-service';
import { certificationRoutes } from './certifications';
import { criteriaRoutes } from './criteria';
import { officeProfileRoutes } from './office-profiles';
import type { MailCapture } from '../notifications/mail-capture';
import { notificationRoutes } from './notifications';
import { registryRoutes } from './registry';
import { buildOpenApiDocument } from './openapi';
import { Problem } from './problems';
import type { HandlerResult, RouteSpec } from './routes';
import { RawBody } from './routes';

export interface AppDeps {
  prisma: PrismaClient;
  temporal: TemporalDeps;
  log?: (entry: Record<string, unknown>) => void;
  /** The local mail capture of `npm start`, exposed read-only to admins. */
  devMailbox?: MailCapture;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

function requestIdOf(res: Response): string {
  return String(res.locals.requestId);
}

export function allRoutes(deps: AppDeps): RouteSpec[] {
  return [
    ...certificationRoutes(deps),
    ...criteriaRoutes(deps),
    ...officeProfileRoutes(deps),
    ...adminRoutes({ prisma: deps.prisma, client: deps.temporal.client }),
    ...notificationRoutes({ prisma: deps.prisma, devMailbox: deps.devMailbox }),
  ];
}

export function createApp(deps: AppDeps): express.Express {
  const log = deps.log ?? ((entry) => console.error(JSON.stringify(entry)));
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  app.use((req, res, next) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    next();
  });
  app.use(express.json({ limit: '1mb' }));
  // Bulk imports arrive as CSV files: larger than any JSON action, still bounded.
  app.use(express.text({ type: 'text/csv', limit: '10mb' }));

  const routes = allRoutes(deps);
  const publicRoutes = registryRoutes({ prisma: deps.prisma });
  const openApi = buildOpenApiDocument(routes, publicRoutes);

  app.get('/healthz', async (_req, res) => {
    const [database, temporal] = await Promise.all([
      deps.prisma.$queryRaw`SELECT 1`.then(
        () => 'ok',
        () => 'unreachable',
      ),
      deps.temporal.client.connection.workflowService.getSystemInfo({}).then(
        () => 'ok',
        () => 'unreachable',
      ),
    ]);
    const healthy = database === 'ok' && temporal === 'ok';
    res
      .status(healthy ? 200 : 503)
      .json({ status: healthy ? 'ok' : 'degraded', database, temporal });
  });

  app.get('/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  app.get(['/docs', '/docs/index.html'], (_req, res) => {
    res.type('html').send(DOCS_PAGE);
  });
  app.use('/docs', express.static(swaggerUiDist.getAbsoluteFSPath(), { index: false }));

  // The public registry is the one read that needs no key; it is mounted before the
  // authenticated router so nothing else can be reached without one.
  for (const spec of publicRoutes) {
    app.get(spec.path, async (req: Request, res: Response) => {
      const query = parseOr400(spec.query, req.query, 'query');
      const result = await spec.handler({ query, requestId: requestIdOf(res) });
      res.status(result.status).json(result.body);
    });
  }

  const api = express.Router();
  api.use(authenticate(deps.prisma));
  for (const spec of routes) {
    const relative = spec.path.replace(/^\/api\/v1/, '') || '/';
    api[spec.method](relative, async (req: Request, res: Response) => {
      const principal = principalOf(res);
      requireRole(principal, spec.roles);
      const params = parseOr400(spec.params, req.params, 'path');
      const query = parseOr400(spec.query, req.query, 'query');
      const body = parseOr400(spec.body, req.body ?? {}, 'body');
      const result = await spec.handler({
        req,
        res,
        principal,
        body,
        params,
        query,
        requestId: requestIdOf(res),
      });
      for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
      send(res, result);
    });
  }
  app.use('/api/v1', api);

  app.use((req, _res, next) => {
    next(new Problem(404, 'Not Found', `no route for ${req.method} ${req.path}`));
  });

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const requestId = requestIdOf(res);
    const problem = toProblem(error);
    if (problem.status >= 500) {
      log({
        level: 'error',
        requestId,
        method: req.method,
        path: req.path,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
    res
      .status(problem.status)
      .type('application/problem+json')
      .json({
        // Extensions first, so they can never overwrite the standard members.
        ...problem.extensions,
        type: 'about:blank',
        title: problem.title,
        status: problem.status,
        detail: problem.detail,
        instance: req.originalUrl,
        requestId,
        ...(problem.errors.length > 0 ? { errors: problem.errors } : {}),
      });
  });

  return app;
}

function send(res: Response, result: HandlerResult): void {
  res.status(result.status);
  if (result.body instanceof RawBody) {
    const file = result.body;
    res.type(file.contentType);
    if (file.filename) {
      res.setHeader(
        'Content-Disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      );
    }
    res.send(file.data);
    return;
  }
  res.json(result.body);
}

function parseOr400(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new Problem(
    400,
    'Bad Request',
    `the request ${where} is invalid`,
    parsed.error.issues.map((issue) => ({
      field: issue.path.length > 0 ? issue.path.join('.') : where,
      message: issue.message,
    })),
  );
}

function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  if (isBodyParserError(error)) {
    return error.type === 'entity.too.large'
      ? new Problem(
          413,
          'Content Too Large',
          'the request body is larger than allowed (1 MB for JSON, 10 MB for a CSV file)',
        )
      : new Problem(400, 'Bad Request', 'the request body is not valid JSON', [
          { field: 'body', message: 'malformed JSON' },
        ]);
  }
  return new Problem(500, 'Internal Server Error', 'an unexpected error occurred');
}

function isBodyParserError(error: unknown): error is { type: string; status: number } {
  return (
    typeof error === 'object' &&
    error !== null &&
    'type' in error &&
    typeof error.type === 'string' &&
    error.type.startsWith('entity.')
  );
}

const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Fengqiao-style office certification API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<div id="docs"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#docs' });</script>
</body>
</html>
`;
