// The inbox module's public face: the task rules (also reachable through workflow-api.ts)
// that other modules' task sources fill. Its routes are wired in by the composition root.
export * from './workflow-api';
