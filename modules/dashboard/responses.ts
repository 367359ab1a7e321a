// Response schema of the city dashboard (首页): certifications by status, overdue work by
// county, rechecks coming due and the monthly trend (domain/dashboard.ts shapes it).
import { z } from 'zod';
import { CertificationStatus } from '../certification/workflow-api';
import { Timestamp } from '../../platform/http/response-schemas';

const Month = z
  .string()
  .regex(/^\d{4}-\d{2}$/)
  .meta({ description: 'A calendar month in China time, YYYY-MM' });

const StatusCounts = z.record(CertificationStatus, z.number().int());

export const Dashboard = z
  .object({
    asOf: Timestamp,
    scope: z
      .object({ cityId: z.string(), countyId: z.string().nullable() })
      .meta({ description: 'The whole city, or the county operator’s own county' }),
    total: z.number().int().meta({ description: 'Certifications in the scope, any status' }),
    byStatus: StatusCounts,
    counties: z.array(
      z.object({
        countyId: z.string(),
        countyCode: z.string(),
        countyName: z.string(),
        offices: z.number().int(),
        certifications: z.number().int(),
        statuses: StatusCounts,
        holdingTitle: z.number().int().meta({ description: 'CERTIFIED or RECTIFYING' }),
        overdue: z.number().int().meta({
          description: 'Certifications whose next step is past its due date',
        }),
        dutiesOverdue: z.number().int().meta({
          description: 'Campaign report duties past due and not submitted (OVERDUE)',
        }),
      }),
    ),
    overdue: z.object({ certifications: z.number().int(), duties: z.number().int() }),
    rechecks: z.object({
      open: z.number().int().meta({ description: 'Certifications with a recheck open now' }),
      comingDue: z
        .array(z.object({ month: Month, count: z.number().int() }))
        .meta({ description: 'Rechecks that open in each month from now on, this month first' }),
    }),
    trend: z
      .array(z.object({ month: Month, declared: z.number().int(), named: z.number().int() }))
      .meta({ description: 'Declarations and namings per month, oldest first' }),
  })
  .meta({ id: 'Dashboard' });
