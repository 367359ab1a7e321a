// The notification module's public face: recipient rules and the notification retry policy
// (also reachable through workflow-api.ts), the outbox other modules' activities send
// through, and the daily digest's workflow type for the schedule. Routes, activities and the
// digest workflow are wired in by the composition root.
export * from './workflow-api';
export type {
  NotificationActivities,
  NotifyResult,
  OutboxDeps,
  OutgoingMessage,
  NotificationFaults,
} from './activities';
export { createOutbox, isFinalAttempt, localeOf } from './activities';
export { DAILY_DIGEST_WORKFLOW_TYPE } from './digest-workflow';
