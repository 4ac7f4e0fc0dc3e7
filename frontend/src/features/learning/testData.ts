// Records for the learning tests, shaped by the generated API types.
import type {
  Certificate,
  Competency,
  Employee,
  Enrolment,
  LearnerModule,
  LearnerTest,
  LearnerView,
  Module,
  MyEnrolment,
  Participant,
  Position,
  Programme,
  ProgrammeDetail,
  Recommendation,
  Session,
  Test,
} from "./api";

/** The agency of the agency admin in `session(["agency_admin"])`. */
export const AGENCY_ID = "00000000-0000-7000-8000-0000000000a1";
export const PROGRAMME_ID = "00000000-0000-7000-8000-000000000c01";
export const SESSION_ID = "00000000-0000-7000-8000-000000000d01";
export const ENROLMENT_ID = "00000000-0000-7000-8000-000000000e01";
export const EMPLOYEE_ID = "00000000-0000-7000-8000-000000000401";

export const uuid = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, "0")}`;

export const MODULE_1 = uuid(3001);
export const MODULE_2 = uuid(3002);
export const MODULE_3 = uuid(3003);
export const QUIZ_2 = uuid(3102);
export const PRE_TEST = uuid(3201);
export const POST_TEST = uuid(3202);

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

export const M3 = competency("M3", "Komunikasi", 3);
export const TPM = competency("T-PM", "Manajemen Proyek", 4, "technical");

export function position(over: Partial<Position> = {}): Position {
  return {
    id: uuid(700),
    agency_id: AGENCY_ID,
    code: "ANL-PROY",
    title: "Analis Proyek",
    kind: "fungsional",
    functional_level: "ahli_pertama",
    org_unit_id: null,
    active: true,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    ...over,
  };
}

export function employee(n: number, name: string, nip: string): Employee {
  return {
    id: uuid(400 + n),
    nip,
    employment_type: "pns",
    name,
    title_prefix: null,
    title_suffix: null,
    full_name: name,
    sex: "male",
    birth_date: "1985-07-12",
    rank: "III/c",
    agency_id: AGENCY_ID,
    org_unit_id: uuid(100),
    org_unit_name: "Dinas PUPR",
    position_id: null,
    position_title: null,
    position_kind: null,
    supervisor_id: null,
    email: null,
    phone: null,
    status: "active",
    created_at: "2026-01-05T03:00:00Z",
    updated_at: "2026-01-05T03:00:00Z",
  };
}

export function programme(over: Partial<Programme> = {}): Programme {
  return {
    id: PROGRAMME_ID,
    agency_id: AGENCY_ID,
    code: "PM-INFRA-01",
    title: "Manajemen Proyek Infrastruktur",
    objectives: "Peserta mampu menyusun jadwal proyek.",
    activity_kind: "e_learning",
    form: "non_classical",
    jp: 24,
    competencies: [{ competency_id: TPM.id, level: 3 }],
    position_ids: [],
    org_unit_ids: [],
    self_registration: true,
    min_attendance_percent: 80,
    require_post_test: true,
    status: "published",
    created_at: "2026-02-01T08:00:00Z",
    updated_at: "2026-02-01T08:00:00Z",
    ...over,
  };
}

export function module(n: number, over: Partial<Module> = {}): Module {
  return { id: uuid(3000 + n), programme_id: PROGRAMME_ID, seq: n, title: `Modul ${n}`, minutes: 60, summary: null, materials: [], ...over };
}

export function test(over: Partial<Test> = {}): Test {
  return {
    id: QUIZ_2,
    programme_id: PROGRAMME_ID,
    kind: "module",
    module_id: MODULE_2,
    pass_mark: 70,
    questions: [
      { prompt: "Apa itu jalur kritis?", choices: ["Urutan terpanjang", "Urutan termurah"], correct: [0], multiple: false },
      { prompt: "Mana yang termasuk risiko?", choices: ["Cuaca", "Harga material", "Logo proyek"], correct: [0, 1], multiple: true },
    ],
    updated_at: "2026-02-01T08:00:00Z",
    ...over,
  };
}

export function programmeDetail(over: Partial<ProgrammeDetail> = {}): ProgrammeDetail {
  return {
    ...programme(),
    modules: [
      module(1, {
        title: "Perencanaan Proyek",
        summary: "Menyusun lingkup dan jadwal.",
        materials: [
          { id: uuid(3301), module_id: MODULE_1, seq: 1, kind: "link", title: "Video: menyusun jadwal", url: "https://elearning.bengkuluprov.go.id/video/jadwal", created_at: "2026-02-01T08:00:00Z" },
          {
            id: uuid(3302),
            module_id: MODULE_1,
            seq: 2,
            kind: "file",
            title: "Modul 1 (PDF)",
            file_name: "modul-1.pdf",
            content_type: "application/pdf",
            size_bytes: 2_400_000,
            download_path: `/api/v1/materials/${uuid(3302)}/content`,
            created_at: "2026-02-01T08:00:00Z",
          },
        ],
      }),
      module(2, { title: "Manajemen Risiko" }),
    ],
    tests: [test()],
    ...over,
  };
}

export function session(over: Partial<Session> = {}): Session {
  return {
    id: SESSION_ID,
    agency_id: AGENCY_ID,
    programme_id: PROGRAMME_ID,
    programme_title: "Manajemen Proyek Infrastruktur",
    name: "Angkatan I 2026",
    delivery: "classroom",
    start_date: "2026-03-02",
    end_date: "2026-03-04",
    place: "Aula BPSDM Provinsi Bengkulu",
    online_url: null,
    trainers: ["Dr. Andi Saputra"],
    capacity: 30,
    self_registration: false,
    days: 3,
    enrolled: 2,
    waitlisted: 1,
    completed: 0,
    created_at: "2026-02-01T08:00:00Z",
    updated_at: "2026-02-01T08:00:00Z",
    ...over,
  };
}

export function enrolment(over: Partial<Enrolment> = {}): Enrolment {
  return {
    id: ENROLMENT_ID,
    employee_id: EMPLOYEE_ID,
    programme_id: PROGRAMME_ID,
    session_id: SESSION_ID,
    source: "admin",
    status: "enrolled",
    certificate_code: null,
    completed_on: null,
    last_module_id: null,
    created_at: "2026-02-10T08:00:00Z",
    ...over,
  };
}

export function participant(n: number, name: string, nip: string, over: Partial<Participant> = {}, enrolmentOver: Partial<Enrolment> = {}): Participant {
  return {
    enrolment: enrolment({ id: uuid(5000 + n), employee_id: uuid(400 + n), ...enrolmentOver }),
    name,
    nip,
    org_unit_id: uuid(100),
    days_present: 0,
    modules_done: 0,
    pre_test_percent: null,
    post_test_percent: null,
    post_test_passed: null,
    unmet: [],
    ...over,
  };
}

export const AHMAD = participant(1, "Ahmad Fauzi", "198507122010011003", { days_present: 3, modules_done: 2, pre_test_percent: 50, post_test_percent: 90, post_test_passed: true });
export const SITI = participant(2, "Siti Rahmawati", "199001052015032001", { days_present: 1, modules_done: 1, pre_test_percent: 40, unmet: ["attendance", "post_test"] });
export const BUDI = participant(3, "Budi Santoso", "199203142018011002", {}, { status: "waitlisted" });

export function myEnrolment(over: Partial<MyEnrolment> = {}): MyEnrolment {
  return {
    enrolment: enrolment({ status: "enrolled" }),
    jp: 24,
    modules_done: 1,
    modules_total: 3,
    programme_code: "PM-INFRA-01",
    programme_title: "Manajemen Proyek Infrastruktur",
    session: session({ delivery: "e_learning", start_date: null, end_date: null, place: null, days: 0, name: "E-learning 2026" }),
    ...over,
  };
}

export function recommendation(over: Partial<Recommendation> = {}): Recommendation {
  return {
    programme: programme({ id: uuid(3900), code: "KOM-01", title: "Komunikasi Efektif", activity_kind: "training", form: "classical", jp: 16 }),
    closes: [{ competency_id: M3.id, from: 2, to: 3, required: 3 }],
    levels_closed: 1,
    ...over,
  };
}

export function learnerTest(over: Partial<LearnerTest> = {}): LearnerTest {
  return {
    id: QUIZ_2,
    kind: "module",
    module_id: MODULE_2,
    pass_mark: 70,
    attempts: 0,
    best_percent: null,
    passed: false,
    questions: [
      { prompt: "Apa itu jalur kritis?", choices: ["Urutan terpanjang", "Urutan termurah"], multiple: false },
      { prompt: "Mana yang termasuk risiko?", choices: ["Cuaca", "Harga material", "Logo proyek"], multiple: true },
    ],
    ...over,
  };
}

export function learnerModule(n: number, over: Partial<LearnerModule> = {}): LearnerModule {
  return { id: uuid(3000 + n), seq: n, title: `Modul ${n}`, minutes: 45, summary: null, materials: [], done: false, started: false, position: null, quiz: null, ...over };
}

export function learnerView(over: Partial<LearnerView> = {}): LearnerView {
  return {
    enrolment: enrolment({ last_module_id: MODULE_2 }),
    programme: programme(),
    session: session({ delivery: "e_learning", start_date: null, end_date: null, place: null, days: 0, name: "E-learning 2026" }),
    modules: [
      learnerModule(1, {
        title: "Perencanaan Proyek",
        done: true,
        started: true,
        materials: [{ id: uuid(3301), module_id: MODULE_1, seq: 1, kind: "link", title: "Video: menyusun jadwal", url: "https://elearning.bengkuluprov.go.id/video/jadwal", created_at: "2026-02-01T08:00:00Z" }],
      }),
      learnerModule(2, {
        title: "Manajemen Risiko",
        summary: "Mengenali dan menanggapi risiko proyek.",
        started: true,
        quiz: learnerTest(),
        materials: [
          {
            id: uuid(3303),
            module_id: MODULE_2,
            seq: 1,
            kind: "file",
            title: "Bahan bacaan risiko",
            file_name: "risiko.pdf",
            content_type: "application/pdf",
            size_bytes: 120_000,
            download_path: `/api/v1/materials/${uuid(3303)}/content`,
            created_at: "2026-02-01T08:00:00Z",
          },
        ],
      }),
      learnerModule(3, { title: "Pengendalian Proyek" }),
    ],
    pre_test: null,
    post_test: null,
    unmet: ["modules"],
    ...over,
  };
}

export function certificate(over: Partial<Certificate> = {}): Certificate {
  return {
    code: "PBN-7K3M-Q9XA",
    employee_name: "Ahmad Fauzi",
    nip: "••••••••2010011003",
    agency_name: "Pemerintah Kota Bengkulu",
    programme_title: "Manajemen Proyek Infrastruktur",
    session_name: "Angkatan I 2026",
    start_date: "2026-03-02",
    completed_on: "2026-03-04",
    jp: 24,
    ...over,
  };
}

/** The JSON body of the last recorded request with this method and path. */
export async function lastBody(calls: Request[], method: string, path: string): Promise<unknown> {
  const call = calls.filter((c) => c.method === method && new URL(c.url, "http://localhost").pathname === path).at(-1);
  if (!call) throw new Error(`no ${method} ${path}`);
  return call.clone().json();
}

/** The recorded requests with this method and path. */
export function callsTo(calls: Request[], method: string, path: string): Request[] {
  return calls.filter((c) => c.method === method && new URL(c.url, "http://localhost").pathname === path);
}
