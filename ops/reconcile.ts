// Compares each certification workflow's own state (its query) with the database
// projection and the audit trail, and reports every difference. The workflow is the source
// of truth for the process; the database must agree with it.
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import { isDeepStrictEqual } from 'node:util';
import { pendingDueDates } from '../domain/lifecycle';
import type { Certification, PrismaClient } from '../generated/prisma/client';
import type { CertificationView } from '../workflows/messages';
import { CERTIFICATION_WORKFLOW_TYPE, stateQuery } from '../workflows/messages';

export interface Mismatch {
  certificationId: string | null;
  workflowId: string;
  field: string;
  workflow: unknown;
  database: unknown;
}

export interface ReconcileReport {
  checked: number;
  mismatches: Mismatch[];
  /**
   * Certifications whose latest transition is still being written, or that moved on every
   * read: not compared, not a mismatch.
   */
  pending: string[];
}

export interface ReconcileOptions {
  /** Also list running workflows in Temporal to find ones with no database row. */
  listRunningWorkflows?: boolean;
  /** Only this city's certifications. */
  cityId?: string;
}

interface Snapshot {
  view: CertificationView;
  row: Certification;
  revisions: (number | null)[];
  /** The workflow did not move while the database was read. */
  stable: boolean;
}

const SNAPSHOT_ATTEMPTS = 5;

/**
 * The workflow's view and the database's rows as of one moment: the rows are read between two
 * queries that agree. A transition's revision is taken in the workflow before its projection is
 * written, so if the workflow did not move between the queries, neither did the rows.
 */
async function consistentSnapshot(
  client: Client,
  prisma: PrismaClient,
  certificationId: string,
  workflowId: string,
): Promise<Snapshot> {
  const handle = client.workflow.getHandle(workflowId);
  let before = await handle.query(stateQuery);
  for (let attempt = 1; ; attempt += 1) {
    const row = await prisma.certification.findUniqueOrThrow({ where: { id: certificationId } });
    const revisions = (
      await prisma.auditEvent.findMany({
        // Administrative events (e.g. inspector assignments) carry no revision.
        where: { certificationId, revision: { not: null } },
        select: { revision: true },
        orderBy: { revision: 'asc' },
      })
    ).map((event) => event.revision);
    const after = await handle.query(stateQuery);
    const stable =
      before.state.revision === after.state.revision &&
      before.projected?.revision === after.projected?.revision;
    if (stable || attempt === SNAPSHOT_ATTEMPTS) return { view: after, row, revisions, stable };
    before = after;
  }
}

export async function reconcile(
  client: Client,
  prisma: PrismaClient,
  options: ReconcileOptions = {},
): Promise<ReconcileReport> {
  const mismatches: Mismatch[] = [];
  // Which certifications to check; each one's row is read again in its snapshot.
  const rows = await prisma.certification.findMany({
    where: options.cityId ? { cityId: options.cityId } : {},
    select: { id: true, workflowId: true, status: true },
    orderBy: { declaredAt: 'asc' },
  });
  const seenWorkflows = new Set<string>();
  const pending: string[] = [];
  let checked = 0;

  for (const listed of rows) {
    let snapshot: Snapshot | 'not-found';
    try {
      snapshot = await consistentSnapshot(client, prisma, listed.id, listed.workflowId);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) snapshot = 'not-found';
      else throw error;
    }
    if (snapshot === 'not-found') {
      mismatches.push({
        certificationId: listed.id,
        workflowId: listed.workflowId,
        field: 'workflow',
        workflow: null,
        database: listed.status,
      });
      continue;
    }
    const { view, row, revisions } = snapshot;
    // The office's workflow id may by now run a later certification of the same office.
    if (view.state.certificationId !== listed.id) continue;
    seenWorkflows.add(listed.workflowId);
    checked += 1;
    // A transition still being written (or a workflow that would not hold still) is reported
    // apart: the database may be between two revisions of it.
    const state = view.projected;
    if (!snapshot.stable || !state || state.revision !== view.state.revision) {
      pending.push(listed.id);
      continue;
    }
    const due = pendingDueDates(state)[0];
    const expected: Record<string, unknown> = {
      status: state.status,
      revision: state.revision,
      nextDueAt: due ? new Date(due.dueAt).toISOString() : null,
      nextDueKind: due?.kind ?? null,
      openCheckKind: state.openCheck?.kind ?? null,
      openCheckDueAt: state.openCheck ? new Date(state.openCheck.dueAt).toISOString() : null,
      certificateNumber: state.certificate?.number ?? null,
      state,
    };
    const actual: Record<string, unknown> = {
      status: row.status,
      revision: row.revision,
      nextDueAt: row.nextDueAt?.toISOString() ?? null,
      nextDueKind: row.nextDueKind,
      openCheckKind: row.openCheckKind,
      openCheckDueAt: row.openCheckDueAt?.toISOString() ?? null,
      certificateNumber: row.certificateNumber,
      state: row.state,
    };
    for (const field of Object.keys(expected)) {
      if (!isDeepStrictEqual(expected[field], actual[field])) {
        mismatches.push({
          certificationId: listed.id,
          workflowId: listed.workflowId,
          field,
          workflow: expected[field],
          database: actual[field],
        });
      }
    }
    const complete = Array.from({ length: state.revision }, (_, i) => i + 1);
    if (!isDeepStrictEqual(revisions, complete)) {
      mismatches.push({
        certificationId: listed.id,
        workflowId: listed.workflowId,
        field: 'auditTrail',
        workflow: `revisions 1..${state.revision}`,
        database: revisions,
      });
    }
  }

  if (options.listRunningWorkflows) {
    const city = options.cityId ? ` AND CityId = '${options.cityId.replaceAll("'", '')}'` : '';
    const query = `WorkflowType = '${CERTIFICATION_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running'${city}`;
    for await (const info of client.workflow.list({ query })) {
      if (seenWorkflows.has(info.workflowId)) continue;
      const view = await client.workflow.getHandle(info.workflowId).query(stateQuery);
      const row = rows.find((r) => r.id === view.state.certificationId);
      if (!row) {
        checked += 1;
        mismatches.push({
          certificationId: view.state.certificationId,
          workflowId: info.workflowId,
          field: 'row',
          workflow: view.state.status,
          database: null,
        });
      }
    }
  }
  return { checked, mismatches, pending };
}

export function formatReport(report: ReconcileReport): string {
  const lines = [
    `checked ${report.checked} certification(s), ${report.mismatches.length} mismatch(es)`,
  ];
  for (const m of report.mismatches) {
    lines.push(
      `  ${m.certificationId ?? '?'} (${m.workflowId}) ${m.field}: workflow=${JSON.stringify(m.workflow)} database=${JSON.stringify(m.database)}`,
    );
  }
  return lines.join('\n');
}
