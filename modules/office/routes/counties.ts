// The counties (districts, 区县) of a city: every role of the city lists them; the city admin
// creates and edits them, so a city of 38 districts can be set up before its offices are
// imported. A county's code is unique within its city; its head's contact is the bureau's
// directory entry and, with an email, receives the county's COUNTY_BUREAU_HEAD notices.
// Every creation and change is in the audit trail.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isUniqueViolation } from '../../../platform/db/unique-violation';
import { EmailAddress, Language } from '../../notification/workflow-api';
import type { Prisma, PrismaClient } from '../../../generated/prisma/client';
import { recordAdminEvent } from '../../audit';
import type { Principal } from '../../access';
import { Problem, notFound } from '../../../platform/http/problems';
import type { RouteSpec } from '../../access';
import { route } from '../../access';
import { IdParams, ALL_ROLES } from '../../shared';
import { itemsOf } from '../../../platform/http/response-schemas';
import { County } from '../responses';

const CountyCode = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'only letters, digits, ".", "_" and "-"');
const CountyName = z.string().trim().min(1).max(100);

/** The county bureau head (局长): who to call, and where their notices go. */
const CountyHead = z.object({
  name: z.string().trim().min(1).max(100),
  phone: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .regex(/^[0-9+() -]+(转[0-9]+)?$/, 'digits, spaces, "+", "-", "(", ")" and an extension (转)')
    .optional(),
  email: EmailAddress.optional(),
  language: Language.default('zh-CN'),
});
type CountyHead = z.infer<typeof CountyHead>;

const CreateCountyInput = z.object({
  code: CountyCode,
  name: CountyName,
  head: CountyHead.optional(),
});

const UpdateCountyInput = z
  .object({
    code: CountyCode.optional(),
    name: CountyName.optional(),
    /** Replaces the head's contact as a whole; null removes it. */
    head: CountyHead.nullable().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'give at least one of code, name, head',
  });

const EDITABLE_COLUMNS = [
  'code',
  'name',
  'headName',
  'headPhone',
  'headEmail',
  'headLanguage',
] as const;
type EditableColumn = (typeof EDITABLE_COLUMNS)[number];

type CountyRow = Awaited<ReturnType<PrismaClient['county']['findUniqueOrThrow']>>;

function headOf(row: CountyRow): CountyHead | null {
  if (row.headName === null) return null;
  return {
    name: row.headName,
    ...(row.headPhone !== null ? { phone: row.headPhone } : {}),
    ...(row.headEmail !== null ? { email: row.headEmail } : {}),
    language: Language.catch('zh-CN').parse(row.headLanguage),
  };
}

function headColumns(head: CountyHead | null | undefined) {
  if (head === undefined) return {};
  return {
    headName: head?.name ?? null,
    headPhone: head?.phone ?? null,
    headEmail: head?.email ?? null,
    headLanguage: head?.language ?? 'zh-CN',
  };
}

function presentCounty(row: CountyRow, offices: number) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    head: headOf(row),
    offices,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const duplicateCode = (code: string) =>
  new Problem(409, 'Conflict', `your city already has a county with code ${code}`, [
    { field: 'code', message: 'already in use in your city' },
  ]);

