// Certificate numbers (授牌编号): <city code>-FQ-<year>-<4-digit sequence>, one per
// certification, issued once even if the activity is retried, and never twice when workers
// issue at the same moment (decision 0026).
import type { PrismaClient } from '../../../generated/prisma/client';
import { plainSql } from '../../../platform/db/plain-sql';
import { isUniqueViolation } from '../../../platform/db/unique-violation';

export interface IssueCertificateNumberArgs {
  certificationId: string;
  cityId: string;
  issuedAt: number;
}

/**
 * Losing a race costs one more round at most: the loser's statement rolls back (its number
 * with it), then it finds the winner's certificate.
 */
const ISSUE_ATTEMPTS = 3;

export function createCertificateActivities(prisma: PrismaClient) {
  // One statement, not a transaction of five: the city's sequence row stays locked from its
  // increment to the commit, and every certification of the city waits for that lock, so it is
  // held for one round trip. The number reads <city code>-FQ-<year>-<sequence, at least 4
  // digits>. A certificate already issued for this certification is answered as it is.
  const issueOnce = async (args: IssueCertificateNumberArgs): Promise<string> => {
    const issuedAt = new Date(args.issuedAt);
    const year = issuedAt.getUTCFullYear();
    const [row] = await plainSql(prisma)<{ number: string }>`
      WITH existing AS (
        SELECT "number" FROM "Certificate" WHERE "certificationId" = ${args.certificationId}
      ),
      city AS (
        SELECT "code" FROM "City" WHERE "id" = ${args.cityId} AND NOT EXISTS (SELECT 1 FROM existing)
      ),
      sequence AS (
        INSERT INTO "CertificateSequence" ("cityId", "year", "lastNumber")
        SELECT ${args.cityId}, ${year}::int, 1 FROM city
        ON CONFLICT ("cityId", "year") DO UPDATE
          SET "lastNumber" = "CertificateSequence"."lastNumber" + 1
        RETURNING "lastNumber"::text AS n
      ),
      issued AS (
        INSERT INTO "Certificate" ("certificationId", "number", "cityId", "year", "issuedAt")
        SELECT ${args.certificationId},
          city."code" || '-FQ-' || ${year}::int::text || '-' || lpad(sequence.n, greatest(4, length(sequence.n)), '0'),
          ${args.cityId}, ${year}::int, ${issuedAt}::timestamp(3)
        FROM city, sequence
        RETURNING "number"
      )
      SELECT "number" FROM existing UNION ALL SELECT "number" FROM issued`;
    if (!row) throw new Error(`city ${args.cityId} does not exist: no certificate number issued`);
    return row.number;
  };
  return {
    async issueCertificateNumber(args: IssueCertificateNumberArgs): Promise<string> {
      // Two attempts of one activity (a timed-out one still running on a worker and its retry
      // on another) both insert this certification's certificate: the database lets one
      // through and refuses the other, which then reads what the first wrote. Two
      // certifications creating a new year's sequence row meet in its ON CONFLICT instead.
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
