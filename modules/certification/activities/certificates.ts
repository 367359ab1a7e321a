// Certificate numbers (授牌编号): <city code>-FQ-<year>-<4-digit sequence>, one per
// certification, issued once even if the activity is retried.
import type { PrismaClient } from '../../../generated/prisma/client';

export interface IssueCertificateNumberArgs {
  certificationId: string;
  cityId: string;
  issuedAt: number;
}

export function formatCertificateNumber(cityCode: string, year: number, sequence: number): string {
  return `${cityCode}-FQ-${year}-${String(sequence).padStart(4, '0')}`;
}

export function createCertificateActivities(prisma: PrismaClient) {
  return {
    async issueCertificateNumber(args: IssueCertificateNumberArgs): Promise<string> {
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
    },
  };
}
