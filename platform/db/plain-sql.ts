// The hottest statements (every request's credential, a certification's answer, the projection
// of every transition) sent straight to the pg pool under Prisma on PostgreSQL: through
// `$queryRaw` each statement cost 0.5 ms of Prisma's client and query compiler, twice what `pg`
// takes for the same statement on the same pool (issue 16, decision 0029).
//
// On PGlite the same statement goes through Prisma: PGlite is one connection, and a statement
// sent beside the adapter could land inside another request's open transaction.
//
// Both paths must answer alike, so a plain statement selects only columns whose values the two
// agree on: text, enums cast to text, int4, boolean, json/jsonb and `timestamp` (a Date, the
// column read as UTC as Prisma reads it). No bigint or numeric: Prisma answers BigInt and
// Decimal where pg answers strings. A Date sent is sent as its UTC ISO text, as Prisma sends it
// (pg would write it in the process's zone, with an offset a `timestamp` column ignores).
import { createHash } from 'node:crypto';
import type { Pool, QueryResultRow } from 'pg';
import { types } from 'pg';
import type { PrismaClient } from '../../generated/prisma/client';

/** A tagged template: `sql<Row>\`SELECT … WHERE id = ${id}\``, values sent as parameters. */
export type PlainSql = <Row>(strings: TemplateStringsArray, ...values: unknown[]) => Promise<Row[]>;

interface DirectPool {
  pool: Pool;
  onQuery?: (sql: string) => void;
}

/** Prisma clients opened over a pool of ours (platform/db/client.ts), and that pool. */
const directPools = new WeakMap<PrismaClient, DirectPool>();

export function sendPlainSqlThroughPool(prisma: PrismaClient, direct: DirectPool): void {
  directPools.set(prisma, direct);
}

const TIMESTAMP_WITHOUT_ZONE = 1114;

/**
 * `timestamp` columns hold UTC (Prisma writes them so); pg's default parser would read them
 * in the process's time zone, wrong anywhere TZ is not UTC.
 */
export function parserFor(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === TIMESTAMP_WITHOUT_ZONE) return utcTimestamp;
  // @types/pg types the text parsers' results as any.
  return format === 'binary'
    ? (types.getTypeParser(oid, 'binary') as (value: string) => unknown)
    : (types.getTypeParser(oid) as (value: string) => unknown);
}

/** PostgreSQL's text for a `timestamp` ("2026-12-01 21:42:44.123"), read as UTC. */
function utcTimestamp(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}Z`);
}

/** A call site's statement: its text with $1… placeholders, and the name it is prepared under. */
interface Statement {
  text: string;
  name: string;
}

/**
 * A tagged template's parts are one object per call site, so a statement's text and name are
 * made once per site, not on every call. Each statement is prepared once per connection under
 * a name of its text: the server then parses and plans it once, not on every request (planning
 * the certification's read cost more than running it).
 */
const statements = new WeakMap<TemplateStringsArray, Statement>();

function statementOf(strings: TemplateStringsArray): Statement {
  let statement = statements.get(strings);
  if (!statement) {
    const text = strings.reduce((sql, part, index) => `${sql}$${index}${part}`);
    const name = `plain_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    statement = { text, name };
    statements.set(strings, statement);
  }
  return statement;
}

export function plainSql(prisma: PrismaClient): PlainSql {
  const direct = directPools.get(prisma);
  if (!direct) {
    return (strings, ...values) => prisma.$queryRawUnsafe(statementOf(strings).text, ...values);
  }
  return async <Row>(strings: TemplateStringsArray, ...values: unknown[]) => {
    const { text, name } = statementOf(strings);
    direct.onQuery?.(text);
    const result = await direct.pool.query<QueryResultRow>({
      name,
      text,
      values: values.map((value) => (value instanceof Date ? value.toISOString() : value)),
      types: { getTypeParser: parserFor },
    });
    return result.rows as Row[];
  };
}
