// Configuration of the Prisma CLI (migrate, diff, validate). Prisma's native schema engine
// cannot be downloaded here, so the CLI runs its JavaScript engine over the same driver
// adapters the application uses (docs/decisions/0002-prisma-driver-adapters.md).
//
// PGLITE_DATA_DIR set → embedded PGlite in that directory ("memory://" for a throwaway one).
// Otherwise          → the PostgreSQL server at DATABASE_URL, through @prisma/adapter-pg.
//
// The schema's `url = env("DATABASE_URL")` must parse as a PostgreSQL URL even for PGlite,
// or the CLI falls back to a native engine and fails on its download; scripts/db-migrate.ts
// passes a placeholder URL in that case.
import path from 'node:path';
import { defineConfig } from 'prisma/config';

export default defineConfig({
  experimental: { adapter: true },
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  engine: 'js',
  async adapter() {
    const pgliteDataDir = process.env.PGLITE_DATA_DIR;
    if (pgliteDataDir === undefined || pgliteDataDir === '') {
      const { PrismaPg } = await import('@prisma/adapter-pg');
      return new PrismaPg({ connectionString: process.env.DATABASE_URL ?? '' });
    }
    const { PGlite } = await import('@electric-sql/pglite');
    const { PrismaPGlite } = await import('pglite-prisma-adapter');
    // pglite-prisma-adapter 0.6 and Prisma 6.19 carry separate copies of the adapter types.
    return new PrismaPGlite(new PGlite(pgliteDataDir)) as never;
  },
});
