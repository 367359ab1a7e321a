// One long-running workflow per certification: declaration to revocation, for years.
// The rules are the pure functions of domain/lifecycle; this file adds time, messages and
// the side effects (projection to the database, certificate numbers) through activities.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { CertificationActivities } from './activities';
import type { EscalationRule } from './rules/escalation';
import { rulesAgree } from './rules/escalation';
import type {
  CertificationState,
  Command,
  DueOptions,
  Transition,
  TransitionEvent,
} from './rules/lifecycle';
import {
  apply,
  applyDue,
  dueItem,
  escalationStarted,
  initialState,
  isTerminal,
  nextTimer,
  pendingDueDates,
  refusal,
  withCertificateNumber,
} from './rules/lifecycle';
import type { Actor } from '../shared';
import { systemActor } from '../shared';
import { COMMAND_INPUT_SCHEMAS } from './rules/commands';
import { audienceFor } from './notices/audience';
import type {
  ActionRequest,
  CertificationOutcome,
  CertificationView,
  CertificationWorkflowInput,
  ProjectedState,
  ProjectionRefusal,
} from './messages';
import {
  commandUpdates,
  declareUpdate,
  PROJECTION_REFUSED,
  SETTLED_PARTS,
  stateQuery,
  TRANSITION_REFUSED,
} from './messages';
import { NOTIFY_MAX_ATTEMPTS, NOTIFY_RETRY } from '../notification/workflow-api';
import { openSteps } from '../inbox/workflow-api';
import { DATABASE_ACTIVITY_OPTIONS } from '../../platform/temporal/activity-options';
import {
  CertificationStatusKey,
  CityIdKey,
  CountyIdKey,
  NextDueAtKey,
  OfficeIdKey,
  OpenCheckKey,
} from './search-attributes';

const activities = proxyActivities<CertificationActivities>(DATABASE_ACTIVITY_OPTIONS);

const notifier = proxyActivities<CertificationActivities>({
  startToCloseTimeout: '2 minutes',
  retry: NOTIFY_RETRY,
});

/** Histories recorded before notifications existed replay without them. */
export const NOTIFICATIONS_PATCH = 'notifications-v1';
/**
 * A transition the database refuses (ProjectionRefused) is undone and surfaced instead of
 * being retried for ever. Only reached when a projection fails, which no earlier history has.
 */
export const PROJECTION_REFUSAL_PATCH = 'projection-refusal-v1';
/**
 * The search attributes (city, county, office) are published before the first projection,
 * so a declaration whose first write is stuck can still be found by city.
 */
export const EARLY_SEARCH_ATTRIBUTES_PATCH = 'early-search-attributes-v1';
/**
 * Only the search attributes that changed are upserted, and nothing when none did: every
 * upsert is a history event and a write to Temporal's visibility store, and most transitions
 * change one attribute or none. Histories recorded before upserted all six every time.
 */
export const CHANGED_SEARCH_ATTRIBUTES_PATCH = 'changed-search-attributes-v1';

/** Thrown inside the workflow when the database refused a transition; the state was undone. */
class TransitionNotStored extends Error {
  constructor(readonly refusal: ProjectionRefusal) {
    super(refusal.reason);
  }
}

/** The ProjectionRefused failure inside an activity failure, if that is what it is. */
function projectionRefusalOf(error: unknown): string | null {
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof ApplicationFailure && cause.type === PROJECTION_REFUSED
    ? cause.message
    : null;
}

/**
 * Overdue steps escalate along the side that owes them (domain/escalation.ts). Histories that
 * escalated a city-owed step along the whole configured chain replay that way.
 */
export const ESCALATION_BY_SIDE_PATCH = 'escalation-by-owner-side-v1';

/**
 * The escalation rule for a due date whose escalation has not started yet (one that has
 * keeps the rule it started with, in the state). The patch marker is only consulted, and
 * recorded, when the two rules would disagree about this due date.
 */
function dueOptions(state: CertificationState): DueOptions {
  const item = dueItem(state);
  if (
    !item ||
    item.onDue !== 'ESCALATE' ||
    escalationStarted(state) ||
    rulesAgree(state.config.escalationChain, item.owner)
  ) {
    return {};
  }
  const escalationRule: EscalationRule = patched(ESCALATION_BY_SIDE_PATCH)
    ? 'OWNER_SIDE'
    : 'CONFIGURED_CHAIN';
  return { escalationRule };
}

