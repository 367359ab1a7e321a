// The access module's public face: who is calling (the principal every route receives and
// the actor it records), the role check, and the API-key digest the idempotency tests use.
// Login, users and API keys are routes, wired in by the composition root.
export type { Principal } from './authenticate';
export { actorOf, authenticate, principalOf, requireRole } from './authenticate';
export { hashApiKey } from './api-keys';
export { NotificationRecipient } from './responses';
export type { RouteSpec } from './route';
export { route } from './route';
