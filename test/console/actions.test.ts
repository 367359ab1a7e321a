// The console offers each certification action exactly when the lifecycle would accept it
// (console/src/certifications/actions.ts runs domain/lifecycle.ts commandRefusal), at the path
// the API serves for that command (domain/commands.ts), so the forms cannot drift from the
// workflow's rules: no form the workflow refuses for the state, none hidden that it accepts.
import { ACTIONS, offeredActions, requestBody } from '../../console/src/certifications/actions';
import { COMMAND_ROUTES } from '../../modules/certification/rules/commands';
import type { CertificationState } from '../../modules/certification/rules/lifecycle';
import { refusal } from '../../modules/certification/rules/lifecycle';
import type { Actor } from '../../modules/shared/actor';
import { ACTORS } from '../support/fixtures';
import {
  COMMANDS,
  building,
  certified,
  declared,
  rectifying,
  verificationComplete,
  verifying,
} from '../support/states';

test.each(ACTIONS.map((action) => [action.path, action] as const))(
  '%s is sent to the route of its command',
  (path, action) => {
    expect(COMMAND_ROUTES.find((route) => route.type === action.type)?.path).toBe(path);
  },
);

test('every command but the inspection (its own criteria form) has a console form', () => {
  const offered = new Set(ACTIONS.map((action) => action.type));
  expect(COMMAND_ROUTES.filter((route) => !offered.has(route.type)).map((r) => r.type)).toEqual([
    'RECORD_INSPECTION',
  ]);
});

const paths = (state: CertificationState, actor: Actor, now = 0) =>
  offeredActions(state, actor, now).map((action) => action.path);

test('each role is offered what the lifecycle accepts in each state', () => {
  const { yuzhongOperator: operator, jiangbeiOperator: otherCounty, reviewer } = ACTORS;
  expect(paths(declared(), operator)).toEqual(['withdrawal']);
  expect(paths(declared(), reviewer)).toEqual(['declaration-review']);
  expect(paths(declared(), otherCounty)).toEqual([]);
  expect(paths(declared(), ACTORS.inspector)).toEqual([]);
  // Verification needs a progress report and evidence first: not offered before them.
  expect(paths(building(), operator)).toEqual(['progress-reports', 'evidence', 'withdrawal']);
  expect(paths(verifying(), reviewer)).toEqual(['document-review', 'local-opinion']);
  // The decision is offered once the check has its three parts.
  expect(paths(verificationComplete(), reviewer)).toEqual([
    'document-review',
    'local-opinion',
    'decision',
  ]);
  expect(paths(certified(), reviewer)).toEqual(['exemplary', 'spot-checks']);
  expect(paths(rectifying(), operator)).toContain('rectification');
});

test('an offered action is one the lifecycle does not refuse for its state or actor', () => {
  const states = [declared(), building(), verifying(), verificationComplete(), certified()];
  const actors = Object.values(ACTORS);
  const sample = Object.values(COMMANDS);
  for (const state of states) {
    for (const actor of actors) {
      const offered = new Set(offeredActions(state, actor, 0).map((action) => action.type));
      for (const command of sample) {
        if (command.type === 'RECORD_INSPECTION') continue;
        const refused = refusal(state, command, actor, 0) !== null;
        expect({
          state: state.status,
          actor: actor.id,
          command: command.type,
          offered: offered.has(command.type),
        }).toEqual({
          state: state.status,
          actor: actor.id,
          command: command.type,
          offered: !refused,
        });
      }
    }
  }
});

test('a form sends nested fields, leaves out empty ones and the override switch', () => {
  const decide = ACTIONS.find((action) => action.path === 'decision')!;
  expect(requestBody(decide, { useOverride: false, override: { reason: 'x' } })).toEqual({});
  expect(
    requestBody(decide, { useOverride: true, override: { passed: undefined, reason: '复核' } }),
  ).toEqual({ override: { passed: false, reason: '复核' } });
  const evidence = ACTIONS.find((action) => action.path === 'evidence')!;
  expect(
    requestBody(evidence, { kind: 'PHOTO', title: '照片', uri: '', sha256: undefined }),
  ).toEqual({
    kind: 'PHOTO',
    title: '照片',
  });
  const verification = ACTIONS.find((action) => action.path === 'verification-request')!;
  expect(requestBody(verification, { selfAssessment: { summary: '达标' } })).toEqual({
    selfAssessment: { summary: '达标' },
  });
});
