// The one place an audit-trail row is built. Every writer — certification transitions,
// campaign events, spot-check draws, bulk actions and administrative events (users, API keys,
// inspector assignments, recipients, counties, office imports) — goes through `auditRow`, so
// `GET /api/v1/audit` reads one shape whoever wrote it. Writers keep choosing how they write
// (`create`, or `createMany` with `skipDuplicates` for deterministic ids): that is theirs.
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import type { Principal } from '../access';

/** One event in the append-only audit trail, as a writer describes it. */
export interface AuditEntry {
  /** Deterministic where a retry must write the event once (e.g. "campaign:<id>:created"). */
  id: string;
  /** The city the event belongs to, so the audit API scopes it without joins. */
  cityId: string;
  certificationId?: string | null;
  revision?: number | null;
  action: string;
  actor: { id: string; role: string };
  fromStatus?: string | null;
  toStatus?: string | null;
  reason?: string | null;
  requestId?: string | null;
  details: Record<string, unknown>;
  occurredAt: Date;
}

/** The stored row of an audit event: every column written, absent ones as null. */
export function auditRow(entry: AuditEntry): Prisma.AuditEventCreateManyInput {
  return {
    id: entry.id,
    cityId: entry.cityId,
    certificationId: entry.certificationId ?? null,
    revision: entry.revision ?? null,
    action: entry.action,
    actorId: entry.actor.id,
    actorRole: entry.actor.role,
    fromStatus: entry.fromStatus ?? null,
    toStatus: entry.toStatus ?? null,
    reason: entry.reason ?? null,
    requestId: entry.requestId ?? null,
    details: entry.details as Prisma.InputJsonValue,
    occurredAt: entry.occurredAt,
  };
}

/**
 * An administrative event (users, API keys, inspector assignments…) done by a signed-in
 * caller now, with a fresh id: each request is its own event.
 */
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
    data: auditRow({
      id: randomUUID(),
      cityId: args.principal.cityId,
      certificationId: args.certificationId,
      action: args.action,
      actor: args.principal,
      reason: args.reason,
      requestId: args.requestId,
      details: args.details,
      occurredAt: new Date(),
    }),
  });
}
