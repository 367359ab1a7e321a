-- Every audit event names its city, so that the audit list is scoped and filtered on indexed
-- columns alone (issue 16). Rows written before AuditEvent.cityId existed take the city of
-- their certification. The append-only trigger is lifted for this one statement, which fills in
-- a derived column and changes nothing that was recorded, and is back before the migration ends.
ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only";

UPDATE "AuditEvent" AS a SET "cityId" = c."cityId"
  FROM "Certification" AS c
  WHERE a."cityId" IS NULL AND a."certificationId" = c."id";

ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only";

-- CreateIndex
CREATE INDEX "AuditEvent_cityId_action_occurredAt_id_idx" ON "AuditEvent"("cityId", "action", "occurredAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_cityId_actorId_occurredAt_id_idx" ON "AuditEvent"("cityId", "actorId", "occurredAt", "id");
