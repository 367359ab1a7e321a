// Builds the Prisma client over the configured driver adapter. This is the one module that
// knows there are two databases (embedded PGlite, real PostgreSQL).
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../../generated/prisma/client';
import type { Prisma } from '../../generated/prisma/client';
import type { DatabaseConfig } from '../config/env';

export type Database = PrismaClient;

type ClientAdapter = NonNullable<Prisma.PrismaClientOptions['adapter']>;

export interface DatabaseHandle {
  prisma: PrismaClient;
  close(): Promise<void>;
}

/** A PGlite instance in `dataDir` ("memory://" for a throwaway one). */
export function openPglite(dataDir: string): PGlite {
  return new PGlite(dataDir);
}

/** Prisma over an already-open PGlite instance (the caller owns and closes it). */
export function prismaOverPglite(pglite: PGlite): PrismaClient {
  // pglite-prisma-adapter@0.6 and @prisma/adapter-pg@7 each bundle their own copy of
  // @prisma/driver-adapter-utils; they are the same protocol at run time but distinct types.
  const adapter = new PrismaPGlite(pglite) as unknown as ClientAdapter;
  return new PrismaClient({ adapter });
}

/**
 * Prisma over a pg pool we own: Prisma's $disconnect does not end a pool passed to the
 * adapter, and an idle pooled connection that the server terminates must not crash the
 * process (it is logged and replaced on next use).
 */
export function openPostgres(url: string): DatabaseHandle {
  const pool = new Pool({ connectionString: url });
  pool.on('error', (error) => {
    console.error(
      JSON.stringify({ level: 'warn', msg: 'idle database connection lost', error: error.message }),
    );
  });
  const adapter = new PrismaPg(pool) as unknown as ClientAdapter;
  const prisma = new PrismaClient({ adapter });
  return {
    prisma,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

export function openDatabase(config: DatabaseConfig): DatabaseHandle {
  if (config.kind === 'postgres') return openPostgres(config.url);
  const pglite = openPglite(config.dataDir);
  const prisma = prismaOverPglite(pglite);
  return {
    prisma,
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