export function countyRoutes(deps: { prisma: PrismaClient }): RouteSpec[] {
  const { prisma } = deps;

  async function countyOfCity(principal: Principal, id: string) {
    const county = await prisma.county.findUnique({ where: { id } });
    // Another city's county does not exist for the caller.
    if (!county || county.cityId !== principal.cityId) throw notFound(`county ${id}`);
    return county;
  }

  async function requireFreeCode(principal: Principal, code: string, exceptId?: string) {
    const taken = await prisma.county.findUnique({
      where: { cityId_code: { cityId: principal.cityId, code } },
    });
    if (taken && taken.id !== exceptId) throw duplicateCode(code);
  }

  const list = route({
    method: 'get',
    path: '/api/v1/counties',
    tag: 'Organisations',
    summary:
      'The counties (districts) of the caller’s city, by code, with their heads and office counts',
    roles: ALL_ROLES,
    responses: { 200: { description: 'The counties', schema: itemsOf(County) } },
    handler: async ({ principal }) => {
      const rows = await prisma.county.findMany({
        where: { cityId: principal.cityId },
        orderBy: { code: 'asc' },
        include: { _count: { select: { offices: true } } },
      });
      return {
        status: 200,
        body: { items: rows.map((row) => presentCounty(row, row._count.offices)) },
      };
    },
  });

  const get = route({
    method: 'get',
    path: '/api/v1/counties/:id',
    tag: 'Organisations',
    summary: 'One county (district) of the caller’s city, with its head and office count',
    roles: ALL_ROLES,
    params: IdParams,
    responses: { 200: { description: 'The county', schema: County } },
    handler: async ({ principal, params }) => {
      const county = await countyOfCity(principal, params.id);
      const offices = await prisma.office.count({ where: { countyId: county.id } });
      return { status: 200, body: presentCounty(county, offices) };
    },
  });

  const create = route({
    method: 'post',
    path: '/api/v1/counties',
    tag: 'Organisations',
    summary: 'Create a county (district) of the admin’s city; its code is unique in the city',
    roles: ['CITY_ADMIN'],
    body: CreateCountyInput,
    responses: { 201: { description: 'The county', schema: County } },
    problems: { 409: 'The city already has a county with this code' },
    handler: async ({ principal, body, requestId }) => {
      await requireFreeCode(principal, body.code);
      const id = randomUUID();
      try {
        const [county] = await prisma.$transaction([
          prisma.county.create({
            data: {
              id,
              cityId: principal.cityId,
              code: body.code,
              name: body.name,
              ...headColumns(body.head),
              createdBy: principal.id,
            },
          }),
          recordAdminEvent(prisma, {
            principal,
            action: 'COUNTY_CREATED',
            requestId,
            details: { countyId: id, code: body.code, name: body.name, head: body.head ?? null },
          }),
        ]);
        return {
          status: 201,
          body: presentCounty(county, 0),
          headers: { Location: `/api/v1/counties/${id}` },
        };
      } catch (error) {
        // Two admins creating the same code at once: the database keeps one.
        if (isUniqueViolation(error)) throw duplicateCode(body.code);
        throw error;
      }
    },
  });

  const update = route({
    method: 'patch',
    path: '/api/v1/counties/:id',
    tag: 'Organisations',
    summary: 'Change a county’s code, name or head (the head is replaced whole; null removes it)',
    roles: ['CITY_ADMIN'],
    params: IdParams,
    body: UpdateCountyInput,
    responses: { 200: { description: 'The county', schema: County } },
    problems: { 409: 'The city already has a county with this code' },
    handler: async ({ principal, params, body, requestId }) => {
      const county = await countyOfCity(principal, params.id);
      if (body.code !== undefined) await requireFreeCode(principal, body.code, county.id);
      const next: Prisma.CountyUpdateInput & Partial<Record<EditableColumn, string | null>> = {
        ...(body.code !== undefined ? { code: body.code } : {}),
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...headColumns(body.head),
      };
      const changes: Partial<Record<EditableColumn, { from: string | null; to: string | null }>> =
        {};
      for (const field of EDITABLE_COLUMNS) {
        const to = next[field];
        if (to !== undefined && county[field] !== to) changes[field] = { from: county[field], to };
      }
      const offices = await prisma.office.count({ where: { countyId: county.id } });
      // Asking for what is already there changes nothing and records nothing.
      if (Object.keys(changes).length === 0) {
        return { status: 200, body: presentCounty(county, offices) };
      }
      try {
        const [updated] = await prisma.$transaction([
          prisma.county.update({ where: { id: county.id }, data: next }),
          recordAdminEvent(prisma, {
            principal,
            action: 'COUNTY_UPDATED',
            requestId,
            details: { countyId: county.id, code: body.code ?? county.code, changes },
          }),
        ]);
        return { status: 200, body: presentCounty(updated, offices) };
      } catch (error) {
        if (isUniqueViolation(error) && body.code !== undefined) throw duplicateCode(body.code);
        throw error;
      }
    },
  });

  return [list, get, create, update];
}
