// Custom search attributes, so the Temporal CLI and Web UI can answer questions such as
// "all offices rectifying in county X". They must be registered on the server
// (scripts/temporal-dev-server.ts does it for the dev server).
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const CertificationStatusKey = defineSearchAttributeKey(
  'CertificationStatus',
  SearchAttributeType.KEYWORD,
);
export const CityIdKey = defineSearchAttributeKey('CityId', SearchAttributeType.KEYWORD);
export const CountyIdKey = defineSearchAttributeKey('CountyId', SearchAttributeType.KEYWORD);
export const OfficeIdKey = defineSearchAttributeKey('OfficeId', SearchAttributeType.KEYWORD);
export const NextDueAtKey = defineSearchAttributeKey('NextDueAt', SearchAttributeType.DATETIME);
/**
 * The check in progress (VERIFICATION, RECHECK, SPOT_CHECK, RECTIFICATION), absent when none:
 * a certified office under recheck is still CERTIFIED.
 */
export const OpenCheckKey = defineSearchAttributeKey('OpenCheck', SearchAttributeType.KEYWORD);

export const SEARCH_ATTRIBUTE_DEFINITIONS = {
  CertificationStatus: 'Keyword',
  CityId: 'Keyword',
  CountyId: 'Keyword',
  OfficeId: 'Keyword',
  NextDueAt: 'Datetime',
  OpenCheck: 'Keyword',
} as const;
