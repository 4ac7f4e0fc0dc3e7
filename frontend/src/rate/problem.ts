// Reading the API's problem+json answers (no texts here: the service worker uses this too).

export interface ProblemField {
  field: string;
  code: string;
  message?: string;
}

export interface ProblemDoc {
  status: number;
  code: string;
  detail: string;
  errors: ProblemField[];
}

/** Any failed response as a problem document (problem+json or not). */
export async function readProblem(res: Response): Promise<ProblemDoc> {
  const fallback: ProblemDoc = { status: res.status, code: `http_${res.status}`, detail: res.statusText, errors: [] };
  if (!(res.headers.get("content-type") ?? "").includes("json")) return fallback;
  try {
    const b = (await res.json()) as Partial<ProblemDoc>;
    return {
      status: typeof b.status === "number" ? b.status : res.status,
      code: typeof b.code === "string" ? b.code : fallback.code,
      detail: typeof b.detail === "string" ? b.detail : fallback.detail,
      errors: Array.isArray(b.errors) ? b.errors.filter((e) => e && typeof e.field === "string") : [],
    };
  } catch {
    return fallback;
  }
}

/** `Retry-After` (seconds or an HTTP date) in milliseconds from `now`; undefined when absent. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const h = header.trim();
  if (/^\d+$/.test(h)) return Number(h) * 1000;
  const at = Date.parse(h);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
