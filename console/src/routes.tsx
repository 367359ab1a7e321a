// The console's routes. Each page is its own lazily loaded chunk, so a first visit loads only
// the login or the inbox; the dashboards load with their own pages.
import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Suspense, lazy } from 'react';
import { Route, Routes } from 'react-router';
import { RequireSession } from './auth/RequireSession';
import { getSession } from './auth/session';

const Login = lazy(() => import('./pages/Login'));
const loadShell = () => import('./layout/Shell');
const loadInbox = () => import('./pages/Inbox');
const Shell = lazy(loadShell);
const Inbox = lazy(loadInbox);
// A returning user lands in the shell and (mostly) the inbox: fetch both chunks at once rather
// than one after the other as the nested routes render (imports are cached, so lazy reuses them).
if (getSession()) {
  void loadShell();
  void loadInbox();
}
const Certifications = lazy(() => import('./pages/Certifications'));
const Declare = lazy(() => import('./pages/Declare'));
const CertificationDetail = lazy(() => import('./pages/CertificationDetail'));
const Inspection = lazy(() => import('./pages/Inspection'));
const Registry = lazy(() => import('./pages/Registry'));
const Offices = lazy(() => import('./offices/Offices'));
const OfficeImport = lazy(() => import('./offices/OfficeImport'));
const OfficeDetail = lazy(() => import('./offices/OfficeDetail'));
// Administration: a layout with its side menu, and each section its own chunk.
const AdminLayout = lazy(() => import('./admin/AdminLayout'));
const Users = lazy(() => import('./admin/pages/Users'));
const ApiKeys = lazy(() => import('./admin/pages/ApiKeys'));
const Counties = lazy(() => import('./admin/pages/Counties'));
const Recipients = lazy(() => import('./admin/pages/Recipients'));
const Criteria = lazy(() => import('./admin/pages/Criteria'));
const BulkActions = lazy(() => import('./admin/pages/BulkActions'));
const SpotCheckDraws = lazy(() => import('./admin/pages/SpotCheckDraws'));
const Audit = lazy(() => import('./admin/pages/Audit'));
const NotificationLog = lazy(() => import('./admin/pages/NotificationLog'));
const Reconcile = lazy(() => import('./admin/pages/Reconcile'));
const Dashboard = lazy(() => import('./pages/Dashboard'));
const Campaigns = lazy(() => import('./pages/Campaigns'));
const CampaignEditor = lazy(() => import('./pages/CampaignEditor'));
const CampaignDetail = lazy(() => import('./pages/CampaignDetail'));
const NotFound = lazy(() => import('./pages/NotFound'));

function Loading() {
  return (
    <div className="page-loading">
      <Spin />
    </div>
  );
}

const page = (element: ReactNode) => <Suspense fallback={<Loading />}>{element}</Suspense>;

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={page(<Login />)} />
      <Route path="/registry" element={page(<Registry />)} />
      <Route element={<RequireSession>{page(<Shell />)}</RequireSession>}>
        <Route index element={page(<Inbox />)} />
        <Route path="certifications" element={page(<Certifications />)} />
        <Route path="certifications/new" element={page(<Declare />)} />
        <Route path="certifications/:id" element={page(<CertificationDetail />)} />
        <Route path="certifications/:id/inspection" element={page(<Inspection />)} />
        <Route path="offices" element={page(<Offices />)} />
        <Route path="offices/import" element={page(<OfficeImport />)} />
        <Route path="offices/:id" element={page(<OfficeDetail />)} />
        <Route path="admin" element={page(<AdminLayout />)}>
          <Route index element={null} />
          <Route path="users" element={page(<Users />)} />
          <Route path="api-keys" element={page(<ApiKeys />)} />
          <Route path="counties" element={page(<Counties />)} />
          <Route path="recipients" element={page(<Recipients />)} />
          <Route path="criteria" element={page(<Criteria />)} />
          <Route path="bulk-actions" element={page(<BulkActions />)} />
          <Route path="spot-check-draws" element={page(<SpotCheckDraws />)} />
          <Route path="audit" element={page(<Audit />)} />
          <Route path="notifications" element={page(<NotificationLog />)} />
          <Route path="reconcile" element={page(<Reconcile />)} />
        </Route>
        <Route path="dashboard" element={page(<Dashboard />)} />
        <Route path="campaigns" element={page(<Campaigns />)} />
        <Route path="campaigns/new" element={page(<CampaignEditor />)} />
        <Route path="campaigns/:id" element={page(<CampaignDetail />)} />
        <Route path="campaigns/:id/edit" element={page(<CampaignEditor />)} />
      </Route>
      <Route path="*" element={page(<NotFound />)} />
    </Routes>
  );
}
