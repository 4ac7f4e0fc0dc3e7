// Renders a component as the app would: query client, i18n, a router at `path`, and a fixed
// session (a super admin unless told otherwise). API calls go to a stubbed fetch.
import type { ReactNode } from "react";
import { render } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { MemoryRouter, Route, Routes } from "react-router";
import { vi } from "vitest";
import { StaticSessionProvider, type Me, type Role, type SessionValue } from "../session/SessionProvider";

export function session(roles: Role[] = ["super_admin"], over: Partial<SessionValue> = {}): SessionValue {
  const me: Me = {
    id: "00000000-0000-7000-8000-000000000001",
    email: "admin@pembina.local",
    display_name: "Administrator Pembina",
    roles,
    agency: roles.includes("super_admin") ? null : { id: "00000000-0000-7000-8000-0000000000a1", code: "1771", name: "Pemerintah Kota Bengkulu" },
    employee_id: null,
  };
  return {
    me,
    loading: false,
    signIn: vi.fn(async () => {}),
    signOut: vi.fn(async () => {}),
    has: (...rs) => rs.some((r) => roles.includes(r)),
    isAdmin: roles.includes("super_admin") || roles.includes("agency_admin"),
    isSuperAdmin: roles.includes("super_admin"),
    agencyId: me.agency?.id ?? null,
    setAgencyId: vi.fn(),
    ...over,
  };
}

type Options = { path?: string; route?: string; session?: SessionValue };

export function renderApp(ui: ReactNode, { path = "/", route = "*", session: s = session() }: Options = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <StaticSessionProvider value={s}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path={route} element={ui} />
          </Routes>
        </MemoryRouter>
      </StaticSessionProvider>
    </QueryClientProvider>,
  );
}

type Handler = (url: URL, init: Request) => Response | undefined | Promise<Response | undefined>;

/** Stubs fetch: each request goes to `handler`; unhandled ones fail the test loudly. */
export function stubApi(handler: Handler) {
  const calls: Request[] = [];
  const fetchMock = vi.fn(async (input: Request) => {
    calls.push(input.clone());
    const res = await handler(new URL(input.url, "http://localhost"), input);
    if (!res) throw new Error(`unexpected request ${input.method} ${input.url}`);
    return res;
  });
  vi.stubGlobal("fetch", fetchMock);
  return { calls, fetchMock };
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

export function problem(status: number, code: string, errors: { field: string; code: string; message: string }[] = [], detail = code): Response {
  return new Response(JSON.stringify({ type: `urn:pembina:problem:${code}`, title: code, status, detail, code, errors }), {
    status,
    headers: { "content-type": "application/problem+json" },
  });
}

export function page<T>(items: T[], total = items.length, pageNo = 1, perPage = 20) {
  return { items, total, page: pageNo, per_page: perPage };
}
