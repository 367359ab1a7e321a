// Puts a refused campaign submission's `errors[]` onto the editor's fields: the API names
// fields by the body's paths, which the editor's form lays out differently (editor-model.ts
// formPathOf); what finds no field is returned for the alert above the form.
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';
import { showProblem } from '../api/problems';
import type { FormPath } from './editor-model';

export function placeProblem(
  form: FormInstance,
  error: unknown,
  formPathOf: (field: string) => FormPath | null,
): string | null {
  if (!(error instanceof ApiError)) return showProblem(form, error, []);
  const fields: FormPath[] = [];
  const errors = (error.problem.errors ?? []).map((item) => {
    const path = formPathOf(item.field);
    if (!path) return item;
    fields.push(path);
    return { field: path.join('.'), message: item.message };
  });
  return showProblem(form, new ApiError({ ...error.problem, errors }), fields);
}
