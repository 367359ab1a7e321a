// The criteria module's workflow-safe entry: pure rules only (criteria sets, the evaluator,
// version differences), for workflow code and other modules' rules. Nothing reachable from
// here may import Node, Prisma or the HTTP layer, because the workflow bundle includes it.
export * from './rules/criteria';
export * from './rules/evaluator';
export * from './rules/criteria-diff';
export * from './rules/criteria-sets';
