// For every route that takes a body: one that passes validation, and the ways to break it
// (a required field left out, a field of the wrong type, a value out of range, a reference
// to a record that does not exist). The authorisation matrix sends the valid bodies so that a
// denial is the scoping rule at work, not a 400; the validation test sends the broken ones.
import { DEMO } from '../../modules/demo/seed';
import { FENGQIAO_OFFICE_V1 } from '../../modules/criteria/rules/criteria-sets';
import { validCampaign } from './campaign-fixtures';
import { goodProfile, inspectionAt } from './criteria-fixtures';
import { JIEFANGBEI, declaration } from './fixtures';

export interface FieldValue {
  /** Dotted path into the body, e.g. "plan.summary". */
  field: string;
  value: unknown;
}

export interface BodyCase {
  body: Record<string, unknown>;
  /** Left out, the 400 must name it; null where every field is optional. */
  required: string | null;
  wrongType: FieldValue;
  outOfRange: FieldValue;
  /** For routes without an id in the path: a body naming a record that does not exist. */
  unknownReference?: FieldValue;
}

const text = (length: number) => 'x'.repeat(length);
const reason = (path: string): Omit<BodyCase, 'body'> => ({
  required: path,
  wrongType: { field: path, value: 7 },
  outOfRange: { field: path, value: text(2001) },
});

const { version: _version, ...criteriaDraft } = structuredClone(FENGQIAO_OFFICE_V1);

