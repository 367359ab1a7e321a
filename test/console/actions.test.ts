// The console offers each certification action to exactly the roles the API admits, at a path
// the API serves (console/src/certifications/actions.ts against domain/commands.ts and
// domain/lifecycle.ts), so a role change on the server cannot leave a form offered to people
// who would only meet a 403, or hidden from people who may act.
import { ACTIONS, requestBody } from '../../console/src/certifications/actions';
import { COMMAND_ROUTES } from '../../modules/certification/rules/commands';
import { rolesFor } from '../../modules/certification/rules/lifecycle';

test.each(ACTIONS.map((action) => [action.path, action] as const))(
  '%s is offered to the roles the API admits',
  (path, action) => {
    const command = COMMAND_ROUTES.find((route) => route.path === path);
    expect(command).toBeDefined();
    expect([...action.roles].sort()).toEqual(rolesFor(command!.type).sort());
  },
);

test('every command but the inspection (its own criteria form) has a console form', () => {
  const offered = new Set(ACTIONS.map((action) => action.path));
  expect(
    COMMAND_ROUTES.filter((route) => !offered.has(route.path as never)).map((r) => r.type),
  ).toEqual(['RECORD_INSPECTION']);
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
