// What a caller may see, as database filters and checks. Routes admit roles; these rules
// decide which records: nothing crosses cities, a county operator sees their own county,
// an inspector sees the certifications assigned to them.
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import type { Principal } from '../access';
import { forbidden, notFound } from '../../platform/http/problems';

export function visibleCertifications(principal: Principal): Prisma.CertificationWhereInput {
  switch (principal.role) {
    case 'COUNTY_OPERATOR':
      return { cityId: principal.cityId, countyId: principal.countyId ?? '' };
    case 'INSPECTOR':
      return { cityId: principal.cityId, inspectors: { some: { inspectorId: principal.id } } };
    case 'CITY_REVIEWER':
    case 'CITY_ADMIN':
      return { cityId: principal.cityId };
  }
}

/**
 * The counties a caller's certification steps are, as city (and county) ids, or null when they
 * are not whole counties (an inspector's are their assignments). Both the steps
 * (CertificationTask) and their kept counts (CertificationTaskCount) carry these two columns.
 */
export function wholeCountyScope(
  principal: Principal,
): { cityId: string; countyId?: string } | null {
  switch (principal.role) {
    case 'COUNTY_OPERATOR':
      return { cityId: principal.cityId, countyId: principal.countyId ?? '' };
    case 'INSPECTOR':
      return null;
    case 'CITY_REVIEWER':
    case 'CITY_ADMIN':
      return { cityId: principal.cityId };
  }
}

/**
 * The same rule for the inbox's projected steps, which carry their certification's city and
 * county so that scope and order share one index (only an inspector's needs the join).
 */
export function visibleTasks(principal: Principal): Prisma.CertificationTaskWhereInput {
  return (
    wholeCountyScope(principal) ?? {
      cityId: principal.cityId,
      certification: { inspectors: { some: { inspectorId: principal.id } } },
    }
  );
}

/**
 * The certification, if the caller may see it. Another city's record, or one not assigned
 * to an inspector, does not exist as far as the caller can tell (404); another county's is
 * forbidden (403), as county operators know their city's other counties exist.
 */
export async function certificationFor(prisma: PrismaClient, principal: Principal, id: string) {
  const row = await prisma.certification.findUnique({ where: { id } });
  checkCityAndCounty(principal, id, row);
  if (principal.role === 'INSPECTOR') {
    const assignment = await prisma.inspectionAssignment.findUnique({
      where: { certificationId_inspectorId: { certificationId: id, inspectorId: principal.id } },
    });
    if (!assignment) throw notFound(`certification ${id}`);
  }
  return row;
}

/**
 * certificationFor's rule applied to a certification already read with its inspectors (one
 * query instead of two or three): the same 404s and 403s.
 */
export function checkCertificationVisible(
  principal: Principal,
  id: string,
  row: { cityId: string; countyId: string; inspectors: readonly { inspectorId: string }[] } | null,
): asserts row is NonNullable<typeof row> {
  checkCityAndCounty(principal, id, row);
  if (
    principal.role === 'INSPECTOR' &&
    !row.inspectors.some((assignment) => assignment.inspectorId === principal.id)
  ) {
    throw notFound(`certification ${id}`);
  }
}

function checkCityAndCounty<Row extends { cityId: string; countyId: string }>(
  principal: Principal,
  id: string,
  row: Row | null,
): asserts row is Row {
  if (!row || row.cityId !== principal.cityId) throw notFound(`certification ${id}`);
  if (principal.role === 'COUNTY_OPERATOR' && row.countyId !== principal.countyId) {
    throw forbidden(`certification ${id} belongs to another county`);
  }
}

/**
 * The office (with its county), if the caller may see it: another city's does not exist for
 * the caller (404); another county's is forbidden to a county operator (403), as for
 * certifications.
 */
export async function officeFor(prisma: PrismaClient, principal: Principal, id: string) {
  const office = await prisma.office.findUnique({ where: { id }, include: { county: true } });
  if (!office || office.county.cityId !== principal.cityId) throw notFound(`office ${id}`);
  if (principal.role === 'COUNTY_OPERATOR' && office.countyId !== principal.countyId) {
    throw forbidden(`office ${id} belongs to another county`);
  }
  return office;
}
