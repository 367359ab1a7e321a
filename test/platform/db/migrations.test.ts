// The committed migrations, applied by `npm run db:migrate` to a fresh database (in-process on
// PGlite, `prisma migrate deploy` on PostgreSQL), match the schema the client was generated
// from: every model can be written and read.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { DatabaseConfig } from '../../../platform/config/env';
import { openDatabase, openPglite } from '../../../platform/db/client';
import { applyMigrations, committedMigrations } from '../../../platform/db/migrations';
import { pgSession, pgliteSession } from '../../../platform/db/sql-sessions';
import type { DatabaseHandle } from '../../../platform/db/client';
import { migrateDatabase, prismaMigrateDeploy } from '../../../scripts/db-migrate';
import { dropDatabase, serverUrl, withDatabase } from '../../support/database';
import { isUniqueViolation } from '../../../platform/db/unique-violation';

let config: DatabaseConfig;
let cleanup: () => Promise<void>;
let database: DatabaseHandle;

beforeAll(async () => {
  const server = serverUrl();
  if (server) {
    const name = `fq_migrate_${process.pid}_${Date.now()}`;
    const admin = new Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    config = { kind: 'postgres', url: withDatabase(server, name) };
    cleanup = () => dropDatabase(server, name);
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fq-pglite-'));
    config = { kind: 'pglite', dataDir: dir };
    cleanup = () => Promise.resolve(rmSync(dir, { recursive: true, force: true }));
  }
});

afterAll(async () => {
  await database?.close();
  await cleanup?.();
});

test('db:migrate applies every migration, and a second run has nothing to do', async () => {
  const first = await migrateDatabase(config, 'pipe');
  const names = committedMigrations().map((m) => m.name);
  expect(first).toBe(`Applied ${names.length} migration(s): ${names.join(', ')}`);
  const second = await migrateDatabase(config, 'pipe');
  expect(second).toMatch(/No pending migrations to apply/);
});

