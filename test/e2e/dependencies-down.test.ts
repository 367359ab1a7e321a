// Honest answers while a dependency is down, with real processes: a Temporal dev server that
// is stopped, and a database that is closed. Requests answer 503 problem+json with
// Retry-After and the dependency's name, within seconds; /healthz names what is down.
import type { Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../api/app';
import { connectApiClient } from '../../platform/temporal/connection';
import { seedDemoData } from '../../modules/demo/seed';
import { NO_TEMPORAL } from '../support/api-harness';
import type { TestDatabase } from '../support/database';
import { createTestDatabase } from '../support/database';
import { declaration } from '../support/fixtures';
import { startDevServer } from '../support/temporal';
import { tools } from '../support/tools';
import { freePorts } from '../../scripts/free-ports';
import type { DevServer } from '../../scripts/temporal-dev-server';
import { startDevServer as startTemporal } from '../../scripts/temporal-dev-server';

const OPERATOR = 'Bearer dev-yuzhong-operator';

/** Declares the demo office with the operator's key: the POST every case sends while down. */
function declareWith(app: Express, idempotencyKey: string): request.Test {
  return request(app)
    .post('/api/v1/certifications')
    .set('Authorization', OPERATOR)
    .set('Idempotency-Key', idempotencyKey)
    .send(declaration('office-jiefangbei'));
}

function expectUnavailable(response: request.Response, dependency: string): void {
  expect(response.status).toBe(503);
  expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  expect(response.body).toMatchObject({ status: 503, dependency });
}

describe('Temporal stopped', () => {
  let env: TestWorkflowEnvironment | undefined;
  let db: TestDatabase;
  let connection: Connection;
  let app: Express;

  beforeAll(async () => {
    [env, db] = await Promise.all([startDevServer(), createTestDatabase()]);
    await seedDemoData(db.prisma);
    const api = connectApiClient(env.address, env.namespace ?? 'default');
    connection = api.connection;
    app = createApp({ prisma: db.prisma, temporal: { client: api.client, taskQueue: 'unused' } });
    // Healthy first, so what follows is the server going away, not a wrong address.
    expect((await request(app).get('/healthz')).status).toBe(200);
    await env.teardown();
    env = undefined;
  });

  afterAll(async () => {
    await env?.teardown();
    await connection?.close();
    await db?.close();
  });

  test('a declaration answers 503 with Retry-After promptly, not 500 after 20 s', async () => {
    const started = Date.now();
    const response = await declareWith(app, 'declare-while-down');
    expectUnavailable(response, 'temporal');
    // Generous bound: the API retries for about a second; the SDK's default took 20 s.
    expect(Date.now() - started).toBeLessThan(10_000);
    // The key is not stuck: its outcome is unknown, so the next attempt may take it over.
    const row = await db.prisma.idempotencyRecord.findFirstOrThrow({
      where: { key: 'declare-while-down' },
    });
    expect(row.status).toBeNull();
    expect(row.leaseExpiresAt!.getTime()).toBeLessThanOrEqual(Date.now());
  });

  test('/healthz answers 503 naming Temporal within its check deadline', async () => {
    const started = Date.now();
    const response = await request(app).get('/healthz');
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBeDefined();
    expect(response.body).toEqual({ status: 'degraded', database: 'ok', temporal: 'unreachable' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('API started before Temporal', () => {
  let db: TestDatabase;
  let connection: Connection | undefined;
  let server: DevServer | undefined;
  let app: Express;
  let address: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoData(db.prisma);
    const [port] = await freePorts(1);
    address = `127.0.0.1:${String(port)}`;
    const api = connectApiClient(address, 'default');
    connection = api.connection;
    app = createApp({
      prisma: db.prisma,
      temporal: { client: api.client, taskQueue: 'unused' },
      healthCheckTimeoutMs: 1000,
    });
  });

  afterAll(async () => {
    await connection?.close();
    await server?.stop();
    await db?.close();
  });

  test('it serves what needs only the database, 503 for the rest, and recovers when Temporal comes', async () => {
    expect((await request(app).get('/api/v1/me').set('Authorization', OPERATOR)).status).toBe(200);
    expect((await request(app).get('/healthz')).body).toEqual({
      status: 'degraded',
      database: 'ok',
      temporal: 'unreachable',
    });
    expectUnavailable(await declareWith(app, 'declare-before-temporal'), 'temporal');

    const [port, uiPort] = [Number(address.split(':')[1]), (await freePorts(1))[0] as number];
    server = await startTemporal({
      cli: tools().temporalCli,
      dataDir: null,
      port,
      uiPort,
      namespace: 'default',
    });
    expect((await request(app).get('/healthz')).body).toMatchObject({
      status: 'ok',
      temporal: 'ok',
    });
  });
});

describe('database closed', () => {
  let db: TestDatabase;
  let app: Express;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoData(db.prisma);
    app = createApp({ prisma: db.prisma, temporal: NO_TEMPORAL, healthCheckTimeoutMs: 500 });
    expect((await request(app).get('/api/v1/me').set('Authorization', OPERATOR)).status).toBe(200);
    await db.close();
  });

  test('an authenticated read answers 503, not 500 (the credential lookup cannot run)', async () => {
    expectUnavailable(
      await request(app).get('/api/v1/me').set('Authorization', OPERATOR),
      'database',
    );
  });

  test('a POST with an Idempotency-Key answers 503', async () => {
    expectUnavailable(await declareWith(app, 'k'), 'database');
  });

  test('/healthz answers 503 naming the database', async () => {
    const response = await request(app).get('/healthz');
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ status: 'degraded', database: 'unreachable' });
  });
});
