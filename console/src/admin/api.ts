// What the offices and administration pages share for reading the API: the generated schema's
// response types by name, a `read()` that takes its type from the typed client's answer (so a
// changed response schema is a type error here, not a blank cell), and cursor paging.
import { useState } from 'react';
import { ApiError, body } from '../api/client';
import type { components } from '../api/schema';
import type { Problem } from '../api/types';

/** A response schema of /openapi.json by its component name (User, ApiKey, Office…). */
export type Schema<K extends keyof components['schemas']> = components['schemas'][K];

/** The body of a successful answer, typed as the OpenAPI document declares it; else an ApiError. */
export function read<D>(
  call: Promise<{ data?: D; error?: unknown; response: Response }>,
): Promise<D> {
  return body<D>(call);
}

/** One row of the office import's refusal: its spreadsheet row, its code and what is wrong. */
export interface ImportRowReport {
  row: number;
  code: string | null;
  reasons: { field: string; message: string }[];
}

/** The import's per-row report (the 422's extension member `rows`), if the error carries one. */
export function importRows(error: unknown): ImportRowReport[] | null {
  if (!(error instanceof ApiError)) return null;
  const rows = (error.problem as Problem & { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as ImportRowReport[]) : null;
}

/**
 * Cursor paging for a list whose filters are `filterKey`: the cursors of the pages visited so
 * far (the API gives only `nextCursor`, so "previous" goes back through them). A change of
 * filters starts again at the first page.
 */
export function useCursorPages(filterKey: string) {
  const [state, setState] = useState<{ key: string; cursors: string[] }>({
    key: filterKey,
    cursors: [],
  });
  const cursors = state.key === filterKey ? state.cursors : [];
  return {
    /** The cursor of the page shown (undefined: the first). */
    cursor: cursors[cursors.length - 1],
    page: cursors.length + 1,
    next: (nextCursor: string) => setState({ key: filterKey, cursors: [...cursors, nextCursor] }),
    previous: () => setState({ key: filterKey, cursors: cursors.slice(0, -1) }),
  };
}
