// The feature's URLs: the dashboard and the conversion at `/jp`, an employee's ledger at
// `/employees/:id/jp` and the caller's own at `/me/jp`.
export const paths = {
  dashboard: "/jp",
  conversions: "/jp/conversions",
  employee: (id: string) => `/employees/${id}/jp`,
  mine: "/me/jp",
};
