// The audit module's public face: the writer other modules use to add a row to the
// append-only audit trail. The reading routes are wired in by the composition root.
export * from './audit-log';
