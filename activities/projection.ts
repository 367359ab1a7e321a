// Writes a transition to the database: the certification's current state (ordered by the
// workflow's revision counter) and one append-only audit event per revision.
import type { CertificationState, TransitionEvent } from '../domain/lifecycle';
import { pendingDueDates } from '../domain/lifecycle';
import type { Actor } from '../domain/schemas';
import type { Prisma, PrismaClient } from '../generated/prisma/client';

export interface ProjectedEvent extends TransitionEvent {
  revision: number;
  actor: Actor;
  requestId: string | null;
  occurredAt: number;
}

export interface ProjectTransitionArgs {
  state: CertificationState;
  event: ProjectedEvent;
}

export function auditEventId(certificationId: string, revision: number): string {
  return `${certificationId}:${revision}`;
}

export function createProjectionActivities(prisma: PrismaClient) {
  return {
    async projectTransition({ state, event }: ProjectTransitionArgs): Promise<void> {
      const due = pendingDueDates(state)[0];
      const row = {
        workflowId: `certification-office-${state.officeId}`,
        officeId: state.officeId,
        countyId: state.countyId,
        cityId: state.cityId,
        campaignId: state.campaignId,
        status: state.status,
        revision: state.revision,
        config: state.config as unknown as Prisma.InputJsonValue,
        state: state as unknown as Prisma.InputJsonValue,
        nextDueAt: due ? new Date(due.dueAt) : null,
        nextDueKind: due?.kind ?? null,
        certificateNumber: state.certificate?.number ?? null,
        declaredAt: new Date(state.declaredAt),
        updatedAt: new Date(event.occurredAt),
      };
      await prisma.$transaction(async (tx) => {
        const current = await tx.certification.findUnique({
          where: { id: state.certificationId },
          select: { revision: true },
        });
        if (!current) {
          await tx.certification.create({ data: { id: state.certificationId, ...row } });
        } else if (current.revision < state.revision) {
          // A retried or late write of an older revision must not overwrite a newer one.
          await tx.certification.update({ where: { id: state.certificationId }, data: row });
        }
        await tx.auditEvent.createMany({
          data: [
            {
              id: auditEventId(state.certificationId, event.revision),
              certificationId: state.certificationId,
              revision: event.revision,
              action: event.action,
              actorId: event.actor.id,
              actorRole: event.actor.role,
              fromStatus: event.fromStatus,
              toStatus: event.toStatus,
              reason: event.reason,
              requestId: event.requestId,
              details: event.details as Prisma.InputJsonValue,
              occurredAt: new Date(event.occurredAt),
            },
          ],
          skipDuplicates: true,
        });
      });
    },
  };
}
