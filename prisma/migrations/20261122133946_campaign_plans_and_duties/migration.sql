-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "assessment" JSONB,
ADD COLUMN     "createdBy" TEXT,
ADD COLUMN     "endsOn" DATE,
ADD COLUMN     "phase" TEXT,
ADD COLUMN     "plan" JSONB,
ADD COLUMN     "startsOn" DATE,
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'PLANNED',
ADD COLUMN     "targets" JSONB,
ADD COLUMN     "workflowId" TEXT;

-- CreateTable
CREATE TABLE "CampaignReportDuty" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "cityId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "escalations" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CampaignReportDuty_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignReport" (
    "id" TEXT NOT NULL,
    "dutyId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "attachments" JSONB NOT NULL,
    "late" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL,
    "submittedBy" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "reviewedBy" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "reviewComments" TEXT,

    CONSTRAINT "CampaignReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionVisit" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "cityId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "visitedOn" DATE NOT NULL,
    "officeIds" TEXT[],
    "findings" TEXT NOT NULL,
    "followUp" TEXT,
    "recordedBy" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SupervisionVisit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CampaignReportDuty_cityId_status_idx" ON "CampaignReportDuty"("cityId", "status");

-- CreateIndex
CREATE INDEX "CampaignReportDuty_countyId_status_idx" ON "CampaignReportDuty"("countyId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignReportDuty_campaignId_countyId_kind_period_key" ON "CampaignReportDuty"("campaignId", "countyId", "kind", "period");

-- CreateIndex
CREATE INDEX "CampaignReport_campaignId_status_idx" ON "CampaignReport"("campaignId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignReport_dutyId_version_key" ON "CampaignReport"("dutyId", "version");

-- CreateIndex
CREATE INDEX "SupervisionVisit_campaignId_countyId_idx" ON "SupervisionVisit"("campaignId", "countyId");

-- AddForeignKey
ALTER TABLE "CampaignReportDuty" ADD CONSTRAINT "CampaignReportDuty_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignReportDuty" ADD CONSTRAINT "CampaignReportDuty_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignReport" ADD CONSTRAINT "CampaignReport_dutyId_fkey" FOREIGN KEY ("dutyId") REFERENCES "CampaignReportDuty"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignReport" ADD CONSTRAINT "CampaignReport_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionVisit" ADD CONSTRAINT "SupervisionVisit_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionVisit" ADD CONSTRAINT "SupervisionVisit_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

