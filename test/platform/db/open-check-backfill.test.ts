// The migration that adds the projected open check fills it in for certifications already in
// the database, from their projected state, so lists and filters are right from the upgrade on.
import { PGlite } from '@electric-sql/pglite';
import { migratedUpTo } from '../../support/migrations';

const DUE_AT = Date.UTC(2026, 5, 30, 16, 0);

test('existing certifications get their open check (kind and due date) from their state', async () => {
  const pglite = new PGlite();
  try {
    const { session, migrate } = await migratedUpTo(pglite, '_certification_open_check');

    await session.exec(`
      INSERT INTO "City" (id, code, name) VALUES ('city-x', 'X', 'X市');
      INSERT INTO "County" (id, "cityId", code, name) VALUES ('county-x', 'city-x', 'X-1', 'X区');
      INSERT INTO "Office" (id, "countyId", code, name, type)
        VALUES ('office-a', 'county-x', 'X-1-1', 'A所', 'STREET'),
               ('office-b', 'county-x', 'X-1-2', 'B所', 'STREET');
      INSERT INTO "Campaign" (id, "cityId", name, config) VALUES ('camp-x', 'city-x', 'C', '{}');`);
    const insert = `INSERT INTO "Certification" (id, "workflowId", "officeId", "countyId", "cityId",
        "campaignId", status, revision, config, state, "declaredAt", "updatedAt")
      VALUES ($1, $1, $2, 'county-x', 'city-x', 'camp-x', 'CERTIFIED', 5, '{}', $3::jsonb, now(), now())`;
    await session.query(insert, [
      'cert-a',
      'office-a',
      JSON.stringify({ openCheck: { kind: 'SPOT_CHECK', openedAt: 0, dueAt: DUE_AT } }),
    ]);
    await session.query(insert, ['cert-b', 'office-b', JSON.stringify({ openCheck: null })]);

    await migrate();
    const rows = await session.query<{
      id: string;
      openCheckKind: string | null;
      dueAt: string | null;
    }>(
      `SELECT id, "openCheckKind", to_char("openCheckDueAt", 'YYYY-MM-DD"T"HH24:MI:SS') AS "dueAt"
       FROM "Certification" ORDER BY id`,
      [],
    );
    expect(rows).toEqual([
      { id: 'cert-a', openCheckKind: 'SPOT_CHECK', dueAt: '2026-06-30T16:00:00' },
      { id: 'cert-b', openCheckKind: null, dueAt: null },
    ]);
  } finally {
    await pglite.close();
  }
});
