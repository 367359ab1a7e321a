// Criteria versions and office profiles in the database: the seeded sets the migration
// inserts are exactly domain/criteria-sets, versions are immutable, publishing numbers
// versions per code and respects owners, and an office profile is read as of a date.
import { openPglite } from '../../../platform/db/client';
import {
  findCriteriaVersion,
  listCriteriaVersions,
  publishCriteriaVersion,
} from '../../../modules/criteria/store';
import {
  officeProfileAsOf,
  officeProfileHistory,
  recordOfficeProfile,
} from '../../../modules/office/profile-store';
import { applyMigrations, committedMigrations } from '../../../platform/db/migrations';
import { pgliteSession } from '../../../platform/db/sql-sessions';
import type { CriteriaSetDraft } from '../../../modules/criteria/rules/criteria';
import {
  SEEDED_CRITERIA_SETS,
  criteriaVersionId,
} from '../../../modules/criteria/rules/criteria-sets';
import { DEMO, seedDemoData } from '../../../modules/demo/seed';
import type { TestDatabase } from '../../support/database';
import { createTestDatabase } from '../../support/database';
import { goodProfile } from '../../support/criteria-fixtures';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.prisma);
});

afterAll(async () => {
  await db?.close();
});

const draft = (code: string, passThreshold = 6): CriteriaSetDraft => ({
  code,
  titleZh: '试行',
  titleEn: 'Trial',
  source: 'test',
  totalPoints: 10,
  passThreshold,
  dimensions: [
    {
      code: 'D',
      titleZh: '维度',
      titleEn: 'Dimension',
      source: 'test',
      items: [
        {
          code: 'A',
          titleZh: '甲',
          titleEn: 'A',
          kind: 'SCORED',
          maxPoints: 10,
          evidence: ['DOCUMENT'],
          source: 'test',
        },
      ],
    },
  ],
});

describe('criteria versions', () => {
  test('the migration inserts the seeded sets exactly as domain/criteria-sets defines them', async () => {
    for (const set of SEEDED_CRITERIA_SETS) {
      const row = await db.prisma.criteriaVersion.findUniqueOrThrow({
        where: { id: criteriaVersionId(set.code, set.version) },
      });
      expect(row).toMatchObject({ code: set.code, version: set.version, cityId: null });
      expect(row.content).toEqual(set);
    }
  });

  test('the demo campaigns pin the seeded sets', async () => {
    const campaigns = await db.prisma.campaign.findMany({ orderBy: { id: 'asc' } });
    expect(campaigns.map((c) => [c.id, c.criteriaVersionId])).toEqual([
      [DEMO.campaignId, 'fengqiao-office@1'],
      [DEMO.otherCampaignId, 'standardised-office@1'],
    ]);
  });

  test('a version can be neither updated nor deleted', async () => {
    const id = 'fengqiao-office@1';
    await expect(
      db.prisma.criteriaVersion.update({ where: { id }, data: { titleEn: 'rewritten' } }),
    ).rejects.toThrow(/immutable/);
    await expect(db.prisma.criteriaVersion.delete({ where: { id } })).rejects.toThrow(/immutable/);
    expect((await db.prisma.criteriaVersion.findUniqueOrThrow({ where: { id } })).titleEn).toBe(
      'Fengqiao-style judicial office',
    );
  });

  test('publishing numbers versions per code; the old version stays as it was', async () => {
    const first = await publishCriteriaVersion(db.prisma, {
      cityId: DEMO.cityId,
      createdBy: 'admin',
      draft: draft('cq-trial', 6),
    });
    const second = await publishCriteriaVersion(db.prisma, {
      cityId: DEMO.cityId,
      createdBy: 'admin',
      draft: draft('cq-trial', 8),
    });
    expect(first).toMatchObject({ ok: true, version: { id: 'cq-trial@1', version: 1 } });
    expect(second).toMatchObject({ ok: true, version: { id: 'cq-trial@2', version: 2 } });
    const old = await findCriteriaVersion(db.prisma, DEMO.cityId, 'cq-trial', 1);
    expect(old?.criteria).toEqual({ ...draft('cq-trial', 6), version: 1 });
  });

  test('a shared code or another city’s code cannot be extended', async () => {
    expect(
      await publishCriteriaVersion(db.prisma, {
        cityId: DEMO.cityId,
        createdBy: 'admin',
        draft: draft('fengqiao-office'),
      }),
    ).toEqual({ ok: false, refusal: { reason: 'SHARED_CODE', code: 'fengqiao-office' } });
    expect(
      await publishCriteriaVersion(db.prisma, {
        cityId: DEMO.otherCityId,
        createdBy: 'admin',
        draft: draft('cq-trial'),
      }),
    ).toEqual({ ok: false, refusal: { reason: 'OTHER_CITY_CODE', code: 'cq-trial' } });
  });

  test('a city sees the shared sets and its own, not another city’s', async () => {
    const ids = async (cityId: string) =>
      (await listCriteriaVersions(db.prisma, cityId)).map((v) => v.id);
    expect(await ids(DEMO.cityId)).toEqual([
      'cq-trial@1',
      'cq-trial@2',
      'fengqiao-office@1',
      'standardised-office@1',
    ]);
    expect(await ids(DEMO.otherCityId)).toEqual(['fengqiao-office@1', 'standardised-office@1']);
    expect(await findCriteriaVersion(db.prisma, DEMO.otherCityId, 'cq-trial', 1)).toBeNull();
  });
});

