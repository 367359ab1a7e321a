// Route specifications: one table drives the Express router and the OpenAPI document, so
// the two cannot drift apart. Generic over who calls (`Caller`) and the roles that may:
// the platform knows no business, so the access module binds them to its Principal and
// Role (modules/access/route.ts) and every module declares its routes through that.
import type { Request, Response } from 'express';
import type { z } from 'zod';

export interface HandlerContext<B, P, Q, Caller = unknown> {
  req: Request;
  res: Response;
  /** Who calls, as the composition root's authentication found them. */
  principal: Caller;
  body: B;
  params: P;
  query: Q;
  requestId: string;
  /**
   * Derived from the caller and the Idempotency-Key: the same for every attempt of one
   * request (undefined without a key). Handlers that start or update a workflow pass it on
   * as the update id, so Temporal carries the action out once (decision 0013).
   */
  operationId?: string;
}

export interface HandlerResult {
  status: number;
  /** JSON, unless a RawBody (a file: CSV, XLSX…); null for a response without a body. */
  body: unknown;
  headers?: Record<string, string>;
}

/** A response that is a file, not JSON: sent as is with its media type. */
export class RawBody {
  constructor(
    readonly contentType: string,
    readonly data: Buffer | string,
    /** Offered to the browser as the download's name (Content-Disposition). */
    readonly filename?: string,
  ) {}
}

/** A success answered with JSON: the body matches `schema` (tsc checks the handler against it). */
export interface JsonAnswer<S extends z.ZodType = z.ZodType> {
  description: string;
  schema: S;
  /** Headers the answer always carries, with what they say (e.g. Location of a new record). */
  headers?: AnswerHeaders;
}

/** Response headers by name, each with its description. */
export type AnswerHeaders = Readonly<Record<string, string>>;

/** A success answered with a file: a RawBody of one of these media types. */
export interface FileAnswer {
  description: string;
  mediaTypes: readonly string[];
}

/** A success without a body (204, or a 202 that points elsewhere with Location). */
export interface EmptyAnswer {
  description: string;
  empty: true;
}

export type Answer = JsonAnswer | FileAnswer | EmptyAnswer;

/** The successes a route can answer, by status (2xx only; problems are in `problems`). */
export type Answers = Readonly<Record<number, Answer>>;

/** Statuses a route may answer with a problem document, besides those every route shares. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503;

/** Problem statuses a route declares itself, each with the reason it gives them. */
export type ProblemReasons = Partial<Record<ProblemStatus, string>>;

type BodyOf<A> = A extends { schema: infer S extends z.ZodType }
  ? z.input<S>
  : A extends { mediaTypes: readonly string[] }
    ? RawBody
    : null;

/**
 * What a handler may return given its declared answers: a body one of them describes. A
 * handler returning anything else fails to compile. The status is not tied to its body here
 * (TypeScript widens a literal status while it still infers the answers), so the router
 * checks that pairing at run time (contract.ts).
 */
export interface ResultOf<R extends Answers> {
  status: number;
  body: BodyOf<R[keyof R & number]>;
  headers?: Record<string, string>;
}

export interface RouteSpec<
  B extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  R extends Answers = Answers,
  Caller = unknown,
  Roles extends string = string,
> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express-style path, e.g. /api/v1/certifications/:id */
  path: string;
  summary: string;
  tag: string;
  /** Who may call it (checked by the router before the handler runs). */
  roles: readonly Roles[];
  body?: B;
  /**
   * Media types the body may come in (default application/json). `text/csv` bodies arrive
   * as a string and are validated by `body` like any other.
   */
  bodyMediaTypes?: readonly string[];
  params?: P;
  query?: Q;
  /** The successes, each with its schema (or media types, or no body). */
  responses: R;
  /**
   * Problem statuses this route gives beyond those derived from its shape (see
   * openapi.ts `problemStatuses`), or a derived one it gives for a reason worth saying,
   * each with that reason (e.g. `409: 'the username is taken'`).
   */
  problems?: ProblemReasons;
  handler: (
    ctx: HandlerContext<z.infer<B>, z.infer<P>, z.infer<Q>, Caller>,
  ) => Promise<ResultOf<R>>;
}

/**
 * Route specs bound to one kind of caller: `route` keeps each spec's handler typed by its own
 * schemas and its result by its declared answers, and returns it erased to the bound spec
 * type that the router and the OpenAPI builder take.
 */
export function routesFor<Caller, Roles extends string>() {
  return function route<
    B extends z.ZodType,
    P extends z.ZodType,
    Q extends z.ZodType,
    const R extends Answers,
  >(
    spec: RouteSpec<B, P, Q, R, Caller, Roles>,
  ): RouteSpec<z.ZodType, z.ZodType, z.ZodType, Answers, Caller, Roles> {
    return spec as unknown as RouteSpec<z.ZodType, z.ZodType, z.ZodType, Answers, Caller, Roles>;
  };
}

/**
 * A route anyone may call without a credential: the public registry and the login itself.
 * Nothing else is mounted outside the authenticated router.
 */
export interface PublicRouteSpec<
  B extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  R extends Answers = Answers,
> {
  method: 'get' | 'post';
  path: string;
  summary: string;
  tag: string;
  body?: B;
  query?: Q;
  responses: R;
  /** Problem statuses beyond those derived from its shape, e.g. the login's 401 and 429. */
  problems?: ProblemReasons;
  handler: (ctx: {
    req: Request;
    body: z.infer<B>;
    query: z.infer<Q>;
    requestId: string;
  }) => Promise<ResultOf<R>>;
}

export function publicRoute<B extends z.ZodType, Q extends z.ZodType, const R extends Answers>(
  spec: PublicRouteSpec<B, Q, R>,
): PublicRouteSpec {
  return spec as unknown as PublicRouteSpec;
}
