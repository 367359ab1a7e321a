// Campaign routes: a city admin creates a campaign (which starts its workflow); everyone in
// the city reads it with its phases and duties; counties submit the reports they owe; the
// city reviews them and records supervision visits. Duties live in the database: the
// campaign store changes them in a transaction with their audit event, and the campaign
// workflow reads them when a date passes (docs/decisions: campaign duties). Handlers here
// validate, call the store and present.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { z } from 'zod';
import type { CampaignPlan } from '../rules/campaign';
import {
  CampaignPlan as CampaignPlanSchema,
  CampaignStatus,
  CreateCampaignInput,
  DutyStatus,
  FIGURES_REQUIRED,
  ReportKind,
  ReviewCampaignReportInput,
  SubmitCampaignReportInput,
  SupervisionVisitInput,
  allDuties,
  isLateSubmission,
  isOpenDuty,
  isOverdueDuty,
  phaseAt,
  phaseStatus,
  phaseTitles,
  planOf,
} from '../rules/campaign';
import type { PrismaClient } from '../../../generated/prisma/client';
import { findCriteriaVersionById } from '../../criteria';
import type { CampaignRow, DutyRow, ReportRow } from '../store';
import * as store from '../store';
import { isUniqueViolation } from '../../../platform/db/unique-violation';
import type { CampaignWorkflowInput } from '../messages';
import { CAMPAIGN_WORKFLOW_TYPE, campaignWorkflowId } from '../messages';
import type { Principal } from '../../access';
import { conflict, forbidden, notFound, unprocessable } from '../../../platform/http/problems';
import type { RouteSpec } from '../../access';
import { route } from '../../access';
import { IdParams, ALL_ROLES, CITY_ROLES } from '../../shared';
import {
  Campaign,
  CampaignDuty,
  CampaignListItem,
  CampaignReport,
  SupervisionVisit,
} from '../responses';
import { itemsOf } from '../../../platform/http/response-schemas';

export interface CampaignRouteDeps {
  prisma: PrismaClient;
  temporal: { client: Client; taskQueue: string };
  /** The API's clock (tests of lateness pass their own). */
  clock?: () => Date;
}

const ReportParams = IdParams.extend({ reportId: z.string().min(1).max(100) });
const VisitParams = IdParams.extend({ visitId: z.string().min(1).max(100) });

const CampaignListQuery = z.object({
  status: CampaignStatus.optional(),
});
const DutyQuery = z.object({
  countyId: z.string().min(1).max(100).optional(),
  status: DutyStatus.optional(),
  kind: ReportKind.optional(),
});
const ReportQuery = z.object({
  countyId: z.string().min(1).max(100).optional(),
  status: z.enum(['SUBMITTED', 'ACCEPTED', 'RETURNED']).optional(),
  dutyId: z.string().min(1).max(300).optional(),
});
const VisitQuery = z.object({ countyId: z.string().min(1).max(100).optional() });

const iso = (d: Date) => d.toISOString();
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** A county operator's own county, whatever they ask for; others may filter. */
export function countyScope(
  principal: Principal,
  requested: string | undefined,
): string | undefined {
  return principal.role === 'COUNTY_OPERATOR' ? (principal.countyId ?? '') : requested;
}

/**
 * Whether a campaign's county item (a report, a visit) is the caller's to see, as its list would
 * show it: another campaign's, or another county's for an operator, does not exist for them.
 */
function seenIn(
  campaign: { id: string },
  principal: Principal,
  item: { campaignId: string; countyId: string },
): boolean {
  const county = countyScope(principal, undefined);
  return item.campaignId === campaign.id && (county === undefined || item.countyId === county);
}

export async function campaignFor(
  prisma: PrismaClient,
  principal: Principal,
  id: string,
): Promise<CampaignRow> {
  const campaign = await store.findCampaign(prisma, id);
  // Another city's campaign does not exist as far as this caller can tell.
  if (!campaign || campaign.cityId !== principal.cityId) throw notFound(`campaign ${id}`, 'id');
  return campaign;
}

export function storedPlan(plan: unknown): CampaignPlan | null {
  const parsed = CampaignPlanSchema.safeParse(plan);
  return parsed.success ? parsed.data : null;
}

function presentDuty(duty: DutyRow, now: number) {
  return {
    id: duty.id,
    countyId: duty.countyId,
    countyName: duty.county.name,
    phase: duty.phase,
    kind: duty.kind,
    period: duty.period,
    dueAt: iso(duty.dueAt),
    status: duty.status,
    overdue: isOverdueDuty({ status: duty.status, dueAt: duty.dueAt.getTime() }, now),
    escalations: duty.escalations,
    updatedAt: iso(duty.updatedAt),
  };
}

