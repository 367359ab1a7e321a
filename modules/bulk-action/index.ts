// The bulk-action module: one lifecycle command sent to many certifications at once, with an
// outcome per office. Nothing in it is used by other modules; its routes are wired in by the
// composition root.
export {};
