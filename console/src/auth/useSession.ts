// The current session as React state, re-rendering when it changes (login, renewal, logout).
import { useSyncExternalStore } from 'react';
import type { Session } from './session';
import { getSession, subscribeSession } from './session';

export function useSession(): Session | null {
  return useSyncExternalStore(subscribeSession, getSession);
}
