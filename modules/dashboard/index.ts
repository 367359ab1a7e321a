// The dashboard module's public face: the home page's figures (GET /api/v1/dashboard), counted
// by the database. Its routes are wired in by the composition root.
export { dashboardRoutes } from './routes';
