// Campaign events in the append-only audit trail. They have no certification: they carry the
// city (for scoping), a CAMPAIGN_* action, and campaignId / countyId / dutyId in `details` so
// the audit API can filter them. Their ids are deterministic (what happened to what), so a
// retried activity or request writes each event once.
import { SYSTEM_ACTOR_ID } from '../shared';
import type { Prisma } from '../../generated/prisma/client';

export interface CampaignAuditEntry {
  /** Deterministic, e.g. "campaign-duty:<dutyId>:overdue". */
  id: string;
  cityId: string;
  action: string;
  actor: { id: string; role: string };
  fromStatus?: string | null;
  toStatus?: string | null;
  reason?: string | null;
  requestId?: string | null;
  details: { campaignId: string; countyId?: string | null } & Record<string, unknown>;
  occurredAt: Date;
}

export const SYSTEM_ACTOR = { id: SYSTEM_ACTOR_ID, role: 'SYSTEM' } as const;

export function campaignAuditRow(entry: CampaignAuditEntry): Prisma.AuditEventCreateManyInput {
  return {
    id: entry.id,
    cityId: entry.cityId,
    certificationId: null,
    revision: null,
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
