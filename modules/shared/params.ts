// Path parameters used by many routes.
import { z } from 'zod';

/** A route's `:id` path parameter (ids are at most 100 characters in every table). */
export const IdParams = z.object({ id: z.string().min(1).max(100) });
