// Office names for pages whose records name offices by id only (bulk actions, spot-check
// draws): the city's offices, read once a page at a time (200 each, ~6 requests for a city of
// 1,034) and kept for ten minutes.
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { read } from './api';

async function allOffices(): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const page = await read(
      api.GET('/api/v1/offices', { params: { query: { limit: 200, cursor } } }),
    );
    for (const office of page.items) names.set(office.id, office.name);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return names;
}

export function useOfficeNames(enabled: boolean): (officeId: string) => string {
  const { data } = useQuery({
    queryKey: ['offices', 'names'],
    queryFn: allOffices,
    enabled,
    staleTime: 10 * 60_000,
  });
  return (officeId) => data?.get(officeId) ?? officeId;
}
