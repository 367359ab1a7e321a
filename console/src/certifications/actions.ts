// The actions a certification offers, as data: the lifecycle command each one is, the path it
// is sent to and the fields of its form. Whether it is offered is the lifecycle's own rule
// (domain/lifecycle.ts commandRefusal: the actor's role and county, the status, the open check),
// run here on the certification's state, so the console never repeats the workflow's gates.
// Conditions on what is sent (a progress report before verification, scores that fit the
// criteria) are judged when it is sent: a refusal comes back as a 409 with the reason, which
// the form shows.
import type { Actor, CertificationState, CommandType } from '../domain';
import { commandRefusal } from '../domain';
import type { Locale } from '../i18n/messages';

export type FieldKind = 'text' | 'textarea' | 'url' | 'select' | 'boolean';

export interface ActionField {
  /** The path of the value in the request body, e.g. ['selfAssessment', 'summary']. */
  name: string[];
  kind: FieldKind;
  label: Record<Locale, string>;
  required: boolean;
  options?: { value: string; label: Record<Locale, string> }[];
  /** Only shown (and sent) when this boolean field is on. */
  when?: string[];
}

export type ActionPath =
  | 'declaration-review'
  | 'declaration'
  | 'progress-reports'
  | 'evidence'
  | 'verification-request'
  | 'document-review'
  | 'local-opinion'
  | 'decision'
  | 'rectification-verification'
  | 'exemplary'
  | 'spot-checks'
  | 'recheck'
  | 'rectification'
  | 'withdrawal';

export interface ActionSpec {
  /** The lifecycle command the form sends (domain/commands.ts COMMAND_ROUTES maps it to path). */
  type: CommandType;
  path: ActionPath;
  label: Record<Locale, string>;
  fields: ActionField[];
}

const reason: ActionField = {
  name: ['reason'],
  kind: 'textarea',
  label: { zh: '理由', en: 'Reason' },
  required: true,
};

const override: ActionField[] = [
  {
    name: ['useOverride'],
    kind: 'boolean',
    label: { zh: '改变评分结果（需说明理由）', en: 'Override the computed result (with a reason)' },
    required: false,
  },
  {
    name: ['override', 'passed'],
    kind: 'boolean',
    label: { zh: '通过', en: 'Passed' },
    required: false,
    when: ['useOverride'],
  },
  {
    name: ['override', 'reason'],
    kind: 'textarea',
    label: { zh: '改变理由', en: 'Reason for the override' },
    required: true,
    when: ['useOverride'],
  },
];

