// The API's code lists the administration forms offer (roles, mail languages, notification
// functions), as the request schemas of /openapi.json spell them.
import type { Role } from '../api/types';

export type Language = 'zh-CN' | 'en';

export const ROLES: readonly Role[] = [
  'COUNTY_OPERATOR',
  'CITY_REVIEWER',
  'INSPECTOR',
  'CITY_ADMIN',
];
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];
export const FUNCTIONS = [
  'COUNTY_OPERATOR',
  'COUNTY_BUREAU_HEAD',
  'CITY_REVIEWER',
  'CITY_BUREAU_DIVISION',
  'CITY_ADMIN',
] as const;
export type NotificationFunction = (typeof FUNCTIONS)[number];
/** Functions held in a county (the others are the city bureau's). */
export const COUNTY_FUNCTIONS = new Set<string>(['COUNTY_OPERATOR', 'COUNTY_BUREAU_HEAD']);
