// Classifies database errors on both adapters, by what a caller can do about them:
// - refused data: PostgreSQL will never store this value (a NUL in text, a number out of
//   range, a broken constraint). Retrying cannot help; the input must change.
// - unavailable: the database cannot be reached right now (stopped, restarting, closed).
//   Retrying later can help; an API answers 503.
// pglite-prisma-adapter passes the driver's error through (SQLSTATE in `cause.code`);
// @prisma/adapter-pg and raw queries wrap it in Prisma's error (`meta.driverAdapterError`).

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: { code?: unknown; kind?: unknown } } };
}

function chain(error: unknown): ErrorLike[] {
  const found: ErrorLike[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const e = current as ErrorLike;
    found.push(e);
    const adapterCause = e.meta?.driverAdapterError?.cause;
    if (adapterCause) found.push(adapterCause);
    current = e.cause;
  }
  return found;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** The PostgreSQL SQLSTATE of the error, if it carries one. */
export function sqlStateOf(error: unknown): string | undefined {
  for (const e of chain(error)) {
    if (typeof e.code === 'string' && SQLSTATE.test(e.code) && !e.code.startsWith('P'))
      return e.code;
  }
  return undefined;
}

/**
 * Data exceptions (class 22: invalid byte sequence, out of range, bad text representation…)
 * and the integrity violations that depend on the value alone (not-null, check).
 */
export function isRefusedData(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state !== undefined && (state.startsWith('22') || state === '23502' || state === '23514');
}

const UNAVAILABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2037']);
const UNAVAILABLE_ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
const UNAVAILABLE_MESSAGE =
  /PGlite is closed|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|Connection terminated|Can't reach database server|server closed the connection|the database system is (starting up|shutting down)|timeout exceeded when trying to connect|Cannot use a pool after calling end on the pool/i;

/** The database cannot be reached now; a later attempt may succeed. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of chain(error)) {
    if (typeof e.code === 'string' && UNAVAILABLE_PRISMA_CODES.has(e.code)) return true;
    if ('kind' in e && UNAVAILABLE_ADAPTER_KINDS.has(String((e as { kind: unknown }).kind)))
      return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
  }
  const state = sqlStateOf(error);
  // Connection exceptions; admin shutdown, crash shutdown, cannot connect now; too many clients.
  return (
    state !== undefined &&
    (state.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(state))
  );
}