export const ACTIONS: readonly ActionSpec[] = [
  {
    type: 'REVIEW_DECLARATION',
    path: 'declaration-review',
    label: { zh: '审核申报', en: 'Review the declaration' },
    fields: [
      {
        name: ['decision'],
        kind: 'select',
        label: { zh: '审核结果', en: 'Decision' },
        required: true,
        options: [
          { value: 'APPROVE', label: { zh: '同意创建', en: 'Approve' } },
          { value: 'RETURN', label: { zh: '退回修改', en: 'Return for revision' } },
          { value: 'REJECT', label: { zh: '不予通过', en: 'Reject' } },
        ],
      },
      reason,
    ],
  },
  {
    type: 'RESUBMIT_DECLARATION',
    path: 'declaration',
    label: { zh: '重新提交申报', en: 'Resubmit the declaration' },
    fields: [
      {
        name: ['plan', 'summary'],
        kind: 'textarea',
        label: { zh: '创建方案概要', en: 'Creation plan summary' },
        required: true,
      },
      {
        name: ['plan', 'feature'],
        kind: 'text',
        label: { zh: '特色（一所一品）', en: 'Feature' },
        required: true,
      },
      { name: ['note'], kind: 'textarea', label: { zh: '修改说明', en: 'Note' }, required: false },
    ],
  },
  {
    type: 'SUBMIT_PROGRESS_REPORT',
    path: 'progress-reports',
    label: { zh: '报送创建进度', en: 'File a progress report' },
    fields: [
      {
        name: ['period'],
        kind: 'text',
        label: { zh: '报告期（如 2024年第一季度）', en: 'Period (e.g. 2024 Q1)' },
        required: true,
      },
      {
        name: ['summary'],
        kind: 'textarea',
        label: { zh: '进展情况', en: 'Progress' },
        required: true,
      },
    ],
  },
  {
    type: 'ADD_EVIDENCE',
    path: 'evidence',
    label: { zh: '上传佐证材料', en: 'Add evidence' },
    fields: [
      {
        name: ['kind'],
        kind: 'select',
        label: { zh: '材料类型', en: 'Kind' },
        required: true,
        options: [
          { value: 'DOCUMENT', label: { zh: '文件', en: 'Document' } },
          { value: 'PHOTO', label: { zh: '照片', en: 'Photo' } },
          { value: 'VIDEO', label: { zh: '视频', en: 'Video' } },
          { value: 'RECORD', label: { zh: '台账记录', en: 'Record' } },
          { value: 'OTHER', label: { zh: '其他', en: 'Other' } },
        ],
      },
      { name: ['title'], kind: 'text', label: { zh: '标题', en: 'Title' }, required: true },
      {
        name: ['uri'],
        kind: 'url',
        label: { zh: '链接（可选）', en: 'Link (optional)' },
        required: false,
      },
      {
        name: ['sha256'],
        kind: 'text',
        label: { zh: 'SHA-256 校验值（可选）', en: 'SHA-256 (optional)' },
        required: false,
      },
    ],
  },
  {
    type: 'REQUEST_VERIFICATION',
    path: 'verification-request',
    label: { zh: '申请验收', en: 'Request verification' },
    fields: [
      {
        name: ['selfAssessment', 'summary'],
        kind: 'textarea',
        label: { zh: '自评情况', en: 'Self-assessment' },
        required: true,
      },
    ],
  },
  {
    type: 'RECORD_DOCUMENT_REVIEW',
    path: 'document-review',
    label: { zh: '材料审查', en: 'Document review' },
    fields: [
      {
        name: ['passed'],
        kind: 'boolean',
        label: { zh: '材料审查通过', en: 'Documents pass' },
        required: false,
      },
      {
        name: ['findings'],
        kind: 'textarea',
        label: { zh: '审查意见', en: 'Findings' },
        required: false,
      },
    ],
  },
  {
    type: 'RECORD_LOCAL_OPINION',
    path: 'local-opinion',
    label: { zh: '录入乡镇（街道）党委政府意见', en: 'Record the local opinion' },
    fields: [
      {
        name: ['authority'],
        kind: 'text',
        label: { zh: '出具意见的党委政府', en: 'Authority' },
        required: true,
      },
      {
        name: ['supportive'],
        kind: 'boolean',
        label: { zh: '同意命名', en: 'Supportive' },
        required: false,
      },
      {
        name: ['summary'],
        kind: 'textarea',
        label: { zh: '意见内容', en: 'Opinion' },
        required: true,
      },
    ],
  },
  {
    type: 'DECIDE',
    path: 'decision',
    label: { zh: '作出认定决定', en: 'Decide' },
    fields: override,
  },
  {
    type: 'VERIFY_RECTIFICATION',
    path: 'rectification-verification',
    label: { zh: '整改验收', en: 'Verify the rectification' },
    fields: override,
  },
  {
    type: 'MARK_EXEMPLARY',
    path: 'exemplary',
    label: { zh: '标记为典型示范', en: 'Mark as exemplary' },
    fields: [
      {
        name: ['experienceSummary'],
        kind: 'textarea',
        label: { zh: '经验做法', en: 'Experience summary' },
        required: true,
      },
    ],
  },
  {
    type: 'START_SPOT_CHECK',
    path: 'spot-checks',
    label: { zh: '发起抽查', en: 'Start a spot check' },
    fields: [reason],
  },
  {
    type: 'OPEN_RECHECK',
    path: 'recheck',
    label: { zh: '立即开始复核', en: 'Open the recheck now' },
    fields: [reason],
  },
  {
    type: 'SUBMIT_RECTIFICATION',
    path: 'rectification',
    label: { zh: '提交整改', en: 'Submit the rectification' },
    fields: [
      {
        name: ['summary'],
        kind: 'textarea',
        label: { zh: '整改情况', en: 'What was rectified' },
        required: true,
      },
    ],
  },
  {
    type: 'WITHDRAW',
    path: 'withdrawal',
    label: { zh: '撤回', en: 'Withdraw' },
    fields: [reason],
  },
];

/**
 * The actions this actor may take on a certification in this state, by the lifecycle's rule
 * (`now` for the deadlines it checks, e.g. the rectification's).
 */
export function offeredActions(
  state: CertificationState,
  actor: Actor,
  now: number = Date.now(),
): ActionSpec[] {
  return ACTIONS.filter((action) => commandRefusal(state, action.type, actor, now) === null);
}

/** The request body from the form's values: hidden fields (`when` off) and the switch left out. */
export function requestBody(spec: ActionSpec, values: Record<string, unknown>): object {
  const valueAt = (path: string[]) =>
    path.reduce<unknown>(
      (node, key) =>
        node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined,
      values,
    );
  const out: Record<string, unknown> = {};
  for (const field of spec.fields) {
    if (field.name[0] === 'useOverride') continue;
    if (field.when && valueAt(field.when) !== true) continue;
    let value = valueAt(field.name);
    if (field.kind === 'boolean') value = value === true;
    if (value === undefined || value === '') continue;
    let node = out;
    field.name.slice(0, -1).forEach((key) => {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    });
    node[field.name[field.name.length - 1] as string] = value;
  }
  return out;
}
