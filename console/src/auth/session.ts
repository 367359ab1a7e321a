// The logged-in session: the access token, when it expires and who it belongs to. Kept in
// sessionStorage (so a reload in the same tab stays logged in, and closing the
// tab logs out); never in localStorage or a cookie. A small store with subscribers, because the
// API client (outside React) reads it and the shell (inside React) shows it.
import type { User } from '../api/types';

export interface Session {
  token: string;
  expiresAt: string;
  user: User;
}

const STORAGE_KEY = 'fengqiao.session';
type Listener = () => void;
const listeners = new Set<Listener>();

// sessionStorage is the one copy: read on every use (it is synchronous and small), parsed only
// when it changed, so that React sees a stable snapshot and every request the current token.
let lastRaw: string | null = null;
let cached: Session | null = null;

export function getSession(): Session | null {
  const raw = sessionStorage.getItem(STORAGE_KEY);
  if (raw !== lastRaw) {
    lastRaw = raw;
    try {
      cached = raw ? (JSON.parse(raw) as Session) : null;
    } catch {
      cached = null;
    }
  }
  return cached;
}

/** Whether the session was ended by logging out (not by expiring): nothing to return to. */
let loggedOut = false;

export function setSession(session: Session | null): void {
  loggedOut = false;
  if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener();
}

/** Logging out: the next login, perhaps another user's, starts at its own inbox. */
export function endSession(): void {
  setSession(null);
  loggedOut = true;
}

export function wasLoggedOut(): boolean {
  return loggedOut;
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Asking for the password again when the token has expired. The prompt (ReauthPrompt) registers
 * itself here; requests that meet a 401 wait for one shared answer: true once a new token is
 * in place, false if the user gave up.
 */
type ReauthHandler = () => Promise<boolean>;
let reauthHandler: ReauthHandler | null = null;
let pending: Promise<boolean> | null = null;

export function registerReauth(handler: ReauthHandler | null): void {
  reauthHandler = handler;
}

export function requestReauth(): Promise<boolean> {
  if (!reauthHandler) return Promise.resolve(false);
  pending ??= reauthHandler().finally(() => {
    pending = null;
  });
  return pending;
}
