// Office profiles (the measured facts auto-checks read) and what an inspection carries: the
// API checks the inspector's scores against the certification's pinned criteria (400 naming
// each item) and attaches the profile in effect on the inspection date, so the workflow
// evaluates without doing I/O.
import { z } from 'zod';
import {
  officeProfileAsOf,
  officeProfileHistory,
  recordOfficeProfile,
  snapshotOf,
} from '../modules/office/profile-store';
import type { StoredOfficeProfile } from '../modules/office/profile-store';
import {
  PinnedCriteria,
  needsOfficeProfile,
  normaliseCriteria,
} from '../modules/criteria/workflow-api';
import { scoreIssues } from '../modules/criteria/workflow-api';
import { IsoDate, OfficeProfileValues } from '../modules/office/rules/profile';
import type { InspectionInput, InspectionRequest } from '../modules/certification/workflow-api';
import type { PrismaClient } from '../generated/prisma/client';
import { Problem, notFound, unprocessable } from './problems';
import type { RouteSpec } from './routes';
import { route } from './routes';
import { ALL_ROLES } from '../modules/shared';
import { itemsOf } from './responses/common';
import { OfficeProfile, OfficeProfileInEffect } from './responses/organisations';
import { officeFor } from '../modules/certification';
import { chinaDate } from '../modules/shared/china-time';

const base = '/api/v1/offices/:officeId';

/** Today's date in China (UTC+8 all year): the day an inspector means by “today”. */
export function chinaToday(now: number = Date.now()): string {
  return chinaDate(now);
}

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

/**
 * Checks an inspection against the certification's pinned criteria and attaches the office
 * profile in effect on the inspection date. Scores that do not fit answer 400 naming each
 * item; a missing profile the criteria need answers 422.
 */
export async function prepareInspection(
  prisma: PrismaClient,
  certification: { id: string; officeId: string; state: unknown },
  request: InspectionRequest,
  today: string = chinaToday(),
): Promise<InspectionInput> {
  const pinned = PinnedCriteria.safeParse(
    (certification.state as { criteria?: unknown } | null)?.criteria,
  );
  if (!pinned.success) {
    throw new Problem(
      500,
      'Invalid certification',
      `certification ${certification.id} has no readable criteria`,
    );
  }
  const criteria = normaliseCriteria(pinned.data);
  const issues = scoreIssues(criteria, request);
  if (issues.length > 0) {
    throw new Problem(
      400,
      'Bad Request',
      `the inspection does not fit the certification's criteria (${criteria.code} version ${criteria.version})`,
      issues,
    );
  }
  const inspectedOn = request.inspectedOn ?? today;
  if (inspectedOn > today) {
    throw new Problem(400, 'Bad Request', 'the inspection date is in the future', [
      { field: 'inspectedOn', message: `${inspectedOn} is after today (${today})` },
    ]);
  }
  const profile = await officeProfileAsOf(prisma, certification.officeId, inspectedOn);
  if (!profile && needsOfficeProfile(criteria)) {
    throw unprocessable(
      `office ${certification.officeId} has no profile in effect on ${inspectedOn}, and the ` +
        `criteria check office data; record it first (POST /api/v1/offices/${certification.officeId}/profiles)`,
      [{ field: 'inspectedOn', message: `no office profile in effect on ${inspectedOn}` }],
    );
  }
  return {
    ...request,
    inspectedOn,
    officeProfile: profile ? snapshotOf(profile, inspectedOn) : null,
  };
}
