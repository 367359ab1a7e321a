-- CreateTable
CREATE TABLE "SpotCheckDraw" (
    "id" TEXT NOT NULL,
    "cityId" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "share" DOUBLE PRECISION NOT NULL,
    "sampleSize" INTEGER NOT NULL,
    "candidates" JSONB NOT NULL,
    "chosen" JSONB NOT NULL,
    "trigger" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "drawnAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "SpotCheckDraw_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpotCheckDrawItem" (
    "drawId" TEXT NOT NULL,
    "certificationId" TEXT NOT NULL,
    "officeId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "recordedAt" TIMESTAMP(3),

    CONSTRAINT "SpotCheckDrawItem_pkey" PRIMARY KEY ("drawId","certificationId")
);

-- CreateTable
CREATE TABLE "BulkAction" (
    "id" TEXT NOT NULL,
    "cityId" TEXT NOT NULL,
    "key" TEXT,
    "action" TEXT NOT NULL,
    "filter" JSONB NOT NULL,
    "input" JSONB NOT NULL,
    "requestHash" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "BulkAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BulkActionItem" (
    "bulkActionId" TEXT NOT NULL,
    "certificationId" TEXT NOT NULL,
    "officeId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "recordedAt" TIMESTAMP(3),

    CONSTRAINT "BulkActionItem_pkey" PRIMARY KEY ("bulkActionId","certificationId")
);

-- CreateIndex
CREATE INDEX "SpotCheckDraw_cityId_drawnAt_idx" ON "SpotCheckDraw"("cityId", "drawnAt");

-- CreateIndex
CREATE INDEX "BulkAction_cityId_requestedAt_idx" ON "BulkAction"("cityId", "requestedAt");

-- CreateIndex
CREATE UNIQUE INDEX "BulkAction_cityId_key_key" ON "BulkAction"("cityId", "key");

-- AddForeignKey
ALTER TABLE "SpotCheckDrawItem" ADD CONSTRAINT "SpotCheckDrawItem_drawId_fkey" FOREIGN KEY ("drawId") REFERENCES "SpotCheckDraw"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulkActionItem" ADD CONSTRAINT "BulkActionItem_bulkActionId_fkey" FOREIGN KEY ("bulkActionId") REFERENCES "BulkAction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

