// Sends a visitor without a session to the login page, remembering where they were going
// (unless they logged out).
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { wasLoggedOut } from './session';
import { useSession } from './useSession';

export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    // After an expiry, back to where the user was; after a logout, the next one starts afresh.
    const from = wasLoggedOut() ? undefined : { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={from} />;
  }
  return children;
}
