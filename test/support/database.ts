// A fresh, fully migrated database per test file: in-memory PGlite by default, or a
// throwaway database on the PostgreSQL server at DATABASE_URL (CI runs both).
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { ClientOptions } from '../../platform/db/client';
import { openPglite, openPostgres, prismaOverPglite } from '../../platform/db/client';
import type { PrismaClient } from '../../generated/prisma/client';
import { applyMigrations } from '../../platform/db/migrations';
import { pgSession, pgliteSession } from '../../platform/db/sql-sessions';

export interface TestDatabase {
  prisma: PrismaClient;
  kind: 'pglite' | 'postgres';
  /** Connection URL of the throwaway PostgreSQL database (postgres only). */
  url: string | undefined;
  close(): Promise<void>;
}

export function serverUrl(): string | undefined {
  const url = process.env.DATABASE_URL;
  return url && /^postgres(ql)?:\/\//.test(url) ? url : undefined;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** `options.onQuery` is told every SQL statement the client sends (seeding included). */
export async function createTestDatabase(options: ClientOptions = {}): Promise<TestDatabase> {
  const server = serverUrl();
  if (!server) {
    const pglite = openPglite('memory://');
    await applyMigrations(pgliteSession(pglite));
    const prisma = prismaOverPglite(pglite, options);
    return {
      prisma,
      kind: 'pglite',
      url: undefined,
      async close() {
        await prisma.$disconnect();
        await pglite.close();
      },
    };
  }
  const name = `fq_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabase(server, name);
  const migrator = new Client({ connectionString: url });
  await migrator.connect();
  await applyMigrations(pgSession(migrator));
  await migrator.end();
  const handle = openPostgres(url, options);
  return {
    prisma: handle.prisma,
    kind: 'postgres',
    url,
    async close() {
      await handle.close();
      await dropDatabase(server, name);
    },
  };
}

/**
 * Drops a throwaway database. FORCE ends our own leftover connections, but a non-superuser
 * may not end an autovacuum worker that happens to be visiting the fresh database
 * ("must be a member of the role whose process is being terminated"), so try a few times.
 */
export async function dropDatabase(server: string, name: string): Promise<void> {
  const admin = new Client({ connectionString: server });
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        return;
      } catch (error) {
        if (attempt >= 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
}
