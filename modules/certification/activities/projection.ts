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
import type { Prisma, PrismaClient } from '../../../generated/prisma/client';
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
      // One upsert guarded by the revision: a retried or late write of an older revision
      // never overwrites a newer one, and the projection costs one statement, not a
      // read-then-write transaction (the benchmark's hot path).
      const upsert = prisma.$executeRaw`
        INSERT INTO "Certification" ("id", "workflowId", "officeId", "countyId", "cityId",
          "campaignId", "status", "revision", "config", "state", "nextDueAt", "nextDueKind",
          "openCheckKind", "openCheckDueAt", "certifiedAt", "tasksProjected", "certificateNumber",
          "declaredAt", "updatedAt")
        VALUES (${state.certificationId}, ${certificationWorkflowId(state.officeId)},
          ${state.officeId}, ${state.countyId}, ${state.cityId}, ${state.campaignId},
          ${state.status}::"CertificationStatus", ${state.revision},
          COALESCE(${state.config ? JSON.stringify(state.config) : null}::jsonb,
            (SELECT "config" FROM "Certification" WHERE "id" = ${state.certificationId})),
          ${JSON.stringify(state)}::jsonb,
          ${nextDueAt}, ${due?.kind ?? null}, ${check?.kind ?? null},
          ${check ? new Date(check.dueAt) : null},
          ${state.certificate ? new Date(state.certificate.certifiedAt) : null}, true,
          ${state.certificate?.number ?? null},
          ${new Date(state.declaredAt)}, ${new Date(event.occurredAt)})
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
          "openCheckKind" = EXCLUDED."openCheckKind", "openCheckDueAt" = EXCLUDED."openCheckDueAt",
          "certifiedAt" = EXCLUDED."certifiedAt", "tasksProjected" = true,
          "certificateNumber" = EXCLUDED."certificateNumber", "updatedAt" = EXCLUDED."updatedAt"
        WHERE "Certification"."revision" < EXCLUDED."revision"`;
      try {
        await store(upsert, event, state, steps);
      } catch (error) {
        throw refusalOrSame(error, event);
      }
    },
  };

  function store(
    upsert: Prisma.PrismaPromise<number>,
    event: ProjectedEvent,
    state: ProjectedState,
    steps: OpenStep[],
  ) {
    return prisma.$transaction([
      upsert,
      ...replaceTasks(prisma, state, steps),
      prisma.auditEvent.createMany({
        data: [
          auditRow({
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
          }),
        ],
        skipDuplicates: true,
      }),
    ]);
  }
}

/**
 * The certification's open steps replace the stored ones, only while this revision is the
 * row's: a late retry of an older transition leaves the newer steps alone, as the upsert does.
 */
export function replaceTasks(
  prisma: PrismaClient,
  state: Pick<ProjectedState, 'certificationId' | 'revision' | 'cityId' | 'countyId'>,
  open: OpenStep[],
): Prisma.PrismaPromise<number>[] {
  const steps = storedSteps(open);
  return [
    prisma.$executeRaw`
      DELETE FROM "CertificationTask" WHERE "certificationId" = ${state.certificationId}
        AND EXISTS (SELECT 1 FROM "Certification"
          WHERE "id" = ${state.certificationId} AND "revision" = ${state.revision})`,
    prisma.$executeRaw`
      INSERT INTO "CertificationTask" ("certificationId", "kind", "dueAt", "cityId", "countyId")
      SELECT ${state.certificationId}, step."kind", step."dueAt", ${state.cityId}, ${state.countyId}
      FROM jsonb_to_recordset(${JSON.stringify(steps)}::jsonb) AS step("kind" text, "dueAt" timestamp(3))
      WHERE EXISTS (SELECT 1 FROM "Certification"
        WHERE "id" = ${state.certificationId} AND "revision" = ${state.revision})`,
  ];
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
