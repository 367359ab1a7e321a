// The campaign module's public face: its rules and workflow messages (also reachable through
// the workflow-safe workflow-api.ts), what other modules read of a campaign's progress, and
// the response schemas other modules' answers embed. Routes, activities and the workflow are
// wired in by the composition root.
export * from './workflow-api';
export type { LoadedCampaignProgress, OfficeStatusRow } from './progress-store';
export {
  loadCampaignProgress,
  loadOfficeStatusRows,
  loadSigningRates,
  officePairings,
} from './progress-store';
export { CampaignPairing, OfficePairing } from './responses';