function presentReport(report: ReportRow) {
  return {
    id: report.id,
    campaignId: report.campaignId,
    dutyId: report.dutyId,
    countyId: report.countyId,
    kind: report.duty.kind,
    period: report.duty.period,
    dueAt: iso(report.duty.dueAt),
    version: report.version,
    status: report.status,
    late: report.late,
    content: report.content,
    attachments: report.attachments,
    submittedBy: report.submittedBy,
    submittedAt: iso(report.submittedAt),
    reviewedBy: report.reviewedBy,
    reviewedAt: report.reviewedAt ? iso(report.reviewedAt) : null,
    reviewComments: report.reviewComments,
  };
}

export type { CampaignRow } from '../store';

export async function presentCampaign(
  prisma: PrismaClient,
  principal: Principal,
  campaign: CampaignRow,
  now: number,
) {
  const plan = storedPlan(campaign.plan);
  const countyId = countyScope(principal, undefined);
  const byCounty = await store.dutyCountsByCounty(prisma, campaign.id, countyId);
  const current = plan ? phaseAt(plan, now) : null;
  return {
    id: campaign.id,
    cityId: campaign.cityId,
    name: campaign.name,
    status: campaign.status,
    /** The phase the workflow last started; `current` is the phase by the calendar now. */
    phase: campaign.phase,
    current,
    startYear: plan?.startYear ?? null,
    endYear: plan?.endYear ?? null,
    startsOn: campaign.startsOn ? isoDay(campaign.startsOn) : null,
    endsOn: campaign.endsOn ? isoDay(campaign.endsOn) : null,
    criteriaVersionId: campaign.criteriaVersionId,
    config: campaign.config,
    targets: campaign.targets,
    phases:
      plan?.phases.map((p) => ({
        kind: p.kind,
        name: phaseTitles(p).zh,
        nameEn: phaseTitles(p).en,
        startsOn: p.startsOn,
        endsOn: p.endsOn,
        status: phaseStatus(p, now),
        duties: p.duties,
      })) ?? [],
    reminderOffsets: plan?.reminderOffsets ?? [],
    /** Every report each county owes over the whole plan (rows appear as phases start). */
    plannedDuties: plan ? allDuties(plan).length : 0,
    duties: {
      byCounty: [...byCounty.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([id, statuses]) => ({ countyId: id, statuses })),
      countiesOverdue: [...byCounty.entries()]
        .filter(([, statuses]) => statuses.OVERDUE)
        .map(([id]) => id)
        .sort(),
    },
    assessment: campaign.assessment,
    /** Who cancelled it or closed it early, when and why (null if neither). */
    stopped: campaign.stoppedAt
      ? {
          at: iso(campaign.stoppedAt),
          by: campaign.stoppedBy,
          reason: campaign.stopReason,
        }
      : null,
    planRevision: campaign.planRevision,
    workflowId: campaign.workflowId,
    createdBy: campaign.createdBy,
    createdAt: iso(campaign.createdAt),
  };
}

/**
 * The records a campaign names exist for the caller's city: its criteria version and the
 * counties its targets give quotas to (422 naming the field otherwise).
 */
export async function checkReferences(
  prisma: PrismaClient,
  principal: Principal,
  input: Pick<CreateCampaignInput, 'criteriaVersionId' | 'targets'>,
): Promise<void> {
  const version = await findCriteriaVersionById(prisma, input.criteriaVersionId);
  if (!version || (version.cityId !== null && version.cityId !== principal.cityId)) {
    throw unprocessable('the criteria version does not exist', [
      { field: 'criteriaVersionId', message: 'no such criteria version' },
    ]);
  }
  const known = await store.countyIdsOf(prisma, principal.cityId);
  const unknownCounties = Object.keys(input.targets.counties ?? {}).filter((id) => !known.has(id));
  if (unknownCounties.length > 0) {
    throw unprocessable(
      'targets name counties that are not in the city',
      unknownCounties.map((id) => ({
        field: `targets.counties.${id}`,
        message: 'no such county',
      })),
    );
  }
}

const duplicateName = (name: string) =>
  conflict(`the city already has a campaign named “${name}”; choose another name`);

