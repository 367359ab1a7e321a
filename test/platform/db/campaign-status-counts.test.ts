// CampaignStatusCount, which campaign progress reads instead of counting every certification,
// always equals a count of the certifications themselves: after the migration counts what
// exists, and after every kind of write the trigger follows (insert, a move to another status,
// county or campaign, a write that changes none of them, a delete), on either database, and
// under concurrent transitions in opposite directions on PostgreSQL.
import type { PrismaClient } from '../../../generated/prisma/client';
import { DEMO } from '../../../modules/demo/seed';
import { seedDemoData } from '../../../modules/demo/seed';
import type { TestDatabase } from '../../support/database';
import { createTestDatabase } from '../../support/database';
import { THREE_CERTIFICATIONS_SQL, beforeMigration } from '../../support/migrations';

interface CountRow {
  campaignId: string;
  countyId: string;
  status: string;
  count: number;
}

const BY_KEY = `ORDER BY "campaignId", "countyId", status`;

/** What the table keeps (zeros left out) and what counting the certifications gives. */
async function keptAndCounted(
  query: <T>(sql: string) => Promise<T[]>,
): Promise<{ kept: CountRow[]; counted: CountRow[] }> {
  const kept = await query<CountRow>(
    `SELECT "campaignId", "countyId", status::text AS status, "count" FROM "CampaignStatusCount"
     WHERE "count" <> 0 ${BY_KEY}`,
  );
  const counted = await query<CountRow>(
    `SELECT "campaignId", "countyId", status::text AS status, count(*)::int AS "count"
     FROM "Certification" GROUP BY "campaignId", "countyId", status ${BY_KEY}`,
  );
  return { kept, counted };
}

test('the migration counts the certifications that exist', async () => {
  await beforeMigration('_campaign_status_counts', async ({ session, migrate }) => {
    await session.exec(THREE_CERTIFICATIONS_SQL);
    await migrate();
    const { kept, counted } = await keptAndCounted((sql) => session.query(sql, []));
    expect(kept).toEqual([
      { campaignId: 'camp-x', countyId: 'county-a', status: 'DECLARED', count: 2 },
      { campaignId: 'camp-x', countyId: 'county-b', status: 'CERTIFIED', count: 1 },
    ]);
    expect(kept).toEqual(counted);
  });
});

describe('the trigger', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let offices: { id: string; countyId: string }[];
  const query = <T>(sql: string) => prisma.$queryRawUnsafe<T[]>(sql);

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = db.prisma;
    await seedDemoData(prisma);
    offices = await prisma.office.findMany({
      select: { id: true, countyId: true },
      orderBy: { id: 'asc' },
      take: 20,
    });
    await prisma.campaign.create({
      data: { id: 'counts-other', cityId: DEMO.cityId, name: '另一批', config: {} },
    });
  });

  afterAll(async () => {
    await db.close();
  });

  const certification = (n: number) => {
    const office = offices[n % offices.length];
    if (!office) throw new Error('no demo office');
    return {
      id: `counts-${n}`,
      workflowId: `counts-${n}`,
      officeId: office.id,
      countyId: office.countyId,
      cityId: DEMO.cityId,
      campaignId: DEMO.campaignId,
      status: 'DECLARED' as const,
      revision: 1,
      config: {},
      state: {},
      declaredAt: new Date(),
      updatedAt: new Date(),
    };
  };

  it('follows every kind of write', async () => {
    await prisma.certification.createMany({
      data: Array.from({ length: 12 }, (_, n) => certification(n)),
    });
    const afterInsert = await keptAndCounted(query);
    expect(afterInsert.kept).toEqual(afterInsert.counted);
    await prisma.certification.updateMany({
      where: { id: { in: ['counts-0', 'counts-1', 'counts-2'] } },
      data: { status: 'BUILDING' },
    });
    await prisma.certification.update({ where: { id: 'counts-1' }, data: { status: 'CERTIFIED' } });
    // Another county, another campaign, and a write that moves nothing.
    const elsewhere = offices.find((o) => o.countyId !== offices[3]?.countyId);
    await prisma.certification.update({
      where: { id: 'counts-3' },
      data: { countyId: elsewhere?.countyId, status: 'REJECTED' },
    });
    await prisma.certification.update({
      where: { id: 'counts-4' },
      data: { campaignId: 'counts-other' },
    });
    await prisma.certification.update({ where: { id: 'counts-5' }, data: { revision: 2 } });
    await prisma.certification.update({ where: { id: 'counts-5' }, data: { status: 'DECLARED' } });
    await prisma.certification.delete({ where: { id: 'counts-6' } });

    const { kept, counted } = await keptAndCounted(query);
    expect(kept).toEqual(counted);
    const total = kept.reduce((n, row) => n + row.count, 0);
    expect(total).toBe(11);
    expect(kept.find((row) => row.status === 'CERTIFIED')?.count).toBe(1);
    expect(kept.find((row) => row.campaignId === 'counts-other')?.count).toBe(1);
  });

  it('leaves the counts as they were when the write is rolled back', async () => {
    const before = await keptAndCounted(query);
    const refused = new Error('refused after the write');
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.certification.update({ where: { id: 'counts-7' }, data: { status: 'CERTIFIED' } });
        await tx.certification.delete({ where: { id: 'counts-8' } });
        throw refused;
      }),
    ).rejects.toBe(refused);
    const after = await keptAndCounted(query);
    expect(after.kept).toEqual(before.kept);
    expect(after.kept).toEqual(after.counted);
  });

  it('keeps count under concurrent transitions in opposite directions', async () => {
    await prisma.certification.createMany({
      data: Array.from({ length: 40 }, (_, n) => ({
        ...certification(100 + n),
        // All in one county: every transition touches the same two count rows.
        countyId: offices[0]?.countyId ?? '',
        officeId: offices[0]?.id ?? '',
        status: n % 2 === 0 ? ('DECLARED' as const) : ('BUILDING' as const),
      })),
    });
    for (let round = 0; round < 3; round += 1) {
      await Promise.all(
        Array.from({ length: 40 }, (_, n) =>
          prisma.certification.update({
            where: { id: `counts-${100 + n}` },
            data: { status: (n + round) % 2 === 0 ? 'BUILDING' : 'DECLARED' },
          }),
        ),
      );
    }
    const { kept, counted } = await keptAndCounted(query);
    expect(kept).toEqual(counted);
  });
});
