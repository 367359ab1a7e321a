// The reads several pages share, as TanStack Query hooks with stable keys: who is logged in,
// their city and its counties.
import { useQuery } from '@tanstack/react-query';
import { useSession } from '../auth/useSession';
import { api, body } from './client';

export function useCity() {
  const session = useSession();
  return useQuery({
    queryKey: ['city', session?.user.cityId],
    queryFn: () => body(api.GET('/api/v1/city')),
    enabled: Boolean(session),
    staleTime: 10 * 60_000,
  });
}

export function useCounties() {
  const session = useSession();
  return useQuery({
    queryKey: ['counties', session?.user.cityId],
    queryFn: () => body(api.GET('/api/v1/counties')).then((r) => r.items),
    enabled: Boolean(session),
    staleTime: 10 * 60_000,
  });
}

/** The name of a county of the user's city, once the list is loaded (else its id). */
export function useCountyName(): (countyId: string | null | undefined) => string {
  const { data } = useCounties();
  return (countyId) => {
    if (!countyId) return '';
    return data?.find((county) => county.id === countyId)?.name ?? countyId;
  };
}
