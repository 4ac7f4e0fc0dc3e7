// RFC 9457 problem documents from the API, as a typed error the UI can show field by field.
import type { components } from "./schema.gen";

export type Problem = components["schemas"]["Problem"];
export type ProblemField = components["schemas"]["ProblemField"];

export class ApiProblem extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail);
    this.name = "ApiProblem";
    this.status = problem.status;
    this.problem = problem;
  }

  get code(): string {
    return this.problem.code;
  }

  /** Field errors keyed by field name (the first error of each field). */
  fieldErrors(): Record<string, ProblemField> {
    const out: Record<string, ProblemField> = {};
    for (const e of this.problem.errors ?? []) {
      if (!(e.field in out)) out[e.field] = e;
    }
    return out;
  }
}

/** Builds an ApiProblem from any failed response, problem+json or not. */
export async function problemFrom(response: Response): Promise<ApiProblem> {
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    try {
      const body = (await response.clone().json()) as Partial<Problem>;
      if (typeof body.code === "string") {
        return new ApiProblem({
          type: body.type ?? "about:blank",
          title: body.title ?? response.statusText,
          status: body.status ?? response.status,
          detail: body.detail ?? "",
          code: body.code,
          errors: body.errors ?? [],
        });
      }
    } catch {
      // fall through to a generic problem
    }
  }
  return new ApiProblem({
    type: "about:blank",
    title: response.statusText,
    status: response.status,
    detail: response.statusText,
    code: response.status >= 500 ? "internal_error" : "http_error",
    errors: [],
  });
}
