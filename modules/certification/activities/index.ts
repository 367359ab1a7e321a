// The activities the certification workflow calls, as the type it proxies. Types only: the
// workflow imports this file, and nothing from it may reach the workflow bundle. The worker
// registers the implementations (activities/index.ts composes every module's factories).
import type { createCertificateActivities } from './certificates';
import type { createProjectionActivities } from './projection';
import type { NotificationActivities } from '../../notification';

/** Projection and certificate numbers (this module), and the transition notice (notification). */
export type CertificationActivities = ReturnType<typeof createProjectionActivities> &
  ReturnType<typeof createCertificateActivities> &
  Pick<NotificationActivities, 'notifyTransition'>;
