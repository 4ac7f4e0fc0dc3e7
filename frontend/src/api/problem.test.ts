import { describe, expect, it } from "vitest";
import { problemFrom } from "./problem";

describe("problemFrom", () => {
  it("reads a problem+json answer with its field errors", async () => {
    const res = new Response(
      JSON.stringify({ type: "urn:pembina:problem:validation_failed", title: "Validation failed", status: 422, detail: "nip: must be exactly 18 digits", code: "validation_failed", errors: [{ field: "nip", code: "nip_wrong_length", message: "must be exactly 18 digits" }, { field: "nip", code: "other", message: "x" }] }),
      { status: 422, headers: { "content-type": "application/problem+json" } },
    );
    const p = await problemFrom(res);
    expect(p.status).toBe(422);
    expect(p.code).toBe("validation_failed");
    expect(p.fieldErrors()).toEqual({ nip: { field: "nip", code: "nip_wrong_length", message: "must be exactly 18 digits" } });
  });

  it("turns a bare failure into a problem with a generic code", async () => {
    const p = await problemFrom(new Response("Bad Gateway", { status: 502, statusText: "Bad Gateway" }));
    expect(p.code).toBe("internal_error");
    expect(p.status).toBe(502);
  });
});
