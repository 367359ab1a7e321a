// The server's pure rules and types the console uses, imported from the server's own modules
// (no copies): the lifecycle's command gates, the criteria and the evaluator that scores an
// inspection. They are pure (no Node APIs: the console's type check has no Node types, and the
// Vite build refuses a Node built-in), so the browser runs exactly the code the workflow runs.
// One file imports them, so that when the server's layout moves only these paths change.
export type {
  CertificationState,
  CommandType,
  OpenCheck,
} from '../../../modules/certification/rules/lifecycle';
export { commandRefusal, rolesFor } from '../../../modules/certification/rules/lifecycle';
export type { DueKind } from '../../../modules/certification/rules/schemas';
export type { Actor, Role } from '../../../modules/shared/actor';
export type {
  CriteriaItem,
  CriteriaSet,
  PinnedCriteria,
} from '../../../modules/criteria/rules/criteria';
export { allItems, normaliseCriteria } from '../../../modules/criteria/rules/criteria';
export type { Decision, InspectionScores, Reason } from '../../../modules/criteria/rules/evaluator';
export { evaluate } from '../../../modules/criteria/rules/evaluator';
export type { OfficeProfileValues } from '../../../modules/office/rules/profile';
export { chinaDate } from '../../../modules/shared/china-time';
