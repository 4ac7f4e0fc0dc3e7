// Records for the evaluation tests, shaped by the generated API types.
import type { SessionValue } from "../../session/SessionProvider";
import { session as signedIn } from "../../test/render";
import type { Behaviour, FollowUp, MyEnrolment, PendingReaction, ProgrammeEvaluation, Session, SessionEvaluation, Settings } from "./api";

/** The agency of the agency admin in `session(["agency_admin"])`. */
export const AGENCY_ID = "00000000-0000-7000-8000-0000000000a1";
export const PROGRAMME_ID = "00000000-0000-7000-8000-000000000c01";
export const SESSION_ID = "00000000-0000-7000-8000-000000000d01";
export const ENROLMENT_ID = "00000000-0000-7000-8000-000000000e01";
export const EMPLOYEE_ID = "00000000-0000-7000-8000-000000000401";

export const uuid = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, "0")}`;

/** Signed in with an employee record. */
export function employeeSession(roles: Parameters<typeof signedIn>[0] = ["employee"]): SessionValue {
  const s = signedIn(roles);
  return { ...s, me: s.me ? { ...s.me, employee_id: EMPLOYEE_ID } : null };
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
    enrolled: 0,
    waitlisted: 0,
    completed: 2,
    created_at: "2026-02-01T08:00:00Z",
    updated_at: "2026-02-01T08:00:00Z",
    ...over,
  };
}

export function pendingReaction(over: Partial<PendingReaction> = {}): PendingReaction {
  return {
    enrolment_id: ENROLMENT_ID,
    session_id: SESSION_ID,
    session_name: "Angkatan I 2026",
    programme_title: "Manajemen Proyek Infrastruktur",
    start_date: "2026-03-02",
    end_date: "2026-03-04",
    completed_on: "2026-03-04",
    ...over,
  };
}

export function myEnrolment(over: Partial<MyEnrolment> = {}, sessionOver: Partial<Session> = {}): MyEnrolment {
  return {
    enrolment: {
      id: ENROLMENT_ID,
      employee_id: EMPLOYEE_ID,
      session_id: SESSION_ID,
      programme_id: PROGRAMME_ID,
      status: "enrolled",
      source: "admin",
      created_at: "2026-02-10T08:00:00Z",
      completed_on: null,
      certificate_code: null,
      last_module_id: null,
    },
    session: session(sessionOver),
    programme_code: "PM-INFRA-01",
    programme_title: "Manajemen Proyek Infrastruktur",
    jp: 24,
    modules_total: 0,
    modules_done: 0,
    ...over,
  };
}

export function behaviour(over: Partial<Behaviour> = {}): Behaviour {
  return {
    tasks_created: 4,
    answered: 3,
    by_role: [
      { role: "participant", created: 2, answered: 2, response_rate: 1 },
      { role: "supervisor", created: 2, answered: 1, response_rate: 0.5 },
    ],
    not_used: 1,
    partly: 1,
    regularly: 1,
    used_share: 2 / 3,
    overdue: 1,
    ...over,
  };
}

export function sessionEvaluation(over: Partial<SessionEvaluation> = {}): SessionEvaluation {
  return {
    session: session(),
    reaction: {
      participants: 2,
      respondents: 2,
      response_rate: 1,
      organisation: 4.5,
      trainers: 5,
      materials: 3.5,
      overall: 13 / 3,
      comments: ["Materi sangat bermanfaat.", "Ruangan terlalu dingin."],
    },
    learning: {
      participants: [
        { enrolment_id: uuid(5001), employee_id: uuid(401), name: "Ahmad Fauzi", nip: "198507122010011003", pre_percent: 50, post_percent: 90, raw_gain: 40, normalised_gain: 0.8, band: "high" },
        { enrolment_id: uuid(5002), employee_id: uuid(402), name: "Siti Rahmawati", nip: "199001052015032001", pre_percent: 100, post_percent: 100, raw_gain: 0, normalised_gain: null, band: null },
      ],
      session: { participants: 2, mean_pre: 75, mean_post: 95, raw_gain: 20, normalised_gain: 0.8, band: "high" },
    },
    behaviour: behaviour(),
    ...over,
  };
}

export function programmeEvaluation(over: Partial<ProgrammeEvaluation> = {}): ProgrammeEvaluation {
  const second = session({ id: uuid(6002), name: "Angkatan II 2026", start_date: "2026-06-01", end_date: "2026-06-03" });
  return {
    programme_id: PROGRAMME_ID,
    programme_code: "PM-INFRA-01",
    programme_title: "Manajemen Proyek Infrastruktur",
    sessions: [
      {
        session: second,
        reaction: { participants: 3, respondents: 0, response_rate: 0, organisation: null, trainers: null, materials: null, overall: null },
        learning: null,
        behaviour: behaviour({ tasks_created: 0, answered: 0, by_role: [], not_used: 0, partly: 0, regularly: 0, used_share: null, overdue: 0 }),
      },
      {
        session: session(),
        reaction: { participants: 2, respondents: 2, response_rate: 1, organisation: 4.5, trainers: 5, materials: 3.5, overall: 13 / 3 },
        learning: { participants: 2, mean_pre: 55, mean_post: 82.5, raw_gain: 27.5, normalised_gain: 0.6111, band: "medium" },
        behaviour: behaviour(),
      },
    ],
    totals: {
      reaction: { participants: 5, respondents: 2, response_rate: 0.4, organisation: 4.5, trainers: 5, materials: 3.5, overall: 13 / 3 },
      learning: { participants: 2, mean_pre: 55, mean_post: 82.5, raw_gain: 27.5, normalised_gain: 0.6111, band: "medium" },
      behaviour: behaviour(),
    },
    ...over,
  };
}

export function followUp(over: Partial<FollowUp> = {}): FollowUp {
  return {
    id: uuid(7001),
    role: "participant",
    status: "open",
    programme_id: PROGRAMME_ID,
    programme_title: "Manajemen Proyek Infrastruktur",
    session_id: SESSION_ID,
    session_name: "Angkatan I 2026",
    session_start_date: "2026-03-02",
    session_end_date: "2026-03-04",
    participant_id: EMPLOYEE_ID,
    participant_name: "Ahmad Fauzi",
    participant_nip: "198507122010011003",
    respondent_id: EMPLOYEE_ID,
    respondent_name: "Ahmad Fauzi",
    respondent_nip: "198507122010011003",
    due_on: "2026-09-04",
    reminder_count: 0,
    last_reminded_on: null,
    usage: null,
    examples: null,
    barriers: null,
    answered_at: null,
    amendable_until: null,
    ...over,
  };
}

/** The same employee as supervisor of Siti, whose follow-up is overdue and was reminded twice. */
export const ABOUT_SITI = followUp({
  id: uuid(7002),
  role: "supervisor",
  status: "overdue",
  programme_title: "Pengadaan Barang dan Jasa",
  session_name: "Angkatan II 2025",
  session_start_date: "2025-10-06",
  session_end_date: "2025-10-08",
  participant_id: uuid(402),
  participant_name: "Siti Rahmawati",
  participant_nip: "199001052015032001",
  due_on: "2026-04-08",
  reminder_count: 2,
  last_reminded_on: "2026-05-06",
});

export function settings(over: Partial<Settings> = {}): Settings {
  return { agency_id: AGENCY_ID, follow_up_months: 6, reminder_days: 14, is_default: true, ...over };
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
