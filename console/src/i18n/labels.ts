// Names of the domain's codes (statuses, tasks, due dates, actions) in both languages.
import type { components } from '../api/schema';
import type { DueKind } from '../domain';
import type { Locale } from './messages';

type Schemas = components['schemas'];

type Labels<K extends string> = Record<Locale, Record<K, string>>;

/** A certification's status, as the contract names them. */
export type Status = Schemas['Certification']['status'];

export const STATUSES: readonly Status[] = [
  'DECLARED',
  'BUILDING',
  'VERIFYING',
  'CERTIFIED',
  'RECTIFYING',
  'REVOKED',
  'REJECTED',
  'WITHDRAWN',
];

export const STATUS_LABELS: Labels<Status> = {
  zh: {
    DECLARED: '已申报',
    BUILDING: '创建中',
    VERIFYING: '验收中',
    CERTIFIED: '已命名',
    RECTIFYING: '整改中',
    REVOKED: '已撤销',
    REJECTED: '未通过',
    WITHDRAWN: '已撤回',
  },
  en: {
    DECLARED: 'Declared',
    BUILDING: 'Building',
    VERIFYING: 'Verifying',
    CERTIFIED: 'Certified',
    RECTIFYING: 'Rectifying',
    REVOKED: 'Revoked',
    REJECTED: 'Rejected',
    WITHDRAWN: 'Withdrawn',
  },
};

/**
 * Solid tag colours, dark enough for white text at WCAG AA contrast (antd's light preset tags
 * are not).
 */
export const STATUS_COLORS: Record<Status, string> = {
  DECLARED: '#0958d9',
  BUILDING: '#006d75',
  VERIFYING: '#1d39c4',
  CERTIFIED: '#237804',
  RECTIFYING: '#ad4e00',
  REVOKED: '#a8071a',
  REJECTED: '#ad2102',
  WITHDRAWN: '#595959',
};

/** The same for the other tags: overdue, exemplary, done. */
export const TAG_COLORS = { alarm: '#a8071a', gold: '#874d00', done: '#237804' } as const;

export type TaskKind = Schemas['Task']['kind'];

export const TASK_LABELS: Labels<TaskKind> = {
  zh: {
    REVIEW_DECLARATION: '审核申报',
    REVISE_DECLARATION: '修改申报',
    BUILD_AND_REQUEST_VERIFICATION: '创建并申请验收',
    RECORD_INSPECTION: '现场验收评分',
    RECORD_DOCUMENT_REVIEW: '材料审查',
    RECORD_LOCAL_OPINION: '录入党委政府意见',
    DECIDE_CHECK: '作出认定决定',
    SUBMIT_RECTIFICATION: '提交整改',
    VERIFY_RECTIFICATION: '整改验收',
    SUBMIT_CAMPAIGN_REPORT: '报送活动报告',
    REVIEW_CAMPAIGN_REPORT: '审核活动报告',
  },
  en: {
    REVIEW_DECLARATION: 'Review the declaration',
    REVISE_DECLARATION: 'Revise the declaration',
    BUILD_AND_REQUEST_VERIFICATION: 'Build and request verification',
    RECORD_INSPECTION: 'Record the inspection',
    RECORD_DOCUMENT_REVIEW: 'Review the documents',
    RECORD_LOCAL_OPINION: 'Record the local opinion',
    DECIDE_CHECK: 'Decide the check',
    SUBMIT_RECTIFICATION: 'Submit the rectification',
    VERIFY_RECTIFICATION: 'Verify the rectification',
    SUBMIT_CAMPAIGN_REPORT: 'Submit a campaign report',
    REVIEW_CAMPAIGN_REPORT: 'Review a campaign report',
  },
};

export type { DueKind };

export const DUE_LABELS: Labels<DueKind> = {
  zh: {
    DECLARATION_REVIEW: '申报审核',
    DECLARATION_REVISION: '申报修改',
    VERIFICATION_DECISION: '验收决定',
    CHECK_DECISION: '检查决定',
    RECHECK_OPENS: '复核开始',
    RECTIFICATION_DEADLINE: '整改期限',
    RECTIFICATION_VERIFICATION: '整改验收',
  },
  en: {
    DECLARATION_REVIEW: 'Declaration review',
    DECLARATION_REVISION: 'Declaration revision',
    VERIFICATION_DECISION: 'Verification decision',
    CHECK_DECISION: 'Check decision',
    RECHECK_OPENS: 'Recheck opens',
    RECTIFICATION_DEADLINE: 'Rectification deadline',
    RECTIFICATION_VERIFICATION: 'Rectification verification',
  },
};

/** A label for a code of one of these tables, or the code itself when it is new to the console. */
export function labelOf<K extends string>(
  table: Labels<K>,
  locale: Locale,
  code: string | null | undefined,
): string {
  if (!code) return '';
  return (table[locale] as Record<string, string>)[code] ?? code;
}
