// The platform's route specs bound to this application's callers: every route receives the
// access module's Principal and names the roles (of modules/shared) that may call it. Modules
// declare their routes with this `route` and type their lists as this `RouteSpec`.
import type { z } from 'zod';
import type { Answers, RouteSpec as PlatformRouteSpec } from '../../platform/http/routes';
import { routesFor } from '../../platform/http/routes';
import type { Role } from '../shared';
import type { Principal } from './authenticate';

/** A route as the router mounts it: called by a Principal, open to some Roles. */
export type RouteSpec = PlatformRouteSpec<
  z.ZodType,
  z.ZodType,
  z.ZodType,
  Answers,
  Principal,
  Role
>;

/** Declares a route: the handler typed by its schemas, its result by its declared answers. */
export const route = routesFor<Principal, Role>();
