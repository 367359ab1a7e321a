// Office profiles (the measured facts auto-checks read): recorded with their history and read
// as of a date. What an inspection carries is prepared by modules/certification/inspection.ts.
import { z } from 'zod';
import { officeProfileAsOf, officeProfileHistory, recordOfficeProfile } from '../profile-store';
import type { StoredOfficeProfile } from '../profile-store';
import { IsoDate, OfficeProfileValues } from '../rules/profile';
import type { PrismaClient } from '../../../generated/prisma/client';
import { notFound } from '../../../platform/http/problems';
import type { RouteSpec } from '../../access';
import { route } from '../../access';
import { ALL_ROLES } from '../../shared';
import { itemsOf } from '../../../platform/http/response-schemas';
import { OfficeProfile, OfficeProfileInEffect } from '../responses';
import { officeFor } from '../../certification';
import { chinaToday } from '../../shared';

const base = '/api/v1/offices/:officeId';

const OfficeParams = z.object({ officeId: z.string().min(1).max(100) });
const AsOfQuery = z.object({ asOf: IsoDate.optional() });

export const RecordProfileInput = z.object({
  /** The day these values take effect (they apply to inspections on or after it). */
  effectiveFrom: IsoDate,
  values: OfficeProfileValues,
  /** Why the record was made, e.g. a correction. */
  note: z.string().trim().min(1).max(500).optional(),
});

function present(profile: StoredOfficeProfile) {
  return { ...profile, recordedAt: profile.recordedAt.toISOString() };
}

export function officeProfileRoutes(deps: { prisma: PrismaClient }): RouteSpec[] {
  const { prisma } = deps;

  const record = route({
    method: 'post',
    path: `${base}/profiles`,
    tag: 'Office profiles',
    summary:
      'Record an office’s measured facts from a date (a correction is a new record; nothing is overwritten)',
    roles: ['COUNTY_OPERATOR', 'CITY_REVIEWER', 'CITY_ADMIN'],
    params: OfficeParams,
    body: RecordProfileInput,
    responses: { 201: { description: 'The recorded profile', schema: OfficeProfile } },
    handler: async ({ principal, params, body }) => {
      await officeFor(prisma, principal, params.officeId);
      const stored = await recordOfficeProfile(prisma, {
        officeId: params.officeId,
        effectiveFrom: body.effectiveFrom,
        values: body.values,
        note: body.note,
        recordedBy: principal.id,
      });
      return { status: 201, body: present(stored) };
    },
  });

  const asOf = route({
    method: 'get',
    path: `${base}/profile`,
    tag: 'Office profiles',
    summary: 'The office profile in effect on a date (default: today, China time)',
    roles: ALL_ROLES,
    params: OfficeParams,
    query: AsOfQuery,
    responses: {
      200: {
        description: 'The profile in effect, with the date it took effect',
        schema: OfficeProfileInEffect,
      },
    },
    handler: async ({ principal, params, query }) => {
      await officeFor(prisma, principal, params.officeId);
      const date = query.asOf ?? chinaToday();
      const profile = await officeProfileAsOf(prisma, params.officeId, date);
      if (!profile) throw notFound(`a profile of office ${params.officeId} in effect on ${date}`);
      return { status: 200, body: { asOf: date, ...present(profile) } };
    },
  });

  const history = route({
    method: 'get',
    path: `${base}/profiles`,
    tag: 'Office profiles',
    summary: 'Every recorded profile of an office, newest effective date first',
    roles: ALL_ROLES,
    params: OfficeParams,
    responses: { 200: { description: 'The history', schema: itemsOf(OfficeProfile) } },
    handler: async ({ principal, params }) => {
      await officeFor(prisma, principal, params.officeId);
      const items = await officeProfileHistory(prisma, params.officeId);
      return { status: 200, body: { items: items.map(present) } };
    },
  });

  return [record, asOf, history];
}
