// The response bodies the console reads, all derived from the generated contract
// (schema.d.ts, `npm run console:client`): a field the server renames or drops is a type error
// in the console. The one JSON field the document leaves open — a certification's `state`,
// the workflow's projection — is read as the lifecycle's own CertificationState type (the
// server's domain code, through ../domain), never as a shape written again here.
import type { CertificationState } from '../domain';
import type { components } from './schema';

type Schemas = components['schemas'];

export type Role = Schemas['User']['role'];
export type User = Schemas['User'];
export type LoginResponse = Schemas['LoginResult'];
export type City = Schemas['City'];
export type County = Schemas['County'];
export type OfficeListItem = Schemas['OfficeListItem'];
export type OfficeProfileInEffect = Schemas['OfficeProfileInEffect'];
export type CampaignListItem = Schemas['CampaignListItem'];
export type Task = Schemas['Task'];
export type TaskList = Schemas['Inbox'];
export type CertificationListItem = Schemas['CertificationListItem'];
export type Registry = Schemas['Registry'];
/** What a named and a revoked entry have in common (what the search reads). */
export type RegistryEntry = Omit<Registry['named'][number], 'exemplary'>;
export type Problem = Schemas['Problem'];
export type InspectorAssignment = Schemas['InspectorAssignment'];
export type Inspector = Schemas['Inspector'];

/** A certification as the API sends it, its `state` read as the workflow's state. */
export type Certification = Omit<Schemas['Certification'], 'state'> & {
  state: CertificationState;
};
export type TimelineEntry = Certification['timeline'][number];
export type NotificationEntry = Certification['notifications'][number];
export type { CertificationState };
