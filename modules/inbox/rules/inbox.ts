// What a certification asks of whom next: the certification half of the inbox. Pure: given
// the workflow's state (as projected), the caller's role and the time, the tasks they owe.
import type { CertificationState, LifecycleFacts } from '../../certification/workflow-api';
import type { CheckPart } from '../../certification/workflow-api';
import { dueItem, missingParts } from '../../certification/workflow-api';
import type { Locale } from '../../shared';
import { DEFAULT_LOCALE } from '../../shared';
import type { Wording } from '../../certification/workflow-api';
import type { Role } from '../../shared';
import type { InboxTask, TaskKind } from './tasks';

const OWNERS: Record<
  Exclude<TaskKind, 'SUBMIT_CAMPAIGN_REPORT' | 'REVIEW_CAMPAIGN_REPORT'>,
  readonly Role[]
> = {
  REVIEW_DECLARATION: ['CITY_REVIEWER', 'CITY_ADMIN'],
  REVISE_DECLARATION: ['COUNTY_OPERATOR'],
  BUILD_AND_REQUEST_VERIFICATION: ['COUNTY_OPERATOR'],
  // Scoping decides which inspector: an inspector sees only assigned certifications.
  RECORD_INSPECTION: ['INSPECTOR', 'CITY_REVIEWER'],
  RECORD_DOCUMENT_REVIEW: ['CITY_REVIEWER', 'CITY_ADMIN'],
  RECORD_LOCAL_OPINION: ['COUNTY_OPERATOR'],
  DECIDE_CHECK: ['CITY_REVIEWER', 'CITY_ADMIN'],
  SUBMIT_RECTIFICATION: ['COUNTY_OPERATOR'],
  VERIFY_RECTIFICATION: ['CITY_REVIEWER', 'CITY_ADMIN'],
};

/** Task titles in each language; the office's name follows. */
export const TASK_TITLES: Record<keyof typeof OWNERS, Wording> = {
  REVIEW_DECLARATION: { 'zh-CN': '审核创建申报', en: 'Review the declaration' },
  REVISE_DECLARATION: {
    'zh-CN': '修改并重新提交退回的申报',
    en: 'Revise and resubmit the returned declaration',
  },
  BUILD_AND_REQUEST_VERIFICATION: {
    'zh-CN': '开展创建、报送进展并申请验收',
    en: 'Build, report progress and request verification',
  },
  RECORD_INSPECTION: { 'zh-CN': '录入实地检查结果', en: 'Record the on-site inspection' },
  RECORD_DOCUMENT_REVIEW: { 'zh-CN': '录入资料审查结果', en: 'Record the document review' },
  RECORD_LOCAL_OPINION: {
    'zh-CN': '录入当地党委政府意见',
    en: 'Record the local Party committee/government opinion',
  },
  DECIDE_CHECK: { 'zh-CN': '作出复查/抽查/验收结论', en: 'Decide the check' },
  SUBMIT_RECTIFICATION: { 'zh-CN': '提交整改报告', en: 'Submit the rectification' },
  VERIFY_RECTIFICATION: { 'zh-CN': '整改验收', en: 'Verify the rectification' },
};

/** "Title: office" in English, "标题:司法所" in Chinese. */
function taskTitle(kind: keyof typeof OWNERS, officeName: string, locale: Locale): string {
  return locale === 'zh-CN'
    ? `${TASK_TITLES[kind][locale]}:${officeName}`
    : `${TASK_TITLES[kind][locale]}: ${officeName}`;
}

const STEP_OF_PART: Record<CheckPart, keyof typeof OWNERS> = {
  INSPECTION: 'RECORD_INSPECTION',
  DOCUMENT_REVIEW: 'RECORD_DOCUMENT_REVIEW',
  LOCAL_OPINION: 'RECORD_LOCAL_OPINION',
};

/** A lifecycle task kind: the certification half of the inbox. */
export type CertificationTaskKind = keyof typeof OWNERS;

/** A step a certification waits for, whoever owes it; all of a check's parts share its due date. */
export interface OpenStep {
  kind: CertificationTaskKind;
  /** Epoch ms; null when the step has no deadline. */
  dueAt: number | null;
}

/** The certification task kinds a role may owe (scoping then decides which certifications). */
export function kindsOwnedBy(role: Role): CertificationTaskKind[] {
  return (Object.keys(OWNERS) as CertificationTaskKind[]).filter((kind) =>
    OWNERS[kind].includes(role),
  );
}

/**
 * The steps the certification waits for, whoever owes them, with their due date. The
 * projection stores them (table CertificationTask) so that the inbox is a query.
 */
export function openSteps(state: LifecycleFacts): OpenStep[] {
  const check = state.openCheck;
  switch (state.status) {
    case 'DECLARED':
      return [
        {
          kind: state.declaration.returnedAt === null ? 'REVIEW_DECLARATION' : 'REVISE_DECLARATION',
          dueAt: dueItem(state)?.dueAt ?? null,
        },
      ];
    case 'BUILDING':
      return [{ kind: 'BUILD_AND_REQUEST_VERIFICATION', dueAt: null }];
    case 'RECTIFYING':
      if (state.rectification && state.rectification.submittedAt === null) {
        return [{ kind: 'SUBMIT_RECTIFICATION', dueAt: state.rectification.dueAt }];
      }
      break;
    case 'VERIFYING':
    case 'CERTIFIED':
      break;
    case 'REVOKED':
    case 'REJECTED':
    case 'WITHDRAWN':
      return [];
  }
  if (!check) return [];
  const steps = missingParts(check).map((part) => ({
    kind: STEP_OF_PART[part],
    dueAt: check.dueAt,
  }));
  if (steps.length > 0) return steps;
  return [
    {
      kind: check.kind === 'RECTIFICATION' ? 'VERIFY_RECTIFICATION' : 'DECIDE_CHECK',
      dueAt: check.dueAt,
    },
  ];
}

/** What a task is about: the certification, its office and where it belongs. */
export interface TaskSubject {
  certificationId: string;
  officeId: string;
  officeName: string;
  cityId: string;
  countyId: string;
}

/** One step as the inbox shows it, titled in the reader's language. */
export function certificationTask(
  step: OpenStep,
  subject: TaskSubject,
  now: number,
  locale: Locale = DEFAULT_LOCALE,
): InboxTask {
  return {
    kind: step.kind,
    title: taskTitle(step.kind, subject.officeName, locale),
    dueAt: step.dueAt === null ? null : new Date(step.dueAt).toISOString(),
    overdue: step.dueAt !== null && step.dueAt < now,
    cityId: subject.cityId,
    countyId: subject.countyId,
    subject: {
      type: 'certification',
      id: subject.certificationId,
      officeId: subject.officeId,
      officeName: subject.officeName,
    },
  };
}

export function certificationTasks(
  state: CertificationState,
  office: { name: string },
  role: Role,
  now: number,
  locale: Locale = DEFAULT_LOCALE,
): InboxTask[] {
  const subject: TaskSubject = {
    certificationId: state.certificationId,
    officeId: state.officeId,
    officeName: office.name,
    cityId: state.cityId,
    countyId: state.countyId,
  };
  return openSteps(state)
    .filter((step) => OWNERS[step.kind].includes(role))
    .map((step) => certificationTask(step, subject, now, locale));
}

/** The steps as the projection stores them: due dates as UTC timestamps. */
export function storedSteps(steps: OpenStep[]): { kind: string; dueAt: string | null }[] {
  return steps.map((step) => ({
    kind: step.kind,
    dueAt: step.dueAt === null ? null : new Date(step.dueAt).toISOString(),
  }));
}
