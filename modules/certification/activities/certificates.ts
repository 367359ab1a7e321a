// Certificate numbers (授牌编号): <city code>-FQ-<year>-<4-digit sequence>, one per
// certification, issued once even if the activity is retried, and never twice when workers
// issue at the same moment (decision 0026).
import type { PrismaClient } from '../../../generated/prisma/client';
import { isUniqueViolation } from '../../../platform/db/unique-violation';

export interface IssueCertificateNumberArgs {
  certificationId: string;
  cityId: string;
  issuedAt: number;
}

export function formatCertificateNumber(cityCode: string, year: number, sequence: number): string {
  return `${cityCode}-FQ-${year}-${String(sequence).padStart(4, '0')}`;
}

/**
 * Losing a race costs one more round at most: the loser's transaction rolls back (its number
 * with it), then it finds the winner's certificate or the sequence row the winner created.
 */
const ISSUE_ATTEMPTS = 3;

export function createCertificateActivities(prisma: PrismaClient) {
  const issueOnce = (args: IssueCertificateNumberArgs): Promise<string> => {
    const issuedAt = new Date(args.issuedAt);
    const year = issuedAt.getUTCFullYear();
    return prisma.$transaction(async (tx) => {
      const existing = await tx.certificate.findUnique({
        where: { certificationId: args.certificationId },
      });
      if (existing) return existing.number;
      const city = await tx.city.findUniqueOrThrow({ where: { id: args.cityId } });
      const sequence = await tx.certificateSequence.upsert({
        where: { cityId_year: { cityId: args.cityId, year } },
        create: { cityId: args.cityId, year, lastNumber: 1 },
        update: { lastNumber: { increment: 1 } },
      });
      const number = formatCertificateNumber(city.code, year, sequence.lastNumber);
      await tx.certificate.create({
        data: {
          certificationId: args.certificationId,
          number,
          cityId: args.cityId,
          year,
          issuedAt,
        },
      });
      return number;
    });
  };
  return {
    async issueCertificateNumber(args: IssueCertificateNumberArgs): Promise<string> {
      // Two attempts of one activity (a timed-out one still running on a worker and its retry
      // on another) both insert this certification's certificate, and two certifications of a
      // new year both create its sequence row: the database lets one through and refuses the
      // other, which then reads what the first wrote.
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await issueOnce(args);
        } catch (error) {
          if (!isUniqueViolation(error) || attempt >= ISSUE_ATTEMPTS) throw error;
        }
      }
    },
  };
}
