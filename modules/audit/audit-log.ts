// Administrative events (users, API keys, inspector assignments) go to the same append-only
// audit trail as certification transitions, so `GET /api/v1/audit` shows both.
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import type { Principal } from '../access';

export function recordAdminEvent(
  db: Pick<PrismaClient, 'auditEvent'> | Prisma.TransactionClient,
  args: {
    principal: Principal;
    action: string;
    requestId: string;
    details: Record<string, unknown>;
    certificationId?: string;
    reason?: string;
  },
) {
  return db.auditEvent.create({
    data: {
      id: randomUUID(),
      cityId: args.principal.cityId,
      certificationId: args.certificationId ?? null,
      action: args.action,
      actorId: args.principal.id,
      actorRole: args.principal.role,
      reason: args.reason ?? null,
      requestId: args.requestId,
      details: args.details as Prisma.InputJsonValue,
      occurredAt: new Date(),
    },
  });
}
