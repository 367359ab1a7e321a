// Each command's input schema and the API path it is exposed on. The API's routes, its
// OpenAPI document and the workflow's update validators are all built from this table.
import type { z } from 'zod';
import { InspectionInput, InspectionRequest } from './schemas';
import type { CommandType } from './lifecycle';
import {
  DecideInput,
  DeclarationReviewInput,
  DocumentReviewInput,
  EvidenceInput,
  ExemplaryInput,
  LocalOpinionInput,
  OpenRecheckInput,
  ProgressReportInput,
  RectificationSubmissionInput,
  RequestVerificationInput,
  ResubmitDeclarationInput,
  SpotCheckInput,
  WithdrawInput,
} from './schemas';

export const COMMAND_INPUT_SCHEMAS: Record<CommandType, z.ZodType> = {
  REVIEW_DECLARATION: DeclarationReviewInput,
  RESUBMIT_DECLARATION: ResubmitDeclarationInput,
  SUBMIT_PROGRESS_REPORT: ProgressReportInput,
  ADD_EVIDENCE: EvidenceInput,
  REQUEST_VERIFICATION: RequestVerificationInput,
  RECORD_INSPECTION: InspectionInput,
  RECORD_DOCUMENT_REVIEW: DocumentReviewInput,
  RECORD_LOCAL_OPINION: LocalOpinionInput,
  DECIDE: DecideInput,
  VERIFY_RECTIFICATION: DecideInput,
  MARK_EXEMPLARY: ExemplaryInput,
  START_SPOT_CHECK: SpotCheckInput,
  OPEN_RECHECK: OpenRecheckInput,
  SUBMIT_RECTIFICATION: RectificationSubmissionInput,
  WITHDRAW: WithdrawInput,
};

/**
 * What the API accepts for each command: the workflow's input, except that an inspection's
 * office profile is looked up by the API (a caller cannot supply it).
 */
export const COMMAND_REQUEST_SCHEMAS: Record<CommandType, z.ZodType> = {
  ...COMMAND_INPUT_SCHEMAS,
  RECORD_INSPECTION: InspectionRequest,
};

export interface CommandRoute {
  type: CommandType;
  /** Path under /api/v1/certifications/:id/ */
  path: string;
  summary: string;
}

export const COMMAND_ROUTES: readonly CommandRoute[] = [
  {
    type: 'REVIEW_DECLARATION',
    path: 'declaration-review',
    summary: 'Approve, return or reject a declaration',
  },
  { type: 'RESUBMIT_DECLARATION', path: 'declaration', summary: 'Resubmit a returned declaration' },
  { type: 'SUBMIT_PROGRESS_REPORT', path: 'progress-reports', summary: 'File a progress report' },
  { type: 'ADD_EVIDENCE', path: 'evidence', summary: 'Add evidence metadata' },
  {
    type: 'REQUEST_VERIFICATION',
    path: 'verification-request',
    summary: 'Request verification with a self-assessment',
  },
  { type: 'RECORD_INSPECTION', path: 'inspection', summary: 'Record on-site inspection scores' },
  {
    type: 'RECORD_DOCUMENT_REVIEW',
    path: 'document-review',
    summary: 'Record the document review',
  },
  {
    type: 'RECORD_LOCAL_OPINION',
    path: 'local-opinion',
    summary: 'Record the township Party committee/government opinion',
  },
  {
    type: 'DECIDE',
    path: 'decision',
    summary: 'Decide the open check from the rubric (optionally override with a reason)',
  },
  {
    type: 'VERIFY_RECTIFICATION',
    path: 'rectification-verification',
    summary:
      'Verify a submitted rectification from the re-inspection (optionally override with a reason)',
  },
  {
    type: 'MARK_EXEMPLARY',
    path: 'exemplary',
    summary: 'Mark a certified office as exemplary for promotion',
  },
  { type: 'START_SPOT_CHECK', path: 'spot-checks', summary: 'Start a spot check' },
  {
    type: 'OPEN_RECHECK',
    path: 'recheck',
    summary: 'Open the full recheck now instead of at its scheduled time',
  },
  { type: 'SUBMIT_RECTIFICATION', path: 'rectification', summary: 'Submit the rectification' },
  { type: 'WITHDRAW', path: 'withdrawal', summary: 'Withdraw the certification' },
];
