// Builds the Prisma client over the configured driver adapter. This is the one module that
// knows there are two databases (embedded PGlite, real PostgreSQL).
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../../generated/prisma/client';
import type { Prisma } from '../../generated/prisma/client';
import type { DatabaseConfig } from '../config/env';
import { sendPlainSqlThroughPool } from './plain-sql';

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

export interface ClientOptions {
  /**
   * Told each SQL statement the client sends, as it is sent: the tests count a route's round
   * trips with it (a cost that must not creep back). Nothing is logged when absent.
   */
  onQuery?: (sql: string) => void;
}

function prismaClient(adapter: ClientAdapter, options: ClientOptions): PrismaClient {
  const { onQuery } = options;
  if (!onQuery) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', (event) => onQuery(event.query));
  return client;
}

/** Prisma over an already-open PGlite instance (the caller owns and closes it). */
export function prismaOverPglite(pglite: PGlite, options: ClientOptions = {}): PrismaClient {
  // pglite-prisma-adapter@0.6 and @prisma/adapter-pg@7 each bundle their own copy of
  // @prisma/driver-adapter-utils; they are the same protocol at run time but distinct types.
  const adapter = new PrismaPGlite(pglite) as unknown as ClientAdapter;
  return prismaClient(adapter, options);
}

/**
 * Prisma over a pg pool we own: Prisma's $disconnect does not end a pool passed to the
 * adapter, and an idle pooled connection that the server terminates must not crash the
 * process (it is logged and replaced on next use).
 */
export function openPostgres(url: string, options: ClientOptions = {}): DatabaseHandle {
  const pool = new Pool({ connectionString: url });
  pool.on('error', (error) => {
    console.error(
      JSON.stringify({ level: 'warn', msg: 'idle database connection lost', error: error.message }),
    );
  });
  const adapter = new PrismaPg(pool) as unknown as ClientAdapter;
  const prisma = prismaClient(adapter, options);
  sendPlainSqlThroughPool(prisma, { pool, onQuery: options.onQuery });
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
