// Pairing (挂钩结对, seed 002): a department of the city bureau is paired with offices for a
// campaign, and each pair signs a responsibility letter (责任状). What the city sends, and the
// signing rate per county and for the city against the campaign's target (签约率). Pure.
import { z } from 'zod';
import { AttachmentMeta } from './campaign';
import { IsoDate } from '../../office/workflow-api';

const Department = z.string().trim().min(1).max(100);

/** One department paired with one or more offices (seed 002: 基层科 ↔ 东源司法所、北山司法所). */
export const CreatePairingsInput = z
  .object({
    department: Department,
    officeIds: z
      .array(z.string().min(1).max(100))
      .min(1)
      .max(100)
      .refine((ids) => new Set(ids).size === ids.length, 'names an office twice'),
    /** What the department undertakes for the offices (任务分解), shown to them. */
    responsibilities: z.string().trim().min(1).max(4000).optional(),
  })
  .strict();
export type CreatePairingsInput = z.infer<typeof CreatePairingsInput>;

/** A signed responsibility letter: when, by whom, and the file's metadata (not the file). */
export const ResponsibilityLetterInput = z
  .object({
    signedOn: IsoDate,
    signatories: z
      .object({
        department: z.string().trim().min(1).max(100),
        office: z.string().trim().min(1).max(100),
      })
      .strict()
      .optional(),
    attachment: AttachmentMeta,
  })
  .strict();
export type ResponsibilityLetterInput = z.infer<typeof ResponsibilityLetterInput>;

export interface SigningRow {
  pairings: number;
  signed: number;
  /** signed / pairings; null when there is nothing to sign. */
  rate: number | null;
  /** The campaign's target, if it sets one. */
  target: number | null;
  /** null without a target; false while nothing is paired. */
  met: boolean | null;
}

function signingRow(pairs: readonly { signed: boolean }[], target: number | null): SigningRow {
  const signed = pairs.filter((p) => p.signed).length;
  const rate = pairs.length === 0 ? null : signed / pairs.length;
  return {
    pairings: pairs.length,
    signed,
    rate,
    target,
    met: target === null ? null : rate !== null && rate >= target - 1e-9,
  };
}

/** The signing rate for the city and for each county given (in the order given). */
export function signingRates(
  pairs: readonly { countyId: string; signed: boolean }[],
  countyIds: readonly string[],
  target: number | null,
): { city: SigningRow; counties: (SigningRow & { countyId: string })[] } {
  return {
    city: signingRow(pairs, target),
    counties: countyIds.map((countyId) => ({
      countyId,
      ...signingRow(
        pairs.filter((p) => p.countyId === countyId),
        target,
      ),
    })),
  };
}
