// What an inspection carries into the lifecycle: its scores checked against the
// certification's pinned criteria, and the office profile in effect on the inspection date.
import { PinnedCriteria, needsOfficeProfile, normaliseCriteria, scoreIssues } from '../criteria';
import { officeProfileAsOf, snapshotOf } from '../office';
import { chinaToday } from '../shared';
import type { InspectionInput, InspectionRequest } from './rules/schemas';
import type { PrismaClient } from '../../generated/prisma/client';
import { Problem, unprocessable } from '../../platform/http/problems';

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