export const BODY_CASES: Record<string, BodyCase> = {
  'POST /api/v1/certifications': {
    body: { ...declaration(JIEFANGBEI.id) },
    required: 'plan.summary',
    wrongType: { field: 'officeId', value: 42 },
    outOfRange: { field: 'plan.feature', value: text(201) },
    unknownReference: { field: 'officeId', value: 'office-nowhere' },
  },
  'POST /api/v1/certifications/:id/declaration-review': {
    body: { decision: 'APPROVE', reason: '同意' },
    ...reason('reason'),
  },
  'POST /api/v1/certifications/:id/declaration': {
    body: { plan: { summary: '修改后的创建方案', feature: '老马工作法' } },
    required: 'plan',
    wrongType: { field: 'plan', value: '方案' },
    outOfRange: { field: 'plan.feature', value: text(201) },
  },
  'POST /api/v1/certifications/:id/progress-reports': {
    body: { period: '2023-Q1', summary: '进展' },
    required: 'period',
    wrongType: { field: 'summary', value: 5 },
    outOfRange: { field: 'period', value: text(51) },
  },
  'POST /api/v1/certifications/:id/evidence': {
    body: { kind: 'DOCUMENT', title: '制度汇编' },
    required: 'title',
    wrongType: { field: 'kind', value: 3 },
    outOfRange: { field: 'title', value: text(201) },
  },
  'POST /api/v1/certifications/:id/verification-request': {
    body: { selfAssessment: { summary: '自评合格' } },
    required: 'selfAssessment',
    wrongType: { field: 'selfAssessment.summary', value: 7 },
    outOfRange: { field: 'selfAssessment.scores', value: { PARTY: -1 } },
  },
  'POST /api/v1/certifications/:id/inspection': {
    body: { ...inspectionAt(FENGQIAO_OFFICE_V1, 0.9), findings: '良好' },
    required: 'scores',
    wrongType: { field: 'triggeredVetoes', value: 'none' },
    outOfRange: { field: 'scores', value: { 'PARTY-1': -1 } },
  },
  'POST /api/v1/certifications/:id/document-review': {
    body: { passed: true, findings: '' },
    required: 'passed',
    wrongType: { field: 'passed', value: 'yes' },
    outOfRange: { field: 'findings', value: text(4001) },
  },
  'POST /api/v1/certifications/:id/local-opinion': {
    body: { authority: '解放碑街道党工委', supportive: true, summary: '同意' },
    required: 'authority',
    wrongType: { field: 'supportive', value: 'yes' },
    outOfRange: { field: 'authority', value: text(201) },
  },
  'POST /api/v1/certifications/:id/decision': {
    body: {},
    required: null,
    wrongType: { field: 'override', value: 'yes' },
    outOfRange: { field: 'override.reason', value: text(2001) },
  },
  'POST /api/v1/certifications/:id/rectification-verification': {
    body: {},
    required: null,
    wrongType: { field: 'override', value: 'yes' },
    outOfRange: { field: 'override.reason', value: text(2001) },
  },
  'POST /api/v1/certifications/:id/exemplary': {
    body: { experienceSummary: '经验' },
    required: 'experienceSummary',
    wrongType: { field: 'experienceSummary', value: 1 },
    outOfRange: { field: 'experienceSummary', value: text(4001) },
  },
  'POST /api/v1/certifications/:id/spot-checks': {
    body: { reason: '随机抽查' },
    ...reason('reason'),
  },
  'POST /api/v1/certifications/:id/recheck': { body: { reason: '提前复核' }, ...reason('reason') },
  'POST /api/v1/certifications/:id/rectification': {
    body: { summary: '已整改' },
    ...reason('summary'),
  },
  'POST /api/v1/certifications/:id/withdrawal': { body: { reason: '撤回' }, ...reason('reason') },
  'POST /api/v1/certifications/:id/inspectors': {
    body: { inspectorId: 'apikey-dev-inspector' },
    required: 'inspectorId',
    wrongType: { field: 'inspectorId', value: 5 },
    outOfRange: { field: 'inspectorId', value: text(101) },
  },
  'POST /api/v1/offices/:officeId/profiles': {
    body: { effectiveFrom: '2023-01-01', values: goodProfile() },
    required: 'effectiveFrom',
    wrongType: { field: 'values', value: 'good' },
    outOfRange: { field: 'values.premisesAreaM2', value: -5 },
  },
  'POST /api/v1/offices/import': {
    body: {
      offices: [{ code: 'VALID-001', name: '试点司法所', type: 'STREET', countyCode: 'CQ-YZ' }],
    },
    required: 'offices',
    wrongType: { field: 'offices', value: 'all of them' },
    outOfRange: {
      field: 'offices',
      value: [{ code: 'VALID-001', name: text(201), type: 'STREET', countyCode: 'CQ-YZ' }],
    },
    unknownReference: {
      field: 'offices',
      value: [{ code: 'VALID-001', name: '试点司法所', type: 'STREET', countyCode: 'NOWHERE' }],
    },
  },
  'POST /api/v1/campaigns': {
    body: validCampaign(),
    required: 'name',
    wrongType: { field: 'startYear', value: '2025' },
    outOfRange: { field: 'targets.city.share', value: 2 },
    unknownReference: { field: 'criteriaVersionId', value: 'no-such-set@1' },
  },
  'PATCH /api/v1/campaigns/:id': {
    body: { name: '2025—2027年“枫桥式”司法所创建(调整)' },
    required: null,
    wrongType: { field: 'startYear', value: '2025' },
    outOfRange: { field: 'name', value: text(201) },
  },
  'POST /api/v1/campaigns/:id/cancellation': {
    body: { reason: '与省厅部署重复' },
    ...reason('reason'),
  },
  'POST /api/v1/campaigns/:id/early-closure': {
    body: { reason: '试点任务提前完成' },
    ...reason('reason'),
  },
  'POST /api/v1/campaigns/:id/pairings': {
    body: { department: '基层科', officeIds: [JIEFANGBEI.id] },
    required: 'department',
    wrongType: { field: 'officeIds', value: 'all' },
    outOfRange: { field: 'department', value: text(101) },
  },
  'POST /api/v1/campaigns/:id/pairings/:pairingId/letter': {
    body: {
      signedOn: '2022-05-10',
      attachment: {
        name: '责任状.pdf',
        size: 120_000,
        sha256: 'a'.repeat(64),
        mediaType: 'application/pdf',
      },
    },
    required: 'signedOn',
    wrongType: { field: 'attachment', value: '责任状.pdf' },
    outOfRange: { field: 'attachment.size', value: -1 },
  },
  'POST /api/v1/campaigns/:id/reports': {
    body: { dutyId: 'some-duty', content: { summary: '总结' } },
    required: 'dutyId',
    wrongType: { field: 'content', value: '总结' },
    outOfRange: {
      field: 'attachments',
      value: [{ name: 'a.pdf', size: -1, sha256: 'a'.repeat(64), mediaType: 'application/pdf' }],
    },
  },
  'POST /api/v1/campaigns/:id/reports/:reportId/review': {
    body: { decision: 'ACCEPT' },
    required: 'decision',
    wrongType: { field: 'decision', value: 1 },
    outOfRange: { field: 'comments', value: text(4001) },
  },
  'POST /api/v1/campaigns/:id/supervision-visits': {
    body: { countyId: DEMO.counties.yuzhong, visitedOn: '2023-05-01', findings: '督导' },
    required: 'findings',
    wrongType: { field: 'officeIds', value: 'all' },
    outOfRange: { field: 'findings', value: text(20_001) },
  },
  'POST /api/v1/criteria-sets': {
    body: { ...criteriaDraft, code: 'cq-valid' },
    required: 'code',
    wrongType: { field: 'titleZh', value: 1 },
    outOfRange: { field: 'passThreshold', value: 10_001 },
  },
  'POST /api/v1/spot-check-draws': {
    body: { share: 0.1 },
    required: 'share',
    wrongType: { field: 'share', value: 'a tenth' },
    outOfRange: { field: 'share', value: 2 },
  },
  'POST /api/v1/bulk-actions': {
    body: { action: 'OPEN_RECHECK', filter: { certifiedInYear: 2022 }, reason: '提前复核' },
    required: 'reason',
    wrongType: { field: 'action', value: 1 },
    outOfRange: { field: 'filter.certifiedInYear', value: 1900 },
  },
  'POST /api/v1/me/password': {
    body: { currentPassword: 'old-password', newPassword: 'a-new-password' },
    required: 'currentPassword',
    wrongType: { field: 'newPassword', value: 1 },
    outOfRange: { field: 'newPassword', value: 'short' },
  },
  'POST /api/v1/users': {
    body: {
      username: 'valid.user',
      displayName: '新用户',
      role: 'COUNTY_OPERATOR',
      countyId: DEMO.counties.yuzhong,
      password: 'a-long-password',
    },
    required: 'username',
    wrongType: { field: 'role', value: 42 },
    outOfRange: { field: 'password', value: 'short' },
    unknownReference: { field: 'countyId', value: 'county-nowhere' },
  },
  'POST /api/v1/users/:id/password': {
    body: { password: 'a-new-long-password' },
    required: 'password',
    wrongType: { field: 'password', value: 123 },
    outOfRange: { field: 'password', value: 'short' },
  },
  'PATCH /api/v1/users/:id': {
    body: { email: 'new.address@cq.example.gov.cn', language: 'en' },
    required: null,
    wrongType: { field: 'notificationFunctions', value: 'CITY_ADMIN' },
    outOfRange: { field: 'email', value: 'not-an-address' },
  },
  'POST /api/v1/counties': {
    body: {
      code: 'CQ-VALID',
      name: '新设区',
      head: { name: '王局长', phone: '023-61000000', email: 'head@valid.example.gov.cn' },
    },
    required: 'code',
    wrongType: { field: 'name', value: 38 },
    outOfRange: { field: 'code', value: text(51) },
  },
  'PATCH /api/v1/counties/:id': {
    body: { name: '渝中区（更名）', head: { name: '李局长', language: 'zh-CN' } },
    required: null,
    wrongType: { field: 'head', value: '李局长' },
    outOfRange: { field: 'head.language', value: 'fr' },
  },
  'POST /api/v1/notification-recipients': {
    body: {
      name: '渝中区司法局值班信箱',
      email: 'duty@yuzhong.example.gov.cn',
      function: 'COUNTY_OPERATOR',
      countyId: DEMO.counties.yuzhong,
    },
    required: 'function',
    wrongType: { field: 'email', value: 5 },
    outOfRange: { field: 'name', value: text(101) },
    unknownReference: { field: 'countyId', value: 'county-nowhere' },
  },
  'PATCH /api/v1/notification-recipients/:id': {
    body: { active: false },
    required: null,
    wrongType: { field: 'active', value: 'no' },
    outOfRange: { field: 'language', value: 'fr' },
  },
  'POST /api/v1/api-keys': {
    body: { name: '对接系统', role: 'COUNTY_OPERATOR', countyId: DEMO.counties.yuzhong },
    required: 'name',
    wrongType: { field: 'role', value: 42 },
    outOfRange: { field: 'name', value: text(101) },
    unknownReference: { field: 'countyId', value: 'county-nowhere' },
  },
};

/** A copy of `body` with the dotted `field` set to `value`, or removed when it is undefined. */
export function withField(
  body: Record<string, unknown>,
  field: string,
  value: unknown,
): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = field.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    node[key] = typeof next === 'object' && next !== null ? next : {};
    node = node[key] as Record<string, unknown>;
  }
  const last = keys.at(-1) ?? field;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}
