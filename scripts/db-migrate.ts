// Applies the committed migrations with `prisma migrate deploy`, to the embedded PGlite
// database or to PostgreSQL, whichever the configuration names (npm run db:migrate).
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { DatabaseConfig } from '../config/env';
import { loadConfig } from '../config/env';
import { PROJECT_ROOT } from '../config/paths';

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

export async function migrateDatabase(
  database: DatabaseConfig,
  output: 'inherit' | 'pipe' = 'inherit',
): Promise<string> {
  if (database.kind === 'pglite' && !database.dataDir.startsWith('memory://')) {
    mkdirSync(database.dataDir, { recursive: true });
  }
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
