import { describe, expect, it } from "vitest";
import { explain, refusalReason } from "./explain";
import { readProblem, retryAfterMs, type ProblemDoc } from "./problem";
import { T } from "./text";

const problem = (status: number, code: string, errors: ProblemDoc["errors"] = []): ProblemDoc => ({
  status,
  code,
  detail: "",
  errors,
});

describe("readProblem", () => {
  it("reads problem+json", async () => {
    const res = new Response(
      JSON.stringify({
        type: "urn:pembina:problem:validation_failed",
        title: "Validation failed",
        status: 422,
        detail: "1 field",
        code: "validation_failed",
        errors: [{ field: "answers.U3", code: "out_of_range", message: "1-4" }],
      }),
      { status: 422, headers: { "content-type": "application/problem+json" } },
    );
    expect(await readProblem(res)).toEqual({
      status: 422,
      code: "validation_failed",
      detail: "1 field",
      errors: [{ field: "answers.U3", code: "out_of_range", message: "1-4" }],
    });
  });

  it("makes do with a body that is not a problem", async () => {
    const res = new Response("<h1>Bad gateway</h1>", { status: 404, headers: { "content-type": "text/html" } });
    expect(await readProblem(res)).toMatchObject({ status: 404, code: "http_404", errors: [] });
  });
});

describe("explain", () => {
  it("puts 422 errors at the named fields", () => {
    const e = explain(
      problem(422, "validation_failed", [
        { field: "answers.U3", code: "out_of_range" },
        { field: "respondent.sex", code: "unknown_value" },
        { field: "answers.U3", code: "required" },
      ]),
    );
    expect(e.fields).toEqual({ "answers.U3": T.errElement, "respondent.sex": T.errChoose });
    expect(e.general).toBe(T.fixErrors);
  });

  it("falls back to one message when no field of the form is named", () => {
    const e = explain(problem(422, "validation_failed", [{ field: "answers.U10", code: "unknown_value" }]));
    expect(e).toEqual({ general: T.rejected, fields: {} });
  });

  it("explains a bad link, too many ratings and a used ticket", () => {
    expect(explain(problem(404, "not_found")).general).toBe(T.badLink);
    expect(explain(problem(429, "too_many_requests")).general).toBe(T.tooMany);
    expect(explain(problem(409, "ticket_used")).fields).toEqual({ ticket: T.ticketUsed });
    expect(explain(problem(409, "conflict")).general).toBe(T.conflict);
    expect(explain(problem(422, "validation_failed", [{ field: "comment", code: "too_long" }])).fields.comment).toBe(
      T.errTooLong(1000),
    );
  });

  it("gives one sentence for a rating refused after it was saved", () => {
    expect(refusalReason(problem(404, "not_found"))).toBe(T.badLink);
    expect(refusalReason(problem(409, "ticket_used"))).toBe(T.ticketUsed);
    expect(refusalReason(problem(422, "validation_failed", [{ field: "respondent.sex", code: "required" }]))).toBe(
      T.rejected,
    );
  });
});

describe("retryAfterMs", () => {
  it("reads seconds and HTTP dates", () => {
    const now = Date.parse("2026-03-02T08:00:00Z");
    expect(retryAfterMs("30", now)).toBe(30_000);
    expect(retryAfterMs("Mon, 02 Mar 2026 08:01:00 GMT", now)).toBe(60_000);
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs("soon", now)).toBeUndefined();
  });
});
