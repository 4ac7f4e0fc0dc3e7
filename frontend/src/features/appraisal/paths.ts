// The feature's URLs: the distribution of predikat at `/appraisal/distribution`, the caller's own
// ratings at `/me/appraisal`, an employee's at `/employees/:id/appraisal`, and a session's
// outcomes (Kirkpatrick level 4) at `/sessions/:id/outcomes`. Other features' pages are linked
// by URL only.
export const paths = {
  distribution: "/appraisal/distribution",
  mine: "/me/appraisal",
  employee: (id: string) => `/employees/${id}/appraisal`,
  outcomes: (sessionId: string) => `/sessions/${sessionId}/outcomes`,
  /** The people feature's page of an employee. */
  employeeRecord: (id: string) => `/employees/${id}`,
  /** The learning feature's page of a session. */
  session: (id: string) => `/sessions/${id}`,
  /** The SKP feature's page of a plan. */
  plan: (id: string) => `/skp/${id}`,
};