describe('office profiles', () => {
  const office = 'office-chaotianmen';

  test('the profile as of a date is the latest in effect then; a correction wins its date', async () => {
    // The demo seed recorded one from 2022-01-01.
    expect(await officeProfileAsOf(db.prisma, office, '2021-12-31')).toBeNull();
    expect((await officeProfileAsOf(db.prisma, office, '2022-01-01'))?.effectiveFrom).toBe(
      '2022-01-01',
    );
    const grown = await recordOfficeProfile(db.prisma, {
      officeId: office,
      effectiveFrom: '2023-07-01',
      values: goodProfile({ premisesAreaM2: 200 }),
      recordedBy: 'operator',
    });
    const corrected = await recordOfficeProfile(db.prisma, {
      officeId: office,
      effectiveFrom: '2023-07-01',
      values: goodProfile({ premisesAreaM2: 210 }),
      note: '更正面积',
      recordedBy: 'operator',
    });
    expect((await officeProfileAsOf(db.prisma, office, '2023-06-30'))?.effectiveFrom).toBe(
      '2022-01-01',
    );
    const asOf = await officeProfileAsOf(db.prisma, office, '2023-07-01');
    expect(asOf).toMatchObject({ id: corrected.id, values: { premisesAreaM2: 210 } });
    expect((await officeProfileAsOf(db.prisma, office, '2030-01-01'))?.id).toBe(corrected.id);
    expect((await officeProfileHistory(db.prisma, office)).map((p) => p.id)).toEqual([
      corrected.id,
      grown.id,
      `profile-${office}-2022`,
    ]);
  });

  test('a recorded profile can be neither updated nor deleted', async () => {
    const id = `profile-${office}-2022`;
    await expect(
      db.prisma.officeProfile.update({ where: { id }, data: { note: 'x' } }),
    ).rejects.toThrow(/append-only/);
    await expect(db.prisma.officeProfile.delete({ where: { id } })).rejects.toThrow(/append-only/);
  });

  test('seeding again changes nothing', async () => {
    const before = await db.prisma.officeProfile.count();
    await seedDemoData(db.prisma);
    expect(await db.prisma.officeProfile.count()).toBe(before);
  });
});

test('campaigns that existed before the migration pin the Fengqiao-style set', async () => {
  const pglite = openPglite('memory://');
  try {
    const session = pgliteSession(pglite);
    const all = committedMigrations();
    const criteria = all.findIndex((m) => m.name.endsWith('_criteria'));
    await applyMigrations(session, all.slice(0, criteria));
    await session.exec(`
      INSERT INTO "City" ("id", "code", "name") VALUES ('c1', 'CQ', '重庆市');
      INSERT INTO "Campaign" ("id", "cityId", "name", "config") VALUES ('p1', 'c1', '创建', '{}');
    `);
    await applyMigrations(session, all);
    expect(
      await session.query('SELECT "criteriaVersionId" FROM "Campaign" WHERE id = $1', ['p1']),
    ).toEqual([{ criteriaVersionId: 'fengqiao-office@1' }]);
  } finally {
    await pglite.close();
  }
});
