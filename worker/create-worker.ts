// Builds the Temporal worker that runs certification workflows and their activities.
import type { NativeConnection } from '@temporalio/worker';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { PrismaClient } from '../generated/prisma/client';
import type { Mailer } from '../notifications/mailer';

export async function createWorker(args: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  prisma: PrismaClient;
  mailer: Mailer;
}): Promise<Worker> {
  return Worker.create({
    connection: args.connection,
    namespace: args.namespace,
    taskQueue: args.taskQueue,
    workflowsPath: require.resolve('../workflows'),
    activities: createActivities({ prisma: args.prisma, mailer: args.mailer }),
  });
}
