// Writes a transition to the database: the certification's current state (ordered by the
// workflow's revision counter) and one append-only audit event per revision.
import type { LifecycleFacts, TransitionEvent } from '../rules/lifecycle';
import { pendingDueDates } from '../rules/lifecycle';
import type { Actor } from '../../shared';
import type { OpenStep } from '../../inbox/workflow-api';
import { openSteps, storedSteps } from '../../inbox/workflow-api';
import { ApplicationFailure } from '@temporalio/common';
import { isRefusedData, sqlStateOf } from '../../../platform/db/database-errors';
import type { ProjectedState } from '../messages';
import { certificationWorkflowId, PROJECTION_REFUSED } from '../messages';
import type { PrismaClient } from '../../../generated/prisma/client';
import { plainSql } from '../../../platform/db/plain-sql';
import { auditRow } from '../../audit';

export interface ProjectedEvent extends TransitionEvent {
  revision: number;
  actor: Actor;
  requestId: string | null;
  occurredAt: number;
}

export interface ProjectTransitionArgs {
  state: ProjectedState;
  event: ProjectedEvent;
  /**
   * Computed by the workflow from the whole state, since the state sent may lack the settled
   * parts they depend on. Absent in inputs recorded before: those carry the whole state.
   */
  due?: ReturnType<typeof pendingDueDates>;
  steps?: OpenStep[];
}

/** What the row's columns and tasks are derived from: sent by the workflow, or computed. */
function derived({ state, due, steps }: ProjectTransitionArgs): {
  due: ReturnType<typeof pendingDueDates>;
  steps: OpenStep[];
} {
  if (due && steps) return { due, steps };
  if (!state.config || !state.declaration) {
    throw ApplicationFailure.nonRetryable(
      `projection of ${state.certificationId} revision ${state.revision} has neither due dates nor the state they come from`,
    );
  }
  const facts = state as LifecycleFacts;
  return { due: pendingDueDates(facts), steps: openSteps(facts) };
}

export function auditEventId(certificationId: string, revision: number): string {
  return `${certificationId}:${revision}`;
}

