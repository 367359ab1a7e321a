// The inspector list a reviewer assigns from (GET /api/v1/inspectors): the caller's city's
// inspectors that can still act — users not disabled, API keys not revoked — both kinds, by
// name, each with the number of open certifications assigned to it; and every id listed is one
// the assignment route accepts. No Temporal needed: assignments are rows.
import request from 'supertest';
import type { CertificationStatus, Prisma } from '../../../generated/prisma/client';
import { DEMO } from '../../../modules/demo/seed';
import type { TestDatabase } from '../../support/database';
import { CHAOTIANMEN, JIEFANGBEI } from '../../support/fixtures';
import { useApiHarness } from '../../support/api-harness';
import { declared } from '../../support/states';

const REVIEWER = 'Bearer dev-city-reviewer';
const ADMIN = 'Bearer dev-city-admin';
const LESHAN_REVIEWER = 'Bearer dev-leshan-reviewer';

function inspectorUser(id: string, displayName: string, cityId: string, disabledAt?: Date) {
  return { id, username: id, displayName, role: 'INSPECTOR' as const, cityId, disabledAt };
}

async function certification(db: TestDatabase, id: string, status: CertificationStatus) {
  const office = status === 'DECLARED' ? JIEFANGBEI : CHAOTIANMEN;
  const state = { ...declared(), certificationId: id, campaignId: DEMO.campaignId };
  await db.prisma.certification.create({
    data: {
      id,
      workflowId: `workflow-${id}`,
      officeId: office.id,
      countyId: office.countyId,
      cityId: office.cityId,
      campaignId: DEMO.campaignId,
      status,
      revision: 1,
      config: state.config,
      state: state as unknown as Prisma.InputJsonValue,
      declaredAt: new Date(state.declaredAt),
      updatedAt: new Date(state.declaredAt),
    },
  });
}

const h = useApiHarness({
  demoUsers: true,
  prepare: async (db) => {
    const { prisma } = db;
    await prisma.user.createMany({
      data: [
        inspectorUser('insp-active', 'Active Inspector', DEMO.cityId),
        inspectorUser('insp-disabled', 'Disabled Inspector', DEMO.cityId, new Date('2024-01-01')),
        inspectorUser('insp-leshan', 'Leshan Inspector', DEMO.otherCityId),
      ].map((user) => ({ ...user, passwordHash: 'not-a-login' })),
    });
    await prisma.apiKey.createMany({
      data: [
        {
          id: 'key-revoked-inspector',
          name: 'Revoked inspector key',
          role: 'INSPECTOR',
          cityId: DEMO.cityId,
          keyHash: 'revoked-inspector-key-hash',
          revokedAt: new Date('2024-01-01T00:00:00Z'),
        },
        {
          id: 'key-leshan-inspector',
          name: 'Leshan inspector key',
          role: 'INSPECTOR',
          cityId: DEMO.otherCityId,
          keyHash: 'leshan-inspector-key-hash',
        },
      ],
    });
    // Open work: two certifications still running; a withdrawn one no longer counts.
    await certification(db, 'cert-open-1', 'DECLARED');
    await certification(db, 'cert-open-2', 'VERIFYING');
    await certification(db, 'cert-closed', 'WITHDRAWN');
    await prisma.inspectionAssignment.createMany({
      data: [
        { certificationId: 'cert-open-1', inspectorId: 'insp-active', assignedBy: 'seed' },
        { certificationId: 'cert-open-2', inspectorId: 'insp-active', assignedBy: 'seed' },
        { certificationId: 'cert-closed', inspectorId: 'insp-active', assignedBy: 'seed' },
        { certificationId: 'cert-open-2', inspectorId: 'apikey-dev-inspector', assignedBy: 'seed' },
        { certificationId: 'cert-closed', inspectorId: 'user-cq.inspector', assignedBy: 'seed' },
      ],
    });
  },
});

interface Listed {
  id: string;
  kind: string;
  name: string;
  username: string | null;
  openAssignments: number;
}

async function list(caller: string): Promise<Listed[]> {
  const response = await request(h.app).get('/api/v1/inspectors').set('Authorization', caller);
  expect(response.status).toBe(200);
  return (response.body as { items: Listed[] }).items;
}

test('a reviewer sees the active inspectors of their city, users and keys, with open workload', async () => {
  // By name in Chinese collation (pinyin; Han before Latin).
  expect(await list(REVIEWER)).toEqual([
    {
      id: 'user-cq.inspector',
      kind: 'USER',
      name: '重庆市司法局 评估员',
      username: 'cq.inspector',
      openAssignments: 0,
    },
    {
      id: 'apikey-dev-inspector',
      kind: 'API_KEY',
      name: '重庆市司法局 inspector',
      username: null,
      openAssignments: 1,
    },
    {
      id: 'insp-active',
      kind: 'USER',
      name: 'Active Inspector',
      username: 'insp-active',
      openAssignments: 2,
    },
  ]);
});

test('a city admin sees the same list; another city’s reviewer sees only their own city', async () => {
  expect(await list(ADMIN)).toEqual(await list(REVIEWER));
  const leshan = await list(LESHAN_REVIEWER);
  expect(leshan.map((inspector) => inspector.id).sort()).toEqual([
    'insp-leshan',
    'key-leshan-inspector',
  ]);
  expect(leshan.every((inspector) => inspector.openAssignments === 0)).toBe(true);
});

test('every listed id is one the assignment route accepts', async () => {
  for (const inspector of await list(REVIEWER)) {
    const assigned = await request(h.app)
      .post('/api/v1/certifications/cert-open-1/inspectors')
      .set('Authorization', REVIEWER)
      .send({ inspectorId: inspector.id });
    expect({ id: inspector.id, status: assigned.status }).toEqual({
      id: inspector.id,
      status: inspector.id === 'insp-active' ? 200 : 201,
    });
  }
  const after = await list(REVIEWER);
  expect(after.map((inspector) => inspector.openAssignments)).toEqual([1, 2, 2]);
});

test.each([
  ['a county operator', 'Bearer dev-yuzhong-operator'],
  ['an inspector', 'Bearer dev-inspector'],
])('%s may not list inspectors (403)', async (_who, caller) => {
  const response = await request(h.app).get('/api/v1/inspectors').set('Authorization', caller);
  expect(response.status).toBe(403);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(JSON.stringify(response.body)).not.toContain('insp-active');
});

test('without a credential the list answers 401', async () => {
  expect((await request(h.app).get('/api/v1/inspectors')).status).toBe(401);
});
