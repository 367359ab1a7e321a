// Plain reads (platform/db/plain-sql.ts) answer exactly as Prisma's $queryRaw does for the
// column types they may select, whichever database the tests run on (CI runs both: on
// PostgreSQL the read goes straight to the pool, on PGlite through Prisma).
import { sqlStateOf } from '../../../platform/db/database-errors';
import { parserFor, plainSql } from '../../../platform/db/plain-sql';
import type { TestDatabase } from '../../support/database';
import { createTestDatabase } from '../../support/database';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db.close();
});

it('reads a timestamp column as UTC, whatever the process time zone', () => {
  // pg's own parser would read this text in the process's zone (a server in China may well run
  // with TZ=Asia/Shanghai, eight hours off); Prisma reads it as UTC, and so must a plain read.
  const parse = parserFor(1114) as (text: string) => Date;
  expect(parse('2026-12-01 21:42:44.123').toISOString()).toBe('2026-12-01T21:42:44.123Z');
  expect(parse('2026-01-01 00:00:00').toISOString()).toBe('2026-01-01T00:00:00.000Z');
});

it('answers every column type it may select as $queryRaw does', async () => {
  const at = new Date(Date.UTC(2026, 11, 1, 21, 42, 44, 123));
  const details = { 理由: '补充材料', scores: [18, 17], nested: { ok: true } };
  const text = '枫桥式司法所';
  const plain = await plainSql(db.prisma)<Record<string, unknown>>`
    SELECT ${at}::timestamp(3) AS at, NULL::timestamp(3) AS "noTime",
           ${JSON.stringify(details)}::jsonb AS details, json_build_object('n', 1) AS built,
           ${7}::int AS revision, ${text}::text AS name, 'COUNTY_OPERATOR'::"Role"::text AS role,
           true AS yes`;
  const prisma = await db.prisma.$queryRaw<Record<string, unknown>[]>`
    SELECT ${at}::timestamp(3) AS at, NULL::timestamp(3) AS "noTime",
           ${JSON.stringify(details)}::jsonb AS details, json_build_object('n', 1) AS built,
           ${7}::int AS revision, ${text}::text AS name, 'COUNTY_OPERATOR'::"Role"::text AS role,
           true AS yes`;
  expect(plain).toEqual(prisma);
  expect(plain).toEqual([
    {
      at,
      noTime: null,
      details,
      built: { n: 1 },
      revision: 7,
      name: text,
      role: 'COUNTY_OPERATOR',
      yes: true,
    },
  ]);
});

it('reads a stored timestamp as the instant Prisma wrote', async () => {
  const lastUsedAt = new Date(Date.UTC(2026, 5, 30, 23, 59, 59, 999));
  await db.prisma.city.create({ data: { id: 'plain-city', code: 'PLAIN', name: '测试市' } });
  await db.prisma.apiKey.create({
    data: {
      id: 'plain-key',
      name: 'plain',
      keyHash: 'plain-hash',
      role: 'CITY_REVIEWER',
      cityId: 'plain-city',
      lastUsedAt,
    },
  });
  const [row] = await plainSql(db.prisma)<{ lastUsedAt: Date }>`
    SELECT "lastUsedAt" FROM "ApiKey" WHERE id = ${'plain-key'}`;
  expect(row?.lastUsedAt.toISOString()).toBe(lastUsedAt.toISOString());
});

it('writes a Date as the instant it is, as Prisma reads it back', async () => {
  const at = new Date(Date.UTC(2026, 1, 28, 16, 0, 0, 1));
  await plainSql(
    db.prisma,
  )`UPDATE "ApiKey" SET "lastUsedAt" = ${at}::timestamp(3) WHERE id = ${'plain-key'}`;
  const key = await db.prisma.apiKey.findUniqueOrThrow({ where: { id: 'plain-key' } });
  expect(key.lastUsedAt?.toISOString()).toBe(at.toISOString());
});

it('runs the same statement again and again with other values', async () => {
  // On PostgreSQL the statement is prepared once per connection and reused by name.
  const answers = await Promise.all(
    Array.from(
      { length: 30 },
      (_, n) => plainSql(db.prisma)<{ n: number }>`SELECT ${n}::int + 1 AS n`,
    ),
  );
  expect(answers.map(([row]) => row?.n)).toEqual(Array.from({ length: 30 }, (_, n) => n + 1));
});

it('fails a statement the database refuses with its SQLSTATE, and goes on serving', async () => {
  const refused = await plainSql(db.prisma)`SELECT 1 / ${0}::int AS never`.then(
    () => undefined,
    (error: unknown) => error,
  );
  // Division by zero: what the API's error mapping reads to tell refused data from an outage.
  expect(sqlStateOf(refused)).toBe('22012');
  const [row] = await plainSql(db.prisma)<{ ok: boolean }>`SELECT true AS ok`;
  expect(row?.ok).toBe(true);
});
