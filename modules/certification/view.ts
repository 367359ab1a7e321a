// One certification as its answers show it (the Certification response schema): read in a
// single statement, then presented in the reader's language. A GET of a certification is the
// API's most frequent call; with Prisma's includes it cost five round trips and five query
// compilations (row, office, timeline, inspectors, notifications), now one (issue 16).
import type { CertificationStatus, OfficeType, PrismaClient } from '../../generated/prisma/client';
import type { Locale } from '../shared';
import { presentOpenCheck } from './responses';
import { readerReason, systemReasonOf } from './rules/wording';
import { plainSql } from '../../platform/db/plain-sql';

/** A timestamp as `Date.prototype.toISOString` writes it (the columns hold milliseconds, UTC). */
type IsoText = string;

/** to_char's pattern for that text: the columns are UTC timestamps without a zone. */
const ISO_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"';

interface TimelineEntry {
  revision: number;
  action: string;
  actorId: string;
  actorRole: string;
  fromStatus: string | null;
  toStatus: string | null;
  reason: string | null;
  requestId: string | null;
  details: unknown;
  occurredAt: IsoText;
}

/** The certification row with its office, inspectors, timeline and notifications. */
export interface CertificationRow {
  id: string;
  workflowId: string;
  status: CertificationStatus;
  revision: number;
  officeId: string;
  countyId: string;
  cityId: string;
  campaignId: string;
  certificateNumber: string | null;
  nextDueAt: Date | null;
  nextDueKind: string | null;
  openCheckKind: string | null;
  openCheckDueAt: Date | null;
  declaredAt: Date;
  updatedAt: Date;
  state: unknown;
  officeCode: string;
  officeName: string;
  officeType: OfficeType;
  inspectors: { inspectorId: string; assignedBy: string; assignedAt: IsoText }[];
  timeline: TimelineEntry[];
  notifications: {
    kind: string;
    recipientId: string;
    subject: string;
    status: string;
    attempts: number;
    sentAt: IsoText | null;
  }[];
}

/**
 * The certification with everything its answer shows, or null. The related lists are
 * aggregated as JSON in the same statement, in the orders the answer has always had:
 * inspectors by assignment, the workflow's transitions by revision (administrative events
 * are in the audit API), notifications by creation. Timestamps inside the JSON are formatted
 * by the database exactly as toISOString would.
 */
export async function readCertificationRow(
  prisma: PrismaClient,
  id: string,
): Promise<CertificationRow | null> {
  const rows = await plainSql(prisma)<CertificationRow>`
    SELECT c.id, c."workflowId", c.status::text AS status, c.revision, c."officeId",
           c."countyId", c."cityId", c."campaignId", c."certificateNumber",
           c."nextDueAt", c."nextDueKind", c."openCheckKind", c."openCheckDueAt",
           c."declaredAt", c."updatedAt", c.state,
           o.code AS "officeCode", o.name AS "officeName", o."type"::text AS "officeType",
           COALESCE((
             SELECT json_agg(json_build_object(
                      'inspectorId', a."inspectorId",
                      'assignedBy', a."assignedBy",
                      'assignedAt', to_char(a."assignedAt", ${ISO_FORMAT}))
                    ORDER BY a."assignedAt")
             FROM "InspectionAssignment" a WHERE a."certificationId" = c.id
           ), '[]'::json) AS inspectors,
           COALESCE((
             SELECT json_agg(json_build_object(
                      'revision', e.revision,
                      'action', e.action,
                      'actorId', e."actorId",
                      'actorRole', e."actorRole",
                      'fromStatus', e."fromStatus",
                      'toStatus', e."toStatus",
                      'reason', e.reason,
                      'requestId', e."requestId",
                      'details', e.details,
                      'occurredAt', to_char(e."occurredAt", ${ISO_FORMAT}))
                    ORDER BY e.revision)
             FROM "AuditEvent" e WHERE e."certificationId" = c.id AND e.revision IS NOT NULL
           ), '[]'::json) AS timeline,
           COALESCE((
             SELECT json_agg(json_build_object(
                      'kind', n.kind,
                      'recipientId', n."recipientId",
                      'subject', n.subject,
                      'status', n.status,
                      'attempts', n.attempts,
                      'sentAt', to_char(n."sentAt", ${ISO_FORMAT}))
                    ORDER BY n."createdAt")
             FROM "Notification" n WHERE n."certificationId" = c.id
           ), '[]'::json) AS notifications
    FROM "Certification" c
    JOIN "Office" o ON o.id = c."officeId"
    WHERE c.id = ${id}`;
  return rows[0] ?? null;
}

/** The Certification answer (modules/certification/responses.ts) from its row. */
export function presentCertification(row: CertificationRow, locale: Locale) {
  return {
    id: row.id,
    workflowId: row.workflowId,
    status: row.status,
    revision: row.revision,
    office: {
      id: row.officeId,
      code: row.officeCode,
      name: row.officeName,
      type: row.officeType,
    },
    countyId: row.countyId,
    cityId: row.cityId,
    campaignId: row.campaignId,
    certificateNumber: row.certificateNumber,
    nextDue: row.nextDueAt ? { kind: row.nextDueKind, at: row.nextDueAt.toISOString() } : null,
    openCheck: presentOpenCheck(row),
    inspectors: row.inspectors,
    declaredAt: row.declaredAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    state: row.state,
    timeline: row.timeline.map((event) => ({
      revision: event.revision,
      action: event.action,
      actor: { id: event.actorId, role: event.actorRole },
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      // A system reason in the reader's language; a person's reason as written.
      reason: readerReason(event, locale),
      reasonCode: systemReasonOf(event)?.code ?? null,
      requestId: event.requestId,
      details: event.details,
      occurredAt: event.occurredAt,
    })),
    notifications: row.notifications,
  };
}
