// Route specifications: one table drives the Express router and the OpenAPI document, so
// the two cannot drift apart.
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Role } from '../domain/schemas';
import type { Principal } from './auth';

export interface HandlerContext<B, P, Q> {
  req: Request;
  res: Response;
  principal: Principal;
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
  /** JSON, unless a RawBody (a file: CSV, XLSX…). */
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

export interface RouteSpec<
  B extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
> {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Express-style path, e.g. /api/v1/certifications/:id */
  path: string;
  summary: string;
  tag: string;
  roles: readonly Role[];
  body?: B;
  /**
   * Media types the body may come in (default application/json). `text/csv` bodies arrive
   * as a string and are validated by `body` like any other.
   */
  bodyMediaTypes?: readonly string[];
  params?: P;
  query?: Q;
  /** Documented responses besides the problem responses every route shares. */
  responses: Record<number, string>;
  handler: (ctx: HandlerContext<z.infer<B>, z.infer<P>, z.infer<Q>>) => Promise<HandlerResult>;
}

/** Keeps each spec's handler typed by its own schemas. */
export function route<B extends z.ZodType, P extends z.ZodType, Q extends z.ZodType>(
  spec: RouteSpec<B, P, Q>,
): RouteSpec {
  return spec;
}

/**
 * A route anyone may call without a credential: the public registry and the login itself.
 * Nothing else is mounted outside the authenticated router.
 */
export interface PublicRouteSpec<B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType> {
  method: 'get' | 'post';
  path: string;
  summary: string;
  tag: string;
  body?: B;
  query?: Q;
  responses: Record<number, string>;
  handler: (ctx: {
    req: Request;
    body: z.infer<B>;
    query: z.infer<Q>;
    requestId: string;
  }) => Promise<HandlerResult>;
}

export function publicRoute<B extends z.ZodType, Q extends z.ZodType>(
  spec: PublicRouteSpec<B, Q>,
): PublicRouteSpec {
  return spec;
}
