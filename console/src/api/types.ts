// The response bodies the console reads. The OpenAPI document still describes most 2xx bodies
// as `{}` (see docs/decisions/0019-web-console.md), so these are written from the API's
// presenters (api/certifications.ts, api/tasks.ts, api/registry.ts, api/security.ts,
// api/offices.ts, api/campaigns.ts) and applied where a response is read (`body<T>()` in
// client.ts). Once the document has real response schemas, regenerate the client and replace
// each with the generated type.
import type { DueKind, Status, TaskKind } from '../i18n/labels';

export type Role = 'COUNTY_OPERATOR' | 'CITY_REVIEWER' | 'INSPECTOR' | 'CITY_ADMIN';

export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  cityId: string;
  countyId: string | null;
}

export interface LoginResponse {
  accessToken: string;
  tokenType: 'Bearer';
  expiresAt: string;
  user: User;
}

export interface City {
  id: string;
  code: string;
  name: string;
  counties: number;
  offices: number;
}

export interface County {
  id: string;
  code: string;
  name: string;
  offices: number;
}

export interface OfficeListItem {
  id: string;
  code: string;
  name: string;
  type: string;
  county: { id: string; code: string; name: string };
  status: Status | 'NONE' | null;
  certification: { id: string; status: Status; certificateNumber: string | null } | null;
}

export interface CampaignListItem {
  id: string;
  name: string;
  status: string;
  phase: string;
}

export interface Task {
  kind: TaskKind;
  title: string;
  dueAt: string | null;
  overdue: boolean;
  cityId: string;
  countyId: string | null;
  subject:
    | { type: 'certification'; id: string; officeId: string; officeName: string }
    | { type: 'campaign-report'; id: string; campaignId: string; reportKind: string };
}

export interface TaskList {
  items: Task[];
  total: number;
  overdue: number;
  asOf: string;
}

export interface NextDue {
  kind: DueKind | null;
  at: string;
}

export interface CertificationListItem {
  id: string;
  status: Status;
  office: { id: string; name: string; code: string };
  countyId: string;
  certificateNumber: string | null;
  nextDue: NextDue | null;
  updatedAt: string;
}

export type CheckKind = 'VERIFICATION' | 'RECHECK' | 'SPOT_CHECK' | 'RECTIFICATION';

/** The parts of the workflow's state (domain/lifecycle.ts CertificationState) the console shows. */
export interface CertificationState {
  status: Status;
  declaration: {
    plan: { summary: string; feature: string };
    contact: { name: string; phone: string };
    submittedAt: number;
    returnedAt: number | null;
  };
  progressReportCount: number;
  evidenceCount: number;
  verificationAttempts: number;
  openCheck: {
    kind: CheckKind;
    openedAt: number;
    dueAt: number;
    inspection: object | null;
    documentReview: object | null;
    localOpinion: object | null;
  } | null;
  certificate: { number: string | null; certifiedAt: number } | null;
  exemplary: { experienceSummary: string; markedAt: number } | null;
  nextRecheckAt: number | null;
  rechecksOpened: number;
  rectification: { dueAt: number; submittedAt: number | null } | null;
  closedAt: number | null;
}

export interface TimelineEntry {
  revision: number | null;
  action: string;
  actor: { id: string; role: string };
  fromStatus: Status | null;
  toStatus: Status | null;
  reason: string | null;
  occurredAt: string;
}

export interface NotificationEntry {
  kind: string;
  recipientId: string;
  subject: string;
  status: string;
  attempts: number;
  sentAt: string | null;
}

export interface Certification {
  id: string;
  status: Status;
  revision: number;
  office: { id: string; code: string; name: string; type: string };
  countyId: string;
  cityId: string;
  campaignId: string;
  certificateNumber: string | null;
  nextDue: NextDue | null;
  declaredAt: string;
  updatedAt: string;
  state: CertificationState;
  timeline: TimelineEntry[];
  notifications: NotificationEntry[];
}

export interface RegistryEntry {
  office: string;
  officeCode: string;
  county: string;
  city: string;
  certificateNumber: string | null;
  certifiedAt: string | null;
}

export interface Registry {
  named: (RegistryEntry & { exemplary: boolean })[];
  revoked: (RegistryEntry & { revokedAt: string | null })[];
}

/** RFC 9457 problem details as the API answers them (api/app.ts problemDocument). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
}
