// Records for the ratings tests, shaped by the generated API types: Puskesmas Jalan Gedang of
// Kota Bengkulu rated this year, its link, two flagged ratings and the agency overview.
import type { Schemas } from "../../api/client";
import type { AgencySatisfaction, ElementResult, FlaggedRating, MonthSatisfaction, RatingLink, Satisfaction, UnitSatisfactionRow } from "./api";

/** The agency of the agency admin in `session(["agency_admin"])`. */
export const AGENCY_ID = "00000000-0000-7000-8000-0000000000a1";
export const YEAR = new Date().getFullYear();
export const uuid = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, "0")}`;

export const UNIT_ID = uuid(31);
export const OTHER_UNIT_ID = uuid(32);

const NAMES = [
  "Persyaratan",
  "Sistem, Mekanisme, dan Prosedur",
  "Waktu Penyelesaian",
  "Biaya/Tarif",
  "Produk Spesifikasi Jenis Pelayanan",
  "Kompetensi Pelaksana",
  "Perilaku Pelaksana",
  "Penanganan Pengaduan, Saran dan Masukan",
  "Sarana dan Prasarana",
];

/** The nine elements with these NRRs (null: nobody answered it). */
export function elements(nrrs: (number | null)[] = [3.6, 3.5, 3.55, null, 3.4, 3.7, 3.65, 3.45, 3.55]): ElementResult[] {
  return NAMES.map((name, i) => ({ code: `U${i + 1}`, name, nrr: nrrs[i] ?? null, answered: nrrs[i] == null ? 0 : 120 }));
}

/** 120 respondents, score 88.746875 (A), a sample target reached, waiting times. */
export function satisfaction(over: Partial<Satisfaction> = {}): Satisfaction {
  return {
    org_unit_id: UNIT_ID,
    unit_name: "Puskesmas Jalan Gedang",
    from: `${YEAR}-01-01`,
    to: `${YEAR}-12-31`,
    weighting: "exact",
    respondents: 120,
    ikm: 3.549875,
    score: 88.746875,
    grade: "A",
    grade_label: "Sangat Baik",
    elements: elements(),
    flagged_pending: 3,
    sample_target: { population: 300, required: 169, reached: false },
    waiting: { count: 80, median: 12.5, p90: 40 },
    ...over,
  };
}

export function trend(scores: (number | null)[] = [80.5, 88.75, null, null, null, null, null, null, null, null, null, null]) {
  const months: MonthSatisfaction[] = scores.map((score, i) => ({
    month: `${YEAR}-${String(i + 1).padStart(2, "0")}`,
    respondents: score == null ? 0 : 60,
    score,
    ikm: score == null ? null : score / 25,
    grade: score == null ? null : score >= 88.31 ? "A" : "B",
  }));
  return { org_unit_id: UNIT_ID, year: YEAR, weighting: "exact" as const, months };
}

export function link(over: Partial<RatingLink> = {}): RatingLink {
  return {
    org_unit_id: UNIT_ID,
    code: "1771-PKM-JG",
    url: "https://pembina.example/r/1771-PKM-JG?t=Qm9vbXNoYWthbGFrYTEyMz",
    token: "Qm9vbXNoYWthbGFrYTEyMz",
    version: 1,
    ...over,
  };
}

export const QR_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 37 37"><path d="M4 4h7v7H4z"/></svg>';

export function flagged(over: Partial<FlaggedRating> = {}): FlaggedRating {
  return {
    id: uuid(901),
    org_unit_id: UNIT_ID,
    unit_code: "PKM-JG",
    unit_name: "Puskesmas Jalan Gedang",
    submitted_at: `${YEAR}-03-04T02:30:00Z`,
    flag_reason: "address_burst",
    review_state: "pending",
    reviewed_at: null,
    answers: { U1: 4, U2: 3, U3: 4, U5: 3, U6: 4, U7: 4, U8: 3, U9: 3 },
    service_type: "Pemeriksaan umum",
    respondent: { sex: "female", age_band: "30_39", education: "sma", occupation: "entrepreneur" },
    comment: "Antrean cepat",
    waiting_minutes: 25,
    ticket: null,
    ...over,
  };
}

function row(over: Partial<UnitSatisfactionRow> & Pick<UnitSatisfactionRow, "org_unit_id" | "code" | "name">): UnitSatisfactionRow {
  return { respondents: 0, elements: elements([null, null, null, null, null, null, null, null, null]), score: null, ikm: null, grade: null, grade_label: null, flagged_pending: 0, sample_target: null, ...over };
}

/** Three units in tree order: a B, an A, and one without ratings; the agency overall B. */
export function agencySatisfaction(over: Partial<AgencySatisfaction> = {}): AgencySatisfaction {
  return {
    agency_id: AGENCY_ID,
    from: `${YEAR}-01-01`,
    to: `${YEAR}-12-31`,
    weighting: "exact",
    flagged_pending: 2,
    overall: { respondents: 200, ikm: 3.5, score: 87.5, grade: "B", grade_label: "Baik", elements: elements() },
    units: [
      row({ org_unit_id: uuid(41), code: "DPMPTSP", name: "Mal Pelayanan Publik", respondents: 80, score: 85.3125, ikm: 3.4125, grade: "B", grade_label: "Baik" }),
      row({ org_unit_id: UNIT_ID, code: "PKM-JG", name: "Puskesmas Jalan Gedang", respondents: 120, score: 88.746875, ikm: 3.549875, grade: "A", grade_label: "Sangat Baik" }),
      row({ org_unit_id: uuid(42), code: "PKM-RA", name: "Puskesmas Ratu Agung" }),
    ],
    ...over,
  };
}

export function serviceUnit(over: Partial<Schemas["OrgUnitResponse"]> = {}): Schemas["OrgUnitResponse"] {
  return {
    id: UNIT_ID,
    agency_id: AGENCY_ID,
    parent_id: null,
    code: "PKM-JG",
    name: "Puskesmas Jalan Gedang",
    kind: "service_unit",
    active: true,
    child_count: 0,
    depth: 1,
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
