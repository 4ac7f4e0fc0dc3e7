// Records for the JP tests, shaped by the generated API types.
import type { Conversion, Conversions, Credit, Employee, Ledger, ShortfallItem, Summary } from "./api";
import { CLASSICAL_KINDS, NON_CLASSICAL_KINDS } from "./api";
import type { Schemas } from "../../api/client";

/** The agency of the agency admin in `session(["agency_admin"])`. */
export const AGENCY_ID = "00000000-0000-7000-8000-0000000000a1";
export const EMPLOYEE_ID = "00000000-0000-7000-8000-00000000e001";
export const UNIT_ID = "00000000-0000-7000-8000-0000000000b1";
export const YEAR = new Date().getFullYear();

export const uuid = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, "0")}`;

export function summary(over: Partial<Summary> = {}): Summary {
  return {
    agency_id: AGENCY_ID,
    org_unit_id: null,
    year: YEAR,
    target_jp: 20,
    total: { active_employees: 8, meeting_target: 5, share_meeting: 0.625, mean_jp: 17.25 },
    units: [
      { org_unit_id: uuid(11), code: "BKD", name: "Badan Kepegawaian Daerah", active_employees: 4, meeting_target: 4, share_meeting: 1, mean_jp: 26.5 },
      { org_unit_id: UNIT_ID, code: "DINKES", name: "Dinas Kesehatan", active_employees: 3, meeting_target: 1, share_meeting: 0.3333, mean_jp: 9.17 },
      { org_unit_id: uuid(12), code: "DISDIK", name: "Dinas Pendidikan", active_employees: 1, meeting_target: 0, share_meeting: 0, mean_jp: 0 },
    ],
    ...over,
  };
}

export function shortfallItem(over: Partial<ShortfallItem> = {}): ShortfallItem {
  return {
    employee_id: EMPLOYEE_ID,
    nip: "198507152010011003",
    name: "Ahmad Fauzi",
    org_unit_id: UNIT_ID,
    unit_name: "Dinas Kesehatan",
    total_jp: 12.5,
    shortfall_jp: 7.5,
    ...over,
  };
}

export const SITI = shortfallItem({ employee_id: uuid(402), nip: "197901012005012001", name: "Siti Rahmawati", total_jp: 0, shortfall_jp: 20, org_unit_id: uuid(12), unit_name: "Dinas Pendidikan" });

export function credit(over: Partial<Credit> = {}): Credit {
  return {
    id: uuid(901),
    agency_id: AGENCY_ID,
    employee_id: EMPLOYEE_ID,
    year: YEAR,
    occurred_on: `${YEAR}-03-05`,
    source: "session",
    reference: uuid(701),
    title: "Pelatihan Pelayanan Prima",
    activity_kind: "training",
    form: "classical",
    provider: "BPSDM Provinsi Bengkulu",
    minutes: null,
    jp: 8,
    recorded_by: null,
    created_at: `${YEAR}-03-05T10:00:00Z`,
    ...over,
  };
}

export const EXTERNAL = credit({
  id: uuid(902),
  source: "external",
  reference: "SERT-2026-0042",
  title: "Bimtek Pengadaan Barang/Jasa",
  activity_kind: "bimtek",
  occurred_on: `${YEAR}-02-10`,
  provider: "LKPP",
  jp: 3,
});

export const ACTIVITY = credit({
  id: uuid(903),
  source: "activity",
  reference: "pembina-0192f1d2-0000-7000-8000-000000000001",
  title: "Coaching oleh atasan",
  activity_kind: "coaching",
  form: "non_classical",
  occurred_on: `${YEAR}-01-20`,
  provider: null,
  minutes: 90,
  jp: 1.5,
});

export function ledger(over: Partial<Ledger> = {}): Ledger {
  return {
    employee_id: EMPLOYEE_ID,
    year: YEAR,
    standing: { total_jp: 12.5, target_jp: 20, shortfall_jp: 7.5, meets: false },
    credits: [credit(), EXTERNAL, ACTIVITY],
    ...over,
  };
}

export function employee(over: Partial<Employee> = {}): Employee {
  return {
    id: EMPLOYEE_ID,
    agency_id: AGENCY_ID,
    nip: "198507152010011003",
    name: "Ahmad Fauzi",
    full_name: "Ahmad Fauzi, S.Kom.",
    birth_date: "1985-07-15",
    sex: "male",
    employment_type: "pns",
    status: "active",
    org_unit_id: UNIT_ID,
    org_unit_name: "Dinas Kesehatan",
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    ...over,
  };
}

export function conversions(set: Partial<Record<Conversion["activity_kind"], { percent: number; cap: number | null }>> = {}): Conversions {
  return {
    agency_id: AGENCY_ID,
    conversions: [...CLASSICAL_KINDS, ...NON_CLASSICAL_KINDS].map((k) => {
      const s = set[k];
      return {
        activity_kind: k,
        form: CLASSICAL_KINDS.includes(k) ? "classical" : "non_classical",
        credit_percent: s?.percent ?? 100,
        yearly_cap_jp: s ? s.cap : null,
        is_default: !s,
      };
    }),
  };
}

export function unit(over: Partial<Schemas["OrgUnitResponse"]> = {}): Schemas["OrgUnitResponse"] {
  return {
    id: UNIT_ID,
    agency_id: AGENCY_ID,
    parent_id: null,
    code: "DINKES",
    name: "Dinas Kesehatan",
    kind: "agency",
    active: true,
    child_count: 0,
    depth: 0,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    ...over,
  };
}

/** The query strings of the recorded requests to this path. */
export function queriesTo(calls: Request[], path: string): URLSearchParams[] {
  return calls.map((c) => new URL(c.url, "http://localhost")).filter((u) => u.pathname === path).map((u) => u.searchParams);
}

/** The JSON body of the last recorded request with this method and path. */
export async function lastBody(calls: Request[], method: string, path: string): Promise<unknown> {
  const call = calls.filter((c) => c.method === method && new URL(c.url, "http://localhost").pathname === path).at(-1);
  if (!call) throw new Error(`no ${method} ${path}`);
  return call.clone().json();
}
