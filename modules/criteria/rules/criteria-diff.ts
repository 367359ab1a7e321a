// What changed between two versions of a criteria set: the set's own fields, and the
// dimensions and items added, removed or changed (field by field). Pure.
import type { CriteriaDimension, CriteriaItem, CriteriaSet } from './criteria';
import { allItems } from './criteria';

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface CodedChange {
  code: string;
  changes: FieldChange[];
}

export interface CriteriaDiff {
  code: string;
  from: number;
  to: number;
  /** Changes to the set's own fields (titles, source, totalPoints, passThreshold). */
  set: FieldChange[];
  dimensions: { added: string[]; removed: string[]; changed: CodedChange[] };
  items: { added: string[]; removed: string[]; changed: CodedChange[] };
  /** No difference at all. */
  identical: boolean;
}

/** JSON with object keys sorted, so equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function fieldChanges<T extends object>(a: T, b: T, fields: readonly (keyof T)[]) {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (canonical(a[field]) !== canonical(b[field])) {
      changes.push({ field: String(field), from: a[field] ?? null, to: b[field] ?? null });
    }
  }
  return changes;
}

function compare<T extends { code: string }>(
  before: T[],
  after: T[],
  fields: readonly (keyof T)[],
) {
  const old = new Map(before.map((x) => [x.code, x]));
  const now = new Map(after.map((x) => [x.code, x]));
  const changed: CodedChange[] = [];
  for (const [code, next] of now) {
    const previous = old.get(code);
    if (!previous) continue;
    const changes = fieldChanges(previous, next, fields);
    if (changes.length > 0) changed.push({ code, changes });
  }
  return {
    added: after.filter((x) => !old.has(x.code)).map((x) => x.code),
    removed: before.filter((x) => !now.has(x.code)).map((x) => x.code),
    changed,
  };
}

const SET_FIELDS = ['titleZh', 'titleEn', 'source', 'totalPoints', 'passThreshold'] as const;
const DIMENSION_FIELDS: readonly (keyof CriteriaDimension)[] = ['titleZh', 'titleEn', 'source'];
const ITEM_FIELDS: readonly (keyof (CriteriaItem & { dimension: string }))[] = [
  'dimension',
  'titleZh',
  'titleEn',
  'kind',
  'maxPoints',
  'evidence',
  'source',
  'autoCheck',
];

export function diffCriteria(from: CriteriaSet, to: CriteriaSet): CriteriaDiff {
  const set = fieldChanges(from, to, SET_FIELDS);
  const dimensions = compare(from.dimensions, to.dimensions, DIMENSION_FIELDS);
  const items = compare(allItems(from), allItems(to), ITEM_FIELDS);
  const identical =
    set.length === 0 &&
    [dimensions, items].every(
      (d) => d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0,
    );
  return { code: to.code, from: from.version, to: to.version, set, dimensions, items, identical };
}
