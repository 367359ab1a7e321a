// Response schemas of the city, county, office and office-profile routes.
import { z } from 'zod';
import { OfficePairing } from '../campaign';
import { OfficeProfileValues, OfficeType } from './rules/profile';
import { CertificationStatus } from '../certification/workflow-api';
import { NextDue, OpenCheckAnswer as OpenCheck } from '../certification';
import { CalendarDate, Timestamp } from '../../platform/http/response-schemas';

const CountyRef = z.object({ id: z.string(), code: z.string(), name: z.string() });

export const City = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    counties: z.number().int(),
    offices: z.number().int(),
  })
  .meta({ id: 'City' });

export const CountyHead = z
  .object({
    name: z.string(),
    phone: z.string().optional(),
    email: z.string().optional(),
    language: z.enum(['zh-CN', 'en']),
  })
  .meta({ description: 'The county bureau head, who hears escalations (COUNTY_BUREAU_HEAD)' });

export const County = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    head: CountyHead.nullable(),
    offices: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'County' });

/** A CertificationStatus, NONE (never declared) or null (a certification the caller may not see). */
const OfficeStatus = z.string().nullable().meta({
  description:
    'The current certification’s status, NONE if never declared, null if the caller may not see it',
});

export const OfficeListItem = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    type: OfficeType,
    county: CountyRef,
    status: OfficeStatus,
    certification: z
      .object({
        id: z.string(),
        status: CertificationStatus.nullable(),
        certificateNumber: z.string().nullable(),
        openCheck: OpenCheck,
      })
      .nullable(),
  })
  .meta({ id: 'OfficeListItem' });

export const Office = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    type: OfficeType,
    createdAt: Timestamp,
    county: CountyRef,
    status: OfficeStatus,
    profile: z
      .object({
        id: z.string(),
        asOf: CalendarDate,
        effectiveFrom: CalendarDate,
        values: OfficeProfileValues,
        recordedAt: Timestamp,
      })
      .nullable(),
    certification: z
      .object({
        id: z.string(),
        status: CertificationStatus,
        campaignId: z.string().nullable(),
        certificateNumber: z.string().nullable(),
        declaredAt: Timestamp,
        updatedAt: Timestamp,
        nextDue: NextDue,
        openCheck: OpenCheck,
      })
      .nullable(),
    pairings: z.array(OfficePairing).meta({ description: 'Bureau departments paired with it' }),
  })
  .meta({ id: 'Office' });

export const OfficeImportResult = z
  .object({
    format: z.enum(['csv', 'json']),
    offices: z.number().int(),
    profiles: z.number().int(),
    byCounty: z.array(z.object({ countyCode: z.string(), offices: z.number().int() })),
    items: z.array(z.object({ id: z.string(), code: z.string() })),
  })
  .meta({ id: 'OfficeImportResult' });

export const OfficeProfile = z
  .object({
    id: z.string(),
    officeId: z.string(),
    effectiveFrom: CalendarDate,
    values: OfficeProfileValues,
    note: z.string().nullable(),
    recordedBy: z.string(),
    recordedAt: Timestamp,
  })
  .meta({ id: 'OfficeProfile' });

export const OfficeProfileInEffect = OfficeProfile.extend({
  asOf: CalendarDate.meta({ description: 'The date asked about' }),
}).meta({ id: 'OfficeProfileInEffect' });

/** The public registry of named (and revoked) offices. */
const RegistryEntry = z.object({
  office: z.string(),
  officeCode: z.string(),
  county: z.string(),
  city: z.string(),
  certificateNumber: z.string().nullable(),
  certifiedAt: Timestamp.nullable(),
});

export const Registry = z
  .object({
    named: z.array(RegistryEntry.extend({ exemplary: z.boolean() })),
    revoked: z.array(RegistryEntry.extend({ revokedAt: Timestamp.nullable() })),
  })
  .meta({ id: 'Registry' });
