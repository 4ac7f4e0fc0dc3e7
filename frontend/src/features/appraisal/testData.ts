// Records for the appraisal tests, shaped by the generated API types: Dinas Kesehatan's ratings
// of the current year, Ahmad Fauzi's history, and the outcomes of a session held last year.
import type { Schemas } from "../../api/client";
import type { Role, SessionValue } from "../../session/SessionProvider";
import { session } from "../../test/render";
import type { AppraisalRating, Distribution, Employee, Outcomes, RatingSummary, Session, UnitOutcome } from "./api";

/** The agency of the agency admin in `session(["agency_admin"])`. */
export const AGENCY_ID = "00000000-0000-7000-8000-0000000000a1";
export const YEAR = new Date().getFullYear();
export const uuid = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, "0")}`;

export const UNIT_ID = uuid(11);
export const EMPLOYEE_ID = uuid(101);
export const SESSION_ID = uuid(701);
export const PLAN_ID = uuid(201);

/** A signed-in account linked to an employee record. */
export function personSession(employeeId: string, roles: Role[] = ["employee"]): SessionValue {
  const s = session(roles);
  return { ...s, me: s.me ? { ...s.me, employee_id: employeeId, display_name: "Ahmad Fauzi" } : null };
}

/** Ten staff rated, seven of them Baik: too many for a Baik unit, and nobody below Baik. */
export function distribution(over: Partial<Distribution> = {}): Distribution {
  return {
    org_unit_id: UNIT_ID,
    unit_name: "Dinas Kesehatan",
    year: YEAR,
    unit_result: "baik",
    total: 10,
    counts: { sangat_baik: 2, baik: 8, butuh_perbaikan: 0, kurang: 0, sangat_kurang: 0 },
    shares: { sangat_baik: 20, baik: 80, butuh_perbaikan: 0, kurang: 0, sangat_kurang: 0 },
    from_plans: 7,
    imported: 3,
    plans_not_final: 2,
    warnings: [
      { code: "too_many_baik", message: "at most 70 % Baik in a Baik unit" },
      { code: "none_below_baik", message: "a Baik unit has at least one Butuh Perbaikan or Kurang" },
    ],
    ...over,
  };
}

export const EMPTY_DISTRIBUTION = distribution({
  total: 0,
  counts: { sangat_baik: 0, baik: 0, butuh_perbaikan: 0, kurang: 0, sangat_kurang: 0 },
  shares: { sangat_baik: null, baik: null, butuh_perbaikan: null, kurang: null, sangat_kurang: null },
  from_plans: 0,
  imported: 0,
  plans_not_final: 4,
  unit_result: null,
  warnings: [],
});

export function rating(over: Partial<AppraisalRating> = {}): AppraisalRating {
  return {
    year: YEAR - 1,
    predikat: "baik",
    results_rating: "as_expected",
    behaviour_rating: "above",
    months: 12,
    source: "skp",
    plan_id: PLAN_ID,
    org_unit_id: UNIT_ID,
    position_id: uuid(31),
    credit: { coefficient: 12.5, percent: 100, months: 12, amount: 12.5 },
    updated_at: `${YEAR}-01-10T03:00:00Z`,
    ...over,
  };
}

/** Two years before: imported, without the two ratings, two months as a functional post. */
export const IMPORTED = rating({
  year: YEAR - 2,
  predikat: "butuh_perbaikan",
  results_rating: null,
  behaviour_rating: null,
  months: 2,
  source: "import",
  plan_id: null,
  credit: { coefficient: 12.5, percent: 75, months: 2, amount: 1.563 },
});

/** Three years before: imported, before the functional post (no credit). */
export const OLDEST = rating({ year: YEAR - 3, predikat: "sangat_baik", results_rating: "above", behaviour_rating: "above", source: "import", plan_id: null, position_id: null, credit: null });

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

export function summary(rated: number, atLeastBaik: number, share: number | null): RatingSummary {
  return {
    rated,
    at_least_baik: atLeastBaik,
    share_at_least_baik: share,
    counts: { sangat_baik: 0, baik: atLeastBaik, butuh_perbaikan: rated - atLeastBaik, kurang: 0, sangat_kurang: 0 },
  };
}

export function satisfaction(respondents: number, score: number | null, grade: string | null, median: number | null = null): UnitOutcome["satisfaction_after"] {
  return {
    respondents,
    score,
    grade,
    waiting_count: median == null ? 0 : respondents,
    waiting_median_minutes: median,
    waiting_p90_minutes: median == null ? null : Math.ceil(median * 1.5),
  };
}

export function unitOutcome(over: Partial<UnitOutcome> = {}): UnitOutcome {
  return {
    org_unit_id: UNIT_ID,
    code: "DINKES",
    name: "Dinas Kesehatan",
    staff: 40,
    trained: 4,
    trained_share: 10,
    before: summary(30, 18, 60),
    after: summary(32, 24, 75),
    trained_before: summary(4, 2, 50),
    trained_after: summary(4, 4, 100),
    satisfaction_before: satisfaction(0, null, null),
    satisfaction_after: satisfaction(120, 87.5, "B", 22.5),
    ...over,
  };
}

/** A unit whose participants nobody rated, and without active staff now. */
export const PUSKESMAS = unitOutcome({
  org_unit_id: uuid(12),
  code: "PKM-RA",
  name: "Puskesmas Ratu Agung",
  staff: 0,
  trained: 0,
  trained_share: null,
  before: summary(0, 0, null),
  after: summary(3, 1, 33.3),
  trained_before: summary(0, 0, null),
  trained_after: summary(0, 0, null),
});

export function outcomes(over: Partial<Outcomes> = {}): Outcomes {
  return { session_id: SESSION_ID, before_year: YEAR - 2, after_year: YEAR, units: [unitOutcome(), PUSKESMAS], ...over };
}

export function trainingSession(over: Partial<Session> = {}): Session {
  return {
    id: SESSION_ID,
    agency_id: AGENCY_ID,
    programme_id: uuid(601),
    programme_title: "Pelayanan Prima",
    name: "Angkatan I",
    delivery: "classroom",
    start_date: `${YEAR - 1}-03-02`,
    end_date: `${YEAR - 1}-03-04`,
    days: 3,
    place: "BPSDM Provinsi Bengkulu",
    online_url: null,
    capacity: 30,
    enrolled: 4,
    waitlisted: 0,
    completed: 4,
    self_registration: false,
    trainers: ["Dra. Nurhayati"],
    created_at: `${YEAR - 1}-01-01T00:00:00Z`,
    updated_at: `${YEAR - 1}-01-01T00:00:00Z`,
    ...over,
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

/** The recorded requests with this method and path. */
export function callsTo(calls: Request[], method: string, path: string): Request[] {
  return calls.filter((c) => c.method === method && new URL(c.url, "http://localhost").pathname === path);
}
