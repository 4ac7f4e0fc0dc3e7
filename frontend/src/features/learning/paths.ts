// The feature's URLs: the admin's programmes at `/programmes` and sessions at `/sessions`, an
// employee's own learning at `/learning`, and the public certificate check at `/c/:code`.
export const paths = {
  programmes: "/programmes",
  newProgramme: "/programmes/new",
  programme: (id: string) => `/programmes/${id}`,
  sessions: "/sessions",
  sessionsOf: (programmeId: string) => `/sessions?programme_id=${programmeId}`,
  newSession: (programmeId?: string) => (programmeId ? `/sessions/new?programme_id=${programmeId}` : "/sessions/new"),
  session: (id: string) => `/sessions/${id}`,
  editSession: (id: string) => `/sessions/${id}/edit`,
  /** The session's outcomes (Kirkpatrick level 4; the appraisal feature's page, linked by URL only). */
  outcomes: (id: string) => `/sessions/${id}/outcomes`,
  /** The session's and the programme's evaluation (Kirkpatrick levels 1-3; the evaluation feature's pages). */
  evaluation: (id: string) => `/sessions/${id}/evaluation`,
  programmeEvaluation: (id: string) => `/programmes/${id}/evaluation`,
  myLearning: "/learning",
  player: (enrolmentId: string) => `/learning/${enrolmentId}`,
  verify: "/c",
  certificate: (code: string) => `/c/${encodeURIComponent(code)}`,
};
