// The notification module's workflow-safe entry: recipient rules and the retry policy the
// workflows give their notification activities. Nothing reachable from here may import
// Node, Prisma or the HTTP layer, because the workflow bundle includes it.
export * from './rules/recipients';
export * from './notify-retry';
