import { describe, expect, it, vi } from "vitest";
import { cachedUnit, loadUnit, parseLink, ratingUrl } from "./api";
import { uuidV4 } from "./uuid";

describe("parseLink", () => {
  it("reads the unit code from /r/{unit_code} and the token from ?t=", () => {
    expect(parseLink({ pathname: "/r/PKM-CIBUNGBULANG", search: "?t=abc.def" })).toEqual({
      unit: "PKM-CIBUNGBULANG",
      token: "abc.def",
    });
    expect(parseLink({ pathname: "/r/DPM%20PTSP/", search: "" })).toEqual({ unit: "DPM PTSP", token: "" });
    expect(parseLink({ pathname: "/r/", search: "?t=x" })).toBeNull();
    expect(parseLink({ pathname: "/r/a/b", search: "?t=x" })).toBeNull();
    expect(parseLink({ pathname: "/rate.html", search: "" })).toBeNull();
    expect(parseLink({ pathname: "/r/%E0%A4%A", search: "" })).toBeNull();
  });

  it("builds the submission address with both parts encoded", () => {
    expect(ratingUrl({ unit: "DPM PTSP", token: "a+b/c" })).toBe("/api/v1/public/units/DPM%20PTSP/ratings?t=a%2Bb%2Fc");
  });
});

describe("loadUnit", () => {
  const link = { unit: "PKM-01", token: "t" };

  it("shows the code alone while the API has no unit endpoint", async () => {
    const fetchFn = vi.fn(async () => new Response("", { status: 404 }));
    expect(await loadUnit(link, fetchFn)).toEqual({ code: "PKM-01" });
    expect(fetchFn).toHaveBeenCalledWith("/api/v1/public/units/PKM-01?t=t", expect.anything());
  });

  it("takes the unit and agency names and service types when the API gives them, and remembers them for offline", async () => {
    const fetchFn = vi.fn(
      async () =>
        new Response(JSON.stringify({ code: "PKM-01", unit_name: "Puskesmas Cibungbulang", agency_name: "Kota Bengkulu", elements: [], service_types: ["Imunisasi", 3] }), {
          headers: { "content-type": "application/json" },
        }),
    );
    const unit = { code: "PKM-01", name: "Puskesmas Cibungbulang — Kota Bengkulu", service_types: ["Imunisasi"] };
    expect(await loadUnit(link, fetchFn)).toEqual(unit);
    expect(cachedUnit("PKM-01")).toEqual(unit);
    expect(await loadUnit(link, async () => Promise.reject(new TypeError("offline")))).toEqual(unit);
  });
});

describe("uuidV4", () => {
  const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it("uses crypto.randomUUID when there is one", () => {
    expect(uuidV4({ randomUUID: () => "11111111-1111-4111-8111-111111111111" })).toBe("11111111-1111-4111-8111-111111111111");
  });

  it("falls back to getRandomValues, then to Math.random, with version and variant bits set", () => {
    const zeros = uuidV4({ getRandomValues: <T extends ArrayBufferView | null>(a: T) => a });
    expect(zeros).toBe("00000000-0000-4000-8000-000000000000");
    const ids = new Set(Array.from({ length: 50 }, () => uuidV4(undefined)));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(V4);
  });
});
