// The setup every API test file shares that needs no workflow: a fresh database with the demo
// data, the Express app on it, and an orderly teardown. Such routes never reach Temporal; the
// placeholder client throws if one does, which shows up as the 500 these tests forbid.
import type { Client } from '@temporalio/client';
import type { Express } from 'express';
import type { AppDeps } from '../../api/app';
import { createApp } from '../../api/app';
import { seedDemoUsers } from '../../modules/access/demo-users';
import { seedDemoData } from '../../modules/demo/seed';
import type { TestDatabase } from './database';
import { createTestDatabase } from './database';

export const NO_TEMPORAL: AppDeps['temporal'] = { client: {} as Client, taskQueue: 'unused' };

export interface ApiHarness {
  readonly db: TestDatabase;
  readonly app: Express;
  /** Another app on the same database, e.g. with other security settings or a logger. */
  appWith(deps: Partial<AppDeps>): Express;
}

export function useApiHarness(
  options: {
    /** Seed the demo city, counties, offices, campaign and API keys (default true). */
    demoData?: boolean;
    /** Also the demo users (one per role). */
    demoUsers?: boolean;
    /** The app's dependencies besides the database and Temporal. */
    deps?: Partial<AppDeps>;
    /** More data the file needs before the app is built. */
    prepare?: (db: TestDatabase) => Promise<void>;
    /** Told every SQL statement the database client sends. */
    onQuery?: (sql: string) => void;
  } = {},
): ApiHarness {
  let db: TestDatabase | undefined;
  let app: Express | undefined;

  const started = (): TestDatabase => {
    if (!db) throw new Error('the database is not started (beforeAll failed?)');
    return db;
  };
  const appWith = (deps: Partial<AppDeps>) =>
    createApp({
      prisma: started().prisma,
      temporal: NO_TEMPORAL,
      // Every answer in every API test is checked against the published contract.
      contract: 'enforce',
      ...options.deps,
      ...deps,
    });

  beforeAll(async () => {
    db = await createTestDatabase({ onQuery: options.onQuery });
    if (options.demoData ?? true) await seedDemoData(db.prisma);
    if (options.demoUsers) await seedDemoUsers(db.prisma);
    await options.prepare?.(db);
    app = appWith({});
  });

  afterAll(async () => {
    await db?.close();
  });

  return {
    get db() {
      return started();
    },
    get app() {
      if (!app) throw new Error('the app is not built (beforeAll failed?)');
      return app;
    },
    appWith,
  };
}
