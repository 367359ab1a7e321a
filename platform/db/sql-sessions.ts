// SqlSession over the two kinds of connection we use.
import type { PGlite } from '@electric-sql/pglite';
import type { Client } from 'pg';
import type { SqlSession } from './migrations';

export function pgliteSession(pglite: PGlite): SqlSession {
  return {
    async exec(sql) {
      await pglite.exec(sql);
    },
    async query<T>(sql: string, params: unknown[]) {
      return (await pglite.query<T>(sql, params)).rows;
    },
  };
}

export function pgSession(client: Client): SqlSession {
  return {
    async exec(sql) {
      await client.query(sql);
    },
    async query<T>(sql: string, params: unknown[]) {
      return (await client.query(sql, params)).rows as T[];
    },
  };
}
