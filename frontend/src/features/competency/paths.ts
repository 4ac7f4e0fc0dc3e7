// The feature's URLs (mounted at `/competencies`).
export const paths = {
  dictionary: "/competencies",
  create: "/competencies/new",
  detail: (id: string) => `/competencies/${id}`,
  edit: (id: string) => `/competencies/${id}/edit`,
  standards: "/competencies/standards",
  employee: (id: string) => `/competencies/employees/${id}`,
  gaps: "/competencies/gaps",
  needs: "/competencies/needs",
  settings: "/competencies/settings",
  plan: "/competencies/plan",
  planOf: (year: number) => `/competencies/plan?year=${year}`,
  /** The employee's record in the people feature (by URL only). */
  employeeRecord: (id: string) => `/employees/${id}`,
  /** Sessions (angkatan) in the learning feature (by URL only). */
  sessions: "/sessions",
  session: (id: string) => `/sessions/${id}`,
};
