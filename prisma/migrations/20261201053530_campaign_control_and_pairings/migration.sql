-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "planRevision" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "stopReason" TEXT,
ADD COLUMN     "stoppedAt" TIMESTAMP(3),
ADD COLUMN     "stoppedBy" TEXT;

-- CreateTable
CREATE TABLE "CampaignPairing" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "cityId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "officeId" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "responsibilities" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "letterSignedOn" DATE,
    "letterSignatories" JSONB,
    "letterAttachment" JSONB,
    "letterRecordedBy" TEXT,
    "letterRecordedAt" TIMESTAMP(3),

    CONSTRAINT "CampaignPairing_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CampaignPairing_campaignId_countyId_idx" ON "CampaignPairing"("campaignId", "countyId");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignPairing_campaignId_officeId_key" ON "CampaignPairing"("campaignId", "officeId");

-- AddForeignKey
ALTER TABLE "CampaignPairing" ADD CONSTRAINT "CampaignPairing_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignPairing" ADD CONSTRAINT "CampaignPairing_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- A campaign's name is unique in its city among campaigns not cancelled (a cancelled one's
-- name may be used again). Names duplicated before this rule get " (2)", " (3)" … in the
-- order they were created, so the index can be built; the first keeps its name.
UPDATE "Campaign" AS c
SET "name" = c."name" || ' (' || d.n || ')'
FROM (
    SELECT "id", ROW_NUMBER() OVER (PARTITION BY "cityId", "name" ORDER BY "createdAt", "id") AS n
    FROM "Campaign"
) AS d
WHERE c."id" = d."id" AND d.n > 1;

CREATE UNIQUE INDEX "Campaign_cityId_name_live_key" ON "Campaign"("cityId", "name")
WHERE "status" <> 'CANCELLED';
