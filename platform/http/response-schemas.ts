// Building blocks of the response schemas: timestamps as the handlers write them, the problem
// document every error answers with, and list wrappers. The route specs declare their
// answers with these, tsc checks each handler's result against them, and the OpenAPI
// document publishes them (see openapi.ts and contract.ts).
import { z } from 'zod';

/** An instant as `Date.toISOString()` writes it (UTC, milliseconds, `Z`). */
export const Timestamp = z.iso.datetime();

/** A calendar date (China time) as `YYYY-MM-DD`. */
export const CalendarDate = z.iso.date();

/** RFC 9457 problem details, as the error middleware writes them. */
export const ProblemDocument = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    requestId: z.string(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'Each field at fault and the reason' }),
  })
  // Extension members (RFC 9457 §3.2), e.g. an import's `rows`.
  .catchall(z.unknown())
  .meta({ id: 'Problem' });

/** `{ items: [...] }`: a whole list. */
export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** `{ items: [...], nextCursor }`: one page of a list; the cursor is null on the last page. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