export async function certificationWorkflow(
  input: CertificationWorkflowInput,
): Promise<CertificationView> {
  let state: CertificationState =
    input.kind === 'continued'
      ? input.state
      : initialState({
          certificationId: input.certificationId,
          officeId: input.officeId,
          countyId: input.countyId,
          cityId: input.cityId,
          declaration: input.declaration,
          config: input.config,
          criteria: input.criteria,
          now: Date.now(),
        });
  let declarationRecorded = input.kind === 'continued';
  let cycleCompleted = false;
  // Handlers and timers run one at a time, so a transition and its projection are never
  // interleaved with another transition.
  let busy = false;
  let projected: CertificationState | null = input.kind === 'continued' ? input.state : null;
  // Email goes out in the background: an update is answered without waiting for SMTP.
  // Deliveries are awaited as promises (not counted in a condition) so that their completion,
  // a few microtasks after the activity's, can never be missed.
  const deliveries = new Set<Promise<void>>();
  const failedNotifications: { revision: number; action: string; error: string }[] = [];
  // The last transition the database refused, until a later one is stored: the certification
  // needs a person's attention (reconcile lists it).
  let attention: ProjectionRefusal | null = null;
  // A due-date transition the database refused is not retried until the state moves on.
  let timerStalledAt: number | null = null;
  let declarationRefused: ProjectionRefusal | null = null;

  const view = (): CertificationView => ({
    state,
    projected,
    due: pendingDueDates(state),
    attention,
  });
  // Only the outcome goes into the history with each update; whoever needs the state queries.
  const outcome = (): CertificationOutcome => ({
    certificationId: state.certificationId,
    status: state.status,
    revision: state.revision,
    due: pendingDueDates(state),
    attention,
  });

  async function exclusively<T>(fn: () => Promise<T>): Promise<T> {
    await condition(() => !busy);
    busy = true;
    try {
      return await fn();
    } finally {
      busy = false;
    }
  }

  async function record(
    event: TransitionEvent,
    actor: Actor,
    requestId: string | null,
  ): Promise<void> {
    const snapshot = state;
    try {
      await activities.projectTransition({
        state: projectedForm(snapshot, projected),
        event: { ...event, revision: snapshot.revision, actor, requestId, occurredAt: Date.now() },
        due: pendingDueDates(snapshot),
        steps: openSteps(snapshot),
      });
    } catch (error) {
      const reason = projectionRefusalOf(error);
      if (reason === null || !patched(PROJECTION_REFUSAL_PATCH)) throw error;
      attention = {
        reason,
        action: event.action,
        revision: snapshot.revision,
        actorId: actor.id,
        requestId,
        at: Date.now(),
      };
      throw new TransitionNotStored(attention);
    }
    attention = null;
    projected = snapshot;
    publishSearchAttributes(snapshot);
    if (audienceFor(event) && patched(NOTIFICATIONS_PATCH)) notify(snapshot, event);
  }

  function notify(snapshot: CertificationState, event: TransitionEvent): void {
    const due = pendingDueDates(snapshot)[0];
    const delivery = (async () => {
      try {
        await notifier.notifyTransition({
          certificationId: snapshot.certificationId,
          revision: snapshot.revision,
          action: event.action,
          reason: event.reason,
          details: event.details,
          status: snapshot.status,
          officeId: snapshot.officeId,
          countyId: snapshot.countyId,
          cityId: snapshot.cityId,
          certificateNumber: snapshot.certificate?.number ?? null,
          due: due ? { kind: due.kind, dueAt: due.dueAt } : null,
          maxAttempts: NOTIFY_MAX_ATTEMPTS,
        });
      } catch (error) {
        // An ActivityFailure wraps the activity's own error, which says what went wrong.
        const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
        failedNotifications.push({
          revision: snapshot.revision,
          action: event.action,
          error: cause instanceof Error ? cause.message : String(cause),
        });
      }
    })();
    deliveries.add(delivery);
    void delivery.then(() => deliveries.delete(delivery));
  }

  /** Waits until no handler runs and no email is still being sent. */
  async function quiesce(): Promise<void> {
    for (;;) {
      await condition(() => !busy && allHandlersFinished());
      if (deliveries.size === 0) return;
      await Promise.all([...deliveries]);
    }
  }

  /** A notification that failed after its last retry becomes part of the timeline. */
  async function recordFailedNotifications(): Promise<void> {
    while (failedNotifications.length > 0) {
      const failed = failedNotifications.shift();
      if (!failed) break;
      await exclusively(async () => {
        const before = state;
        state = { ...state, revision: state.revision + 1 };
        await recordOrUndo(before, () =>
          record(
            {
              action: 'NOTIFICATION_FAILED',
              fromStatus: state.status,
              toStatus: state.status,
              reason: failed.error,
              details: { forRevision: failed.revision, forAction: failed.action },
            },
            systemActorOf(state),
            null,
          ),
        );
      });
    }
  }

  /** Runs a system transition's record; a refusal undoes it and leaves it to `attention`. */
  async function recordOrUndo(before: CertificationState, run: () => Promise<void>) {
    try {
      await run();
    } catch (error) {
      if (!(error instanceof TransitionNotStored)) throw error;
      state = before;
    }
  }

  /** Applies a transition; if the database refuses it, the state is as before and it throws. */
  async function commit(transition: Transition, actor: Actor, requestId: string | null) {
    const before = state;
    try {
      await commitUnguarded(transition, actor, requestId);
    } catch (error) {
      if (error instanceof TransitionNotStored) state = before;
      throw error;
    }
  }

  async function commitUnguarded(transition: Transition, actor: Actor, requestId: string | null) {
    state = transition.state;
    if (transition.needsCertificateNumber) {
      const number = await activities.issueCertificateNumber({
        certificationId: state.certificationId,
        cityId: state.cityId,
        issuedAt: state.certificate?.certifiedAt ?? Date.now(),
      });
      state = withCertificateNumber(state, number);
    }
    await record(transition.event, actor, requestId);
    if (transition.cycleCompleted) cycleCompleted = true;
  }

  setHandler(stateQuery, view);

  setHandler(
    declareUpdate,
    async () => {
      await condition(() => declarationRecorded || declarationRefused !== null);
      if (declarationRefused) {
        throw ApplicationFailure.nonRetryable(declarationRefused.reason, PROJECTION_REFUSED);
      }
      return outcome();
    },
    {
      validator: ({ certificationId }) => {
        if (certificationId !== state.certificationId) {
          throw new Error(
            `office ${state.officeId} already has a live certification ` +
              `${state.certificationId} (${state.status})`,
          );
        }
      },
    },
  );

  for (const [type, definition] of Object.entries(commandUpdates)) {
    const schema = COMMAND_INPUT_SCHEMAS[type as Command['type']];
    /** Parses the input once and checks it against the current state. */
    const check = (
      request: ActionRequest<unknown>,
    ): { command: Command; refused: null } | { command: null; refused: string } => {
      if (request.certificationId !== state.certificationId) {
        return {
          command: null,
          refused: `certification ${request.certificationId} is no longer live for this office`,
        };
      }
      const parsed = schema.safeParse(request.input);
      if (!parsed.success)
        return { command: null, refused: `invalid input: ${parsed.error.message}` };
      const command = { type, input: parsed.data } as Command;
      const refused = refusal(state, command, request.actor, Date.now());
      return refused ? { command: null, refused } : { command, refused: null };
    };
    setHandler(
      definition as typeof commandUpdates.WITHDRAW,
      (request: ActionRequest<unknown>) =>
        exclusively(async () => {
          // The state may have moved between validation and now; check again.
          const checked = check(request);
          if (checked.command === null) {
            throw ApplicationFailure.nonRetryable(checked.refused, TRANSITION_REFUSED);
          }
          const transition = apply(state, checked.command, request.actor, Date.now());
          try {
            await commit(transition, request.actor, request.requestId);
          } catch (error) {
            // The caller learns that nothing was done, and why; later actions are not blocked.
            if (error instanceof TransitionNotStored) {
              throw ApplicationFailure.nonRetryable(error.message, PROJECTION_REFUSED);
            }
            throw error;
          }
          return outcome();
        }),
      {
        validator: (request: ActionRequest<unknown>) => {
          const checked = check(request);
          if (checked.command === null) throw new Error(checked.refused);
        },
      },
    );
  }

  if (input.kind === 'new') {
    if (patched(EARLY_SEARCH_ATTRIBUTES_PATCH)) publishSearchAttributes(state);
    try {
      await record(
        {
          action: 'DECLARED',
          fromStatus: 'DECLARED',
          toStatus: 'DECLARED',
          reason: null,
          details: { plan: input.declaration.plan, campaignId: input.declaration.campaignId },
        },
        input.actor,
        input.requestId,
      );
    } catch (error) {
      if (!(error instanceof TransitionNotStored)) throw error;
      // Nothing of this certification is in the database: the declaration is refused and the
      // workflow ends, so the office may declare again with data that can be stored.
      declarationRefused = error.refusal;
      await condition(allHandlersFinished);
      return view();
    }
  } else {
    publishSearchAttributes(state);
  }
  declarationRecorded = true;

  while (!isTerminal(state.status)) {
    const timer = timerStalledAt === state.revision ? null : nextTimer(state, dueOptions(state));
    const revision = state.revision;
    const woken = () =>
      state.revision !== revision ||
      cycleCompleted ||
      failedNotifications.length > 0 ||
      workflowInfo().continueAsNewSuggested;
    if (timer) {
      await condition(woken, Math.max(timer.at - Date.now(), 1));
    } else {
      await condition(woken);
    }
    await recordFailedNotifications();
    if (cycleCompleted || workflowInfo().continueAsNewSuggested) {
      // Bounded history: carry the state into a fresh run once no handler is mid-flight and
      // no email is still being sent, so no accepted update or message is lost.
      await quiesce();
      await recordFailedNotifications();
      if (!isTerminal(state.status)) {
        return await continueAsNew<typeof certificationWorkflow>({ kind: 'continued', state });
      }
    }
    if (timer && state.revision === revision && Date.now() >= timer.at) {
      await exclusively(async () => {
        const transition = applyDue(state, Date.now(), dueOptions(state));
        if (!transition) return;
        try {
          await commit(transition, systemActorOf(state), null);
        } catch (error) {
          if (!(error instanceof TransitionNotStored)) throw error;
          timerStalledAt = state.revision;
        }
      });
    }
  }

  await quiesce();
  await recordFailedNotifications();
  return view();
}

