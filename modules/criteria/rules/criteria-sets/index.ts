// The criteria sets shipped with the system, shared by every city. Each version is inserted
// by a migration (so every database has it, and it can never change); a test checks that the
// database and these definitions agree. A revised set is a new version in a new file and a
// new migration, never an edit here.
import type { CriteriaSet } from '../criteria';
import { FENGQIAO_OFFICE_V1 } from './fengqiao-office';
import { STANDARDISED_OFFICE_V1 } from './standardised-office';

export { FENGQIAO_OFFICE_V1, STANDARDISED_OFFICE_V1 };

export const SEEDED_CRITERIA_SETS: readonly CriteriaSet[] = [
  FENGQIAO_OFFICE_V1,
  STANDARDISED_OFFICE_V1,
];

/** The id a version is stored and referenced by: `<code>@<version>`. */
export function criteriaVersionId(code: string, version: number): string {
  return `${code}@${version}`;
}
