// The campaign module's workflow-safe entry: its pure rules (the plan and agenda, targets,
// pairings) and the campaign workflow's messages. Nothing reachable from here may import
// Node, Prisma or the HTTP layer, because the workflow bundle includes it.
export * from './rules/campaign';
export * from './rules/targets';
export * from './rules/pairing';
export * from './messages';
