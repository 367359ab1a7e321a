// Fills in the inbox table (CertificationTask) for certifications projected before it existed.
// The open steps come from the pure rules (rules/inbox.ts openSteps), which SQL cannot
// repeat, so this runs in code after the migrations, once per such certification: each is
// marked `tasksProjected` as it is done, and a later transition's projection writes the same
// rows, so running it again (or alongside a worker) neither doubles nor loses a task.
import type { CertificationState } from '../certification/workflow-api';
import type { SqlSession } from '../../platform/db/migrations';
import { openSteps, storedSteps } from './rules/inbox';

const BATCH = 500;

interface Unprojected {
  id: string;
  revision: number;
  cityId: string;
  countyId: string;
  state: unknown;
}

/** Projects the open steps of every certification not yet projected; returns how many. */
export async function backfillCertificationTasks(session: SqlSession): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await session.query<Unprojected>(
      `SELECT "id", "revision", "cityId", "countyId", "state" FROM "Certification"
       WHERE NOT "tasksProjected" ORDER BY "id" LIMIT $1`,
      [BATCH],
    );
    if (rows.length === 0) return done;
    for (const row of rows) {
      const state = (
        typeof row.state === 'string' ? JSON.parse(row.state) : row.state
      ) as CertificationState;
      const steps = JSON.stringify(storedSteps(openSteps(state)));
      // Each statement holds only while the row is still at the revision read: a transition
      // projected meanwhile has written its own steps and marked the row.
      const atRevision = `EXISTS (SELECT 1 FROM "Certification" WHERE "id" = $1 AND "revision" = $2)`;
      await session.query(
        `DELETE FROM "CertificationTask" WHERE "certificationId" = $1 AND ${atRevision}`,
        [row.id, row.revision],
      );
      await session.query(
        `INSERT INTO "CertificationTask" ("certificationId", "kind", "dueAt", "cityId", "countyId")
         SELECT $1, step."kind", step."dueAt", $3, $4
         FROM jsonb_to_recordset($5::jsonb) AS step("kind" text, "dueAt" timestamp(3))
         WHERE ${atRevision}`,
        [row.id, row.revision, row.cityId, row.countyId, steps],
      );
      await session.query(
        `UPDATE "Certification" SET "tasksProjected" = true WHERE "id" = $1 AND "revision" = $2`,
        [row.id, row.revision],
      );
      done += 1;
    }
  }
}
