// RFC 9457 problem details. Domain code throws a Problem with the status a caller can act
// on; the error middleware turns it (and zod errors) into application/problem+json.
export interface FieldProblem {
  field: string;
  message: string;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
    /** Further members of the problem document (RFC 9457 §3.2), e.g. an import's row report. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

export const notFound = (what: string, field?: string) =>
  new Problem(
    404,
    'Not Found',
    `${what} was not found`,
    field ? [{ field, message: 'not found' }] : [],
  );

export const conflict = (detail: string) => new Problem(409, 'Conflict', detail);

export const forbidden = (detail: string) => new Problem(403, 'Forbidden', detail);

export const unprocessable = (detail: string, errors: FieldProblem[] = []) =>
  new Problem(422, 'Unprocessable Content', detail, errors);

/** A problem the caller should retry after a while: sent with a `Retry-After` header. */
export class RetryLater extends Problem {
  constructor(
    status: number,
    title: string,
    detail: string,
    readonly retryAfterSeconds: number,
    extensions: Record<string, unknown> = {},
  ) {
    super(status, title, detail, [], extensions);
  }
}

/** A problem as RFC 9457 problem+json, with the request it answers. */
export function problemDocument(problem: Problem, instance: string, requestId: string) {
  return {
    // Extensions first, so they can never overwrite the standard members.
    ...problem.extensions,
    type: 'about:blank',
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance,
    requestId,
    ...(problem.errors.length > 0 ? { errors: problem.errors } : {}),
  };
}
