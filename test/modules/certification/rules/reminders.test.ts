import { PROVISIONAL_FENGQIAO_CRITERIA } from '../../../../modules/criteria/rules/criteria';
import { durationMs } from '../../../../platform/config/duration';
import type { CertificationState } from '../../../../modules/certification/rules/lifecycle';
import {
  apply,
  applyDue,
  initialState,
  nextTimer,
} from '../../../../modules/certification/rules/lifecycle';
import type { CampaignConfig } from '../../../../modules/certification/rules/schemas';
import { CampaignConfig as CampaignConfigSchema } from '../../../../modules/certification/rules/schemas';
import { ACTORS, CONFIG, JIEFANGBEI, declaration } from '../../../support/fixtures';

const T0 = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;
const REMINDING: CampaignConfig = {
  ...CONFIG,
  declarationReviewPeriod: '30d',
  reminderOffsets: { DECLARATION_REVIEW: ['7d', '1d'] },
};

function declared(config: CampaignConfig = REMINDING): CertificationState {
  return initialState({
    certificationId: 'c',
    officeId: JIEFANGBEI.id,
    countyId: JIEFANGBEI.countyId,
    cityId: JIEFANGBEI.cityId,
    declaration: declaration(JIEFANGBEI.id),
    config,
    criteria: PROVISIONAL_FENGQIAO_CRITERIA,
    now: T0,
  });
}

function fire(state: CertificationState): CertificationState {
  const timer = nextTimer(state);
  if (!timer) throw new Error('no timer');
  const t = applyDue(state, timer.at);
  if (!t) throw new Error('nothing due');
  return t.state;
}

test('the owner is reminded at each configured offset before the due date, then escalation begins', () => {
  const state = declared();
  const dueAt = T0 + 30 * DAY;
  expect(nextTimer(state)).toMatchObject({ at: dueAt - 7 * DAY, reminder: '7d' });
  const first = applyDue(state, dueAt - 7 * DAY);
  expect(first?.event).toMatchObject({
    action: 'REMINDED',
    fromStatus: 'DECLARED',
    toStatus: 'DECLARED',
    details: { dueKind: 'DECLARATION_REVIEW', owner: 'CITY', offset: '7d', superseded: [] },
  });
  const afterFirst = first!.state;
  expect(nextTimer(afterFirst)).toMatchObject({ at: dueAt - DAY, reminder: '1d' });
  const afterSecond = fire(afterFirst);
  const escalation = nextTimer(afterSecond);
  expect(escalation?.at).toBe(dueAt);
  expect(escalation?.reminder).toBeUndefined();
});

test('no reminder is due before its time', () => {
  expect(applyDue(declared(), T0 + 30 * DAY - 7 * DAY - 1)).toBeNull();
});

test('reminders that came due together send one message, the latest, and mark all sent', () => {
  const late = applyDue(declared(), T0 + 29.5 * DAY);
  expect(late?.event.details).toMatchObject({ offset: '1d', superseded: ['7d'] });
  expect(nextTimer(late!.state)?.reminder).toBeUndefined();
});

test('completing the step cancels the remaining reminders', () => {
  const reminded = fire(declared());
  const approved = apply(
    reminded,
    { type: 'REVIEW_DECLARATION', input: { decision: 'APPROVE', reason: '同意' } },
    ACTORS.reviewer,
    T0 + 24 * DAY,
  ).state;
  expect(approved.status).toBe('BUILDING');
  expect(nextTimer(approved)).toBeNull();
});

test('a new due date starts its own reminders', () => {
  const config: CampaignConfig = {
    ...REMINDING,
    reminderOffsets: { DECLARATION_REVIEW: ['7d'], DECLARATION_REVISION: ['3d'] },
  };
  const reminded = fire(declared(config));
  const returned = apply(
    reminded,
    { type: 'REVIEW_DECLARATION', input: { decision: 'RETURN', reason: '补充材料' } },
    ACTORS.reviewer,
    T0 + 25 * DAY,
  ).state;
  const revisionDue = T0 + 25 * DAY + durationMs(CONFIG.declarationRevisionPeriod);
  expect(nextTimer(returned)).toMatchObject({ at: revisionDue - 3 * DAY, reminder: '3d' });
  expect(applyDue(returned, revisionDue - 3 * DAY)?.event.details).toMatchObject({
    dueKind: 'DECLARATION_REVISION',
    owner: 'COUNTY',
  });
});

test('campaigns pinned before reminders existed have none', () => {
  const { reminderOffsets: _none, ...v1 } = REMINDING;
  expect(CampaignConfigSchema.parse(v1).reminderOffsets).toBeUndefined();
  expect(nextTimer(declared(v1))?.reminder).toBeUndefined();
});

test('reminder offsets are validated as durations per known kind of due date', () => {
  expect(
    CampaignConfigSchema.safeParse({
      ...REMINDING,
      reminderOffsets: { DECLARATION_REVIEW: ['soon'] },
    }).success,
  ).toBe(false);
  expect(
    CampaignConfigSchema.safeParse({ ...REMINDING, reminderOffsets: { NOT_A_KIND: ['1d'] } })
      .success,
  ).toBe(false);
});
