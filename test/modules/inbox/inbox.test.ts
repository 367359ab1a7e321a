// The certification half of the inbox: which open step each state asks of which role, with
// its due date and overdue flag.
import { certificationTasks } from '../../../modules/inbox/rules/inbox';
import type { CertificationState } from '../../../modules/certification/rules/lifecycle';
import type { Role } from '../../../modules/shared';
import { CONFIG } from '../../support/fixtures';
import {
  CERTIFIED_AT,
  COMMANDS,
  REQUESTED_AT,
  SPOT_AT,
  SUBMITTED_AT,
  T0,
  act,
  building,
  certified,
  day,
  declared,
  ms,
  recheckOpen,
  rectificationSubmitted,
  rectifying,
  returned,
  spotCheckOpen,
  verifying,
} from '../../support/states';

const ROLES: Role[] = ['COUNTY_OPERATOR', 'CITY_REVIEWER', 'INSPECTOR', 'CITY_ADMIN'];
const OFFICE = { name: '解放碑司法所' };

/** role → the kinds of task it owes, for every role. */
function owed(state: CertificationState, now = T0) {
  return Object.fromEntries(
    ROLES.map((role) => [
      role,
      certificationTasks(state, OFFICE, role, now).map((task) => task.kind),
    ]),
  );
}

test('a new declaration is the city’s to review, by its due date', () => {
  const state = declared();
  expect(owed(state)).toEqual({
    COUNTY_OPERATOR: [],
    CITY_REVIEWER: ['REVIEW_DECLARATION'],
    INSPECTOR: [],
    CITY_ADMIN: ['REVIEW_DECLARATION'],
  });
  const [task] = certificationTasks(state, OFFICE, 'CITY_REVIEWER', T0);
  expect(task).toEqual({
    kind: 'REVIEW_DECLARATION',
    title: '审核创建申报:解放碑司法所',
    dueAt: new Date(T0 + ms(CONFIG.declarationReviewPeriod)).toISOString(),
    overdue: false,
    cityId: state.cityId,
    countyId: state.countyId,
    subject: {
      type: 'certification',
      id: state.certificationId,
      officeId: state.officeId,
      officeName: '解放碑司法所',
    },
  });
});

test('a task is overdue once its due date has passed', () => {
  const dueAt = T0 + ms(CONFIG.declarationReviewPeriod);
  const at = (now: number) => certificationTasks(declared(), OFFICE, 'CITY_REVIEWER', now)[0];
  expect(at(dueAt)?.overdue).toBe(false);
  expect(at(dueAt + 1)?.overdue).toBe(true);
});

test('a returned declaration and a building office are the county’s', () => {
  expect(owed(returned()).COUNTY_OPERATOR).toEqual(['REVISE_DECLARATION']);
  expect(owed(returned()).CITY_REVIEWER).toEqual([]);
  const building_ = owed(building());
  expect(building_.COUNTY_OPERATOR).toEqual(['BUILD_AND_REQUEST_VERIFICATION']);
  expect(certificationTasks(building(), OFFICE, 'COUNTY_OPERATOR', T0)[0]?.dueAt).toBeNull();
});

test('a verification asks each party for its part, then the city for the decision', () => {
  expect(owed(verifying(), REQUESTED_AT)).toEqual({
    COUNTY_OPERATOR: ['RECORD_LOCAL_OPINION'],
    CITY_REVIEWER: ['RECORD_INSPECTION', 'RECORD_DOCUMENT_REVIEW'],
    INSPECTOR: ['RECORD_INSPECTION'],
    CITY_ADMIN: ['RECORD_DOCUMENT_REVIEW'],
  });
  const inspected = act(verifying(), COMMANDS.passingInspection, day(5));
  expect(owed(inspected).INSPECTOR).toEqual([]);
  const complete = act(
    act(inspected, COMMANDS.documentReview, day(6)),
    COMMANDS.localOpinion,
    day(7),
  );
  expect(owed(complete)).toEqual({
    COUNTY_OPERATOR: [],
    CITY_REVIEWER: ['DECIDE_CHECK'],
    INSPECTOR: [],
    CITY_ADMIN: ['DECIDE_CHECK'],
  });
});

test('a certified office with nothing open owes nothing; a recheck and a spot check do', () => {
  expect(owed(certified(), CERTIFIED_AT)).toEqual({
    COUNTY_OPERATOR: [],
    CITY_REVIEWER: [],
    INSPECTOR: [],
    CITY_ADMIN: [],
  });
  expect(owed(recheckOpen()).COUNTY_OPERATOR).toEqual(['RECORD_LOCAL_OPINION']);
  // A spot check needs only the inspection before the decision.
  expect(owed(spotCheckOpen(), SPOT_AT)).toEqual({
    COUNTY_OPERATOR: [],
    CITY_REVIEWER: ['RECORD_INSPECTION'],
    INSPECTOR: ['RECORD_INSPECTION'],
    CITY_ADMIN: [],
  });
});

test('a rectification is the county’s until submitted, then the city verifies it', () => {
  const order = rectifying().rectification;
  const [submit] = certificationTasks(rectifying(), OFFICE, 'COUNTY_OPERATOR', SUBMITTED_AT);
  expect(submit?.kind).toBe('SUBMIT_RECTIFICATION');
  expect(submit?.dueAt).toBe(new Date(order?.dueAt ?? 0).toISOString());
  expect(owed(rectificationSubmitted(), SUBMITTED_AT).CITY_REVIEWER).toEqual(['RECORD_INSPECTION']);
});

test('closed certifications owe nothing', () => {
  const withdrawn = act(building(), COMMANDS.withdraw, day(2));
  expect(withdrawn.status).toBe('WITHDRAWN');
  for (const role of ROLES) expect(certificationTasks(withdrawn, OFFICE, role, day(3))).toEqual([]);
});

test('titles are in Chinese by default and in English on request, for every kind of task', () => {
  const states = [declared(), returned(), building(), verifying(), spotCheckOpen(), rectifying()];
  for (const state of states) {
    for (const role of ROLES) {
      const zh = certificationTasks(state, OFFICE, role, T0);
      const en = certificationTasks(state, OFFICE, role, T0, 'en');
      expect(en.map((t) => t.kind)).toEqual(zh.map((t) => t.kind));
      for (const task of zh) {
        expect(task.title).toMatch(/^[^A-Za-z]+:解放碑司法所$/);
      }
      for (const task of en) {
        expect(task.title).toMatch(/^[A-Z][A-Za-z ,/-]+: 解放碑司法所$/);
      }
    }
  }
  expect(certificationTasks(declared(), OFFICE, 'CITY_REVIEWER', T0, 'en')[0]?.title).toBe(
    'Review the declaration: 解放碑司法所',
  );
});
