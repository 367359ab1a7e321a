// Compares each certification workflow's own state (its query) with the database
// projection and the audit trail, and reports every difference. The workflow is the source
// of truth for the process; the database must agree with it.
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import { isDeepStrictEqual } from 'node:util';
import { pendingDueDates } from './rules/lifecycle';
import type { Certification, PrismaClient } from '../../generated/prisma/client';
import type { CertificationView } from './messages';
import { CERTIFICATION_WORKFLOW_TYPE, stateQuery } from './messages';

export interface Mismatch {
  certificationId: string | null;
  workflowId: string;
  field: string;
  workflow: unknown;
  database: unknown;
}

/**
 * A running certification workflow that cannot move on by itself: an activity failing again
 * and again (the database down for long, a bug), or a transition the database refused.
 */
export interface StuckWorkflow {
  workflowId: string;
  certificationId: string | null;
  reason: 'ACTIVITY_RETRYING' | 'PROJECTION_REFUSED';
  /** The retrying activity, or the refused transition's action. */
  activity: string | null;
  /** Attempts of the retrying activity so far. */
  attempts: number | null;
  detail: string;
  since: string | null;
}

export interface ReconcileReport {
  checked: number;
  mismatches: Mismatch[];
  /** Running workflows that need a person (only when running workflows are listed). */
  stuck: StuckWorkflow[];
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
  /** A pending activity with at least this many attempts makes a workflow stuck (default 5). */
  stuckAttempts?: number;
}

export const DEFAULT_STUCK_ATTEMPTS = 5;

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
  const views = new Map<string, CertificationView>();
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
    views.set(listed.workflowId, view);
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

  const stuck: StuckWorkflow[] = [];
  if (options.listRunningWorkflows) {
    // A workflow whose first projection never finished set no CityId before the
    // early-search-attributes patch: list those too and place them by their own state.
    const city = options.cityId
      ? ` AND (CityId = '${options.cityId.replaceAll("'", '')}' OR CityId IS NULL)`
      : '';
    const query = `WorkflowType = '${CERTIFICATION_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running'${city}`;
    for await (const info of client.workflow.list({ query })) {
      const handle = client.workflow.getHandle(info.workflowId);
      const view = views.get(info.workflowId) ?? (await handle.query(stateQuery));
      if (options.cityId && view.state.cityId !== options.cityId) continue;
      stuck.push(
        ...(await stuckReasons(handle, view, options.stuckAttempts ?? DEFAULT_STUCK_ATTEMPTS)),
      );
      if (seenWorkflows.has(info.workflowId)) continue;
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
  return { checked, mismatches, stuck, pending };
}

async function stuckReasons(
  handle: ReturnType<Client['workflow']['getHandle']>,
  view: CertificationView,
  threshold: number,
): Promise<StuckWorkflow[]> {
  const found: StuckWorkflow[] = [];
  const base = { workflowId: handle.workflowId, certificationId: view.state.certificationId };
  const description = await handle.describe();
  for (const activity of description.raw.pendingActivities ?? []) {
    const attempts = activity.attempt ?? 0;
    if (attempts < threshold) continue;
    const failure = activity.lastFailure?.message ?? null;
    const since = activity.lastStartedTime?.seconds;
    found.push({
      ...base,
      reason: 'ACTIVITY_RETRYING',
      activity: activity.activityType?.name ?? null,
      attempts,
      detail: failure ?? 'no failure recorded (timed out?)',
      since: since ? new Date(Number(since) * 1000).toISOString() : null,
    });
  }
  if (view.attention) {
    found.push({
      ...base,
      reason: 'PROJECTION_REFUSED',
      activity: view.attention.action,
      attempts: null,
      detail: view.attention.reason,
      since: new Date(view.attention.at).toISOString(),
    });
  }
  return found;
}

export function formatReport(report: ReconcileReport): string {
  const lines = [
    `checked ${report.checked} certification(s), ${report.mismatches.length} mismatch(es), ${report.stuck.length} stuck`,
  ];
  for (const s of report.stuck) {
    lines.push(
      `  stuck ${s.certificationId ?? '?'} (${s.workflowId}) ${s.reason} ${s.activity ?? ''}${s.attempts ? ` after ${s.attempts} attempts` : ''}: ${s.detail}`,
    );
  }
  for (const m of report.mismatches) {
    lines.push(
      `  ${m.certificationId ?? '?'} (${m.workflowId}) ${m.field}: workflow=${JSON.stringify(m.workflow)} database=${JSON.stringify(m.database)}`,
    );
  }
  return lines.join('\n');
}
