// Criteria sets: city admins publish new versions; every role of the city reads them and
// compares two versions. Shared sets (seeded by migrations) are visible to every city and
// published only by migrations; a city's own sets are visible to that city only.
import { z } from 'zod';
import { INT4_MAX } from '../shared';
import type { StoredCriteriaVersion } from './store';
import { findCriteriaVersion, listCriteriaVersions, publishCriteriaVersion } from './store';
import { CriteriaSetDraft, SetCode, allItems } from './rules/criteria';
import { diffCriteria } from './rules/criteria-diff';
import type { PrismaClient } from '../../generated/prisma/client';
import { conflict, notFound } from '../../platform/http/problems';
import type { RouteSpec } from '../access';
import { route } from '../access';
import { ALL_ROLES } from '../shared';
import { itemsOf } from '../../platform/http/response-schemas';
import { CriteriaDiff, CriteriaVersion, CriteriaVersionSummary } from './responses';

const base = '/api/v1/criteria-sets';

const CodeParams = z.object({ code: SetCode });
/** A version number: stored in an `integer` column, so bounded by what that holds. */
const VersionNumber = z.coerce.number().int().min(1).max(INT4_MAX);
const VersionParams = CodeParams.extend({ version: VersionNumber });
const ListQuery = z.object({ code: SetCode.optional() });
const DiffQuery = z.object({ from: VersionNumber, to: VersionNumber });

function summary(version: StoredCriteriaVersion) {
  const items = allItems(version.criteria);
  return {
    id: version.id,
    code: version.code,
    version: version.version,
    titleZh: version.criteria.titleZh,
    titleEn: version.criteria.titleEn,
    shared: version.cityId === null,
    cityId: version.cityId,
    totalPoints: version.criteria.totalPoints,
    passThreshold: version.criteria.passThreshold,
    dimensions: version.criteria.dimensions.length,
    items: {
      scored: items.filter((i) => i.kind === 'SCORED').length,
      mandatory: items.filter((i) => i.kind === 'MANDATORY').length,
      veto: items.filter((i) => i.kind === 'VETO').length,
      autoChecked: items.filter((i) => i.autoCheck).length,
    },
    createdBy: version.createdBy,
    createdAt: version.createdAt.toISOString(),
  };
}

function present(version: StoredCriteriaVersion) {
  return { ...summary(version), criteria: version.criteria };
}

export function criteriaRoutes(deps: { prisma: PrismaClient }): RouteSpec[] {
  const { prisma } = deps;

  const create = route({
    method: 'post',
    path: base,
    tag: 'Criteria',
    summary:
      'Publish a new version of one of the city’s criteria sets (version 1 for a new code); versions never change',
    roles: ['CITY_ADMIN'],
    body: CriteriaSetDraft,
    responses: {
      201: {
        description: 'The published version',
        schema: CriteriaVersion,
        headers: { Location: 'The version' },
      },
    },
    handler: async ({ principal, body }) => {
      const result = await publishCriteriaVersion(prisma, {
        cityId: principal.cityId,
        createdBy: principal.id,
        draft: body,
      });
      if (!result.ok) {
        const { reason, code } = result.refusal;
        throw conflict(
          reason === 'SHARED_CODE'
            ? `${code} is a shared criteria set, published with the system; publish your own under a new code`
            : reason === 'OTHER_CITY_CODE'
              ? `the code ${code} belongs to another city's criteria set; choose another code`
              : `another version of ${code} was published at the same time; review it and try again`,
        );
      }
      const { version } = result;
      return {
        status: 201,
        body: present(version),
        headers: { Location: `${base}/${version.code}/versions/${version.version}` },
      };
    },
  });

  const list = route({
    method: 'get',
    path: base,
    tag: 'Criteria',
    summary: 'List the criteria versions the city can use: the shared ones and its own',
    roles: ALL_ROLES,
    query: ListQuery,
    responses: {
      200: {
        description: 'Versions by code, oldest first',
        schema: itemsOf(CriteriaVersionSummary),
      },
    },
    handler: async ({ principal, query }) => ({
      status: 200,
      body: {
        items: (await listCriteriaVersions(prisma, principal.cityId, query.code)).map(summary),
      },
    }),
  });

  const get = route({
    method: 'get',
    path: `${base}/:code/versions/:version`,
    tag: 'Criteria',
    summary: 'One criteria version with its dimensions and items',
    roles: ALL_ROLES,
    params: VersionParams,
    responses: { 200: { description: 'The version', schema: CriteriaVersion } },
    handler: async ({ principal, params }) => {
      const version = await findCriteriaVersion(
        prisma,
        principal.cityId,
        params.code,
        params.version,
      );
      if (!version) throw notFound(`criteria set ${params.code} version ${params.version}`);
      return { status: 200, body: present(version) };
    },
  });

  const diff = route({
    method: 'get',
    path: `${base}/:code/diff`,
    tag: 'Criteria',
    summary: 'What changed between two versions of a criteria set',
    roles: ALL_ROLES,
    params: CodeParams,
    query: DiffQuery,
    responses: {
      200: {
        description: 'Set fields, dimensions and items added, removed or changed',
        schema: CriteriaDiff,
      },
    },
    handler: async ({ principal, params, query }) => {
      const [from, to] = await Promise.all(
        [query.from, query.to].map((v) =>
          findCriteriaVersion(prisma, principal.cityId, params.code, v),
        ),
      );
      if (!from) throw notFound(`criteria set ${params.code} version ${query.from}`, 'from');
      if (!to) throw notFound(`criteria set ${params.code} version ${query.to}`, 'to');
      return { status: 200, body: diffCriteria(from.criteria, to.criteria) };
    },
  });

  return [create, list, get, diff];
}
