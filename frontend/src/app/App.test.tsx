import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createMemoryRouter, matchRoutes, RouterProvider } from "react-router";
import { SessionProvider } from "../session/SessionProvider";
import { json, problem, stubApi } from "../test/render";
import { routes } from "./App";

const TOKEN = "q7Hk2mPz9Xw4";
const SURVEY = { title: "Pelayanan Puskesmas Ratu Agung", description: null, questions: [] };

/** The app's own routes and session (no fixed one), starting at `path`. */
function boot(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </QueryClientProvider>,
  );
  return router;
}

describe("the app's routes", () => {
  it("opens a public survey link without signing in and without the shell", async () => {
    const { calls } = stubApi((url) => (url.pathname === `/api/v1/public/surveys/${TOKEN}` ? json(SURVEY) : undefined));
    const router = boot(`/s/${TOKEN}`);
    expect(await screen.findByRole("heading", { level: 1, name: "Pelayanan Puskesmas Ratu Agung" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/s/${TOKEN}`);
    expect(screen.queryByRole("navigation")).not.toBeInTheDocument();
    expect(calls.map((c) => new URL(c.url).pathname)).toEqual([`/api/v1/public/surveys/${TOKEN}`]);
  });

  it("stays on the public survey when a leftover session is refused (401)", async () => {
    sessionStorage.setItem("pembina.refresh", "expired-refresh-token");
    const { calls } = stubApi((url) => {
      if (url.pathname === "/api/v1/auth/refresh") return problem(401, "unauthorized");
      if (url.pathname === `/api/v1/public/surveys/${TOKEN}`) return json(SURVEY);
      return undefined;
    });
    const router = boot(`/s/${TOKEN}`);
    expect(await screen.findByRole("heading", { level: 1, name: "Pelayanan Puskesmas Ratu Agung" })).toBeInTheDocument();
    await vi.waitFor(() => expect(sessionStorage.getItem("pembina.refresh")).toBeNull());
    expect(calls.some((c) => new URL(c.url).pathname === "/api/v1/auth/refresh")).toBe(true);
    expect(router.state.location.pathname).toBe(`/s/${TOKEN}`);
    expect(screen.getByRole("heading", { level: 1, name: "Pelayanan Puskesmas Ratu Agung" })).toBeInTheDocument();
    const publicCall = calls.find((c) => new URL(c.url).pathname.startsWith("/api/v1/public/"));
    expect(publicCall?.headers.get("Authorization")).toBeNull();
  });

  it("opens a certificate check without signing in and without the shell", async () => {
    const certificate = { code: "PBN-7K3M-Q9XA", employee_name: "Ahmad Fauzi", nip: "••••••••2010011003", agency_name: "Pemerintah Kota Bengkulu", programme_title: "Manajemen Proyek", session_name: "Angkatan I 2026", start_date: null, completed_on: "2026-03-04", jp: 24 };
    const { calls } = stubApi((url) => (url.pathname === "/api/v1/public/certificates/PBN-7K3M-Q9XA" ? json(certificate) : undefined));
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["id-ID"]);
    const router = boot("/c/PBN-7K3M-Q9XA");
    expect(await screen.findByRole("heading", { level: 2, name: "Sertifikat sah" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/c/PBN-7K3M-Q9XA");
    expect(screen.queryByRole("navigation")).not.toBeInTheDocument();
    expect(calls.map((c) => new URL(c.url).pathname)).toEqual(["/api/v1/public/certificates/PBN-7K3M-Q9XA"]);
  });

  it("gives the appraisal pages nested in other features' URLs to the appraisal feature", () => {
    const matched = (path: string) => matchRoutes(routes, path)?.at(-1)?.route.path;
    expect(matched("/sessions/s-1/outcomes")).toBe("sessions/:id/outcomes");
    expect(matched("/sessions/s-1")).toBe("sessions/*");
    expect(matched("/employees/e-1/appraisal")).toBe("employees/:id/appraisal");
    expect(matched("/employees/e-1")).toBe("employees/*");
    expect(matched("/appraisal/distribution")).toBe("appraisal/*");
    expect(matched("/me/appraisal")).toBe("me/appraisal");
  });

  it("gives the evaluation pages nested in the learning feature's URLs to the evaluation feature", () => {
    const matched = (path: string) => matchRoutes(routes, path)?.at(-1)?.route.path;
    expect(matched("/sessions/s-1/evaluation")).toBe("sessions/:id/evaluation");
    expect(matched("/programmes/p-1/evaluation")).toBe("programmes/:id/evaluation");
    expect(matched("/programmes/p-1")).toBe("programmes/*");
    expect(matched("/me/reactions/s-1")).toBe("me/reactions/:sessionId");
    expect(matched("/me/follow-ups")).toBe("me/follow-ups");
    expect(matched("/evaluation/follow-ups")).toBe("evaluation/*");
  });

  it("still sends a visitor without a session from the signed-in pages to the sign-in page", async () => {
    stubApi(() => undefined);
    const router = boot("/my-surveys");
    expect(await screen.findByRole("button", { name: "Masuk" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/login");
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent("/my-surveys")}`);
  });
});