export function createProjectionActivities(prisma: PrismaClient) {
  return {
    async projectTransition(args: ProjectTransitionArgs): Promise<void> {
      const { state, event } = args;
      const { due: dueDates, steps } = derived(args);
      const due = dueDates[0];
      const nextDueAt = due ? new Date(due.dueAt) : null;
      const check = state.openCheck;
      const audit = auditRow({
        id: auditEventId(state.certificationId, event.revision),
        cityId: state.cityId,
        certificationId: state.certificationId,
        revision: event.revision,
        action: event.action,
        actor: event.actor,
        fromStatus: event.fromStatus,
        toStatus: event.toStatus,
        reason: event.reason,
        requestId: event.requestId,
        details: event.details,
        occurredAt: new Date(event.occurredAt),
      });
      // One statement, guarded by the revision: a retried or late write of an older revision
      // never overwrites a newer row or its steps, and a transition costs one round trip (the
      // benchmark's hot path). Its parts run on one snapshot, so "this revision is the row's"
      // is: this statement stored it, or an earlier attempt of this same write did.
      try {
        await plainSql(prisma)`
          WITH stored AS (
            INSERT INTO "Certification" ("id", "workflowId", "officeId", "countyId", "cityId",
              "campaignId", "status", "revision", "config", "state", "nextDueAt", "nextDueKind",
              "openCheckKind", "openCheckDueAt", "certifiedAt", "tasksProjected",
              "certificateNumber", "declaredAt", "updatedAt")
            VALUES (${state.certificationId}, ${certificationWorkflowId(state.officeId)},
              ${state.officeId}, ${state.countyId}, ${state.cityId}, ${state.campaignId},
              ${state.status}::"CertificationStatus", ${state.revision}::int,
              COALESCE(${state.config ? JSON.stringify(state.config) : null}::jsonb,
                (SELECT "config" FROM "Certification" WHERE "id" = ${state.certificationId})),
              ${JSON.stringify(state)}::jsonb,
              ${nextDueAt}::timestamp(3), ${due?.kind ?? null}::text, ${check?.kind ?? null}::text,
              ${check ? new Date(check.dueAt) : null}::timestamp(3),
              ${state.certificate ? new Date(state.certificate.certifiedAt) : null}::timestamp(3),
              true, ${state.certificate?.number ?? null}::text,
              ${new Date(state.declaredAt)}::timestamp(3), ${new Date(event.occurredAt)}::timestamp(3))
            ON CONFLICT ("id") DO UPDATE SET
              "status" = EXCLUDED."status", "revision" = EXCLUDED."revision",
              "config" = EXCLUDED."config",
              -- Settled parts the workflow left out come from the stored state (the sent ones win).
              "state" = jsonb_build_object(
                  'criteria', "Certification"."state"->'criteria',
                  'config', "Certification"."state"->'config',
                  'declaration', "Certification"."state"->'declaration'
                ) || EXCLUDED."state",
              "nextDueAt" = EXCLUDED."nextDueAt", "nextDueKind" = EXCLUDED."nextDueKind",
              "openCheckKind" = EXCLUDED."openCheckKind",
              "openCheckDueAt" = EXCLUDED."openCheckDueAt",
              "certifiedAt" = EXCLUDED."certifiedAt", "tasksProjected" = true,
              "certificateNumber" = EXCLUDED."certificateNumber",
              "updatedAt" = EXCLUDED."updatedAt"
            WHERE "Certification"."revision" < EXCLUDED."revision"
            RETURNING "id"
          ),
          current AS (
            SELECT 1 FROM stored
            UNION ALL
            SELECT 1 FROM "Certification"
            WHERE "id" = ${state.certificationId} AND "revision" = ${state.revision}::int
          ),
          steps AS (
            SELECT step."kind", step."dueAt"
            FROM jsonb_to_recordset(${JSON.stringify(storedSteps(steps))}::jsonb)
              AS step("kind" text, "dueAt" timestamp(3))
          ),
          -- The open steps replace the stored ones: those no longer open go, the others are
          -- written (two parts of one statement must not touch the same row).
          closed AS (
            DELETE FROM "CertificationTask"
            WHERE "certificationId" = ${state.certificationId}
              AND "kind" NOT IN (SELECT "kind" FROM steps)
              AND EXISTS (SELECT 1 FROM current)
          ),
          opened AS (
            INSERT INTO "CertificationTask" ("certificationId", "kind", "dueAt", "cityId", "countyId")
            SELECT ${state.certificationId}, "kind", "dueAt", ${state.cityId}, ${state.countyId}
            FROM steps WHERE EXISTS (SELECT 1 FROM current)
            ON CONFLICT ("certificationId", "kind") DO UPDATE SET
              "dueAt" = EXCLUDED."dueAt", "cityId" = EXCLUDED."cityId",
              "countyId" = EXCLUDED."countyId"
          ),
          recorded AS (
            INSERT INTO "AuditEvent" ("id", "cityId", "certificationId", "revision", "action",
              "actorId", "actorRole", "fromStatus", "toStatus", "reason", "requestId", "details",
              "occurredAt")
            VALUES (${audit.id}, ${audit.cityId ?? null}::text, ${audit.certificationId ?? null}::text,
              ${audit.revision ?? null}::int, ${audit.action}, ${audit.actorId}, ${audit.actorRole},
              ${audit.fromStatus ?? null}::text, ${audit.toStatus ?? null}::text,
              ${audit.reason ?? null}::text, ${audit.requestId ?? null}::text,
              ${JSON.stringify(audit.details)}::jsonb, ${audit.occurredAt}::timestamp(3))
            ON CONFLICT DO NOTHING
          )
          SELECT 1 AS done`;
      } catch (error) {
        throw refusalOrSame(error, event);
      }
    },
  };
}

/**
 * Data the database will never store (a NUL in text, a value out of range) must not be
 * retried for ever: that froze the certification and every later action on it. It fails the
 * activity at once, typed, and the workflow undoes the transition and says why.
 */
function refusalOrSame(error: unknown, event: ProjectedEvent): unknown {
  if (!isRefusedData(error)) return error;
  const sqlState = sqlStateOf(error) ?? 'unknown';
  const raw = error instanceof Error ? error.message : String(error);
  // PostgreSQL's own sentence, without Prisma's preamble or any control character.
  const driverMessage =
    (error as { meta?: { driverAdapterError?: { cause?: { message?: string } } } }).meta
      ?.driverAdapterError?.cause?.message ??
    raw.split('\n').at(-1) ??
    raw;
  const detail = Array.from(driverMessage, (c) => (c < ' ' || c === '\u007f' ? ' ' : c))
    .join('')
    .trim()
    .slice(0, 300);
  return ApplicationFailure.create({
    type: PROJECTION_REFUSED,
    nonRetryable: true,
    message: `the database cannot store ${event.action} (revision ${event.revision}): ${detail} (SQLSTATE ${sqlState})`,
    details: [{ sqlState, action: event.action, revision: event.revision }],
  });
}
