// Who is told what, for each transition of a certification. Pure.
import type { NotificationKind } from './templates';

export const RecipientFunctions = [
  'COUNTY_OPERATOR',
  'COUNTY_BUREAU_HEAD',
  'CITY_REVIEWER',
  'CITY_BUREAU_DIVISION',
  'CITY_ADMIN',
] as const;
export type RecipientFunction = (typeof RecipientFunctions)[number];

/** Functions held in a county; the others are held in the city bureau. */
export const COUNTY_FUNCTIONS: readonly RecipientFunction[] = [
  'COUNTY_OPERATOR',
  'COUNTY_BUREAU_HEAD',
];

export interface Audience {
  kind: NotificationKind;
  functions: RecipientFunction[];
}

export interface AudienceEvent {
  action: string;
  details: Record<string, unknown>;
}

function isFunction(value: unknown): value is RecipientFunction {
  return typeof value === 'string' && (RecipientFunctions as readonly string[]).includes(value);
}

export function audienceFor(event: AudienceEvent): Audience | null {
  const county: RecipientFunction[] = ['COUNTY_OPERATOR'];
  const countyAndHead: RecipientFunction[] = ['COUNTY_OPERATOR', 'COUNTY_BUREAU_HEAD'];
  switch (event.action) {
    case 'DECLARED':
      return { kind: 'DECLARATION_RECEIVED', functions: ['COUNTY_OPERATOR', 'CITY_REVIEWER'] };
    case 'DECLARATION_APPROVED':
    case 'DECLARATION_RETURNED':
    case 'DECLARATION_REJECTED':
      return { kind: 'DECLARATION_DECIDED', functions: county };
    case 'VERIFICATION_REQUESTED':
      return { kind: 'VERIFICATION_SCHEDULED', functions: ['CITY_REVIEWER', 'COUNTY_OPERATOR'] };
    case 'VERIFICATION_FAILED':
    case 'VERIFICATION_FAILED_FINAL':
      return { kind: 'VERIFICATION_DECIDED', functions: county };
    case 'CERTIFIED':
      return { kind: 'NAMED', functions: countyAndHead };
    case 'RECHECK_OPENED':
      return { kind: 'RECHECK_DUE', functions: ['COUNTY_OPERATOR', 'CITY_REVIEWER'] };
    case 'SPOT_CHECK_STARTED':
      return { kind: 'SPOT_CHECK', functions: county };
    case 'RECHECK_PASSED':
    case 'SPOT_CHECK_PASSED':
      return { kind: 'CHECK_DECIDED', functions: county };
    case 'RECHECK_FAILED':
    case 'SPOT_CHECK_FAILED':
      return { kind: 'RECTIFICATION_ORDERED', functions: countyAndHead };
    case 'RECTIFICATION_PASSED':
      return { kind: 'RECTIFICATION_DECIDED', functions: county };
    case 'REVOKED':
      return {
        kind: 'REVOKED',
        functions: ['COUNTY_OPERATOR', 'COUNTY_BUREAU_HEAD', 'CITY_REVIEWER'],
      };
    case 'REMINDED':
      if (event.details.owner === 'COUNTY') {
        return {
          kind:
            event.details.dueKind === 'RECTIFICATION_DEADLINE'
              ? 'RECTIFICATION_REMINDER'
              : 'REMINDER',
          functions: county,
        };
      }
      return { kind: 'REMINDER', functions: ['CITY_REVIEWER'] };
    case 'ESCALATED':
      return isFunction(event.details.target)
        ? { kind: 'ESCALATION', functions: [event.details.target] }
        : { kind: 'ESCALATION', functions: ['CITY_ADMIN'] };
    default:
      return null;
  }
}
