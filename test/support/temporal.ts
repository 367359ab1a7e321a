// Real Temporal servers for tests: the Java time-skipping test server for long timers and
// the CLI dev server for end-to-end runs. Both pick free ports and stop with the test file.
import type { ConnectionPlugin } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker, makeTelemetryFilterString } from '@temporalio/worker';
import type { PrismaClient } from '../../generated/prisma/client';
import { createActivities } from '../../activities';
import {
  CertificationStatusKey,
  CityIdKey,
  CountyIdKey,
  NextDueAtKey,
  OfficeIdKey,
  OpenCheckKey,
  SEARCH_ATTRIBUTE_DEFINITIONS,
} from '../../workflows/search-attributes';
import { temporal } from '@temporalio/proto';
import { tools } from './tools';
import type { Mailer } from '../../notifications/mailer';

// Keep test output readable: the SDK logs every worker state change at INFO.
try {
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
  });
} catch {
  // Already installed by an earlier test file in this jest worker process.
}

export const SEARCH_ATTRIBUTES = [
  CertificationStatusKey,
  CityIdKey,
  CountyIdKey,
  OfficeIdKey,
  NextDueAtKey,
  OpenCheckKey,
];

/**
 * The SDK gives a server 5 s to accept connections; a JVM starting on two busy cores can miss
 * that. A failed start leaves nothing behind, so trying again is safe.
 */
async function withStartRetries<T>(start: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start();
    } catch (error) {
      // On a loaded two-core machine a server may be slow to accept its first connection
      // (seen: "Failed to connect to Temporal server … DEADLINE_EXCEEDED"); a new one is tried.
      if (attempt >= attempts || !/did not start|Failed to connect/.test(String(error))) {
        throw error;
      }
    }
  }
}

/**
 * The client's keepalive pings every 30 s by default; the Java test server allows one every
 * 5 minutes, and a test file that runs longer than a minute or two on a loaded machine then
 * gets "rejected by server because of excess pings" (GOAWAY), after which a time skip in
 * flight never answered ("no answer within 60000 ms: skipping 731 days"). Ping less often
 * than the server permits.
 */
const RELAXED_KEEPALIVE: ConnectionPlugin = {
  name: 'relaxed-keepalive-for-the-java-test-server',
  configureConnection: (options) => ({
    ...options,
    channelArgs: {
      ...options.channelArgs,
      'grpc.keepalive_time_ms': 6 * 60_000,
      'grpc.keepalive_permit_without_calls': 0,
    },
  }),
};

export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  const env = await withStartRetries(() =>
    TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: tools().testServerLauncher } },
      plugins: [RELAXED_KEEPALIVE],
    }),
  );
  // The Java test server knows no custom search attributes until they are registered.
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      Object.entries(SEARCH_ATTRIBUTE_DEFINITIONS).map(([name, type]) => [
        name,
        type === 'Keyword'
          ? temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD
          : temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
      ]),
    ),
  });
  return env;
}

export async function startDevServer(): Promise<TestWorkflowEnvironment> {
  return withStartRetries(() =>
    TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: tools().temporalCli },
        searchAttributes: SEARCH_ATTRIBUTES,
        extraArgs: ['--log-level', 'error'],
      },
    }),
  );
}

export function workflowBundle(): { codePath: string } {
  const codePath = process.env.FQ_WORKFLOW_BUNDLE;
  if (!codePath) throw new Error('FQ_WORKFLOW_BUNDLE is not set: jest globalSetup did not run');
  return { codePath };
}

let taskQueueCounter = 0;

export function uniqueTaskQueue(prefix: string): string {
  taskQueueCounter += 1;
  return `${prefix}-${process.pid}-${taskQueueCounter}`;
}

export async function createTestWorker(
  env: TestWorkflowEnvironment,
  prisma: PrismaClient,
  taskQueue: string,
  activities: Record<string, (...args: never[]) => Promise<unknown>> = createActivities({
    prisma,
    mailer: refuseMail(),
  }),
): Promise<Worker> {
  return Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: workflowBundle(),
    activities,
  });
}

/**
 * For tests that seed no recipients: nothing should be mailed, and if something is, the
 * test fails loudly instead of the message vanishing.
 */
export function refuseMail(): Mailer {
  return {
    send(message) {
      return Promise.reject(new Error(`unexpected mail to ${message.to}: ${message.subject}`));
    },
    close() {},
  };
}
