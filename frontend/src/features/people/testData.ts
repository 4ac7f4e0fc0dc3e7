// Records for the people tests, shaped by the generated API types.
import type { Schemas } from "../../api/client";
import type { Employee } from "./values";

/** The agency of the agency admin in `session(["agency_admin"])`. */
export const AGENCY_ID = "00000000-0000-7000-8000-0000000000a1";
export const UNIT_ID = "00000000-0000-7000-8000-0000000000b1";

let seq = 0;

export function employee(over: Partial<Employee> = {}): Employee {
  seq += 1;
  return {
    id: `00000000-0000-7000-8000-${String(seq).padStart(12, "0")}`,
    nip: "198507152010011003",
    employment_type: "pns",
    name: "Ahmad Fauzi",
    title_prefix: "dr.",
    title_suffix: "M.Kes.",
    full_name: "dr. Ahmad Fauzi, M.Kes.",
    sex: "male",
    birth_date: "1985-07-15",
    rank: "III/c",
    agency_id: AGENCY_ID,
    org_unit_id: UNIT_ID,
    org_unit_name: "Dinas Kesehatan",
    position_id: null,
    position_title: "Perawat Ahli Pertama",
    position_kind: "fungsional",
    supervisor_id: null,
    email: "ahmad@bengkuluprov.go.id",
    phone: "081234567890",
    status: "active",
    created_at: "2026-01-05T03:00:00Z",
    updated_at: "2026-01-05T03:00:00Z",
    ...over,
  };
}

export function unit(over: Partial<Schemas["OrgUnitResponse"]> = {}): Schemas["OrgUnitResponse"] {
  return {
    id: UNIT_ID,
    agency_id: AGENCY_ID,
    code: "DINKES",
    name: "Dinas Kesehatan",
    kind: "agency",
    active: true,
    depth: 0,
    child_count: 0,
    parent_id: null,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    ...over,
  };
}

/** The JSON body of the last recorded request with this method and path. */
export async function lastBody(calls: Request[], method: string, path: string): Promise<unknown> {
  const call = calls.filter((c) => c.method === method && new URL(c.url, "http://localhost").pathname === path).at(-1);
  if (!call) throw new Error(`no ${method} ${path}`);
  return call.clone().json();
}

/** The query strings of the recorded requests to this path. */
export function queriesTo(calls: Request[], path: string): URLSearchParams[] {
  return calls.map((c) => new URL(c.url, "http://localhost")).filter((u) => u.pathname === path).map((u) => u.searchParams);
}
