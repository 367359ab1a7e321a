// Entry of the web console: providers (language and antd theme, server-state cache) and the
// router. Pages load lazily (routes.tsx), so a first visit fetches only what it shows.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiError } from './api/client';
import { prefetchLanding } from './api/queries';
import { ReauthPrompt } from './auth/ReauthPrompt';
import { getSession } from './auth/session';
import { I18nProvider } from './i18n/I18nProvider';
import { AppRoutes } from './routes';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A refusal (4xx) will not change by asking again; a network hiccup or 5xx may.
      retry: (failures, error) =>
        !(error instanceof ApiError && error.status < 500) && failures < 2,
    },
  },
});

// Only with a token still valid: an expired one is for the password prompt, once it is mounted.
const session = getSession();
if (session && Date.parse(session.expiresAt) > Date.now() + 5_000) {
  prefetchLanding(queryClient, session, window.location.pathname);
}

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
          <ReauthPrompt />
        </QueryClientProvider>
      </AntApp>
    </I18nProvider>
  </StrictMode>,
);
