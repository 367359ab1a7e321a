// Activities: every side effect of the certification workflow. Each one is idempotent,
// because Temporal retries an activity whose result it did not see.
import type { PrismaClient } from '../generated/prisma/client';
import { createCertificateActivities } from './certificates';
import { createProjectionActivities } from './projection';

export interface ActivityDependencies {
  prisma: PrismaClient;
}

export function createActivities(deps: ActivityDependencies) {
  return {
    ...createProjectionActivities(deps.prisma),
    ...createCertificateActivities(deps.prisma),
  };
}

export type CertificationActivities = ReturnType<typeof createActivities>;
