// The feature's URLs: a unit's satisfaction (with its link and QR code) at `/ratings/units`, the
// queue of flagged ratings at `/ratings/flags`, and the agency overview at `/ratings/agency`.
export const paths = {
  units: "/ratings/units",
  unit: (unitId: string) => `/ratings/units?unit=${unitId}`,
  flags: "/ratings/flags",
  agency: "/ratings/agency",
};
