// The audit module's public face: the one builder of an audit-trail row, and the writer of
// administrative events other modules use. The reading routes are wired in by the
// composition root.
export * from './audit-log';
