// The numeric limits of what the database stores, so that every integer the API accepts is
// one its column can hold: out of range is the caller's 400, not the database's 500.
// No Node imports.

/** The largest value of a PostgreSQL `integer` (Prisma `Int`) column. */
export const INT4_MAX = 2_147_483_647;

/** More people than any township or street has (China's largest city is about 35 million). */
export const MAX_POPULATION = 100_000_000;
