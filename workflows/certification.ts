// One long-running workflow per certification: declaration to revocation, for years.
// The rules are the pure functions of domain/lifecycle; this file adds time, messages and
// the side effects (projection to the database, certificate numbers) through activities.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CertificationActivities } from '../activities';
import type { CertificationState, Command, Transition, TransitionEvent } from '../domain/lifecycle';
import {
  apply,
  applyDue,
  initialState,
  isTerminal,
  nextTimer,
  pendingDueDates,
  refusal,
  withCertificateNumber,
} from '../domain/lifecycle';
import type { Actor } from '../domain/schemas';
import { COMMAND_INPUT_SCHEMAS } from '../domain/commands';
import type { ActionRequest, CertificationView, CertificationWorkflowInput } from './messages';
import { commandUpdates, declareUpdate, stateQuery, TRANSITION_REFUSED } from './messages';
import {
  CertificationStatusKey,
  CityIdKey,
  CountyIdKey,
  NextDueAtKey,
  OfficeIdKey,
} from './search-attributes';

const activities = proxyActivities<CertificationActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

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

  const view = (): CertificationView => ({ state, projected, due: pendingDueDates(state) });

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
    await activities.projectTransition({
      state: snapshot,
      event: { ...event, revision: snapshot.revision, actor, requestId, occurredAt: Date.now() },
    });
    projected = snapshot;
    publishSearchAttributes(snapshot);
  }

  async function commit(transition: Transition, actor: Actor, requestId: string | null) {
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
      await condition(() => declarationRecorded);
      return view();
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
    const toCommand = (request: ActionRequest<unknown>): Command =>
      ({
        type,
        input: COMMAND_INPUT_SCHEMAS[type as Command['type']].parse(request.input),
      }) as Command;
    const refuse = (request: ActionRequest<unknown>): string | null => {
      if (request.certificationId !== state.certificationId) {
        return `certification ${request.certificationId} is no longer live for this office`;
      }
      const parsed = COMMAND_INPUT_SCHEMAS[type as Command['type']].safeParse(request.input);
      if (!parsed.success) return `invalid input: ${parsed.error.message}`;
      return refusal(state, toCommand(request), request.actor, Date.now());
    };
    setHandler(
      definition as typeof commandUpdates.WITHDRAW,
      (request: ActionRequest<unknown>) =>
        exclusively(async () => {
          // The state may have moved between validation and now; check again.
          const refused = refuse(request);
          if (refused) throw ApplicationFailure.nonRetryable(refused, TRANSITION_REFUSED);
          const transition = apply(state, toCommand(request), request.actor, Date.now());
          await commit(transition, request.actor, request.requestId);
          return view();
        }),
      {
        validator: (request: ActionRequest<unknown>) => {
          const refused = refuse(request);
          if (refused) throw new Error(refused);
        },
      },
    );
  }

  if (input.kind === 'new') {
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
  } else {
    publishSearchAttributes(state);
  }
  declarationRecorded = true;

  while (!isTerminal(state.status)) {
    const timer = nextTimer(state);
    const revision = state.revision;
    const woken = () =>
      state.revision !== revision || cycleCompleted || workflowInfo().continueAsNewSuggested;
    if (timer) {
      await condition(woken, Math.max(timer.at - Date.now(), 1));
    } else {
      await condition(woken);
    }
    if (cycleCompleted || workflowInfo().continueAsNewSuggested) {
      // Bounded history: carry the state into a fresh run once no handler is mid-flight,
      // so no accepted update is lost across the boundary.
      await condition(() => !busy && allHandlersFinished());
      if (!isTerminal(state.status)) {
        return await continueAsNew<typeof certificationWorkflow>({ kind: 'continued', state });
      }
    }
    if (timer && state.revision === revision && Date.now() >= timer.at) {
      await exclusively(async () => {
        const transition = applyDue(state, Date.now());
        if (transition) await commit(transition, systemActor(state), null);
      });
    }
  }

  await condition(allHandlersFinished);
  return view();
}

function systemActor(state: CertificationState): Actor {
  return { id: 'system', role: 'SYSTEM', cityId: state.cityId, countyId: null };
}

function publishSearchAttributes(state: CertificationState): void {
  const due = pendingDueDates(state)[0];
  upsertSearchAttributes([
    { key: CertificationStatusKey, value: state.status },
    { key: CityIdKey, value: state.cityId },
    { key: CountyIdKey, value: state.countyId },
    { key: OfficeIdKey, value: state.officeId },
    { key: NextDueAtKey, value: due ? new Date(due.dueAt) : null },
  ]);
}
