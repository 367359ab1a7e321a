-- Campaign progress counted every certification of the campaign on every request, so its cost
-- grew with each parked declaration (issue 16). The counts per county and status are now kept
-- in a table of their own by a trigger on "Certification", in the same transaction as the write
-- that changes them, and progress reads those few rows. Certifications holding the title are
-- still read one by one (at most one per office), for when each was named.

-- CreateTable
CREATE TABLE "CampaignStatusCount" (
    "campaignId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "status" "CertificationStatus" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "CampaignStatusCount_pkey" PRIMARY KEY ("campaignId","countyId","status")
);

CREATE FUNCTION "campaign_status_count_add"(
  campaign TEXT, county TEXT, certification_status "CertificationStatus", delta INTEGER
) RETURNS void AS $$
  INSERT INTO "CampaignStatusCount" AS kept ("campaignId", "countyId", "status", "count")
  VALUES (campaign, county, certification_status, delta)
  ON CONFLICT ("campaignId", "countyId", "status")
  DO UPDATE SET "count" = kept."count" + EXCLUDED."count";
$$ LANGUAGE sql;

CREATE FUNCTION "certification_counts_follow"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "campaign_status_count_add"(NEW."campaignId", NEW."countyId", NEW."status", 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "campaign_status_count_add"(OLD."campaignId", OLD."countyId", OLD."status", -1);
  ELSIF (OLD."campaignId", OLD."countyId", OLD."status")
        IS DISTINCT FROM (NEW."campaignId", NEW."countyId", NEW."status") THEN
    -- The two counts are changed in the order of their keys, whichever way the certification
    -- moves, so two transitions in opposite directions never wait on each other's count.
    IF (OLD."campaignId", OLD."countyId", OLD."status")
       < (NEW."campaignId", NEW."countyId", NEW."status") THEN
      PERFORM "campaign_status_count_add"(OLD."campaignId", OLD."countyId", OLD."status", -1);
      PERFORM "campaign_status_count_add"(NEW."campaignId", NEW."countyId", NEW."status", 1);
    ELSE
      PERFORM "campaign_status_count_add"(NEW."campaignId", NEW."countyId", NEW."status", 1);
      PERFORM "campaign_status_count_add"(OLD."campaignId", OLD."countyId", OLD."status", -1);
    END IF;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- The trigger first, then the counts of what exists: the trigger's lock on "Certification" keeps
-- every writer out until this migration commits, so no write falls between the two.
CREATE TRIGGER "Certification_counts_follow"
  AFTER INSERT OR UPDATE OF "campaignId", "countyId", "status" OR DELETE ON "Certification"
  FOR EACH ROW EXECUTE FUNCTION "certification_counts_follow"();

INSERT INTO "CampaignStatusCount" ("campaignId", "countyId", "status", "count")
SELECT "campaignId", "countyId", "status", count(*)::int
FROM "Certification"
GROUP BY "campaignId", "countyId", "status";

-- The title holders of a campaign, found without visiting its other certifications.
DROP INDEX "Certification_campaignId_countyId_status_certifiedAt_idx";

-- CreateIndex
CREATE INDEX "Certification_campaignId_status_countyId_certifiedAt_idx" ON "Certification"("campaignId", "status", "countyId", "certifiedAt");
