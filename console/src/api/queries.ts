// The reads several pages share, as TanStack Query options with stable keys: the user's city,
// its counties and the inbox. The same options serve the hooks and the start-up prefetch
// (prefetchLanding), so a prefetched answer is the one the page then reads.
import type { QueryClient } from '@tanstack/react-query';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Session } from '../auth/session';
import { useSession } from '../auth/useSession';
import { api, body } from './client';

const TEN_MINUTES = 10 * 60_000;

const cityQuery = (cityId: string | undefined) =>
  queryOptions({
    queryKey: ['city', cityId],
    queryFn: () => body(api.GET('/api/v1/city')),
    staleTime: TEN_MINUTES,
  });

const countiesQuery = (cityId: string | undefined) =>
  queryOptions({
    queryKey: ['counties', cityId],
    queryFn: () => body(api.GET('/api/v1/counties')).then((r) => r.items),
    staleTime: TEN_MINUTES,
  });

export const tasksQuery = queryOptions({
  queryKey: ['tasks'],
  queryFn: () => body(api.GET('/api/v1/tasks', { params: { query: {} } })),
});

export function useCity() {
  const session = useSession();
  return useQuery({ ...cityQuery(session?.user.cityId), enabled: Boolean(session) });
}

export function useCounties() {
  const session = useSession();
  return useQuery({ ...countiesQuery(session?.user.cityId), enabled: Boolean(session) });
}

/** The name of a county of the user's city, once the list is loaded (else its id). */
export function useCountyName(): (countyId: string | null | undefined) => string {
  const { data } = useCounties();
  return (countyId) => {
    if (!countyId) return '';
    return data?.find((county) => county.id === countyId)?.name ?? countyId;
  };
}

/**
 * A returning user's first screen needs the shell's city and counties and, at `/`, the inbox:
 * ask for them at start-up, while the page's code is still loading, instead of after it has
 * rendered (the requests would otherwise wait for the chunks, then for the first render).
 */
export function prefetchLanding(queryClient: QueryClient, session: Session, pathname: string) {
  void queryClient.prefetchQuery(cityQuery(session.user.cityId));
  void queryClient.prefetchQuery(countiesQuery(session.user.cityId));
  if (pathname === '/') void queryClient.prefetchQuery(tasksQuery);
}
