// Applies the committed migrations to the configured database (npm run db:migrate).
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { DatabaseConfig } from '../platform/config/env';
import { loadConfig } from '../platform/config/env';
import { PROJECT_ROOT } from '../platform/config/paths';
import { openPglite } from '../platform/db/client';
import type { SqlSession } from '../platform/db/migrations';
import { applyMigrations } from '../platform/db/migrations';
import { backfillCertificationTasks } from '../modules/inbox/backfill';
import { pgSession, pgliteSession } from '../platform/db/sql-sessions';
import { Client } from 'pg';

/** Environment for the Prisma CLI; see prisma.config.ts for why PGlite needs a placeholder URL. */
export function prismaCliEnv(database: DatabaseConfig): NodeJS.ProcessEnv {
  if (database.kind === 'postgres') {
    return { ...process.env, DATABASE_URL: database.url, PGLITE_DATA_DIR: '' };
  }
  return {
    ...process.env,
    DATABASE_URL: 'postgresql://embedded-pglite/unused',
    PGLITE_DATA_DIR: database.dataDir,
    // Prisma's advisory lock hangs on PGlite's single connection.
    PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK: '1',
  };
}

/**
 * Applies pending migrations in-process with db/migrations.ts, on PGlite and PostgreSQL
 * alike, and returns a human-readable report. (`prisma migrate deploy` is kept for
 * checking compatibility: see docs/decisions/0004-in-process-migration-runner.md.)
 */
export async function migrateDatabase(
  database: DatabaseConfig,
  output: 'inherit' | 'pipe' = 'inherit',
): Promise<string> {
  const { applied, backfilled } = await withSession(database, async (session) => ({
    applied: await applyMigrations(session),
    backfilled: await backfillCertificationTasks(session),
  }));
  const report =
    (applied.length === 0
      ? 'No pending migrations to apply.'
      : `Applied ${applied.length} migration(s): ${applied.join(', ')}`) +
    (backfilled > 0 ? ` Projected the inbox steps of ${backfilled} certification(s).` : '');
  if (output === 'inherit') console.log(report);
  return report;
}

async function withSession<T>(
  database: DatabaseConfig,
  fn: (session: SqlSession) => Promise<T>,
): Promise<T> {
  if (database.kind === 'pglite') {
    if (!database.dataDir.startsWith('memory://')) mkdirSync(database.dataDir, { recursive: true });
    const pglite = openPglite(database.dataDir);
    try {
      return await fn(pgliteSession(pglite));
    } finally {
      await pglite.close();
    }
  }
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    return await fn(pgSession(client));
  } finally {
    await client.end();
  }
}

export async function prismaMigrateDeploy(
  database: DatabaseConfig,
  output: 'inherit' | 'pipe' = 'inherit',
): Promise<string> {
  const cli = require.resolve('prisma/build/index.js', { paths: [PROJECT_ROOT] });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'migrate', 'deploy'], {
      cwd: PROJECT_ROOT,
      env: { ...prismaCliEnv(database), CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      stdio: ['ignore', output, output],
    });
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(text);
      else reject(new Error(`prisma migrate deploy exited with code ${code}\n${text}`));
    });
  });
}

if (require.main === module) {
  migrateDatabase(loadConfig().database).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
