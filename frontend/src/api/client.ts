// The one API client: typed by the generated schema, authenticated by the session, and
// turning every failed response into an ApiProblem thrown to the caller.
import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema.gen";
import { problemFrom } from "./problem";

export type TokenSource = () => Promise<string | null>;

let tokenSource: TokenSource = async () => null;

/** The session registers how to obtain a fresh access token. */
export function setTokenSource(source: TokenSource): void {
  tokenSource = source;
}

const SIGN_IN_OUT = ["/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout"];

/**
 * Requests that go without the session's token (and without asking for one, which could renew
 * the session): signing in and out, and the public survey links answered anonymously.
 */
export function isPublicRequest(url: string): boolean {
  const path = new URL(url, "http://localhost").pathname;
  return SIGN_IN_OUT.includes(path) || path.startsWith("/api/v1/public/");
}

const auth: Middleware = {
  async onRequest({ request }) {
    if (isPublicRequest(request.url)) return request;
    const token = await tokenSource();
    if (token) request.headers.set("Authorization", `Bearer ${token}`);
    return request;
  },
  async onResponse({ response }) {
    if (!response.ok) throw await problemFrom(response);
    return response;
  },
};

// `fetch` is looked up at call time so tests can stub globalThis.fetch.
// Absolute URLs (the page's origin) so requests are valid outside a browser too (tests).
export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? "", fetch: (r) => globalThis.fetch(r) });
api.use(auth);

export type Schemas = import("./schema.gen").components["schemas"];
