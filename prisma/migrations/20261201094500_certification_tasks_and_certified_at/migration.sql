-- AlterTable
ALTER TABLE "Certification" ADD COLUMN     "certifiedAt" TIMESTAMP(3),
ADD COLUMN     "tasksProjected" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "CertificationTask" (
    "certificationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3),
    "cityId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,

    CONSTRAINT "CertificationTask_pkey" PRIMARY KEY ("certificationId","kind")
);

-- CreateIndex
CREATE INDEX "CertificationTask_cityId_kind_dueAt_idx" ON "CertificationTask"("cityId", "kind", "dueAt");

-- CreateIndex
CREATE INDEX "CertificationTask_countyId_kind_dueAt_idx" ON "CertificationTask"("countyId", "kind", "dueAt");

-- AddForeignKey
ALTER TABLE "CertificationTask" ADD CONSTRAINT "CertificationTask_certificationId_fkey" FOREIGN KEY ("certificationId") REFERENCES "Certification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Certifications already named: their naming time from the projected state (epoch ms).
UPDATE "Certification"
SET "certifiedAt" = to_timestamp(((state->'certificate'->>'certifiedAt')::numeric) / 1000) AT TIME ZONE 'UTC'
WHERE jsonb_typeof(state->'certificate'->'certifiedAt') = 'number';
