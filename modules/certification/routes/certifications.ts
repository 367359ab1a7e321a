// Certification routes: declare, read, list, and one route per lifecycle action.
// Scoping is enforced here, in the service layer: a caller sees only their own city, and a
// county operator only their own county.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { COMMAND_REQUEST_SCHEMAS, COMMAND_ROUTES } from '../rules/commands';
import { rolesFor } from '../rules/lifecycle';
import type { Locale } from '../../shared';
import { CampaignConfig, CertificationStatus, CheckFilter, DeclareInput } from '../rules/schemas';
import type { InspectionRequest } from '../rules/schemas';
import { actorOf } from '../../access';
import { presentOpenCheck } from '../responses';
import type { Prisma, PrismaClient } from '../../../generated/prisma/client';
import { requireRole } from '../../access';
import type { TemporalDeps } from '../client';
import { declareCertification, sendCommand } from '../client';
import { refusalAsProblem } from '../refusal-problem';
import { campaignCriteria } from '../../criteria';
import { decodeCursor, pageOf } from '../../../platform/http/cursor';
import { uuidFromOperation } from '../../../platform/http/idempotency';
import { languageHeaders, requestLocale } from '../../../platform/http/locale';
import { prepareInspection } from '../inspection';
import { Problem, forbidden, unprocessable } from '../../../platform/http/problems';
import { certificationFor, checkCertificationVisible, visibleCertifications } from '../scope';
import { presentCertification, readCertificationRow } from '../view';
import type { RouteSpec } from '../../access';
import { route } from '../../access';
import { ALL_ROLES, IdParams, negotiateLocale } from '../../shared';
import { Certification, CertificationListItem } from '../responses';
import { pageOf as pageSchema } from '../../../platform/http/response-schemas';

export interface CertificationRouteDeps {
  prisma: PrismaClient;
  temporal: TemporalDeps;
}

const ListQuery = z.object({
  status: CertificationStatus.optional(),
  /**
   * The check in progress: a kind (a certified office under RECHECK or SPOT_CHECK keeps the
   * status CERTIFIED), ANY open check, or NONE.
   */
  check: CheckFilter.optional(),
  countyId: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(500).optional(),
});

/** Where a page of the list ended: most recently updated first, the id breaking ties. */
const ListPosition = z.object({ updatedAt: z.iso.datetime(), id: z.string() });

/** The projection's condition for a check filter. */
export function openCheckWhere(check: CheckFilter | undefined): Prisma.CertificationWhereInput {
  if (check === undefined) return {};
  if (check === 'ANY') return { openCheckKind: { not: null } };
  if (check === 'NONE') return { openCheckKind: null };
  return { openCheckKind: check };
}

/** The certification's answer after a command or a declaration changed it. */
async function presentChanged(prisma: PrismaClient, id: string, locale: Locale) {
  const row = await readCertificationRow(prisma, id);
  // The workflow projected the row before it answered: a missing one is a fault (500).
  if (!row) throw new Error(`certification ${id} was not projected`);
  return presentCertification(row, locale);
}

