// The Express application, built from its dependencies so tests can drive it without a port.
import { randomUUID } from 'node:crypto';
import cors from 'cors';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pino } from 'pino';
import { pinoHttp } from 'pino-http';
import type { z } from 'zod';
import type { SecurityConfig } from '../platform/config/env';
import { loadConfig } from '../platform/config/env';
import type { PrismaClient } from '../generated/prisma/client';
import { adminRoutes } from './admin';
import { authenticate, principalOf, requireRole } from '../modules/access/authenticate';
import type { TemporalDeps } from '../modules/certification';
import { bulkActionRoutes } from '../modules/bulk-action/routes';
import { campaignProgressRoutes } from '../modules/campaign/routes/progress';
import { campaignControlRoutes } from '../modules/campaign/routes/control';
import { campaignPairingRoutes } from '../modules/campaign/routes/pairings';
import { campaignRoutes } from '../modules/campaign/routes/campaigns';
import { certificationRoutes } from '../modules/certification/routes/certifications';
import { countyRoutes } from '../modules/office/routes/counties';
import { criteriaRoutes } from '../modules/criteria/routes';
import { officeProfileRoutes } from '../modules/office/routes/profiles';
import { officeRoutes } from '../modules/office/routes/offices';
import type { MailCapture } from '../platform/mail/mail-capture';
import { notificationRoutes } from '../modules/notification/routes/notifications';
import { recipientRoutes } from '../modules/notification/routes/recipients';
import { registryRoutes } from '../modules/office/routes/registry';
import type { ContractMode } from '../platform/http/contract';
import { answerViolations, holdToContract, problemViolations } from '../platform/http/contract';
import { buildOpenApiDocument } from '../platform/http/openapi';
import { idempotently, requestIdOf } from './idempotent-requests';
import { createIdempotencyStore } from '../platform/http/idempotency';
import { auditRoutes } from '../modules/audit/routes';
import { consoleRouter } from '../platform/http/console-serving';
import { serveDocs } from '../platform/http/docs-page';
import { campaignDutyTasks } from '../modules/campaign/duty-tasks';
import { guardBodyAndQuery, guardPathParams } from '../platform/http/input-guard';
import { inspectionAssignmentRoutes } from '../modules/certification/routes/inspection-assignments';
import { methodGuard } from '../platform/http/methods';
import { within } from '../platform/http/within';
import { Problem, RetryLater, problemDocument } from '../platform/http/problems';
import { unavailableProblem, UNAVAILABLE_RETRY_AFTER_SECONDS } from '../platform/http/unavailable';
import type { HandlerResult, PublicRouteSpec } from '../platform/http/routes';
import type { RouteSpec } from '../modules/access';
import { RawBody } from '../platform/http/routes';
import { loginRoutes } from '../modules/access/routes/login';
import { userRoutes } from '../modules/access/routes/users';
import { apiKeyRoutes } from '../modules/access/routes/api-keys';
import { inspectorRoutes } from '../modules/access/routes/inspectors';
import { spotCheckDrawRoutes } from '../modules/spot-check/routes';
import { certificationTaskSource, inMemorySource, taskRoutes } from '../modules/inbox/routes';
import { dashboardRoutes } from '../modules/dashboard';
import { createTokenSigner } from '../modules/access/tokens';

export interface AppDeps {
  prisma: PrismaClient;
  temporal: TemporalDeps;
  /** Structured request and error logs; none when absent (tests). */
  logger?: Logger;
  /** Token signing, login throttling and CORS; development defaults when absent. */
  security?: Partial<SecurityConfig>;
  /** The local mail capture of `npm start`, exposed read-only to admins. */
  devMailbox?: MailCapture;
  /**
   * Check every answer against the route's published contract (api/contract.ts): `enforce`
   * in tests (a mismatch answers 500), `log` to only report it; unchecked when absent.
   */
  contract?: ContractMode;
  /** How long an Idempotency-Key reservation holds before it counts as abandoned. */
  idempotencyLeaseMs?: number;
  /** Deadline of each `/healthz` check (default 2 s). */
  healthCheckTimeoutMs?: number;
  /** The web console's static build to serve at `/` (api/console.ts); none when absent (tests). */
  consoleDir?: string;
}

const HEALTH_CHECK_TIMEOUT_MS = 2000;

