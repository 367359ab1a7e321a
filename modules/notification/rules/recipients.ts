// Who may receive which notices: the languages mail is written in, the functions a person or
// address can hold, and which side (a county or the city bureau) each function belongs to.
// Pure: the API validates with these schemas and rules, db/recipient-directory.ts resolves.
import { z } from 'zod';
import { COUNTY_FUNCTIONS, RecipientFunctions } from '../../certification/workflow-api';
import type { RecipientFunction } from '../../certification/workflow-api';
import type { Role } from '../../shared';

/** The languages mail and inbox titles are written in; Chinese unless someone chooses English. */
export const Language = z.enum(['zh-CN', 'en']);
export type Language = z.infer<typeof Language>;

export const NotificationFunction = z.enum(RecipientFunctions);
export type NotificationFunction = z.infer<typeof NotificationFunction>;

/** An email address (compared without case when deciding who already gets a message). */
export const EmailAddress = z.email().max(200);

export function isCountyFunction(fn: RecipientFunction): boolean {
  return COUNTY_FUNCTIONS.includes(fn);
}

/**
 * The functions a new user holds unless the admin chooses: their role's own (an inspector's
 * work is assigned to them, not announced by mail), so a user created with an email hears
 * what their role must act on.
 */
export function defaultFunctionsForRole(role: Role): RecipientFunction[] {
  switch (role) {
    case 'COUNTY_OPERATOR':
      return ['COUNTY_OPERATOR'];
    case 'CITY_REVIEWER':
      return ['CITY_REVIEWER'];
    case 'CITY_ADMIN':
      return ['CITY_ADMIN'];
    case 'INSPECTOR':
      return [];
  }
}

/**
 * Why functions do not fit someone bound (or not) to a county: county functions are held in
 * a county, city functions in the city bureau. Empty when they fit.
 */
export function misplacedFunctions(
  functions: readonly RecipientFunction[],
  countyBound: boolean,
): string[] {
  return functions
    .filter((fn) => isCountyFunction(fn) !== countyBound)
    .map((fn) =>
      countyBound
        ? `${fn} is a city bureau function; someone of a county cannot hold it`
        : `${fn} is held in a county; give a county (a county operator's account) to hold it`,
    );
}
