// Records for the competency tests, shaped by the generated API types.
import type { Schemas } from "../../api/client";
import type { Competency, CompetencyRef, EmployeeGap, GapItem, PlanItem, Position, Session, TrainingNeed, Unit, UnitGaps } from "./api";

type Programme = Schemas["ProgrammeResponse"];

/** The agency of the agency admin in `session(["agency_admin"])`. */
export const AGENCY_ID = "00000000-0000-7000-8000-0000000000a1";
export const EMPLOYEE_ID = "00000000-0000-7000-8000-00000000e001";
export const UNIT_ID = "00000000-0000-7000-8000-0000000000b1";

const uuid = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, "0")}`;

export function competency(over: Partial<Competency> & { code: string }): Competency {
  const national = over.national ?? over.group !== "technical";
  return {
    id: uuid(100),
    agency_id: national ? null : AGENCY_ID,
    group: "managerial",
    name: over.code,
    description: "",
    levels: [1, 2, 3, 4, 5].map((level) => ({ level, description: `Deskripsi level ${level}`, indicators: [`Indikator ${level}.1`] })),
    national,
    retired: false,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    ...over,
  };
}

export const M1 = competency({ id: uuid(201), code: "M1", name: "Integritas" });
export const M2 = competency({ id: uuid(202), code: "M2", name: "Kerja Sama" });
export const SK1 = competency({ id: uuid(203), code: "SK1", name: "Perekat Bangsa", group: "socio_cultural" });
export const TPM = competency({
  id: uuid(204),
  code: "T-PM",
  name: "Manajemen Proyek",
  group: "technical",
  national: false,
  description: "Merencanakan dan mengendalikan proyek.",
  levels: [1, 2, 3, 4, 5].map((level) => ({ level, description: `Proyek level ${level}`, indicators: level === 3 ? ["Menyusun jadwal proyek", "Mengelola risiko"] : [] })),
});

export const ref = (c: Competency): CompetencyRef => ({ id: c.id, code: c.code, name: c.name, group: c.group });

export function gapItem(c: Competency, required: number, achieved: number | null): GapItem {
  const gap = (achieved ?? 0) - required;
  return { competency: ref(c), required, achieved, gap, meets: achieved !== null && achieved >= required };
}

export function employeeGap(over: Partial<EmployeeGap> = {}): EmployeeGap {
  const items = over.items ?? [gapItem(M1, 3, 3), gapItem(M2, 3, 1), gapItem(SK1, 3, null), gapItem(TPM, 4, 5)];
  const required = items.reduce((a, i) => a + i.required, 0);
  const achieved = items.reduce((a, i) => a + Math.min(i.achieved ?? 0, i.required), 0);
  return {
    employee_id: EMPLOYEE_ID,
    name: "Ahmad Fauzi",
    position_id: uuid(301),
    position_title: "Analis Kebijakan Ahli Muda",
    items,
    job_person_match: { percent: Math.round((achieved / required) * 10000) / 100, category: "does_not_meet", achieved_points: achieved, required_points: required },
    unassessed: items.filter((i) => i.achieved === null).length,
    ...over,
  };
}

export function position(over: Partial<Position> = {}): Position {
  return {
    id: uuid(301),
    agency_id: AGENCY_ID,
    org_unit_id: null,
    code: "AK-MUDA",
    title: "Analis Kebijakan Ahli Muda",
    kind: "fungsional",
    functional_level: "ahli_muda",
    active: true,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    ...over,
  };
}

export function unit(over: Partial<Unit> = {}): Unit {
  return {
    id: UNIT_ID,
    agency_id: AGENCY_ID,
    parent_id: null,
    code: "DINKES",
    name: "Dinas Kesehatan",
    kind: "agency",
    active: true,
    child_count: 1,
    depth: 0,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    ...over,
  };
}

export function unitGaps(): UnitGaps {
  const comps = [ref(M1), ref(M2), ref(SK1), ref(TPM)];
  return {
    org_unit_id: UNIT_ID,
    competencies: comps,
    employees: [
      {
        employee_id: EMPLOYEE_ID,
        name: "Ahmad Fauzi",
        nip: "198507152010011003",
        job_person_match: { percent: 72.5, category: "still_meets", achieved_points: 29, required_points: 40 },
        cells: [
          { competency_id: M1.id, required: 3, achieved: 4, gap: 1 },
          { competency_id: M2.id, required: 3, achieved: 2, gap: -1 },
          { competency_id: SK1.id, required: 3, achieved: null, gap: -3 },
        ],
      },
      {
        employee_id: uuid(402),
        name: "Siti Rahmawati",
        nip: "197901012005012001",
        job_person_match: { percent: 90, category: "meets", achieved_points: 18, required_points: 20 },
        cells: [
          { competency_id: M1.id, required: 4, achieved: 1, gap: -3 },
          { competency_id: M2.id, required: 4, achieved: 4, gap: 0 },
          { competency_id: SK1.id, required: 4, achieved: 4, gap: 0 },
          { competency_id: TPM.id, required: 3, achieved: 3, gap: 0 },
        ],
      },
    ],
    summary: [
      { competency: ref(M1), with_standard: 2, below: 1, share_below: 0.5, mean_gap: 3 },
      { competency: ref(M2), with_standard: 2, below: 1, share_below: 0.5, mean_gap: 1 },
      { competency: ref(SK1), with_standard: 2, below: 1, share_below: 0.5, mean_gap: 3 },
      { competency: ref(TPM), with_standard: 1, below: 0, share_below: 0, mean_gap: 0 },
    ],
  };
}

export function need(over: Partial<TrainingNeed> = {}): TrainingNeed {
  return {
    rank: 1,
    competency: ref(M2),
    score: 75,
    contributions: [
      { signal: "gap", value: 1, weight: 0.6667, points: 66.7 },
      { signal: "depth", value: 0.25, weight: 0.3333, points: 8.3 },
    ],
    missing: ["survey", "performance", "citizen"],
    with_standard: 3,
    below_count: 3,
    share_below: 1,
    mean_gap: 1,
    employees_below: [
      { employee_id: EMPLOYEE_ID, name: "Ahmad Fauzi", nip: "198507152010011003", required: 3, achieved: 2 },
      { employee_id: uuid(402), name: "Siti Rahmawati", nip: "197901012005012001", required: 3, achieved: null },
    ],
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

export function planItem(over: Partial<PlanItem> = {}): PlanItem {
  return {
    id: uuid(801),
    agency_id: AGENCY_ID,
    year: new Date().getFullYear() + 1,
    competency_id: M2.id,
    org_unit_id: UNIT_ID,
    title: "Pelatihan Kerja Sama Tim",
    activity_kind: "training",
    form: "classical",
    provider: "BPSDM Provinsi Bengkulu",
    planned_start: `${new Date().getFullYear() + 1}-03-01`,
    planned_end: `${new Date().getFullYear() + 1}-03-05`,
    budget: 25_000_000,
    jp: 40,
    need_score: 75,
    employee_ids: [EMPLOYEE_ID, uuid(402), uuid(403)],
    created_at: "2026-11-01T00:00:00Z",
    updated_at: "2026-11-01T00:00:00Z",
    ...over,
  };
}

export function programme(over: Partial<Programme> = {}): Programme {
  return {
    id: uuid(501),
    agency_id: AGENCY_ID,
    code: "PKT-01",
    title: "Pelatihan Kerja Sama Tim",
    activity_kind: "training",
    form: "classical",
    competencies: [{ competency_id: M2.id, level: 3 }],
    jp: 24,
    min_attendance_percent: 80,
    objectives: null,
    org_unit_ids: [],
    position_ids: [],
    require_post_test: false,
    self_registration: false,
    status: "published",
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    ...over,
  };
}

/** A session (angkatan) of a programme. */
export function learningSession(over: Partial<Session> = {}): Session {
  return {
    id: uuid(601),
    agency_id: AGENCY_ID,
    programme_id: uuid(501),
    programme_title: "Pelatihan Kerja Sama Tim",
    name: "Angkatan I",
    delivery: "classroom",
    start_date: "2099-05-04",
    end_date: "2099-05-08",
    capacity: 30,
    enrolled: 12,
    waitlisted: 0,
    completed: 0,
    days: 5,
    online_url: null,
    place: "BPSDM Provinsi Bengkulu",
    self_registration: false,
    trainers: [],
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    ...over,
  };
}
