// For a migration's own test: a database at the schema just before it, with data put in the
// way the older code wrote it, then the migration and those after it applied.
import { PGlite } from '@electric-sql/pglite';
import type { SqlSession } from '../../platform/db/migrations';
import { applyMigrations, committedMigrations } from '../../platform/db/migrations';
import { pgliteSession } from '../../platform/db/sql-sessions';

export interface BeforeMigration {
  session: SqlSession;
  /** Applies the migration and every later one. */
  migrate: () => Promise<void>;
}

/** Applies the committed migrations that come before the one whose name ends with `suffix`. */
export async function migratedUpTo(pglite: PGlite, suffix: string): Promise<BeforeMigration> {
  const session = pgliteSession(pglite);
  const all = committedMigrations();
  const at = all.findIndex((m) => m.name.endsWith(suffix));
  if (at < 1) throw new Error(`no migration after the first ends with ${suffix}`);
  await applyMigrations(session, all.slice(0, at));
  return {
    session,
    migrate: async () => {
      await applyMigrations(session, all);
    },
  };
}

/**
 * Runs `check` on a fresh in-memory database brought up to just before the migration whose
 * name ends with `suffix`, and closes the database whatever happens.
 */
export async function beforeMigration(
  suffix: string,
  check: (before: BeforeMigration) => Promise<void>,
): Promise<void> {
  const pglite = new PGlite();
  try {
    await check(await migratedUpTo(pglite, suffix));
  } finally {
    await pglite.close();
  }
}