/** A name is taken by another campaign of the city that is not cancelled (409). */
export async function checkNameFree(
  prisma: PrismaClient,
  cityId: string,
  name: string,
  exceptId: string | null,
): Promise<void> {
  if (await store.isNameTaken(prisma, cityId, name, exceptId)) throw duplicateName(name);
}

/** The database's partial unique index settles a race the check above lost: 409 as well. */
export async function refuseDuplicateName<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict('the city already has a campaign of that name; choose another name');
    }
    throw error;
  }
}

export function campaignRoutes(deps: CampaignRouteDeps): RouteSpec[] {
  const { prisma, temporal } = deps;
  const clock = deps.clock ?? (() => new Date());
  const base = '/api/v1/campaigns';

  const create = route({
    method: 'post',
    path: base,
    tag: 'Campaigns',
    summary: 'Create a campaign with its phase plan and targets (starts its workflow)',
    roles: ['CITY_ADMIN'],
    body: CreateCampaignInput,
    responses: {
      201: {
        description: 'The campaign; its workflow is running',
        schema: Campaign,
        headers: { Location: 'The campaign' },
      },
    },
    handler: async ({ principal, body, requestId }) => {
      await checkReferences(prisma, principal, body);
      await checkNameFree(prisma, principal.cityId, body.name, null);
      const id = `campaign-${randomUUID()}`;
      const workflowId = campaignWorkflowId(id);
      const plan = planOf(body);
      const now = clock();
      const campaign = await refuseDuplicateName(
        store.createCampaign(prisma, {
          id,
          workflowId,
          cityId: principal.cityId,
          actor: principal,
          requestId,
          input: body,
          plan,
          now,
        }),
      );
      const input: CampaignWorkflowInput = {
        campaignId: id,
        cityId: principal.cityId,
        plan,
        chase: {
          reminderOffsets: plan.reminderOffsets,
          escalationInterval: body.config.escalationInterval,
          escalationChain: body.config.escalationChain,
        },
        milestones: body.targets.milestones ?? [],
        cursor: null,
      };
      try {
        await temporal.client.workflow.start(CAMPAIGN_WORKFLOW_TYPE, {
          workflowId,
          taskQueue: temporal.taskQueue,
          args: [input],
        });
      } catch (error) {
        // The id is new, so an existing run can only be this campaign's own.
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
      return {
        status: 201,
        body: await presentCampaign(prisma, principal, campaign, now.getTime()),
        headers: { Location: `${base}/${id}` },
      };
    },
  });

  const list = route({
    method: 'get',
    path: base,
    tag: 'Campaigns',
    summary: 'Campaigns of the caller’s city',
    roles: ALL_ROLES,
    query: CampaignListQuery,
    responses: {
      200: { description: 'Campaigns, newest first', schema: itemsOf(CampaignListItem) },
    },
    handler: async ({ principal, query }) => {
      const now = clock().getTime();
      const rows = await store.listCampaigns(prisma, principal.cityId, query.status);
      return {
        status: 200,
        body: {
          items: rows.map((c) => {
            const plan = storedPlan(c.plan);
            return {
              id: c.id,
              name: c.name,
              status: c.status,
              phase: c.phase,
              current: plan ? phaseAt(plan, now) : null,
              startsOn: c.startsOn ? isoDay(c.startsOn) : null,
              endsOn: c.endsOn ? isoDay(c.endsOn) : null,
              criteriaVersionId: c.criteriaVersionId,
            };
          }),
        },
      };
    },
  });

  const get = route({
    method: 'get',
    path: `${base}/:id`,
    tag: 'Campaigns',
    summary: 'A campaign: plan, phases with their status, duties by county and status, assessment',
    roles: ALL_ROLES,
    params: IdParams,
    responses: { 200: { description: 'The campaign', schema: Campaign } },
    handler: async ({ principal, params }) => {
      const campaign = await campaignFor(prisma, principal, params.id);
      return {
        status: 200,
        body: await presentCampaign(prisma, principal, campaign, clock().getTime()),
      };
    },
  });

  const duties = route({
    method: 'get',
    path: `${base}/:id/duties`,
    tag: 'Campaigns',
    summary: 'The report duties of a campaign (county operators: their county)',
    roles: ALL_ROLES,
    params: IdParams,
    query: DutyQuery,
    responses: { 200: { description: 'Duties, soonest due first', schema: itemsOf(CampaignDuty) } },
    handler: async ({ principal, params, query }) => {
      await campaignFor(prisma, principal, params.id);
      const countyId = countyScope(principal, query.countyId);
      const rows = await store.listDuties(prisma, params.id, { ...query, countyId });
      const now = clock().getTime();
      return { status: 200, body: { items: rows.map((d) => presentDuty(d, now)) } };
    },
  });

  const submit = route({
    method: 'post',
    path: `${base}/:id/reports`,
    tag: 'Campaigns',
    summary: 'Submit a report for one of the county’s duties (late submissions are marked late)',
    roles: ['COUNTY_OPERATOR'],
    params: IdParams,
    body: SubmitCampaignReportInput,
    responses: { 201: { description: 'The report as submitted', schema: CampaignReport } },
    problems: { 403: 'The duty belongs to another county' },
    handler: async ({ principal, params, body, requestId }) => {
      const campaign = await campaignFor(prisma, principal, params.id);
      const duty = await store.findDuty(prisma, body.dutyId);
      if (!duty || duty.campaignId !== campaign.id) {
        throw unprocessable('the duty does not exist in this campaign', [
          { field: 'dutyId', message: 'no such duty' },
        ]);
      }
      if (duty.countyId !== principal.countyId) {
        throw forbidden(`duty ${duty.id} belongs to another county`);
      }
      if (FIGURES_REQUIRED.includes(duty.kind) && !body.content.figures) {
        throw unprocessable(`a ${duty.kind} carries its figures`, [
          { field: 'content.figures', message: `required for ${duty.kind}` },
        ]);
      }
      if (!isOpenDuty(duty.status)) {
        throw conflict(`the ${duty.kind} for ${duty.period} is ${duty.status}; nothing to submit`);
      }
      const now = clock();
      const late = isLateSubmission(
        { status: duty.status, dueAt: duty.dueAt.getTime() },
        now.getTime(),
      );
      const reportId = randomUUID();
      const report = await store.submitReport(prisma, {
        reportId,
        campaign,
        duty,
        input: body,
        late,
        actor: principal,
        requestId,
        now,
      });
      if (!report) throw conflict('the duty changed meanwhile; try again');
      return {
        status: 201,
        // The duty's kind, period and due date, which the report shows, did not change.
        body: presentReport({ ...report, duty }),
        headers: { Location: `${base}/${campaign.id}/reports/${reportId}` },
      };
    },
  });

  const listReports = route({
    method: 'get',
    path: `${base}/:id/reports`,
    tag: 'Campaigns',
    summary: 'Reports submitted in a campaign (county operators: their county)',
    roles: ALL_ROLES,
    params: IdParams,
    query: ReportQuery,
    responses: { 200: { description: 'Reports, newest first', schema: itemsOf(CampaignReport) } },
    handler: async ({ principal, params, query }) => {
      await campaignFor(prisma, principal, params.id);
      const countyId = countyScope(principal, query.countyId);
      const rows = await store.listReports(prisma, params.id, { ...query, countyId });
      return { status: 200, body: { items: rows.map(presentReport) } };
    },
  });

  const getReport = route({
    method: 'get',
    path: `${base}/:id/reports/:reportId`,
    tag: 'Campaigns',
    summary: 'One report of a campaign (county operators: of their county)',
    roles: ALL_ROLES,
    params: ReportParams,
    responses: { 200: { description: 'The report', schema: CampaignReport } },
    handler: async ({ principal, params }) => {
      const campaign = await campaignFor(prisma, principal, params.id);
      const report = await store.findReport(prisma, params.reportId);
      if (!report || !seenIn(campaign, principal, report)) {
        throw notFound(`report ${params.reportId}`, 'reportId');
      }
      return { status: 200, body: presentReport(report) };
    },
  });

  const review = route({
    method: 'post',
    path: `${base}/:id/reports/:reportId/review`,
    tag: 'Campaigns',
    summary: 'Accept a submitted report, or return it with comments (the county resubmits)',
    roles: CITY_ROLES,
    params: ReportParams,
    body: ReviewCampaignReportInput,
    responses: { 200: { description: 'The reviewed report', schema: CampaignReport } },
    handler: async ({ principal, params, body, requestId }) => {
      const campaign = await campaignFor(prisma, principal, params.id);
      const report = await store.findReport(prisma, params.reportId);
      if (!report || report.campaignId !== campaign.id) {
        throw notFound(`report ${params.reportId}`, 'reportId');
      }
      if (report.status !== 'SUBMITTED') {
        throw conflict(`report ${report.id} was already reviewed (${report.status})`);
      }
      const accepted = body.decision === 'ACCEPT';
      const reviewed = await store.reviewReport(prisma, {
        campaign,
        report,
        accepted,
        comments: body.comments ?? null,
        actor: principal,
        requestId,
        now: clock(),
      });
      if (!reviewed) throw conflict(`report ${report.id} was reviewed meanwhile`);
      return { status: 200, body: presentReport(reviewed) };
    },
  });

  const recordVisit = route({
    method: 'post',
    path: `${base}/:id/supervision-visits`,
    tag: 'Campaigns',
    summary: 'Record a supervision visit (督导检查) the city made to a county',
    roles: CITY_ROLES,
    params: IdParams,
    body: SupervisionVisitInput,
    responses: { 201: { description: 'The visit as recorded', schema: SupervisionVisit } },
    handler: async ({ principal, params, body, requestId }) => {
      const campaign = await campaignFor(prisma, principal, params.id);
      const county = await store.findCounty(prisma, body.countyId);
      if (!county || county.cityId !== campaign.cityId) {
        throw unprocessable('the county is not in the city', [
          { field: 'countyId', message: 'no such county' },
        ]);
      }
      const found = await store.officeIdsInCounty(prisma, county.id, body.officeIds);
      const strangers = body.officeIds
        .map((id, i) => ({ id, i }))
        .filter(({ id }) => !found.has(id));
      if (strangers.length > 0) {
        throw unprocessable(
          'offices not in the county',
          strangers.map(({ i }) => ({
            field: `officeIds.${i}`,
            message: 'no such office in the county',
          })),
        );
      }
      if (campaign.startsOn && campaign.endsOn) {
        const startsOn = isoDay(campaign.startsOn);
        const endsOn = isoDay(campaign.endsOn);
        if (body.visitedOn < startsOn || body.visitedOn > endsOn) {
          throw unprocessable('the visit is outside the campaign', [
            { field: 'visitedOn', message: `must be within ${startsOn} to ${endsOn}` },
          ]);
        }
      }
      const id = randomUUID();
      const now = clock();
      const visit = await store.recordVisit(prisma, {
        id,
        campaign,
        countyId: county.id,
        input: body,
        actor: principal,
        requestId,
        now,
      });
      return {
        status: 201,
        body: presentVisit(visit),
        headers: { Location: `${base}/${campaign.id}/supervision-visits/${id}` },
      };
    },
  });

  const listVisits = route({
    method: 'get',
    path: `${base}/:id/supervision-visits`,
    tag: 'Campaigns',
    summary: 'Supervision visits of a campaign (county operators: to their county)',
    roles: ALL_ROLES,
    params: IdParams,
    query: VisitQuery,
    responses: {
      200: { description: 'Visits, most recent first', schema: itemsOf(SupervisionVisit) },
    },
    handler: async ({ principal, params, query }) => {
      await campaignFor(prisma, principal, params.id);
      const countyId = countyScope(principal, query.countyId);
      const rows = await store.listVisits(prisma, params.id, countyId);
      return { status: 200, body: { items: rows.map(presentVisit) } };
    },
  });

  const getVisit = route({
    method: 'get',
    path: `${base}/:id/supervision-visits/:visitId`,
    tag: 'Campaigns',
    summary: 'One supervision visit of a campaign (county operators: to their county)',
    roles: ALL_ROLES,
    params: VisitParams,
    responses: { 200: { description: 'The visit', schema: SupervisionVisit } },
    handler: async ({ principal, params }) => {
      const campaign = await campaignFor(prisma, principal, params.id);
      const visit = await store.findVisit(prisma, params.visitId);
      if (!visit || !seenIn(campaign, principal, visit)) {
        throw notFound(`supervision visit ${params.visitId}`, 'visitId');
      }
      return { status: 200, body: presentVisit(visit) };
    },
  });

  return [
    create,
    list,
    get,
    duties,
    submit,
    listReports,
    getReport,
    review,
    recordVisit,
    listVisits,
    getVisit,
  ];
}

function presentVisit(visit: {
  id: string;
  campaignId: string;
  countyId: string;
  visitedOn: Date;
  officeIds: string[];
  findings: string;
  followUp: string | null;
  recordedBy: string;
  recordedAt: Date;
}) {
  return {
    id: visit.id,
    campaignId: visit.campaignId,
    countyId: visit.countyId,
    visitedOn: isoDay(visit.visitedOn),
    officeIds: visit.officeIds,
    findings: visit.findings,
    followUp: visit.followUp,
    recordedBy: visit.recordedBy,
    recordedAt: iso(visit.recordedAt),
  };
}
