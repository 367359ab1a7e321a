// The administration sections and who may open each: the roles the API admits on the
// section's reads (a reviewer reads bulk actions and draws; everyone reads criteria; county
// operators read their county's notification log). Writes inside a section are offered only
// to the roles the API admits for them (the pages check `canWrite`).
import type { Role } from '../api/types';
import type { TextKey } from './text';

export interface Section {
  path: string;
  label: TextKey;
  roles: readonly Role[];
}

const ADMIN: readonly Role[] = ['CITY_ADMIN'];
const CITY: readonly Role[] = ['CITY_REVIEWER', 'CITY_ADMIN'];

export const SECTIONS: readonly Section[] = [
  { path: 'users', label: 'admin.users', roles: ADMIN },
  { path: 'api-keys', label: 'admin.apiKeys', roles: ADMIN },
  { path: 'counties', label: 'admin.counties', roles: ADMIN },
  { path: 'recipients', label: 'admin.recipients', roles: ADMIN },
  {
    path: 'criteria',
    label: 'admin.criteria',
    roles: ['COUNTY_OPERATOR', 'CITY_REVIEWER', 'INSPECTOR', 'CITY_ADMIN'],
  },
  { path: 'bulk-actions', label: 'admin.bulkActions', roles: CITY },
  { path: 'spot-check-draws', label: 'admin.draws', roles: CITY },
  { path: 'audit', label: 'admin.audit', roles: ADMIN },
  {
    path: 'notifications',
    label: 'admin.notifications',
    roles: ['COUNTY_OPERATOR', 'CITY_REVIEWER', 'CITY_ADMIN'],
  },
  { path: 'reconcile', label: 'admin.reconcile', roles: ADMIN },
];

export const sectionsFor = (role: Role | undefined): Section[] =>
  SECTIONS.filter((section) => role !== undefined && section.roles.includes(role));
