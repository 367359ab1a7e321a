// The criteria version a new declaration pins: its campaign's, read from the store. Used by
// the declaration route; a campaign without a usable version is the caller's problem (422) or
// a broken campaign (500).
import type { PrismaClient } from '../../generated/prisma/client';
import { Problem, unprocessable } from '../../platform/http/problems';
import type { CriteriaSet } from './rules/criteria';
import { findCriteriaVersionById } from './store';

/** The criteria version a new declaration under the campaign pins. */
export async function campaignCriteria(
  prisma: PrismaClient,
  campaign: { id: string; criteriaVersionId: string | null },
): Promise<CriteriaSet> {
  if (!campaign.criteriaVersionId) {
    throw unprocessable(`campaign ${campaign.id} has no criteria version to score against`, [
      { field: 'campaignId', message: 'the campaign has no criteria version' },
    ]);
  }
  const version = await findCriteriaVersionById(prisma, campaign.criteriaVersionId);
  if (!version) {
    throw new Problem(
      500,
      'Invalid campaign',
      `campaign ${campaign.id} refers to a missing criteria version`,
    );
  }
  return version.criteria;
}
