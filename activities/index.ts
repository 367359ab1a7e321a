// Activities: every side effect of the certification workflow. Each one is idempotent,
// because Temporal retries an activity whose result it did not see.
import type { PrismaClient } from '../generated/prisma/client';
import type { Mailer } from '../platform/mail/mailer';
import { createCampaignActivities } from '../modules/campaign/activities';
import { createCertificateActivities } from '../modules/certification/activities/certificates';
import type { NotificationFaults } from '../modules/notification/activities';
import { createNotificationActivities } from '../modules/notification/activities';
import { createProjectionActivities } from '../modules/certification/activities/projection';
import { createSpotCheckActivities } from '../modules/spot-check/activities';

export interface ActivityDependencies {
  prisma: PrismaClient;
  mailer: Mailer;
  faults?: NotificationFaults;
}

export function createActivities(deps: ActivityDependencies) {
  return {
    ...createProjectionActivities(deps.prisma),
    ...createCertificateActivities(deps.prisma),
    ...createNotificationActivities(deps),
    ...createCampaignActivities(deps),
    ...createSpotCheckActivities(deps.prisma),
  };
}
