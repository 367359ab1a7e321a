// The campaign and dashboard pages' response and request types, taken from the generated
// client (schema.d.ts), so a change of the API's contract is a type error on these pages.
import type { components, paths } from '../api/schema';

type Schemas = components['schemas'];

export type Campaign = Schemas['Campaign'];
export type CampaignListItem = Schemas['CampaignListItem'];
export type CampaignDuty = Schemas['CampaignDuty'];
export type CampaignReport = Schemas['CampaignReport'];
export type CampaignProgress = Schemas['CampaignProgress'];
export type CampaignPairing = Schemas['CampaignPairing'];
export type Dashboard = Schemas['Dashboard'];
export type CountyProgress = CampaignProgress['counties'][number];
export type Milestone = CampaignProgress['milestones'][number];

type JsonBody<T> = T extends { requestBody?: { content: { 'application/json': infer B } } }
  ? B
  : never;

export type CreateCampaignBody = JsonBody<paths['/api/v1/campaigns']['post']>;
export type UpdateCampaignBody = JsonBody<paths['/api/v1/campaigns/{id}']['patch']>;
export type SubmitReportBody = JsonBody<paths['/api/v1/campaigns/{id}/reports']['post']>;
export type ReviewReportBody = JsonBody<
  paths['/api/v1/campaigns/{id}/reports/{reportId}/review']['post']
>;
export type CreatePairingsBody = JsonBody<paths['/api/v1/campaigns/{id}/pairings']['post']>;
export type LetterBody = JsonBody<
  paths['/api/v1/campaigns/{id}/pairings/{pairingId}/letter']['post']
>;
export type PhaseBody = CreateCampaignBody['phases'][number];
export type DutyBody = NonNullable<PhaseBody['duties']>[number];
