// The office module's public face: office profile rules and their store (criteria, campaigns
// and inspections read a profile as of a date), and the response schemas other answers embed.
// The import's column layout is public too (the fixture generator writes it). Routes are
// wired in by the composition root.
export * from './workflow-api';
export type { StoredOfficeProfile } from './profile-store';
export {
  officeProfileAsOf,
  officeProfileHistory,
  recordOfficeProfile,
  snapshotOf,
} from './profile-store';
export type { ImportColumn } from './rules/import';
export { IMPORT_COLUMNS } from './rules/import';
