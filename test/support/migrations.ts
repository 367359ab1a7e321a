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

/**
 * One city, two counties with an office each, one campaign, three certifications (c1 and c2
 * declared in county-a, c3 certified in county-b), as the schema stood from 2026-12-01 on.
 */
export const THREE_CERTIFICATIONS_SQL = `
  INSERT INTO "City" (id, code, name) VALUES ('city-x', 'X', 'X市');
  INSERT INTO "County" (id, "cityId", code, name)
    VALUES ('county-a', 'city-x', 'X-1', 'A区'), ('county-b', 'city-x', 'X-2', 'B区');
  INSERT INTO "Office" (id, "countyId", code, name, type)
    VALUES ('office-a', 'county-a', 'X-1-1', 'A所', 'STREET'),
           ('office-b', 'county-b', 'X-2-1', 'B所', 'TOWNSHIP');
  INSERT INTO "Campaign" (id, "cityId", name, config) VALUES ('camp-x', 'city-x', 'C', '{}');
  INSERT INTO "Certification" (id, "workflowId", "officeId", "countyId", "cityId",
      "campaignId", status, revision, config, state, "declaredAt", "updatedAt")
    VALUES
      ('c1', 'w1', 'office-a', 'county-a', 'city-x', 'camp-x', 'DECLARED', 1, '{}', '{}', now(), now()),
      ('c2', 'w2', 'office-a', 'county-a', 'city-x', 'camp-x', 'DECLARED', 1, '{}', '{}', now(), now()),
      ('c3', 'w3', 'office-b', 'county-b', 'city-x', 'camp-x', 'CERTIFIED', 5, '{}', '{}', now(), now());`;
