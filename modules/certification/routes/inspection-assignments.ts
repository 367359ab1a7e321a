// The city assigns inspectors to a certification; an inspector sees and records only the
// inspections of certifications assigned to them (api/scope.ts).
import { z } from 'zod';
import type { PrismaClient } from '../../../generated/prisma/client';
import { recordAdminEvent } from '../../audit';
import type { Principal } from '../../access';
import { unprocessable } from '../../../platform/http/problems';
import type { RouteSpec } from '../../access';
import { route } from '../../access';
import { IdParams } from '../../shared';
import { InspectorAssignment } from '../responses';
import { certificationFor } from '../scope';

const AssignInput = z.object({ inspectorId: z.string().min(1).max(100) });

/** An inspector is a user or an API key with the INSPECTOR role, active, in the same city. */
async function isInspectorOfCity(
  prisma: PrismaClient,
  principal: Principal,
  inspectorId: string,
): Promise<boolean> {
  const user = await prisma.user.findUnique({ where: { id: inspectorId } });
  if (user)
    return user.role === 'INSPECTOR' && user.cityId === principal.cityId && !user.disabledAt;
  const key = await prisma.apiKey.findUnique({ where: { id: inspectorId } });
  return !!key && key.role === 'INSPECTOR' && key.cityId === principal.cityId && !key.revokedAt;
}

export function inspectionAssignmentRoutes(deps: { prisma: PrismaClient }): RouteSpec[] {
  const { prisma } = deps;
  return [
    route({
      method: 'post',
      path: '/api/v1/certifications/:id/inspectors',
      tag: 'Certification actions',
      summary: 'Assign an inspector (a user or API key with the INSPECTOR role) to a certification',
      roles: ['CITY_REVIEWER', 'CITY_ADMIN'],
      params: IdParams,
      body: AssignInput,
      responses: {
        201: { description: 'Assigned', schema: InspectorAssignment },
        200: { description: 'Already assigned', schema: InspectorAssignment },
      },
      handler: async ({ principal, params, body, requestId }) => {
        const certification = await certificationFor(prisma, principal, params.id);
        if (!(await isInspectorOfCity(prisma, principal, body.inspectorId))) {
          throw unprocessable('the inspector does not exist', [
            { field: 'inspectorId', message: 'no active inspector with this id in your city' },
          ]);
        }
        const key = { certificationId: certification.id, inspectorId: body.inspectorId };
        const existing = await prisma.inspectionAssignment.findUnique({
          where: { certificationId_inspectorId: key },
        });
        const present = (row: { assignedBy: string; assignedAt: Date }) => ({
          ...key,
          assignedBy: row.assignedBy,
          assignedAt: row.assignedAt.toISOString(),
        });
        if (existing) return { status: 200, body: present(existing) };
        const [created] = await prisma.$transaction([
          prisma.inspectionAssignment.create({ data: { ...key, assignedBy: principal.id } }),
          recordAdminEvent(prisma, {
            principal,
            action: 'INSPECTOR_ASSIGNED',
            requestId,
            certificationId: certification.id,
            details: { inspectorId: body.inspectorId },
          }),
        ]);
        return { status: 201, body: present(created) };
      },
    }),
  ];
}
