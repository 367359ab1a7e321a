// CertificationTaskCount, whose sums are the inbox's totals, always equals a count of the open
// steps themselves: after the migration counts what exists, after every write the trigger
// follows (steps opened, a projection closing one kind and opening another in one statement, a
// step moved to another county, a certification deleted with its steps), after a rolled-back
// write, and on PostgreSQL under concurrent projections in opposite directions in one county.
import type { PrismaClient } from '../../../generated/prisma/client';
import { DEMO, seedDemoData } from '../../../modules/demo/seed';
import type { TestDatabase } from '../../support/database';
import { createTestDatabase } from '../../support/database';
import { THREE_CERTIFICATIONS_SQL, beforeMigration } from '../../support/migrations';

type Query = <T>(sql: string) => Promise<T[]>;

/** "city county kind count" for every non-zero kept count, and for a count of the steps. */
async function keptAndCounted(query: Query): Promise<{ kept: string[]; counted: string[] }> {
  const kept = await query<{ line: string }>(
    `SELECT concat_ws(' ', "cityId", "countyId", kind, n) AS line
     FROM "CertificationTaskCount", jsonb_each_text("counts") AS c(kind, n)
     WHERE n::int <> 0 ORDER BY line`,
  );
  const counted = await query<{ line: string }>(
    `SELECT concat_ws(' ', "cityId", "countyId", "kind", count(*)) AS line
     FROM "CertificationTask" GROUP BY "cityId", "countyId", "kind" ORDER BY line`,
  );
  return { kept: kept.map((r) => r.line), counted: counted.map((r) => r.line) };
}

test('the migration counts the open steps that exist', async () => {
  await beforeMigration('_certification_task_counts', async ({ session, migrate }) => {
    await session.exec(`
      ${THREE_CERTIFICATIONS_SQL}
      INSERT INTO "CertificationTask" ("certificationId", kind, "dueAt", "cityId", "countyId")
        VALUES ('c1', 'REVIEW_DECLARATION', now(), 'city-x', 'county-a'),
               ('c2', 'REVIEW_DECLARATION', now(), 'city-x', 'county-a'),
               ('c3', 'SUBMIT_RECTIFICATION', NULL, 'city-x', 'county-b'),
               ('c3', 'VERIFY_RECTIFICATION', now(), 'city-x', 'county-b');`);
    await migrate();
    const { kept, counted } = await keptAndCounted((sql) => session.query(sql, []));
    expect(kept).toEqual([
      'city-x county-a REVIEW_DECLARATION 2',
      'city-x county-b SUBMIT_RECTIFICATION 1',
      'city-x county-b VERIFY_RECTIFICATION 1',
    ]);
    expect(kept).toEqual(counted);
  });
});

describe('the trigger', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let offices: { id: string; countyId: string }[];
  const query: Query = (sql) => prisma.$queryRawUnsafe(sql);

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = db.prisma;
    await seedDemoData(prisma);
    offices = await prisma.office.findMany({
      select: { id: true, countyId: true },
      orderBy: { id: 'asc' },
      take: 20,
    });
    // Certifications to hang steps on: the first 40 all in one county, the others spread.
    const office = (n: number) => offices[n < 40 ? 0 : n % offices.length] as (typeof offices)[0];
    await prisma.certification.createMany({
      data: Array.from({ length: 60 }, (_, n) => ({
        id: `steps-${n}`,
        workflowId: `steps-${n}`,
        officeId: office(n).id,
        countyId: office(n).countyId,
        cityId: DEMO.cityId,
        campaignId: DEMO.campaignId,
        status: 'DECLARED' as const,
        revision: 1,
        config: {},
        state: {},
        declaredAt: new Date(),
        updatedAt: new Date(),
      })),
    });
  });

  afterAll(async () => {
    await db.close();
  });

  /** As a projection does: the steps not open any more go, the open ones are written. */
  const project = (n: number, kinds: string[]) =>
    prisma.$executeRawUnsafe(
      `WITH steps AS (SELECT unnest($2::text[]) AS kind),
       closed AS (
         DELETE FROM "CertificationTask"
         WHERE "certificationId" = $1 AND kind NOT IN (SELECT kind FROM steps)
       )
       INSERT INTO "CertificationTask" ("certificationId", kind, "dueAt", "cityId", "countyId")
       SELECT c.id, steps.kind, now(), c."cityId", c."countyId"
       FROM steps, "Certification" c WHERE c.id = $1
       ON CONFLICT ("certificationId", kind) DO UPDATE SET "dueAt" = EXCLUDED."dueAt"`,
      `steps-${n}`,
      kinds,
    );

  it('follows every kind of write', async () => {
    for (let n = 40; n < 60; n += 1) await project(n, ['REVIEW_DECLARATION']);
    expect((await keptAndCounted(query)).kept).toHaveLength(
      new Set(offices.map((o) => o.countyId)).size,
    );
    await project(40, ['RECORD_INSPECTION', 'RECORD_DOCUMENT_REVIEW']);
    await project(41, []);
    await project(42, ['REVIEW_DECLARATION']);
    const elsewhere = offices.find((o) => o.countyId !== offices[43 % offices.length]?.countyId);
    await prisma.certificationTask.updateMany({
      where: { certificationId: 'steps-43' },
      data: { countyId: elsewhere?.countyId },
    });
    await prisma.certification.delete({ where: { id: 'steps-44' } });

    const { kept, counted } = await keptAndCounted(query);
    expect(kept).toEqual(counted);
    const total = (lines: string[]) => lines.reduce((n, l) => n + Number(l.split(' ')[3]), 0);
    expect(total(kept)).toBe(20 - 1 - 1 + 1);
  });

  it('leaves the counts as they were when the write is rolled back', async () => {
    const before = await keptAndCounted(query);
    const refused = new Error('refused after the write');
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.certificationTask.deleteMany({ where: { certificationId: 'steps-45' } });
        await tx.certificationTask.create({
          data: {
            certificationId: 'steps-46',
            kind: 'RECORD_INSPECTION',
            cityId: DEMO.cityId,
            countyId: offices[46 % offices.length]?.countyId ?? '',
          },
        });
        throw refused;
      }),
    ).rejects.toBe(refused);
    const after = await keptAndCounted(query);
    expect(after.kept).toEqual(before.kept);
    expect(after.kept).toEqual(after.counted);
  });

  it('keeps count under concurrent projections in opposite directions in one county', async () => {
    const kindOf = (n: number, round: number) =>
      (n + round) % 2 === 0 ? 'REVIEW_DECLARATION' : 'REVISE_DECLARATION';
    for (let n = 0; n < 40; n += 1) await project(n, [kindOf(n, 0)]);
    // Each round half close one kind and open the other, half the reverse, all at once.
    for (let round = 1; round <= 3; round += 1) {
      await Promise.all(Array.from({ length: 40 }, (_, n) => project(n, [kindOf(n, round)])));
    }
    const { kept, counted } = await keptAndCounted(query);
    expect(kept).toEqual(counted);
  });
});