test('the in-process runner records migrations exactly as prisma migrate deploy expects', async () => {
  const server = serverUrl();
  if (!server) {
    // Checked on PostgreSQL (CI's second run): the Prisma CLI cannot reopen PGlite files
    // reliably, which is why PGlite uses the in-process runner in the first place.
    expect(committedMigrations().length).toBeGreaterThan(0);
    return;
  }
  const name = `fq_runner_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = withDatabase(server, name);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const applied = await applyMigrations(pgSession(client));
    expect(applied).toEqual(committedMigrations().map((m) => m.name));
    const report = await prismaMigrateDeploy({ kind: 'postgres', url }, 'pipe');
    expect(report).toMatch(/No pending migrations to apply/);
  } finally {
    await client.end();
    await admin.end();
    await dropDatabase(server, name);
  }
});

test('two processes migrating the same fresh database at once: one applies, the other waits and finds nothing', async () => {
  const server = serverUrl();
  if (!server) {
    // Checked on PostgreSQL (CI's second run): PGlite has one connection and one process.
    expect(committedMigrations().length).toBeGreaterThan(0);
    return;
  }
  // Scaled-out replicas and a migration job may start together (decision 0026). Without the
  // advisory lock the second runner's CREATE of the same objects fails, or runs twice.
  const name = `fq_concurrent_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = withDatabase(server, name);
  const clients = [new Client({ connectionString: url }), new Client({ connectionString: url })];
  try {
    await Promise.all(clients.map((client) => client.connect()));
    const results = await Promise.all(clients.map((client) => applyMigrations(pgSession(client))));
    const names = committedMigrations().map((m) => m.name);
    expect(results.map((applied) => applied.length).sort((a, b) => a - b)).toEqual([
      0,
      names.length,
    ]);
    const recorded = await (clients[0] as Client).query<{ migration_name: string }>(
      'SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(recorded.rows.map((row) => row.migration_name)).toEqual(names);
  } finally {
    await Promise.all(clients.map((client) => client.end()));
    await admin.end();
    await dropDatabase(server, name);
  }
});

test('an applied migration that was edited afterwards is refused', async () => {
  const edited = committedMigrations().map((m) => ({ ...m, checksum: 'edited' }));
  const session = config.kind === 'pglite' ? null : new Client({ connectionString: config.url });
  if (session) {
    await session.connect();
    await expect(applyMigrations(pgSession(session), edited)).rejects.toThrow(/was modified/);
    await session.end();
  } else {
    const pglite = openPglite((config as { dataDir: string }).dataDir);
    await expect(applyMigrations(pgliteSession(pglite), edited)).rejects.toThrow(/was modified/);
    await pglite.close();
  }
});

test('every model can be written and read on the migrated database', async () => {
  database = openDatabase(config);
  const { prisma } = database;
  await prisma.city.create({ data: { id: 'c1', code: 'CQ', name: '重庆市' } });
  await prisma.county.create({ data: { id: 'k1', cityId: 'c1', code: 'CQ-YZ', name: '渝中区' } });
  await prisma.office.create({
    data: { id: 'o1', countyId: 'k1', code: 'CQ-YZ-001', name: '解放碑司法所', type: 'STREET' },
  });
  await prisma.campaign.create({
    data: { id: 'p1', cityId: 'c1', name: '创建活动', config: { a: 1 } },
  });
  await prisma.apiKey.create({
    data: {
      id: 'a1',
      name: 'key',
      role: 'COUNTY_OPERATOR',
      cityId: 'c1',
      countyId: 'k1',
      keyHash: 'h',
    },
  });
  const now = new Date();
  await prisma.certification.create({
    data: {
      id: 'x1',
      workflowId: 'w',
      officeId: 'o1',
      countyId: 'k1',
      cityId: 'c1',
      campaignId: 'p1',
      status: 'CERTIFIED',
      revision: 3,
      config: {},
      state: { note: '中文' },
      certificateNumber: 'CQ-FQ-2026-0001',
      declaredAt: now,
      updatedAt: now,
    },
  });
  await prisma.auditEvent.create({
    data: {
      id: 'x1:1',
      certificationId: 'x1',
      revision: 1,
      action: 'DECLARED',
      actorId: 'a1',
      actorRole: 'COUNTY_OPERATOR',
      details: { plan: '一所一特色' },
      occurredAt: now,
    },
  });
  await prisma.certificate.create({
    data: {
      certificationId: 'x1',
      number: 'CQ-FQ-2026-0001',
      cityId: 'c1',
      year: 2026,
      issuedAt: now,
    },
  });
  await prisma.certificateSequence.create({ data: { cityId: 'c1', year: 2026, lastNumber: 1 } });

  const read = await prisma.certification.findUniqueOrThrow({
    where: { id: 'x1' },
    include: {
      office: { include: { county: { include: { city: true } } } },
      auditEvents: true,
      campaign: true,
    },
  });
  expect(read.office.county.city.name).toBe('重庆市');
  expect(read.state).toEqual({ note: '中文' });
  expect(read.auditEvents[0]?.details).toEqual({ plan: '一所一特色' });
  expect(await prisma.apiKey.count()).toBe(1);
  expect(await prisma.certificate.count()).toBe(1);
  expect(await prisma.certificateSequence.count()).toBe(1);
});

test('audit events cannot be updated or deleted, even by our own code', async () => {
  const { prisma } = database;
  await expect(
    prisma.auditEvent.update({ where: { id: 'x1:1' }, data: { reason: 'rewritten' } }),
  ).rejects.toThrow(/append-only/);
  await expect(prisma.auditEvent.delete({ where: { id: 'x1:1' } })).rejects.toThrow(/append-only/);
  await expect(prisma.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
  // TRUNCATE skips row triggers; a statement trigger refuses it. (PGlite's adapter drops the
  // message of a raw statement's error, so only the refusal itself is asserted here.)
  await expect(prisma.$executeRawUnsafe('TRUNCATE "AuditEvent" CASCADE')).rejects.toThrow();
  expect((await prisma.auditEvent.findUniqueOrThrow({ where: { id: 'x1:1' } })).reason).toBeNull();
});

// @prisma/adapter-pg maps a unique violation to P2002; pglite-prisma-adapter 0.6 surfaces the
// driver's error as is. Code that must recognise one asks db/unique-violation.ts.
test('a duplicate certificate number is refused as a unique violation', async () => {
  const { prisma } = database;
  await expect(
    prisma.certificate.create({
      data: {
        certificationId: 'x2',
        number: 'CQ-FQ-2026-0001',
        cityId: 'c1',
        year: 2026,
        issuedAt: new Date(),
      },
    }),
  ).rejects.toThrow(/Unique constraint failed|duplicate key value violates unique constraint/);
});

test('isUniqueViolation recognises a duplicate on this adapter, and nothing else', async () => {
  const { prisma } = database;
  const duplicate = await prisma.certificate
    .create({
      data: {
        certificationId: 'x3',
        number: 'CQ-FQ-2026-0001',
        cityId: 'c1',
        year: 2026,
        issuedAt: new Date(),
      },
    })
    .catch((error: unknown) => error);
  expect(isUniqueViolation(duplicate)).toBe(true);
  const missing = await prisma.certificate
    .update({ where: { certificationId: 'no-such' }, data: { year: 2027 } })
    .catch((error: unknown) => error);
  expect(isUniqueViolation(missing)).toBe(false);
});
