-- The inbox's total counted every open step its reader owes on every request: a city reviewer
-- with 40,000 declarations waiting paid a scan of 40,000 rows each time (issue 16). How many
-- steps of each kind are open per county is now kept by a trigger on "CertificationTask", in
-- the same transaction as the write that changes them, and the inbox sums those few numbers.
-- One row per county holds the counts of every kind, so that a projection, which closes a step
-- of one kind and opens one of another, changes one row: two projections in one county wait on
-- each other but can never deadlock over two counts taken in opposite orders.

-- CreateTable
CREATE TABLE "CertificationTaskCount" (
    "cityId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "counts" JSONB NOT NULL,

    CONSTRAINT "CertificationTaskCount_pkey" PRIMARY KEY ("cityId","countyId")
);

CREATE FUNCTION "certification_task_count_add"(
  city TEXT, county TEXT, task_kind TEXT, delta INTEGER
) RETURNS void AS $$
  INSERT INTO "CertificationTaskCount" AS kept ("cityId", "countyId", "counts")
  VALUES (city, county, jsonb_build_object(task_kind, delta))
  ON CONFLICT ("cityId", "countyId")
  DO UPDATE SET "counts" = kept."counts" || jsonb_build_object(
    task_kind, COALESCE((kept."counts" ->> task_kind)::int, 0) + delta
  );
$$ LANGUAGE sql;

CREATE FUNCTION "certification_task_counts_follow"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "certification_task_count_add"(NEW."cityId", NEW."countyId", NEW."kind", 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "certification_task_count_add"(OLD."cityId", OLD."countyId", OLD."kind", -1);
  ELSIF (OLD."cityId", OLD."countyId", OLD."kind")
        IS DISTINCT FROM (NEW."cityId", NEW."countyId", NEW."kind") THEN
    -- A step moved to another county changes two rows, in the order of their keys.
    IF (OLD."cityId", OLD."countyId") <= (NEW."cityId", NEW."countyId") THEN
      PERFORM "certification_task_count_add"(OLD."cityId", OLD."countyId", OLD."kind", -1);
      PERFORM "certification_task_count_add"(NEW."cityId", NEW."countyId", NEW."kind", 1);
    ELSE
      PERFORM "certification_task_count_add"(NEW."cityId", NEW."countyId", NEW."kind", 1);
      PERFORM "certification_task_count_add"(OLD."cityId", OLD."countyId", OLD."kind", -1);
    END IF;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- The trigger first, then the counts of what exists: the trigger's lock on "CertificationTask"
-- keeps every writer out until this migration commits, so no write falls between the two.
CREATE TRIGGER "CertificationTask_counts_follow"
  AFTER INSERT OR UPDATE OF "cityId", "countyId", "kind" OR DELETE ON "CertificationTask"
  FOR EACH ROW EXECUTE FUNCTION "certification_task_counts_follow"();

INSERT INTO "CertificationTaskCount" ("cityId", "countyId", "counts")
SELECT "cityId", "countyId", jsonb_object_agg("kind", "count")
FROM (
  SELECT "cityId", "countyId", "kind", count(*)::int AS "count"
  FROM "CertificationTask"
  GROUP BY "cityId", "countyId", "kind"
) AS open_steps
GROUP BY "cityId", "countyId";
