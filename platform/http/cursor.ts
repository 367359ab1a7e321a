// Opaque pagination cursors: base64url JSON of where the last page ended. Opaque so callers
// do not build them (the key may change); validated on the way back in, so a tampered or
// stale cursor is a 400 naming `cursor`, never a 500.
import type { z } from 'zod';
import { inputProblems } from './input-guard';
import { Problem } from './problems';

export function encodeCursor<T>(schema: z.ZodType<T>, position: T): string {
  return Buffer.from(JSON.stringify(schema.parse(position)), 'utf8').toString('base64url');
}

export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  // The cursor's text is base64 and passed the edge's guard; what it decodes to must too.
  if (!parsed.success || inputProblems(parsed.data, 'cursor').length > 0) {
    throw new Problem(400, 'Bad Request', 'the cursor is not one this API gave out', [
      { field: 'cursor', message: 'invalid cursor; start again without it' },
    ]);
  }
  return parsed.data;
}

/**
 * One page from `rows` fetched with `limit + 1` (the extra row only says another page follows),
 * and the cursor of the next page — where the page's last row stands — or null on the last page.
 */
export function pageOf<Row, T>(
  rows: readonly Row[],
  limit: number,
  schema: z.ZodType<T>,
  positionOf: (row: Row) => T,
): { items: Row[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor(schema, positionOf(last)) : null,
  };
}
