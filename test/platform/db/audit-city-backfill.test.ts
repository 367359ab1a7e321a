// The migration that lets the audit list scope by AuditEvent.cityId alone gives the rows written
// before that column existed their certification's city, and leaves the trail append-only.
import { PGlite } from '@electric-sql/pglite';
import { migratedUpTo } from '../../support/migrations';

test("older audit events get their certification's city and the trail stays append-only", async () => {
  const pglite = new PGlite();
  try {
    const { session, migrate } = await migratedUpTo(pglite, '_audit_city_on_every_event');

    await session.exec(`
      INSERT INTO "City" (id, code, name) VALUES ('city-x', 'X', 'X市');
      INSERT INTO "County" (id, "cityId", code, name) VALUES ('county-x', 'city-x', 'X-1', 'X区');
      INSERT INTO "Office" (id, "countyId", code, name, type)
        VALUES ('office-a', 'county-x', 'X-1-1', 'A所', 'STREET');
      INSERT INTO "Campaign" (id, "cityId", name, config) VALUES ('camp-x', 'city-x', 'C', '{}');
      INSERT INTO "Certification" (id, "workflowId", "officeId", "countyId", "cityId",
          "campaignId", status, revision, config, state, "declaredAt", "updatedAt")
        VALUES ('cert-a', 'cert-a', 'office-a', 'county-x', 'city-x', 'camp-x', 'DECLARED', 1,
          '{}', '{}', now(), now());
      INSERT INTO "AuditEvent" (id, "cityId", "certificationId", revision, action, "actorId",
          "actorRole", details, "occurredAt")
        VALUES ('old', NULL, 'cert-a', 1, 'DECLARED', 'op', 'COUNTY_OPERATOR', '{}', now()),
               ('admin', 'city-x', NULL, NULL, 'API_KEY_CREATED', 'admin', 'CITY_ADMIN', '{}', now()),
               ('orphan', NULL, NULL, NULL, 'UNKNOWN', 'x', 'CITY_ADMIN', '{}', now());`);

    await migrate();
    const rows = await session.query<{ id: string; cityId: string | null }>(
      `SELECT id, "cityId" FROM "AuditEvent" ORDER BY id`,
      [],
    );
    expect(rows).toEqual([
      { id: 'admin', cityId: 'city-x' },
      { id: 'old', cityId: 'city-x' },
      { id: 'orphan', cityId: null },
    ]);
    await expect(
      session.query(`UPDATE "AuditEvent" SET reason = 'rewritten' WHERE id = 'old'`, []),
    ).rejects.toThrow(/append-only/);
  } finally {
    await pglite.close();
  }
});