/**
 * What a projection is sent: the whole state for a run's first write (the row may not exist
 * yet), then without the settled parts (criteria, configuration, declaration) that are the
 * very objects last stored, which the row keeps. Only the activity's input changes, not the
 * commands, so recorded histories replay unchanged; the history stops carrying kilobytes of
 * unchanged state per transition (issue 16).
 */
function projectedForm(
  state: CertificationState,
  stored: CertificationState | null,
): ProjectedState {
  if (!stored) return state;
  const form: ProjectedState = { ...state };
  for (const part of SETTLED_PARTS) {
    if (state[part] === stored[part]) delete form[part];
  }
  return form;
}

function systemActorOf(state: CertificationState): Actor {
  return systemActor(state.cityId);
}

function publishSearchAttributes(state: CertificationState): void {
  const due = pendingDueDates(state)[0];
  const pairs: SearchAttributeUpdatePair[] = [
    { key: CertificationStatusKey, value: state.status },
    { key: CityIdKey, value: state.cityId },
    { key: CountyIdKey, value: state.countyId },
    { key: OfficeIdKey, value: state.officeId },
    { key: NextDueAtKey, value: due ? new Date(due.dueAt) : null },
    // Only the upsert's content changes, not the commands, so histories replay unchanged.
    { key: OpenCheckKey, value: state.openCheck?.kind ?? null },
  ];
  if (!patched(CHANGED_SEARCH_ATTRIBUTES_PATCH)) {
    upsertSearchAttributes(pairs);
    return;
  }
  // What the workflow holds now: its earlier upserts (the SDK keeps them in its info).
  const current = workflowInfo().typedSearchAttributes;
  const changed = pairs.filter((pair) => !sameValue(current.get(pair.key), pair.value));
  if (changed.length > 0) upsertSearchAttributes(changed);
}

/** Absent and null are the same (an upsert of null removes the attribute); dates by instant. */
function sameValue(held: unknown, wanted: unknown): boolean {
  if (held instanceof Date && wanted instanceof Date) return held.getTime() === wanted.getTime();
  return (held ?? null) === (wanted ?? null);
}
