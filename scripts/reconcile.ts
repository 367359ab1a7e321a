// `npm run reconcile`: compares every certification workflow with the database and exits
// non-zero on any mismatch or stuck workflow. Needs TEMPORAL_ADDRESS and a running worker (queries of closed
// workflows are answered by replay). On the embedded database, while `npm start` runs, use
// GET /api/v1/admin/reconcile instead: PGlite cannot be opened by two processes.
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../platform/config/env';
import { openDatabase } from '../platform/db/client';
import { formatReport, reconcile } from '../modules/certification';

async function main(): Promise<number> {
  const config = loadConfig();
  if (!config.temporal.address) throw new Error('TEMPORAL_ADDRESS is required');
  const database = openDatabase(config.database);
  const connection = await Connection.connect({ address: config.temporal.address });
  try {
    const client = new Client({ connection, namespace: config.temporal.namespace });
    const report = await reconcile(client, database.prisma, { listRunningWorkflows: true });
    console.log(formatReport(report));
    return report.mismatches.length === 0 && report.stuck.length === 0 ? 0 : 1;
  } finally {
    await connection.close();
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
