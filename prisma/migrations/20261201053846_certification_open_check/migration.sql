-- AlterTable
ALTER TABLE "Certification" ADD COLUMN     "openCheckDueAt" TIMESTAMP(3),
ADD COLUMN     "openCheckKind" TEXT;

-- CreateIndex
CREATE INDEX "Certification_cityId_openCheckKind_idx" ON "Certification"("cityId", "openCheckKind");


-- Backfill: the check each live certification has open, from its projected state.
UPDATE "Certification"
SET "openCheckKind" = "state"->'openCheck'->>'kind',
    "openCheckDueAt" = to_timestamp((("state"->'openCheck'->>'dueAt')::double precision) / 1000) AT TIME ZONE 'UTC'
WHERE "state"->'openCheck' IS NOT NULL AND jsonb_typeof("state"->'openCheck') = 'object';
