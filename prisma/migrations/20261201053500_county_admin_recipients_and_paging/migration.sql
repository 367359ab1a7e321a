-- DropIndex
DROP INDEX "County_code_key";

-- DropIndex
DROP INDEX "County_cityId_idx";

-- AlterTable
ALTER TABLE "County" ADD COLUMN     "createdBy" TEXT,
ADD COLUMN     "headEmail" TEXT,
ADD COLUMN     "headLanguage" TEXT NOT NULL DEFAULT 'zh-CN',
ADD COLUMN     "headName" TEXT,
ADD COLUMN     "headPhone" TEXT,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'zh-CN',
ADD COLUMN     "notificationFunctions" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Recipient" ADD COLUMN     "createdBy" TEXT,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "cityId" TEXT,
ADD COLUMN     "countyId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "County_cityId_code_key" ON "County"("cityId", "code");

-- CreateIndex
CREATE INDEX "Certification_cityId_updatedAt_id_idx" ON "Certification"("cityId", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Certification_countyId_updatedAt_id_idx" ON "Certification"("countyId", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Notification_cityId_createdAt_id_idx" ON "Notification"("cityId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Notification_countyId_createdAt_id_idx" ON "Notification"("countyId", "createdAt", "id");


-- Backfill: each notification's city and county are its recipient's. Until now every
-- recipient was a Recipient row, and rows are never deleted.
UPDATE "Notification" n
SET "cityId" = r."cityId", "countyId" = r."countyId"
FROM "Recipient" r
WHERE r.id = n."recipientId";

-- Backfill: a user receives the notices of their role's function (an inspector none), as a
-- user created from now on does unless the admin chooses otherwise. Users without an email
-- still receive nothing.
UPDATE "User"
SET "notificationFunctions" = ARRAY["role"::text]
WHERE "role" <> 'INSPECTOR';
