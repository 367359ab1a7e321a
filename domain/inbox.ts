// What a certification asks of whom next: the certification half of the inbox. Pure: given
// the workflow's state (as projected), the caller's role and the time, the tasks they owe.
import type { CertificationState } from './lifecycle';
import type { CheckPart } from './lifecycle';
import { dueItem, missingParts } from './lifecycle';
import type { Role } from './schemas';
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

const TITLES: Record<keyof typeof OWNERS, string> = {
  REVIEW_DECLARATION: 'Review the declaration',
  REVISE_DECLARATION: 'Revise and resubmit the returned declaration',
  BUILD_AND_REQUEST_VERIFICATION: 'Build, report progress and request verification',
  RECORD_INSPECTION: 'Record the on-site inspection',
  RECORD_DOCUMENT_REVIEW: 'Record the document review',
  RECORD_LOCAL_OPINION: 'Record the local Party committee/government opinion',
  DECIDE_CHECK: 'Decide the check',
  SUBMIT_RECTIFICATION: 'Submit the rectification',
  VERIFY_RECTIFICATION: 'Verify the rectification',
};

const STEP_OF_PART: Record<CheckPart, keyof typeof OWNERS> = {
  INSPECTION: 'RECORD_INSPECTION',
  DOCUMENT_REVIEW: 'RECORD_DOCUMENT_REVIEW',
  LOCAL_OPINION: 'RECORD_LOCAL_OPINION',
};

/** The steps the certification waits for, whoever owes them, with their due date. */
function openSteps(
  state: CertificationState,
): { kind: keyof typeof OWNERS; dueAt: number | null }[] {
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

export function certificationTasks(
  state: CertificationState,
  office: { name: string },
  role: Role,
  now: number,
): InboxTask[] {
  return openSteps(state)
    .filter((step) => OWNERS[step.kind].includes(role))
    .map((step) => ({
      kind: step.kind,
      title: `${TITLES[step.kind]}: ${office.name}`,
      dueAt: step.dueAt === null ? null : new Date(step.dueAt).toISOString(),
      overdue: step.dueAt !== null && step.dueAt < now,
      cityId: state.cityId,
      countyId: state.countyId,
      subject: {
        type: 'certification',
        id: state.certificationId,
        officeId: state.officeId,
        officeName: office.name,
      },
    }));
}
