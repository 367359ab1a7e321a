// Applies the committed migrations in order, recording them in Prisma's own
// `_prisma_migrations` table (same columns, same SHA-256 checksums), so `prisma migrate
// deploy` sees them as applied. Why not the Prisma CLI itself: its JS schema engine splits
// scripts at semicolons (a dollar-quoted function body breaks it on PostgreSQL), and on PGlite
// the CLI process leaves the files unclean so the next open intermittently aborts
// (docs/decisions/0004-in-process-migration-runner.md).
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config/paths';

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'prisma', 'migrations');

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function committedMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** The little a migration runner needs from a database connection. */
export interface SqlSession {
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params: unknown[]): Promise<T[]>;
}

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * The session-level advisory lock that `prisma migrate deploy` takes (Prisma's own key), so
 * that two runners, or a runner and the Prisma CLI, never apply the same migration at once.
 */
export const MIGRATION_LOCK_KEY = 72_707_369;

/**
 * Applies what is pending; returns the names applied. Refuses edited applied migrations.
 * Safe when several processes start at once (scaled-out replicas, a migration job and an
 * `npm start`): each holds the advisory lock while it reads what is applied and applies the
 * rest, so the second waits for the first and then finds nothing to do (decision 0026).
 */
export async function applyMigrations(
  session: SqlSession,
  migrations: Migration[] = committedMigrations(),
): Promise<string[]> {
  await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    return await applyPending(session, migrations);
  } finally {
    await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  }
}

async function applyPending(session: SqlSession, migrations: Migration[]): Promise<string[]> {
  await session.exec(CREATE_MIGRATIONS_TABLE);
  const applied = await session.query<{ migration_name: string; checksum: string }>(
    `SELECT migration_name, checksum FROM "_prisma_migrations"
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    [],
  );
  const appliedByName = new Map(applied.map((row) => [row.migration_name, row.checksum]));
  const done: string[] = [];
  for (const migration of migrations) {
    const checksum = appliedByName.get(migration.name);
    if (checksum !== undefined) {
      if (checksum !== migration.checksum) {
        throw new Error(`migration ${migration.name} was modified after it was applied`);
      }
      continue;
    }
    await session.exec('BEGIN');
    try {
      await session.exec(migration.sql);
      await session.query(
        `INSERT INTO "_prisma_migrations"
           (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
         VALUES ($1, $2, now(), $3, now(), 1)`,
        [randomUUID(), migration.checksum, migration.name],
      );
      await session.exec('COMMIT');
    } catch (error) {
      await session.exec('ROLLBACK');
      throw new Error(`migration ${migration.name} failed: ${String(error)}`);
    }
    done.push(migration.name);
  }
  return done;
}
