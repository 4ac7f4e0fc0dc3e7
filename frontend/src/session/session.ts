// The signed-in session: the access token lives in memory only; the refresh token in
// sessionStorage (gone when the tab closes). The access token is renewed silently a minute
// before it expires, and on demand when a request finds it (nearly) expired.
import { api, setTokenSource } from "../api/client";
import type { Schemas } from "../api/client";

const REFRESH_KEY = "pembina.refresh";
/** Renew this long before expiry. */
const MARGIN_MS = 60_000;

type Tokens = Schemas["TokenResponse"];
type Listener = (signedIn: boolean) => void;

let accessToken: string | null = null;
let expiresAt = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let inflight: Promise<string | null> | null = null;
const listeners = new Set<Listener>();

function notify(): void {
  for (const l of listeners) l(accessToken !== null);
}

export function onSessionChange(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

function store(tokens: Tokens): void {
  accessToken = tokens.access_token;
  expiresAt = Date.now() + tokens.expires_in * 1000;
  sessionStorage.setItem(REFRESH_KEY, tokens.refresh_token);
  clearTimeout(timer);
  timer = setTimeout(() => void refresh(), Math.max(0, tokens.expires_in * 1000 - MARGIN_MS));
  notify();
}

function clear(): void {
  accessToken = null;
  expiresAt = 0;
  clearTimeout(timer);
  sessionStorage.removeItem(REFRESH_KEY);
  notify();
}

export function hasStoredSession(): boolean {
  return accessToken !== null || sessionStorage.getItem(REFRESH_KEY) !== null;
}

export async function signIn(username: string, password: string): Promise<void> {
  const { data } = await api.POST("/api/v1/auth/login", { body: { username, password } });
  if (data) store(data);
}

/** Exchanges the refresh token; on failure the session ends. One refresh at a time. */
export function refresh(): Promise<string | null> {
  inflight ??= (async () => {
    const refreshToken = sessionStorage.getItem(REFRESH_KEY);
    if (!refreshToken) {
      clear();
      return null;
    }
    try {
      const { data } = await api.POST("/api/v1/auth/refresh", { body: { refresh_token: refreshToken } });
      if (data) store(data);
      return accessToken;
    } catch {
      clear();
      return null;
    } finally {
      inflight = null;
    }
  })();
  return inflight;
}

/** A valid access token, renewed first when it is about to expire. */
export async function validToken(): Promise<string | null> {
  if (accessToken && Date.now() < expiresAt - MARGIN_MS) return accessToken;
  return refresh();
}

export async function signOut(): Promise<void> {
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  clear();
  if (refreshToken) {
    try {
      await api.POST("/api/v1/auth/logout", { body: { refresh_token: refreshToken } });
    } catch {
      // The local session is gone either way.
    }
  }
}

setTokenSource(validToken);
