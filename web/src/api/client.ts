import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type ApiError = Schemas['ErrorDto'];
export type Problem = NonNullable<NonNullable<ApiError['details']>['problems']>[number];

// The access token lives in this module only (never in storage); the refresh token is the httpOnly cookie
// fw_refresh, which the browser sends to /api/v1/auth by itself.
let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;
const listeners = new Set<(signedIn: boolean) => void>();

export function setAccessToken(token: string | null): void {
  accessToken = token;
  listeners.forEach((l) => l(token !== null));
}

export function onSessionChange(listener: (signedIn: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Asks for a new access token with the refresh cookie; one request at a time, as each refresh token works once. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= fetch('/api/v1/auth/refresh', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', credentials: 'same-origin' })
    .then(async (res) => {
      setAccessToken(res.ok ? ((await res.json()) as Schemas['TokenDto']).accessToken : null);
      return res.ok;
    })
    .catch(() => false)
    .finally(() => (refreshing = null));
  return refreshing;
}

function withToken(request: Request): Request {
  if (accessToken) request.headers.set('authorization', `Bearer ${accessToken}`);
  return request;
}

/** fetch with the access token; an expired one (401) is renewed once with the refresh cookie and the request repeated. */
export async function authorisedFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const res = await fetch(withToken(input));
  if (res.status !== 401 || !accessToken || input.url.includes('/api/v1/auth/')) return res;
  return (await refreshSession()) ? fetch(withToken(retry)) : res;
}

export const api = createClient<paths>({ baseUrl: window.location.origin, fetch: authorisedFetch });

/** Downloads a protected file (bearer token) under the name the server gives it. */
export async function download(url: string, fallbackName: string): Promise<void> {
  const res = await authorisedFetch(new Request(new URL(url, window.location.origin)));
  if (!res.ok) throw new Error(`Download fehlgeschlagen (${res.status})`);
  const name = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const href = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(href);
}
