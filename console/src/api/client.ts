// The one API client: openapi-fetch typed by the generated `paths` (schema.d.ts), so a path,
// a parameter or a request body that the server no longer accepts is a type error. It sends
// the session's token, an Idempotency-Key on every POST (a retried submission is applied
// once), and on a 401 asks for the password again and retries the same request, so a form
// that outlived its 15-minute token loses nothing.
import type { Middleware } from 'openapi-fetch';
import createClient from 'openapi-fetch';
import { getSession, requestReauth, setSession } from '../auth/session';
import type { paths } from './schema';
import type { Certification, Problem } from './types';

const LOGIN_PATH = '/api/v1/auth/login';

/** What the request looked like before it was sent, to send again after a new login. */
const originals = new WeakMap<Request, Request>();

const session: Middleware = {
  onRequest({ request }) {
    if (new URL(request.url).pathname === LOGIN_PATH) return request;
    const current = getSession();
    if (!current) return request;
    request.headers.set('Authorization', `Bearer ${current.token}`);
    originals.set(request, request.clone());
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401) return response;
    const original = originals.get(request);
    if (!original) return response;
    if (!(await requestReauth())) {
      setSession(null);
      return response;
    }
    const renewed = getSession();
    if (!renewed) return response;
    original.headers.set('Authorization', `Bearer ${renewed.token}`);
    return fetch(original);
  },
};

const idempotency: Middleware = {
  onRequest({ request }) {
    if (request.method === 'POST' && !request.headers.has('Idempotency-Key')) {
      request.headers.set('Idempotency-Key', crypto.randomUUID());
    }
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(idempotency, session);

/** A response the API refused, with its problem details (status, detail, errors[]). */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }
}

export function asProblem(error: unknown, response: Response): Problem {
  if (typeof error === 'object' && error !== null && 'status' in error && 'title' in error) {
    return error as Problem;
  }
  // Not a problem document (a proxy's error page, say): the status line says what there is.
  return {
    type: 'about:blank',
    title: response.statusText,
    status: response.status,
    detail: response.statusText,
    instance: new URL(response.url || window.location.href).pathname,
    requestId: response.headers.get('x-request-id') ?? '',
  };
}

/**
 * The body of a successful response, typed by the route's response schema in the generated
 * contract, or an ApiError.
 */
export async function body<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(asProblem(error, response));
  return data as T;
}

/** A certification's body, its open `state` read as the workflow's state (see types.ts). */
export async function certificationBody(
  call: Promise<{
    data?: Omit<Certification, 'state'> & { state?: unknown };
    error?: unknown;
    response: Response;
  }>,
): Promise<Certification> {
  return (await body(call)) as Certification;
}
