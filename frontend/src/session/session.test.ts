import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { json, problem, stubApi } from "../test/render";
import { api } from "../api/client";
import { hasStoredSession, refresh, signIn, signOut, validToken } from "./session";

const tokens = (n: number, expiresIn = 900) => ({ access_token: `access-${n}`, refresh_token: `refresh-${n}`, token_type: "Bearer", expires_in: expiresIn });

describe("session", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  });
  afterEach(async () => {
    vi.useRealTimers();
  });

  it("signs in, sends the bearer token and renews it silently a minute before it expires", async () => {
    let issued = 0;
    const { calls } = stubApi((url) => {
      if (url.pathname === "/api/v1/auth/login") return json(tokens(++issued));
      if (url.pathname === "/api/v1/auth/refresh") return json(tokens(++issued));
      if (url.pathname === "/api/v1/me") return json({});
      return undefined;
    });
    await signIn("admin@pembina.local", "secret");
    expect(sessionStorage.getItem("pembina.refresh")).toBe("refresh-1");
    await api.GET("/api/v1/me");
    expect(calls.at(-1)?.headers.get("authorization")).toBe("Bearer access-1");

    // 14 minutes later the timer has renewed the token without any request of ours.
    await vi.advanceTimersByTimeAsync(14 * 60_000 + 1);
    expect(calls.some((c) => new URL(c.url).pathname === "/api/v1/auth/refresh")).toBe(true);
    expect(sessionStorage.getItem("pembina.refresh")).toBe("refresh-2");
    expect(await validToken()).toBe("access-2");
    await signOut();
  });

  it("asks for one refresh when several requests find the token expired", async () => {
    let refreshes = 0;
    stubApi((url) => {
      if (url.pathname === "/api/v1/auth/refresh") {
        refreshes += 1;
        return json(tokens(10 + refreshes));
      }
      if (url.pathname === "/api/v1/auth/logout") return new Response(null, { status: 204 });
      return undefined;
    });
    sessionStorage.setItem("pembina.refresh", "refresh-old");
    const [a, b] = await Promise.all([validToken(), validToken()]);
    expect(refreshes).toBe(1);
    expect(a).toBe("access-11");
    expect(b).toBe("access-11");
    await signOut();
  });

  it("ends the session when the refresh token is refused", async () => {
    stubApi((url) => (url.pathname === "/api/v1/auth/refresh" ? problem(401, "unauthorized") : undefined));
    sessionStorage.setItem("pembina.refresh", "refresh-stolen");
    expect(await refresh()).toBeNull();
    expect(hasStoredSession()).toBe(false);
  });

  it("signing out revokes the refresh token on the server and forgets it", async () => {
    const { calls } = stubApi((url) => {
      if (url.pathname === "/api/v1/auth/login") return json(tokens(1));
      if (url.pathname === "/api/v1/auth/logout") return new Response(null, { status: 204 });
      return undefined;
    });
    await signIn("a", "b");
    await signOut();
    const logout = calls.find((c) => new URL(c.url).pathname === "/api/v1/auth/logout");
    expect(await logout?.json()).toEqual({ refresh_token: "refresh-1" });
    expect(hasStoredSession()).toBe(false);
  });
});
