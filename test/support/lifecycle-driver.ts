// Drives certifications through the same service functions the API uses, for workflow tests.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import type { PrismaClient } from '../../generated/prisma/client';
import type { DeclareArgs } from '../../modules/certification/client';
import { declareCertification, sendCommand } from '../../modules/certification/client';
import type { CommandInput, CommandType } from '../../modules/certification/rules/lifecycle';
import type { Actor } from '../../modules/shared';
import type { CertificationOutcome, CertificationView } from '../../modules/certification/messages';
import { certificationWorkflowId, stateQuery } from '../../modules/certification/messages';
import { pendingDueDates } from '../../modules/certification/rules/lifecycle';
import { ACTORS, PASSING_SCORES } from './fixtures';

export class LifecycleDriver {
  readonly certificationId: string;
  readonly officeId: string;

  constructor(
    private readonly temporal: { client: Client; taskQueue: string; prisma: PrismaClient },
    private readonly args: DeclareArgs,
  ) {
    this.certificationId = args.certificationId;
    this.officeId = args.office.id;
  }

  async declare(): Promise<CertificationView> {
    return this.viewAfter(
      await bounded(`declaring ${this.officeId}`, declareCertification(this.temporal, this.args)),
    );
  }

  async send<T extends CommandType>(
    type: T,
    input: CommandInput<T>,
    actor: Actor,
  ): Promise<CertificationView> {
    return this.viewAfter(
      await bounded(
        `${type} on ${this.officeId}`,
        sendCommand<T>(
          this.temporal,
          { certificationId: this.certificationId, officeId: this.officeId },
          type,
          input,
          actor,
          randomUUID(),
        ),
      ),
    );
  }

  /**
   * An update answers only where the certification stands (its history stays small); the tests
   * read the whole state from the row the update projected before answering, and check that the
   * answer agreed. Not from the `state` query: on the Java time-skipping server a query sent the
   * moment an update returns, while the workflow still runs its background activities, can
   * leave time skipping locked, and a later `env.sleep` of years then never returns.
   */
  private async viewAfter(outcome: CertificationOutcome): Promise<CertificationView> {
    const row = await this.temporal.prisma.certification.findUniqueOrThrow({
      where: { id: outcome.certificationId },
    });
    if (row.revision < outcome.revision) {
      throw new Error(
        `the update answered revision ${outcome.revision}, the row is at ${row.revision}`,
      );
    }
    const state = row.state as unknown as CertificationView['state'];
    if (row.revision === outcome.revision && state.status !== outcome.status) {
      throw new Error(`the update answered ${outcome.status}, the row says ${state.status}`);
    }
    return { state, projected: state, due: outcome.due, attention: outcome.attention ?? null };
  }

  handle() {
    return this.temporal.client.workflow.getHandle(certificationWorkflowId(this.officeId));
  }

  async view(): Promise<CertificationView> {
    return this.handle().query(stateQuery);
  }

