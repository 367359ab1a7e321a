// Builds the Temporal worker that runs certification workflows and their activities.
import type { NativeConnection } from '@temporalio/worker';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { PrismaClient } from '../generated/prisma/client';
import type { Mailer } from '../platform/mail/mailer';
import { maxCachedWorkflows } from './cache-size';

/**
 * How long a workflow task waits on this worker's own (sticky) queue before any worker may take
 * it. After a crash the dead worker's queue holds the next task for this long; the SDK's 10 s
 * default, added to an activity's timeout, put a request in flight over the 15 s target.
 */
export const STICKY_QUEUE_TIMEOUT = '3 seconds';

export async function createWorker(args: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  prisma: PrismaClient;
  mailer: Mailer;
  /** WORKER_MAX_CACHED_WORKFLOWS; undefined sizes the cache from the heap. */
  maxCachedWorkflows?: number;
}): Promise<Worker> {
  return Worker.create({
    connection: args.connection,
    namespace: args.namespace,
    taskQueue: args.taskQueue,
    workflowsPath: require.resolve('../workflows'),
    stickyQueueScheduleToStartTimeout: STICKY_QUEUE_TIMEOUT,
    maxCachedWorkflows: maxCachedWorkflows(args.maxCachedWorkflows),
    activities: createActivities({ prisma: args.prisma, mailer: args.mailer }),
  });
}
