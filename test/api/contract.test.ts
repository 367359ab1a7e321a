// The contract holds the router, not only the document. A handler whose answer differs from
// its declared schema fails to compile (`npm run typecheck` checks the expected error at the
// end of this file), and one that slips through anyway — a wrong type, a member the
// schema does not declare, an undeclared status, a problem status the route does not
// declare — answers 500 naming the fault when the app checks its contract, as every API and
// end-to-end test app does. Without the check the same broken answer goes out as 200.
import request from 'supertest';
import { z } from 'zod';
import * as reconcileModule from '../../modules/certification/reconcile';
import { answerViolations } from '../../platform/http/contract';
import { conflict } from '../../platform/http/problems';
import { RawBody } from '../../platform/http/routes';
import { route } from '../../modules/access';
import { useApiHarness } from '../support/api-harness';

const ADMIN = 'Bearer dev-city-admin';
const h = useApiHarness();

afterEach(() => {
  jest.restoreAllMocks();
});

/** Makes the reconcile route's handler return `body` (it returns reconcile()'s report as is). */
function reconcileAnswers(body: unknown) {
  jest
    .spyOn(reconcileModule, 'reconcile')
    .mockResolvedValue(body as reconcileModule.ReconcileReport);
}

test('a handler returning a wrong shape answers 500 naming the field, not the broken body', async () => {
  reconcileAnswers({ checked: 'three', mismatches: [], stuck: [], pending: [] });
  const response = await request(h.app).get('/api/v1/admin/reconcile').set('Authorization', ADMIN);
  expect(response.status).toBe(500);
  expect(response.type).toBe('application/problem+json');
  expect(response.body.title).toBe('Response Contract Violation');
  expect(response.body.detail).toContain('GET /api/v1/admin/reconcile');
  expect(response.body.errors).toEqual([
    { field: 'response', message: expect.stringMatching(/^checked: .*expected number/i) },
  ]);

  // The same answer from an app that does not check goes out as it is: the check caught it.
  const unchecked = h.appWith({ contract: undefined });
  const sent = await request(unchecked).get('/api/v1/admin/reconcile').set('Authorization', ADMIN);
  expect(sent.status).toBe(200);
  expect(sent.body.checked).toBe('three');
});

test('a member the schema does not declare is a violation too', async () => {
  reconcileAnswers({ checked: 1, mismatches: [], stuck: [], pending: [], surprise: ['c-1'] });
  const response = await request(h.app).get('/api/v1/admin/reconcile').set('Authorization', ADMIN);
  expect(response.status).toBe(500);
  expect(response.body.errors).toEqual([
    { field: 'response', message: 'surprise: not declared in the response schema' },
  ]);
});

test('a problem status the route does not declare is a violation', async () => {
  jest.spyOn(reconcileModule, 'reconcile').mockRejectedValue(conflict('not a reconcile answer'));
  const response = await request(h.app).get('/api/v1/admin/reconcile').set('Authorization', ADMIN);
  expect(response.status).toBe(500);
  expect(response.body.detail).toMatch(/problem status 409 is not declared/);
});

test('the log mode reports the violation and still sends the answer', async () => {
  reconcileAnswers({ checked: 'three', mismatches: [], stuck: [], pending: [] });
  const lines: string[] = [];
  const { pino } = await import('pino');
  const logger = pino({ level: 'error' }, { write: (line: string) => void lines.push(line) });
  const app = h.appWith({ contract: 'log', logger });
  const response = await request(app).get('/api/v1/admin/reconcile').set('Authorization', ADMIN);
  expect(response.status).toBe(200);
  const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(logged).toContainEqual(
    expect.objectContaining({
      msg: 'response breaks the published contract',
      route: 'GET /api/v1/admin/reconcile',
    }),
  );
});

test('a kept contract answers as usual', async () => {
  reconcileAnswers({ checked: 2, mismatches: [], stuck: [], pending: ['c-1'] });
  const response = await request(h.app).get('/api/v1/admin/reconcile').set('Authorization', ADMIN);
  expect(response.status).toBe(200);
  expect(response.body).toEqual({ checked: 2, mismatches: [], stuck: [], pending: ['c-1'] });
});

describe('answerViolations', () => {
  const spec = route({
    method: 'get',
    path: '/api/v1/example',
    summary: 'example',
    tag: 'Example',
    roles: ['CITY_ADMIN'],
    responses: {
      200: {
        description: 'JSON',
        schema: z.object({ at: z.iso.datetime() }),
        headers: { Location: 'The record' },
      },
      203: { description: 'A file', mediaTypes: ['text/csv'] },
      204: { description: 'Nothing', empty: true },
    },
    handler: () => Promise.resolve({ status: 204, body: null }),
  });

  test('checks the body as the client receives it: a Date is sent as its ISO string', () => {
    const headers = { location: '/api/v1/example/1' };
    expect(answerViolations(spec, { status: 200, body: { at: new Date(0) }, headers })).toEqual([]);
  });

  test('names a declared header that was not sent', () => {
    expect(answerViolations(spec, { status: 200, body: { at: new Date(0) } })).toEqual([
      'header Location is declared but was not sent',
    ]);
  });

  test('names an undeclared status, a wrong media type and a body where none is declared', () => {
    expect(answerViolations(spec, { status: 201, body: { at: 'x' } })).toEqual([
      'status 201 is not declared (declared: 200, 203, 204)',
    ]);
    expect(
      answerViolations(spec, { status: 203, body: new RawBody('text/csv; charset=utf-8', 'a') }),
    ).toEqual([]);
    expect(
      answerViolations(spec, { status: 203, body: new RawBody('application/pdf', 'a') }),
    ).toEqual(['media type application/pdf is not declared (declared: text/csv)']);
    expect(answerViolations(spec, { status: 203, body: { at: 'x' } })).toEqual([
      'a file was declared, JSON was returned',
    ]);
    expect(answerViolations(spec, { status: 204, body: { at: 'x' } })).toEqual([
      'status 204 is declared without a body, one was returned',
    ]);
  });
});

// Compile-time half of the contract: tsc refuses a handler whose body does not match.
route({
  method: 'get',
  path: '/api/v1/example',
  summary: 'example',
  tag: 'Example',
  roles: ['CITY_ADMIN'],
  responses: { 200: { description: 'JSON', schema: z.object({ count: z.number() }) } },
  // @ts-expect-error -- `count` is declared a number; a string must not compile.
  handler: () => Promise.resolve({ status: 200, body: { count: 'three' } }),
});
