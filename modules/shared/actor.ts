// Who acts: the four roles of a city, every one of them (for routes any signed-in caller may
// read), and the system itself, which acts on timers and schedules. Defined once here; the
// API, the workflows and the audit trail all use these. No Node imports (workflow-safe).
import { z } from 'zod';

/** Every role of a city, in the order the README and the OpenAPI document list them. */
export const ALL_ROLES = ['COUNTY_OPERATOR', 'CITY_REVIEWER', 'INSPECTOR', 'CITY_ADMIN'] as const;

/** The city bureau's own roles, which review, decide and run campaigns and spot checks. */
export const CITY_ROLES = ['CITY_REVIEWER', 'CITY_ADMIN'] as const;

export const Role = z.enum(ALL_ROLES);
export type Role = z.infer<typeof Role>;

/** Who performs an action; the system itself acts on timers. */
export const Actor = z.object({
  id: z.string().min(1),
  role: z.union([Role, z.literal('SYSTEM')]),
  cityId: z.string().min(1),
  countyId: z.string().min(1).nullable(),
});
export type Actor = z.infer<typeof Actor>;

/** The id the audit trail records for the system's own actions. */
export const SYSTEM_ACTOR_ID = 'system';

/** The system acting in a city: timers, schedules, sampling draws. */
export function systemActor(cityId: string): Actor {
  return { id: SYSTEM_ACTOR_ID, role: 'SYSTEM', cityId, countyId: null };
}
