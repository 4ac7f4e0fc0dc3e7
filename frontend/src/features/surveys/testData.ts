// Records for the survey tests, shaped by the generated API types.
import type { Competency, Question, Results, Survey, SurveySummary, Task, TaskDetail, Unit } from "./api";

/** The agency of the agency admin in `session(["agency_admin"])`. */
export const AGENCY_ID = "00000000-0000-7000-8000-0000000000a1";
export const UNIT_ID = "00000000-0000-7000-8000-0000000000b1";
export const SURVEY_ID = "00000000-0000-7000-8000-0000000005a1";
export const TASK_ID = "00000000-0000-7000-8000-0000000007a1";

const uuid = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, "0")}`;

export function competency(code: string, name: string, n: number, group: Competency["group"] = "managerial"): Competency {
  return {
    id: uuid(200 + n),
    agency_id: group === "technical" ? AGENCY_ID : null,
    group,
    name,
    code,
    description: "",
    levels: [],
    national: group !== "technical",
    retired: false,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
  };
}

export const M1 = competency("M1", "Integritas", 1);
export const M3 = competency("M3", "Komunikasi", 3);
export const TPM = competency("T-PM", "Manajemen Proyek", 4, "technical");

export function unit(over: Partial<Unit> = {}): Unit {
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

export function question(position: number, over: Partial<Question> = {}): Question {
  return { id: uuid(600 + position), position, text: `Pertanyaan ${position}`, kind: "likert", options: [], required: true, competency_id: null, ...over };
}

export function survey(over: Partial<Survey> = {}): Survey {
  return {
    id: SURVEY_ID,
    agency_id: AGENCY_ID,
    org_unit_id: UNIT_ID,
    title: "Kebutuhan Pelatihan 2027",
    description: "Isilah dengan jujur.",
    audience: "employees",
    status: "draft",
    public_path: null,
    opened_at: null,
    closed_at: null,
    created_at: "2026-11-01T08:00:00Z",
    updated_at: "2026-11-01T08:00:00Z",
    questions: [
      question(0, { text: "Seberapa Anda membutuhkan pelatihan komunikasi?", competency_id: M3.id }),
      question(1, { text: "Bentuk pelatihan yang disukai", kind: "single_choice", options: ["Klasikal", "E-learning"] }),
    ],
    ...over,
  };
}

export function summary(over: Partial<SurveySummary> = {}): SurveySummary {
  return { id: SURVEY_ID, agency_id: AGENCY_ID, org_unit_id: UNIT_ID, title: "Kebutuhan Pelatihan 2027", audience: "employees", status: "draft", created_at: "2026-11-01T08:00:00Z", ...over };
}

export function results(over: Partial<Results> = {}): Results {
  return {
    survey_id: SURVEY_ID,
    org_unit_id: null,
    responses: 6,
    tasks: 8,
    answered: 6,
    response_rate: 0.75,
    questions: [
      { question_id: uuid(600), text: "Seberapa Anda membutuhkan pelatihan komunikasi?", kind: "likert", options: [], responses: 6, mean: 3.6667, distribution: [0, 1, 2, 1, 2], texts: [] },
      { question_id: uuid(601), text: "Bentuk pelatihan yang disukai", kind: "single_choice", options: ["Klasikal", "E-learning"], responses: 4, mean: null, distribution: [3, 1], texts: [] },
      { question_id: uuid(602), text: "Topik yang dibutuhkan", kind: "multiple_choice", options: ["Pelayanan", "Digital", "Kepemimpinan"], responses: 5, mean: null, distribution: [4, 5, 1], texts: [] },
      { question_id: uuid(603), text: "Saran", kind: "text", options: [], responses: 2, mean: null, distribution: [], texts: ["Pelatihan di puskesmas saja", "Lebih banyak praktik"] },
    ],
    ...over,
  };
}

export function task(over: Partial<Task> = {}): Task {
  return {
    id: TASK_ID,
    survey_id: SURVEY_ID,
    title: "Kebutuhan Pelatihan 2027",
    description: "Isilah dengan jujur.",
    subject_employee_id: uuid(401),
    subject_name: "Ahmad Fauzi",
    about_self: true,
    submitted_at: null,
    ...over,
  };
}

/** A task with its survey as its respondent sees it: one question of each kind. */
export function taskSurvey(): TaskDetail {
  return {
    task: task(),
    questions: [
      question(0, { text: "Seberapa Anda membutuhkan pelatihan komunikasi?", competency_id: M3.id }),
      question(1, { text: "Bentuk pelatihan yang disukai", kind: "single_choice", options: ["Klasikal", "E-learning", "Campuran"] }),
      question(2, { text: "Topik yang dibutuhkan", kind: "multiple_choice", options: ["Pelayanan", "Digital", "Kepemimpinan"] }),
      question(3, { text: "Saran", kind: "text", required: false }),
    ],
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
