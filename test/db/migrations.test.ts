// The committed migrations, applied by the real `prisma migrate deploy` to a fresh database,
// match the schema the client was generated from: every model can be written and read.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { DatabaseConfig } from '../../config/env';
import { openDatabase } from '../../db/client';
import type { DatabaseHandle } from '../../db/client';
import { migrateDatabase } from '../../scripts/db-migrate';
import { serverUrl, withDatabase } from '../support/database';

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
    cleanup = async () => {
      const c = new Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    };
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

test('migrate deploy applies every migration, and a second run has nothing to do', async () => {
  const first = await migrateDatabase(config, 'pipe');
  expect(first).toMatch(
    /migrations? (have been )?(successfully )?applied|All migrations have been successfully applied/i,
  );
  const second = await migrateDatabase(config, 'pipe');
  expect(second).toMatch(/No pending migrations to apply/);
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
  expect((await prisma.auditEvent.findUniqueOrThrow({ where: { id: 'x1:1' } })).reason).toBeNull();
});

// @prisma/adapter-pg maps a unique violation to P2002; pglite-prisma-adapter 0.6 surfaces the
// driver's error as is. Code that must tolerate duplicates does not rely on either
// (it reads first or uses skipDuplicates).
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
