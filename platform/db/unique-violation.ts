// Whether a database error is a unique-constraint violation, on every path a statement takes:
// @prisma/adapter-pg maps it to Prisma's P2002, pglite-prisma-adapter 0.6 passes the driver's
// error through (SQLSTATE 23505 in its cause, and PostgreSQL's message), and a plain statement
// sent straight to the pg pool (platform/db/plain-sql.ts) throws pg's own error, SQLSTATE in
// `code`. The SQLSTATE is what counts: the message is in the server's language (lc_messages).
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, cause } = error as { code?: unknown; cause?: { code?: unknown } };
  if (code === 'P2002' || code === '23505' || cause?.code === '23505') return true;
  return /duplicate key value violates unique constraint/.test(error.message);
}
