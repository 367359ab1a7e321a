// The worker process of the production topology (docker-compose `worker` service).
// With the embedded PGlite database, use `npm start` instead: PGlite is in-process, so
// the API and the worker must share one process.
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../config/env';
import { openDatabase } from '../db/client';
import { createWorker } from './create-worker';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.temporal.address) throw new Error('TEMPORAL_ADDRESS is required for the worker');
  const database = openDatabase(config.database);
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const worker = await createWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    prisma: database.prisma,
  });
  // Worker.run() installs SIGINT/SIGTERM handlers that drain in-flight tasks before exiting.
  await worker.run();
  await connection.close();
  await database.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
