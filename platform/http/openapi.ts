// The OpenAPI 3.1 document, generated from the same route table and zod schemas that the
// router validates with.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ProblemDocument } from './response-schemas';
import type {
  Answer,
  Answers,
  ProblemReasons,
  ProblemStatus,
  PublicRouteSpec,
  RouteSpec,
} from './routes';

const HealthDocument = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['ok', 'unreachable']),
  temporal: z.enum(['ok', 'unreachable']),
});

const PROBLEM_DESCRIPTIONS: Record<ProblemStatus, string> = {
  400: 'Invalid input; `errors` names each field and the reason',
  401: 'Missing or invalid access token or API key',
  403: 'The caller’s role or county may not do this',
  404: 'Not found (or not visible to the caller)',
  409: 'Not allowed in the current state, or a request with this Idempotency-Key is still running; `detail` says why',
  413: 'The request body is larger than allowed',
  422: 'A referenced record does not exist, or the Idempotency-Key was used for another request; `errors` names the field',
  429: 'Too many attempts; try again later (see RateLimit headers)',
  500: 'An unexpected error; the request id is logged',
  503: 'A dependency (database or Temporal) is unreachable; retry after `Retry-After`',
};

/** The problem statuses every route can give: a failure of ours, a dependency down. */
const ALWAYS: readonly ProblemStatus[] = [500, 503];

interface RouteShape {
  method: string;
  path: string;
  body?: unknown;
  params?: unknown;
  query?: unknown;
  problems?: ProblemReasons;
}

/**
 * The problem statuses a route can answer: those its shape implies (a credential, inputs, an
 * id in the path, an Idempotency-Key on a POST, a body size limit) and those it declares.
 */
export function problemStatuses(spec: RouteShape, authenticated: boolean): ProblemStatus[] {
  const declared = Object.keys(spec.problems ?? {}).map(
    (status) => Number(status) as ProblemStatus,
  );
  const statuses = new Set<ProblemStatus>([...ALWAYS, ...declared]);
  if (authenticated) {
    statuses.add(401).add(403);
    // Every authenticated POST runs under its optional Idempotency-Key: a replay still
    // running answers 409, the key reused for another request 422.
    if (spec.method !== 'get') statuses.add(409).add(422);
  }
  if (spec.body || spec.params || spec.query) statuses.add(400);
  if (spec.body) statuses.add(413);
  if (spec.path.includes(':')) statuses.add(404);
  return [...statuses].sort((a, b) => a - b);
}

const BINARY = { type: 'string' as const, format: 'binary' };

function answerConfig(answer: Answer) {
  if ('schema' in answer) {
    return {
      description: answer.description,
      content: { 'application/json': { schema: answer.schema } },
      ...(answer.headers
        ? {
            headers: Object.fromEntries(
              Object.entries(answer.headers).map(([name, description]) => [
                name,
                { description, schema: { type: 'string' as const } },
              ]),
            ),
          }
        : {}),
    };
  }
  if ('mediaTypes' in answer) {
    return {
      description: answer.description,
      content: Object.fromEntries(answer.mediaTypes.map((type) => [type, { schema: BINARY }])),
    };
  }
  return { description: answer.description };
}

function responsesOf(spec: RouteShape & { responses: Answers }, authenticated: boolean) {
  return {
    ...Object.fromEntries(
      Object.entries(spec.responses).map(([status, answer]) => [status, answerConfig(answer)]),
    ),
    ...Object.fromEntries(
      problemStatuses(spec, authenticated).map((status) => [
        status,
        {
          description: spec.problems?.[status] ?? PROBLEM_DESCRIPTIONS[status],
          content: { 'application/problem+json': { schema: ProblemDocument } },
        },
      ]),
    ),
  };
}

/** /api/v1/certifications/:id → /api/v1/certifications/{id} */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function requestBody(schema: z.ZodType, mediaTypes: readonly string[]) {
  return {
    required: true,
    content: Object.fromEntries(mediaTypes.map((type) => [type, { schema }])),
  };
}

/** The document for these routes, whoever their caller is (only their shapes are read). */
export function buildOpenApiDocument<Caller>(
  routes: RouteSpec<z.ZodType, z.ZodType, z.ZodType, Answers, Caller>[],
  publicRoutes: PublicRouteSpec[] = [],
) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key issued by the city bureau, or an access token from the login',
  });
  registry.registerComponent('securitySchemes', 'apiKeyHeader', {
    type: 'apiKey',
    in: 'header',
    name: 'X-API-Key',
    description: 'An API key, sent in its own header instead of Authorization',
  });
  for (const spec of routes) {
    registry.registerPath({
      method: spec.method,
      path: openApiPath(spec.path),
      summary: spec.summary,
      description: `Roles: ${spec.roles.join(', ')}`,
      tags: [spec.tag],
      // Either scheme: the token or key as a bearer credential, or a key as X-API-Key.
      security: [{ apiKey: [] }, { apiKeyHeader: [] }],
      request: {
        ...(spec.params ? { params: spec.params as z.ZodObject } : {}),
        ...(spec.query ? { query: spec.query as z.ZodObject } : {}),
        ...(spec.body
          ? { body: requestBody(spec.body, spec.bodyMediaTypes ?? ['application/json']) }
          : {}),
      },
      responses: responsesOf(spec, true),
    });
  }
  for (const spec of publicRoutes) {
    registry.registerPath({
      method: spec.method,
      path: openApiPath(spec.path),
      summary: spec.summary,
      description: 'Public: no API key needed.',
      tags: [spec.tag],
      security: [],
      request: {
        ...(spec.query ? { query: spec.query as z.ZodObject } : {}),
        ...(spec.body ? { body: requestBody(spec.body, ['application/json']) } : {}),
      },
      responses: responsesOf(spec, false),
    });
  }
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    summary: 'Liveness and readiness: the database and Temporal are reachable',
    tags: ['Operations'],
    security: [],
    responses: {
      200: {
        description: 'Healthy',
        content: { 'application/json': { schema: HealthDocument } },
      },
      503: {
        description: 'The database or Temporal is unreachable',
        content: { 'application/json': { schema: HealthDocument } },
      },
    },
  });
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Fengqiao-style judicial office certification API',
      version: '1.0.0',
      description:
        'County bureaus declare offices and file their work; the city bureau reviews, verifies, names, rechecks and revokes. Every action is a transition of one long-running certification workflow.',
    },
    servers: [{ url: '/' }],
  });
}
