// The office module's workflow-safe entry: the office profile rules (what a profile holds,
// the snapshot an inspection carries). Nothing reachable from here may import Node, Prisma
// or the HTTP layer, because the workflow bundle includes it.
export * from './rules/profile';