  /**
   * Reads the certification as last projected until the predicate holds (timers fire
   * asynchronously; every transition is projected before the workflow goes on). From the row,
   * not the `state` query: on the Java time-skipping server a query that is still buffered when
   * its client gives up can keep time skipping locked for good, and every later skip of the
   * server then hangs.
   */
  async until(
    predicate: (view: CertificationView) => boolean,
    what: string,
  ): Promise<CertificationView> {
    const deadline = Date.now() + 30_000;
    let view = await this.projectedView();
    while (!(view && predicate(view)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      view = await this.projectedView();
    }
    if (view && predicate(view)) return view;
    throw new Error(
      `timed out waiting for ${what}; the row says ${view?.state.status ?? 'nothing'}`,
    );
  }

  private async projectedView(): Promise<CertificationView | undefined> {
    const row = await this.temporal.prisma.certification.findUnique({
      where: { id: this.certificationId },
    });
    if (!row) return undefined;
    const state = row.state as unknown as CertificationView['state'];
    return { state, projected: state, due: pendingDueDates(state), attention: null };
  }

  /**
   * Waits for the run after `runId` (continue-as-new happens once in-flight work is done).
   * Tests wait for it before acting again: the Java test server can leave a request that
   * arrives in the middle of a continue-as-new unanswered.
   */
  async nextRun(runId: string): Promise<string> {
    const deadline = Date.now() + 30_000;
    let current = runId;
    while (current === runId && Date.now() < deadline) {
      current = (await this.handle().describe()).runId;
    }
    return current;
  }

  /**
   * Skips simulated time on the time-skipping server. If the skip does not return, the error
   * says where the simulated clock stopped and what the workflow was waiting for, so a stall
   * seen only on a loaded CI machine can be told apart from a slow one.
   */
  async skip(env: TestWorkflowEnvironment, days: number): Promise<void> {
    const startedAt = Date.now();
    // A skip given up on is cancelled, not left behind: its call would otherwise outlive the
    // server and fail in whatever test file the jest worker runs next.
    const giveUp = new AbortController();
    const sleeping = env.connection.withAbortSignal(giveUp.signal, () => env.sleep(`${days} days`));
    try {
      await bounded(`skipping ${days} days`, sleeping, 60_000, () =>
        this.whereTimeStands(env, startedAt),
      );
    } finally {
      giveUp.abort();
    }
  }

  /** Where the simulated clock stopped and what the workflow waits for: a stalled skip's story. */
  private async whereTimeStands(env: TestWorkflowEnvironment, startedAt: number): Promise<string> {
    const now = await env.currentTimeMs();
    const { raw } = await this.handle().describe();
    const pending = (raw.pendingActivities ?? []).map(
      (a) => `${a.activityType?.name ?? '?'} (attempt ${a.attempt ?? '?'}, ${String(a.state)})`,
    );
    const task = raw.pendingWorkflowTask;
    const history = await this.handle().fetchHistory();
    const events = (history.events ?? [])
      .slice(-12)
      .map((e) =>
        String(temporal.api.enums.v1.EventType[e.eventType ?? 0]).replace('EVENT_TYPE_', ''),
      );
    return [
      `after ${Date.now() - startedAt} ms the simulated clock reads ${new Date(now).toISOString()}`,
      `workflow status ${temporal.api.enums.v1.WorkflowExecutionStatus[raw.workflowExecutionInfo?.status ?? 0]}, history ${String(raw.workflowExecutionInfo?.historyLength)} events`,
      `pending activities: ${pending.join('; ') || 'none'}`,
      `pending workflow task: ${task ? `state ${String(task.state)}, attempt ${task.attempt ?? '?'}` : 'none'}`,
      `last events: ${events.join(', ')}`,
    ].join('\n');
  }

  operator(): Actor {
    return this.args.actor;
  }

  async buildAndRequestVerification(): Promise<CertificationView> {
    const county = this.operator();
    await this.send(
      'SUBMIT_PROGRESS_REPORT',
      { period: '2023Q1', summary: '阵地建设完成' },
      county,
    );
    await this.send('ADD_EVIDENCE', { kind: 'DOCUMENT', title: '创建方案' }, county);
    return this.send('REQUEST_VERIFICATION', { selfAssessment: { summary: '自评达标' } }, county);
  }

  /** Records everything a full check needs, with the given scores. */
  async recordFullCheck(scores: Record<string, number> = PASSING_SCORES): Promise<void> {
    await this.send(
      'RECORD_INSPECTION',
      { scores, triggeredVetoes: [], findings: '' },
      ACTORS.inspector,
    );
    await this.send('RECORD_DOCUMENT_REVIEW', { passed: true, findings: '' }, ACTORS.reviewer);
    await this.send(
      'RECORD_LOCAL_OPINION',
      { authority: '街道党工委', supportive: true, summary: '同意' },
      ACTORS.reviewer,
    );
  }

  async certify(): Promise<CertificationView> {
    await this.send(
      'REVIEW_DECLARATION',
      { decision: 'APPROVE', reason: '同意创建' },
      ACTORS.reviewer,
    );
    await this.buildAndRequestVerification();
    await this.recordFullCheck();
    return this.send('DECIDE', {}, ACTORS.reviewer);
  }
}

/**
 * Fails with the step's name instead of hanging until jest's timeout, so a request the test
 * server never answers is visible as such. Every step here normally takes milliseconds, but
 * skipping two simulated years (reminders, escalations, a recheck) on a loaded two-core CI
 * machine once took over 20 s; a minute still names a step that hangs.
 */
export async function bounded<T>(
  step: string,
  promise: Promise<T>,
  ms = 60_000,
  explain?: () => Promise<string>,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // The details come from the same server, which may itself be stuck: they get 10 s.
      const details = explain
        ? Promise.race([
            explain().catch((error: unknown) => `(no details: ${String(error)})`),
            new Promise<string>((resolve) =>
              setTimeout(() => resolve('(no details within 10 s)'), 10_000).unref(),
            ),
          ])
        : '';
      void Promise.resolve(details).then((text) =>
        reject(new Error(`no answer within ${ms} ms: ${step}${text ? `\n${text}` : ''}`)),
      );
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
