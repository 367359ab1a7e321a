// The criteria module's public face: its pure rules (also reachable through the workflow-safe
// workflow-api.ts), the store of published versions, and the version a declaration pins.
export * from './workflow-api';
export type { PublishRefusal, PublishResult, StoredCriteriaVersion } from './store';
export {
  findCriteriaVersion,
  findCriteriaVersionById,
  listCriteriaVersions,
  publishCriteriaVersion,
} from './store';
export { campaignCriteria } from './pinning';
