// The certification module's public face for other modules: its rules and messages (also
// reachable through the workflow-safe workflow-api.ts), starting a certification and sending
// it lifecycle commands through Temporal with refusals as typed values, which certifications
// a caller may see, reconciliation of the projection, and the response schemas other answers
// embed. Routes, activities and the workflow are wired in by the composition root.
export * from './workflow-api';
export type { CommandOutcome, CommandTarget } from './command-outcome';
export { ALREADY_DONE, commandOutcome } from './command-outcome';
export type { DeclareArgs, RefusalKind, TemporalDeps } from './client';
export { CertificationRefusal, declareCertification, sendCommand } from './client';
export * from './scope';
export * from './reconcile';
export {
  Certification,
  CertificationListItem,
  InspectorAssignment,
  NextDue,
  OpenCheck as OpenCheckAnswer,
  presentOpenCheck,
  ReconcileReport,
} from './responses';
