// The server's pure rules and types the console uses, imported from the server's own modules
// (no copies): the lifecycle's command gates, the criteria and the evaluator that scores an
// inspection. They are pure (no Node APIs: the console's type check has no Node types, and the
// Vite build refuses a Node built-in), so the browser runs exactly the code the workflow runs.
// One file imports them, so that when the server's layout moves only these paths change.
export type { CertificationState, CommandType, OpenCheck } from '../../../domain/lifecycle';
export { commandRefusal, rolesFor } from '../../../domain/lifecycle';
export type { Actor, DueKind, Role } from '../../../domain/schemas';
export type { CriteriaItem, CriteriaSet, PinnedCriteria } from '../../../domain/criteria';
export { allItems, normaliseCriteria } from '../../../domain/criteria';
export type { Decision, InspectionScores, Reason } from '../../../domain/evaluator';
export { evaluate } from '../../../domain/evaluator';
export type { OfficeProfileValues } from '../../../domain/office-profile';
export { chinaDate } from '../../../domain/china-time';
