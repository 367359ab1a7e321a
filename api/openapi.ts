// The OpenAPI 3.1 document, generated from the same route table and zod schemas that the
// router validates with.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { PublicRouteSpec, RouteSpec } from './routes';

const ProblemDocument = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string(),
  requestId: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

const HealthDocument = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['ok', 'unreachable']),
  temporal: z.enum(['ok', 'unreachable']),
});

const PROBLEM_RESPONSES: Record<number, string> = {
  400: 'Invalid input; `errors` names each field and the reason',
  401: 'Missing or invalid access token or API key',
  403: 'The caller’s role or county may not do this',
  404: 'Not found (or not visible to the caller)',
  409: 'The action is not allowed in the certification’s current state; `detail` says why',
  422: 'A referenced record does not exist',
};

/** /api/v1/certifications/:id → /api/v1/certifications/{id} */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

export function buildOpenApiDocument(routes: RouteSpec[], publicRoutes: PublicRouteSpec[] = []) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key issued by the city bureau',
  });
  for (const spec of routes) {
    const problemContent = { 'application/problem+json': { schema: ProblemDocument } };
    registry.registerPath({
      method: spec.method,
      path: openApiPath(spec.path),
      summary: spec.summary,
      description: `Roles: ${spec.roles.join(', ')}`,
      tags: [spec.tag],
      security: [{ apiKey: [] }],
      request: {
        ...(spec.params ? { params: spec.params as z.ZodObject } : {}),
        ...(spec.query ? { query: spec.query as z.ZodObject } : {}),
        ...(spec.body
          ? {
              body: {
                required: true,
                content: Object.fromEntries(
                  (spec.bodyMediaTypes ?? ['application/json']).map((type) => [
                    type,
                    { schema: spec.body as z.ZodType },
                  ]),
                ),
              },
            }
          : {}),
      },
      responses: {
        ...Object.fromEntries(
          Object.entries(spec.responses).map(([status, description]) => [
            status,
            { description, content: { 'application/json': { schema: z.unknown() } } },
          ]),
        ),
        ...Object.fromEntries(
          Object.entries(PROBLEM_RESPONSES).map(([status, description]) => [
            status,
            { description, content: problemContent },
          ]),
        ),
      },
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
        // The login's credentials: without this the document (and the console's typed client)
        // would say the route takes no body.
        ...(spec.body
          ? {
              body: {
                required: true,
                content: { 'application/json': { schema: spec.body } },
              },
            }
          : {}),
      },
      responses: {
        ...Object.fromEntries(
          Object.entries(spec.responses).map(([status, description]) => [
            status,
            { description, content: { 'application/json': { schema: z.unknown() } } },
          ]),
        ),
        400: {
          description: PROBLEM_RESPONSES[400] ?? 'Invalid input',
          content: { 'application/problem+json': { schema: ProblemDocument } },
        },
      },
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