/** 'ok', or 'unreachable' when the probe fails or does not answer within the deadline. */
async function check(probe: () => Promise<unknown>, timeoutMs: number): Promise<string> {
  try {
    return (await within(Promise.resolve().then(probe), timeoutMs)).done ? 'ok' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export function allRoutes(deps: AppDeps): RouteSpec[] {
  return [
    ...certificationRoutes(deps),
    ...campaignProgressRoutes({ prisma: deps.prisma }),
    ...spotCheckDrawRoutes(deps),
    ...bulkActionRoutes(deps),
    ...campaignRoutes(deps),
    ...campaignControlRoutes(deps),
    ...campaignPairingRoutes({ prisma: deps.prisma }),
    ...criteriaRoutes(deps),
    ...officeProfileRoutes(deps),
    ...officeRoutes({ prisma: deps.prisma }),
    ...countyRoutes({ prisma: deps.prisma }),
    ...adminRoutes({ prisma: deps.prisma, client: deps.temporal.client }),
    ...notificationRoutes({ prisma: deps.prisma, devMailbox: deps.devMailbox }),
    ...recipientRoutes({ prisma: deps.prisma }),
    ...userRoutes({ prisma: deps.prisma }),
    ...apiKeyRoutes({ prisma: deps.prisma }),
    ...inspectionAssignmentRoutes({ prisma: deps.prisma }),
    ...inspectorRoutes({ prisma: deps.prisma }),
    ...auditRoutes({ prisma: deps.prisma }),
    ...taskRoutes({
      prisma: deps.prisma,
      sources: [certificationTaskSource, inMemorySource(campaignDutyTasks)],
    }),
    ...dashboardRoutes({ prisma: deps.prisma }),
  ];
}

/** The settings an empty environment gives (platform/config/env.ts owns the defaults). */
const DEFAULT_SECURITY: SecurityConfig = loadConfig({}).security;
const LOGIN_WINDOW_MS = 15 * 60 * 1000;

export function createApp(deps: AppDeps): express.Express {
  const logger = deps.logger ?? pino({ level: 'silent' });
  const security = { ...DEFAULT_SECURITY, ...deps.security };
  const tokens = createTokenSigner({
    secret: security.tokenSecret,
    ttlSeconds: security.tokenTtlSeconds,
  });
  const idempotency = createIdempotencyStore(deps.prisma, { leaseMs: deps.idempotencyLeaseMs });
  const routes = allRoutes(deps);
  const publicRoutes: PublicRouteSpec[] = [
    ...registryRoutes({ prisma: deps.prisma }),
    ...loginRoutes({ prisma: deps.prisma, tokens }),
  ];
  const openApi = buildOpenApiDocument(routes, publicRoutes);
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', security.trustProxy);

  app.use((req, res, next) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    next();
  });
  app.use(
    pinoHttp({
      logger,
      genReqId: (_req, res) => requestIdOf(res as Response),
      // One line per request with what an operator needs, and never a credential: no
      // headers (Authorization, X-API-Key), no bodies (passwords).
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customProps: (_req, res) => {
        const principal = (res as Response).locals.principal as { id: string } | undefined;
        return principal ? { principalId: principal.id } : {};
      },
    }),
  );
  app.use(
    helmet({
      // The API may be reached over plain HTTP on a local network or a developer's machine;
      // upgrading the docs page's requests to https there would break it. HSTS still applies
      // wherever it is served over TLS.
      // The console's scripts are files of its own origin (no inline script: script-src
      // 'self' stays). Ant Design writes its component styles as <style> elements at run time
      // (CSS-in-JS), so styles alone may be inline; no other origin may supply any
      // (docs/decisions/0019-web-console.md).
      contentSecurityPolicy: {
        directives: { upgradeInsecureRequests: null, styleSrc: ["'self'", "'unsafe-inline'"] },
      },
    }),
  );
  if (security.corsOrigins.length > 0) {
    app.use(
      cors({
        origin: security.corsOrigins,
        exposedHeaders: ['X-Request-Id', 'Location', 'Idempotent-Replayed'],
      }),
    );
  }
  // A known path called with a method it does not declare: 405 with Allow, before anything
  // reads the body or asks for a credential (the route table is public in /openapi.json).
  app.use(
    methodGuard([
      ...routes,
      ...publicRoutes,
      { method: 'get', path: '/healthz' },
      { method: 'get', path: '/openapi.json' },
    ]),
  );
  app.use(express.json({ limit: '1mb' }));
  // Bulk imports arrive as CSV files: larger than any JSON action, still bounded.
  app.use(express.text({ type: 'text/csv', limit: '10mb' }));
  // Text the database cannot store, and JSON nested too deep, stop here for every route.
  app.use(guardBodyAndQuery);

  // Each check has its own deadline: an unreachable dependency is reported within it,
  // not after the client's own retries (about 20 s for Temporal).
  app.get('/healthz', async (_req, res) => {
    const timeoutMs = deps.healthCheckTimeoutMs ?? HEALTH_CHECK_TIMEOUT_MS;
    const connection = deps.temporal.client.connection;
    const [database, temporal] = await Promise.all([
      check(() => deps.prisma.$queryRaw`SELECT 1`, timeoutMs),
      check(
        () =>
          connection.withDeadline(Date.now() + timeoutMs, () =>
            connection.workflowService.getSystemInfo({}),
          ),
        timeoutMs,
      ),
    ]);
    const healthy = database === 'ok' && temporal === 'ok';
    if (!healthy) res.setHeader('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    res
      .status(healthy ? 200 : 503)
      .json({ status: healthy ? 'ok' : 'degraded', database, temporal });
  });

  app.get('/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  serveDocs(app);

  // The public registry and the login are the only routes without a credential; they are
  // mounted before the authenticated router so nothing else can be reached without one.
  // Failed logins are throttled per client address against password guessing.
  app.use(
    '/api/v1/auth/login',
    rateLimit({
      windowMs: LOGIN_WINDOW_MS,
      limit: security.loginRateLimit,
      skipSuccessfulRequests: true,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, _res, next) => {
        next(new Problem(429, 'Too Many Requests', 'too many login attempts; try again later'));
      },
    }),
  );
  for (const spec of publicRoutes) {
    app[spec.method](spec.path, async (req: Request, res: Response) => {
      guardPathParams(req.params);
      const query = parseOr400(spec.query, req.query, 'query');
      const body = parseOr400(spec.body, req.body ?? {}, 'body');
      const result = await spec.handler({ req, query, body, requestId: requestIdOf(res) });
      holdToContract(deps.contract, logger, spec, () => answerViolations(spec, result));
      send(res, result);
    });
  }

  const api = express.Router();
  api.use(authenticate(deps.prisma, tokens));
  for (const spec of routes) {
    const relative = spec.path.replace(/^\/api\/v1/, '') || '/';
    api[spec.method](relative, async (req: Request, res: Response) => {
      res.locals.route = spec;
      const principal = principalOf(res);
      requireRole(principal, spec.roles);
      guardPathParams(req.params);
      const params = parseOr400(spec.params, req.params, 'path');
      const query = parseOr400(spec.query, req.query, 'query');
      const body = parseOr400(spec.body, req.body ?? {}, 'body');
      const run = async (operationId?: string) => {
        const result = await spec.handler({
          req,
          res,
          principal,
          body,
          params,
          query,
          requestId: requestIdOf(res),
          operationId,
        });
        // Checked before an Idempotency-Key stores it, so a replay is never a broken answer.
        holdToContract(deps.contract, logger, spec, () => answerViolations(spec, result));
        return result;
      };
      send(
        res,
        spec.method === 'get'
          ? await run()
          : await idempotently(idempotency, req, res, principal.id, run),
      );
    });
  }
  app.use('/api/v1', api);

  if (deps.consoleDir) app.use(consoleRouter(deps.consoleDir));

  app.use((req, _res, next) => {
    next(new Problem(404, 'Not Found', `no route for ${req.method} ${req.path}`));
  });

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const requestId = requestIdOf(res);
    const problem = contractProblem(deps.contract, logger, res, toProblem(error));
    if (problem.status >= 500) {
      logger.error({ requestId, method: req.method, path: req.path, err: error }, 'request failed');
    }
    if (problem instanceof RetryLater) {
      res.setHeader('Retry-After', String(problem.retryAfterSeconds));
    }
    res
      .status(problem.status)
      .type('application/problem+json')
      .json(problemDocument(problem, req.originalUrl, requestId));
  });

  return app;
}

/** A problem status the matched route does not declare breaks the contract too. */
function contractProblem(
  mode: ContractMode | undefined,
  logger: Logger,
  res: Response,
  problem: Problem,
): Problem {
  const route = res.locals.route as RouteSpec | undefined;
  if (!mode || !route) return problem;
  try {
    holdToContract(mode, logger, route, () => problemViolations(route, problem.status, true));
    return problem;
  } catch (violation) {
    return toProblem(violation);
  }
}

function send(res: Response, result: HandlerResult): void {
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
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
  // Express decodes path parameters with decodeURIComponent; `%C3%28` is not UTF-8.
  if (error instanceof URIError) {
    return new Problem(400, 'Bad Request', 'the request path is invalid', [
      { field: 'path', message: 'not valid percent-encoded UTF-8' },
    ]);
  }
  const down = unavailableProblem(error);
  if (down) return down;
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
