// Shows a refused request where the user will see it: a 400's `errors[]` next to the form
// fields they name (the API names fields by their path, e.g. `contact.phone`), and anything
// else — a 409 with the workflow's reason, a 403, a field the form does not have — as one
// message for the form's alert.
import type { FormInstance } from 'antd';
import { ApiError } from './client';

type FieldPath = (string | number)[];

function pathOf(field: string): FieldPath {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

const samePath = (a: FieldPath, b: FieldPath) =>
  a.length === b.length && a.every((part, i) => part === b[i]);

/**
 * Marks the fields a problem names on the form and returns what is left to say (null when
 * every error found its field).
 */
export function showProblem(
  form: FormInstance,
  error: unknown,
  fields: readonly FieldPath[],
): string | null {
  if (!(error instanceof ApiError)) {
    return error instanceof Error ? error.message : String(error);
  }
  const { problem } = error;
  const unplaced: string[] = [];
  const placed = new Map<string, { name: FieldPath; errors: string[] }>();
  for (const item of problem.errors ?? []) {
    const name = fields.find((candidate) => samePath(candidate, pathOf(item.field)));
    if (!name) {
      unplaced.push(`${item.field}: ${item.message}`);
      continue;
    }
    const key = name.join('.');
    const entry = placed.get(key) ?? { name, errors: [] };
    entry.errors.push(item.message);
    placed.set(key, entry);
  }
  form.setFields([...placed.values()]);
  if (placed.size > 0 && unplaced.length === 0) return null;
  return [problem.detail ?? problem.title, ...unplaced].join('; ');
}
