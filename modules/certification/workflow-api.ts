// The certification module's workflow-safe entry: the lifecycle rules, commands, escalation,
// schemas and wording, the workflow's messages and search attributes, and who is told what
// (notices). Nothing reachable from here may import Node, Prisma or the HTTP layer, because
// the workflow bundle includes it.
export * from './rules/lifecycle';
export * from './rules/commands';
export * from './rules/escalation';
export * from './rules/schemas';
export * from './rules/wording';
export * from './messages';
export * from './search-attributes';
export * from './notices/audience';
export * from './notices/templates';
