// Records for the SKP tests, shaped by the generated API types: Siti's plan, rated by Ahmad.
import { BEHAVIOUR_VALUES, type Behaviour, type Evidence, type Feedback, type HistoryEvent, type Periodic, type Plan, type RaterResult, type Realisation, type Result, type TeamItem } from "./api";
import { session } from "../../test/render";
import type { Role, SessionValue } from "../../session/SessionProvider";

export const AGENCY_ID = "00000000-0000-7000-8000-0000000000a1";
export const YEAR = new Date().getFullYear();
export const uuid = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, "0")}`;

/** Siti Rahmawati, whose plan it is. */
export const OWNER_ID = uuid(101);
/** Ahmad Fauzi, her direct supervisor and so her rater. */
export const RATER_ID = uuid(102);
export const PLAN_ID = uuid(201);
export const RESULT_ID = uuid(301);
export const EXTRA_ID = uuid(302);
/** A result of Ahmad's own plan, which Siti's first result supports. */
export const RATER_RESULT_ID = uuid(401);
export const REALISATION_ID = uuid(501);
export const EVIDENCE_ID = uuid(801);

/** A signed-in account linked to an employee record. */
export function personSession(employeeId: string, roles: Role[] = ["employee"], name = "Siti Rahmawati"): SessionValue {
  const s = session(roles);
  return { ...s, me: s.me ? { ...s.me, employee_id: employeeId, display_name: name } : null };
}
export const ownerSession = () => personSession(OWNER_ID);
export const raterSession = () => personSession(RATER_ID, ["supervisor", "employee"], "Ahmad Fauzi");

export function evidence(over: Partial<Evidence> = {}): Evidence {
  return {
    id: EVIDENCE_ID,
    realisation_id: REALISATION_ID,
    file_name: "notulen-rapat-triwulan-1.pdf",
    content_type: "application/pdf",
    size_bytes: 245_760,
    created_at: `${YEAR}-04-02T03:05:00Z`,
    ...over,
  };
}

export function realisation(over: Partial<Realisation> = {}): Realisation {
  return {
    id: REALISATION_ID,
    quarter: 1,
    realisation: "3 laporan disampaikan tepat waktu",
    evidence_url: "https://drive.bengkulukota.go.id/bukti/q1.pdf",
    evidence: [],
    recorded_at: `${YEAR}-04-02T03:00:00Z`,
    ...over,
  };
}

export function feedback(over: Partial<Feedback> = {}): Feedback {
  return {
    id: uuid(601),
    result_id: RESULT_ID,
    author_employee_id: RATER_ID,
    text: "Target triwulan I tercapai; lampirkan notulen rapat.",
    created_at: `${YEAR}-04-05T02:00:00Z`,
    ...over,
  };
}

export function result(over: Partial<Result> = {}): Result {
  return {
    id: RESULT_ID,
    section: "main",
    seq: 1,
    description: "Tersusunnya laporan kepegawaian yang tepat waktu",
    supports_result_id: RATER_RESULT_ID,
    indicator: "Persentase laporan yang disampaikan tepat waktu",
    target: "100%",
    approach: "quantitative",
    realisations: [],
    feedback: [],
    ...over,
  };
}

export const EXTRA = result({
  id: EXTRA_ID,
  section: "additional",
  seq: 2,
  description: "Menjadi narasumber sosialisasi SKP",
  supports_result_id: null,
  indicator: "Kegiatan sosialisasi",
  target: "2 kegiatan",
  approach: "qualitative",
});

/** Ahmad's own results of the year, which Siti's may support. */
export const RATER_RESULTS: RaterResult[] = [
  { id: RATER_RESULT_ID, section: "main", seq: 1, description: "Meningkatnya kualitas layanan kepegawaian" },
  { id: uuid(402), section: "main", seq: 2, description: "Terselenggaranya pengembangan kompetensi pegawai" },
];

const LABELS = ["Berorientasi Pelayanan", "Akuntabel", "Kompeten", "Harmonis", "Loyal", "Adaptif", "Kolaboratif"];

/** The seven values in the official order; Akuntabel and Kolaboratif with an expectation. */
export function behaviours(expectations: Partial<Record<Behaviour["value"], string>> = {
  akuntabel: "Menyampaikan laporan kinerja bidang paling lambat tanggal 5 setiap bulan",
  kolaboratif: "Aktif dalam rapat koordinasi lintas bidang",
}): Behaviour[] {
  return BEHAVIOUR_VALUES.map((value, i) => ({ value, label: LABELS[i] ?? value, expectation: expectations[value] ?? null }));
}

export function periodic(over: Partial<Periodic> = {}): Periodic {
  return {
    quarter: 1,
    results_rating: "as_expected",
    behaviour_rating: "above",
    predikat: "baik",
    note: "Target triwulan tercapai; tingkatkan koordinasi lintas bidang.",
    rater_employee_id: RATER_ID,
    rated_at: `${YEAR}-04-10T02:00:00Z`,
    ...over,
  };
}

export function plan(over: Partial<Plan> = {}): Plan {
  return {
    id: PLAN_ID,
    agency_id: AGENCY_ID,
    employee_id: OWNER_ID,
    employee_name: "Siti Rahmawati",
    rater_employee_id: RATER_ID,
    rater_name: "Ahmad Fauzi",
    rater_results: RATER_RESULTS,
    year: YEAR,
    state: "draft",
    results_rating: null,
    behaviour_rating: null,
    predikat: null,
    evaluated_at: null,
    finalised_at: null,
    created_at: `${YEAR}-01-10T02:00:00Z`,
    updated_at: `${YEAR}-01-10T02:00:00Z`,
    results: [result(), EXTRA],
    feedback: [],
    behaviours: behaviours(),
    periodic: [],
    credit: null,
    allowed_steps: [],
    may_edit: true,
    may_record_realisation: false,
    may_give_feedback: false,
    may_rate_periodic: false,
    ...over,
  };
}

/** Siti's plan while it runs, as she sees it: Q1 recorded with a link and a file, rated by Ahmad, two notes on her result and two on the plan. */
export function runningPlan(over: Partial<Plan> = {}): Plan {
  return plan({
    state: "in_progress",
    may_edit: false,
    may_record_realisation: true,
    results: [
      result({
        realisations: [realisation({ evidence: [evidence()] })],
        feedback: [
          feedback(),
          feedback({ id: uuid(602), text: "Laporan Maret terlambat dua hari.", created_at: `${YEAR}-04-20T02:00:00Z` }),
        ],
      }),
      EXTRA,
    ],
    feedback: [
      feedback({ id: uuid(611), result_id: null, text: "Secara umum sesuai rencana.", created_at: `${YEAR}-04-06T02:00:00Z` }),
      feedback({ id: uuid(612), result_id: null, text: "Perhatikan tenggat triwulan II.", created_at: `${YEAR}-05-06T02:00:00Z` }),
    ],
    periodic: [periodic()],
    ...over,
  });
}

/** Rated and final: above / as expected → Baik. */
export function finalPlan(over: Partial<Plan> = {}): Plan {
  return runningPlan({
    state: "final",
    may_record_realisation: false,
    results_rating: "above",
    behaviour_rating: "as_expected",
    predikat: "baik",
    evaluated_at: `${YEAR}-12-20T02:00:00Z`,
    finalised_at: `${YEAR}-12-22T02:00:00Z`,
    ...over,
  });
}

/** The plan's history: created, results written, agreed, Q1 recorded with a file, feedback, Q1 rated. */
export function history(): HistoryEvent[] {
  const at = (day: string) => `${YEAR}-${day}T03:00:00Z`;
  type Changes = Record<string, { before: unknown; after: unknown }>;
  const event = ({ changes = {}, ...over }: Partial<Omit<HistoryEvent, "changes">> & { changes?: Changes }): HistoryEvent => ({
    occurred_at: at("01-10"),
    action: "create",
    entity_type: "skp_plan",
    entity_id: PLAN_ID,
    actor_name: "Siti Rahmawati",
    // The schema types the changes as an open object.
    changes: changes as unknown as HistoryEvent["changes"],
    ...over,
  });
  return [
    event({ changes: { state: { before: null, after: "draft" } } }),
    event({ occurred_at: at("01-11"), action: "replace_results" }),
    event({ occurred_at: at("01-15"), action: "agree", actor_name: "Ahmad Fauzi", changes: { state: { before: "draft", after: "agreed" } } }),
    event({ occurred_at: at("04-02"), entity_type: "skp_realisation", entity_id: REALISATION_ID, changes: { quarter: { before: null, after: 1 } } }),
    event({ occurred_at: at("04-02"), entity_type: "skp_evidence", entity_id: EVIDENCE_ID, changes: { file_name: { before: null, after: "notulen-rapat-triwulan-1.pdf" } } }),
    event({ occurred_at: at("04-05"), entity_type: "skp_feedback", entity_id: uuid(601), actor_name: "Ahmad Fauzi", changes: { text: { before: null, after: "Target triwulan I tercapai; lampirkan notulen rapat." } } }),
    event({ occurred_at: at("04-10"), entity_type: "skp_periodic_rating", entity_id: uuid(901), actor_name: "Ahmad Fauzi", changes: { quarter: { before: null, after: 1 }, predikat: { before: null, after: "baik" } } }),
    event({ occurred_at: at("04-11"), action: "reindex", actor_name: null }),
  ];
}

export function teamItem(over: Partial<TeamItem> = {}): TeamItem {
  return { employee_id: OWNER_ID, nip: "199002022015032002", name: "Siti Rahmawati", plan: { id: PLAN_ID, state: "draft", predikat: null }, ...over };
}

export const TEAM: TeamItem[] = [
  teamItem({ employee_id: uuid(111), nip: "198606062011012006", name: "Budi Santoso", plan: null }),
  teamItem({ employee_id: uuid(112), nip: "199103032016041003", name: "Dewi Lestari", plan: { id: uuid(212), state: "final", predikat: "sangat_baik" } }),
  teamItem({ employee_id: uuid(113), nip: "199204042017042004", name: "Rina Marlina", plan: { id: uuid(213), state: "in_progress", predikat: null } }),
  teamItem(),
];

/** The query strings of the recorded requests to this path. */
export function queriesTo(calls: Request[], path: string): URLSearchParams[] {
  return calls.map((c) => new URL(c.url, "http://localhost")).filter((u) => u.pathname === path).map((u) => u.searchParams);
}

/** The JSON bodies of the recorded requests with this method and path, in order. */
export async function bodiesOf(calls: Request[], method: string, path: string): Promise<unknown[]> {
  return Promise.all(calls.filter((c) => c.method === method && new URL(c.url, "http://localhost").pathname === path).map((c) => c.clone().json()));
}

/** The recorded requests with this method and path, in order. */
export function callsTo(calls: Request[], method: string, path: string): Request[] {
  return calls.filter((c) => c.method === method && new URL(c.url, "http://localhost").pathname === path);
}