export function certificationRoutes(deps: CertificationRouteDeps): RouteSpec[] {
  const { prisma, temporal } = deps;
  const base = '/api/v1/certifications';

  const declare = route({
    method: 'post',
    path: base,
    tag: 'Certifications',
    summary: 'Declare an office for certification (starts its certification workflow)',
    roles: ['COUNTY_OPERATOR'],
    body: DeclareInput,
    responses: {
      201: {
        description: 'The declaration was accepted; the certification is DECLARED',
        schema: Certification,
        headers: { Location: 'The certification' },
      },
    },
    handler: async ({ req, principal, body, requestId, operationId }) => {
      const office = await prisma.office.findUnique({
        where: { id: body.officeId },
        include: { county: true },
      });
      if (!office || office.county.cityId !== principal.cityId) {
        throw unprocessable('the office does not exist', [
          { field: 'officeId', message: 'no such office' },
        ]);
      }
      if (office.countyId !== principal.countyId) {
        throw forbidden(`office ${office.id} belongs to another county`);
      }
      const campaign = await prisma.campaign.findUnique({ where: { id: body.campaignId } });
      if (!campaign || campaign.cityId !== principal.cityId) {
        throw unprocessable('the campaign does not exist', [
          { field: 'campaignId', message: 'no such campaign' },
        ]);
      }
      if (campaign.status === 'CANCELLED') {
        throw unprocessable('the campaign was cancelled', [
          { field: 'campaignId', message: 'the campaign was cancelled; declare in another' },
        ]);
      }
      const config = CampaignConfig.safeParse(campaign.config);
      if (!config.success) {
        throw new Problem(
          500,
          'Invalid campaign',
          `campaign ${campaign.id} has an invalid configuration`,
        );
      }
      // With an Idempotency-Key every attempt declares the same certification with the same
      // update id, so a retry after an unknown outcome finds its own workflow, not a 409.
      const certificationId = operationId ? uuidFromOperation(operationId) : randomUUID();
      await declareCertification(temporal, {
        updateId: operationId,
        certificationId,
        office: { id: office.id, countyId: office.countyId, cityId: office.county.cityId },
        declaration: body,
        config: config.data,
        // The campaign's criteria version, pinned for the certification's whole life.
        criteria: await campaignCriteria(prisma, campaign),
        actor: actorOf(principal),
        requestId,
      }).catch(refusalAsProblem);
      const locale = requestLocale(req, negotiateLocale);
      return {
        status: 201,
        body: await presentChanged(prisma, certificationId, locale),
        headers: { Location: `${base}/${certificationId}`, ...languageHeaders(locale) },
      };
    },
  });

  const list = route({
    method: 'get',
    path: base,
    tag: 'Certifications',
    summary:
      'List certifications in the caller’s city (county operators: their county; inspectors: those assigned to them)',
    roles: ALL_ROLES,
    query: ListQuery,
    responses: {
      200: {
        description:
          'Certifications, most recently updated first, and the cursor of the next page (null at the end)',
        schema: pageSchema(CertificationListItem),
      },
    },
    handler: async ({ principal, query }) => {
      const after = query.cursor ? decodeCursor(query.cursor, ListPosition) : undefined;
      const rows = await prisma.certification.findMany({
        where: {
          AND: [
            visibleCertifications(principal),
            query.countyId ? { countyId: query.countyId } : {},
            query.status ? { status: query.status } : {},
            after
              ? {
                  OR: [
                    { updatedAt: { lt: new Date(after.updatedAt) } },
                    { updatedAt: new Date(after.updatedAt), id: { lt: after.id } },
                  ],
                }
              : {},
            openCheckWhere(query.check),
          ],
        },
        orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
        // One more than asked tells whether another page follows.
        take: query.limit + 1,
        // Only what an item shows: `state` and `config` are kilobytes a row the list never uses.
        select: {
          id: true,
          status: true,
          officeId: true,
          countyId: true,
          certificateNumber: true,
          nextDueAt: true,
          nextDueKind: true,
          openCheckKind: true,
          openCheckDueAt: true,
          updatedAt: true,
          office: { select: { name: true, code: true } },
        },
      });
      const page = pageOf(rows, query.limit, ListPosition, (row) => ({
        updatedAt: row.updatedAt.toISOString(),
        id: row.id,
      }));
      return {
        status: 200,
        body: {
          items: page.items.map((row) => ({
            id: row.id,
            status: row.status,
            office: { id: row.officeId, ...row.office },
            countyId: row.countyId,
            certificateNumber: row.certificateNumber,
            nextDue: row.nextDueAt
              ? { kind: row.nextDueKind, at: row.nextDueAt.toISOString() }
              : null,
            openCheck: presentOpenCheck(row),
            updatedAt: row.updatedAt.toISOString(),
          })),
          nextCursor: page.nextCursor,
        },
      };
    },
  });

  const get = route({
    method: 'get',
    path: `${base}/:id`,
    tag: 'Certifications',
    summary: 'A certification’s current state, pending due dates and timeline',
    roles: ALL_ROLES,
    params: IdParams,
    responses: { 200: { description: 'The certification', schema: Certification } },
    handler: async ({ req, principal, params }) => {
      // The row, what the caller may see of it and what the answer shows: one query.
      const row = await readCertificationRow(prisma, params.id);
      checkCertificationVisible(principal, params.id, row);
      const locale = requestLocale(req, negotiateLocale);
      return {
        status: 200,
        body: presentCertification(row, locale),
        headers: languageHeaders(locale),
      };
    },
  });

  const actions = COMMAND_ROUTES.map((command) =>
    route({
      method: 'post',
      path: `${base}/:id/${command.path}`,
      tag: 'Certification actions',
      summary: command.summary,
      roles: rolesFor(command.type),
      params: IdParams,
      body: COMMAND_REQUEST_SCHEMAS[command.type],
      responses: {
        200: {
          description: 'The action was accepted; the updated certification',
          schema: Certification,
        },
      },
      handler: async ({ req, principal, params, body, requestId, operationId }) => {
        requireRole(principal, rolesFor(command.type));
        const row = await certificationFor(prisma, principal, params.id);
        const input =
          command.type === 'RECORD_INSPECTION'
            ? await prepareInspection(prisma, row, body as InspectionRequest)
            : body;
        await sendCommand(
          temporal,
          { certificationId: row.id, officeId: row.officeId },
          command.type,
          input as never,
          actorOf(principal),
          requestId,
          operationId,
        ).catch(refusalAsProblem);
        const locale = requestLocale(req, negotiateLocale);
        return {
          status: 200,
          body: await presentChanged(prisma, row.id, locale),
          headers: languageHeaders(locale),
        };
      },
    }),
  );

  return [declare, list, get, ...actions];
}
