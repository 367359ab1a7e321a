-- Indexes for the lists and filters the API and the console use (issue 16). Checked with
-- EXPLAIN ANALYZE on PostgreSQL at 3,000 certifications. Each names the query it serves in
-- prisma/schema.prisma. The indexes they replace are prefixes of the new ones, so nothing
-- that used them loses an index.
-- DropIndex
DROP INDEX "Certification_countyId_status_idx";

-- DropIndex
DROP INDEX "Certification_cityId_status_idx";

-- DropIndex
DROP INDEX "Certification_cityId_openCheckKind_idx";

-- DropIndex
DROP INDEX "Certification_officeId_idx";

-- DropIndex
DROP INDEX "Notification_certificationId_idx";

-- CreateIndex
CREATE INDEX "Certification_cityId_status_updatedAt_id_idx" ON "Certification"("cityId", "status", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Certification_countyId_status_updatedAt_id_idx" ON "Certification"("countyId", "status", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Certification_cityId_openCheckKind_updatedAt_id_idx" ON "Certification"("cityId", "openCheckKind", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Certification_officeId_declaredAt_id_idx" ON "Certification"("officeId", "declaredAt", "id");

-- CreateIndex
CREATE INDEX "Certification_campaignId_countyId_status_certifiedAt_idx" ON "Certification"("campaignId", "countyId", "status", "certifiedAt");

-- CreateIndex
CREATE INDEX "Certification_cityId_certifiedAt_idx" ON "Certification"("cityId", "certifiedAt");

-- CreateIndex
CREATE INDEX "CertificationTask_cityId_dueAt_certificationId_kind_idx" ON "CertificationTask"("cityId", "dueAt", "certificationId", "kind");

-- CreateIndex
CREATE INDEX "CertificationTask_countyId_dueAt_certificationId_kind_idx" ON "CertificationTask"("countyId", "dueAt", "certificationId", "kind");

-- CreateIndex
CREATE INDEX "Notification_certificationId_createdAt_idx" ON "Notification"("certificationId", "createdAt");


-- The office list pages in byte order of the code (`ORDER BY code COLLATE "C"`, the same on
-- every deployment whatever the database's locale): an index in that collation lets a page be
-- read in order and cut after its last row instead of sorting every office of the city, each
-- with its latest certification. Prisma's schema cannot state an index's collation, so these
-- two are written here only, like "Campaign_cityId_name_live_key".
CREATE INDEX "Office_code_c_idx" ON "Office"(("code" COLLATE "C"));
CREATE INDEX "Office_countyId_code_c_idx" ON "Office"("countyId", ("code" COLLATE "C"));
