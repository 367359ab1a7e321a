// Whether a database error is a unique-constraint violation, on either adapter:
// @prisma/adapter-pg maps it to Prisma's P2002, pglite-prisma-adapter 0.6 passes the driver's
// error through (SQLSTATE 23505 in its cause, and PostgreSQL's message).
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, cause } = error as { code?: unknown; cause?: { code?: unknown } };
  if (code === 'P2002' || cause?.code === '23505') return true;
  return /duplicate key value violates unique constraint/.test(error.message);
}
