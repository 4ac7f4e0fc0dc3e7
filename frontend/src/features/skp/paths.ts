// The feature's URLs: the caller's own plan at `/me/skp` (a year as `?year=`), their team at
// `/me/team`, and any plan they may see at `/skp/:id`.
export const paths = {
  mine: "/me/skp",
  mineOf: (year: number) => `/me/skp?year=${year}`,
  team: "/me/team",
  teamOf: (year: number) => `/me/team?year=${year}`,
  plan: (id: string) => `/skp/${id}`,
};
