// Server state of the citizens' service ratings (SKM): a unit's satisfaction index (IKM) over a
// period and its monthly trend, the unit's rating link with its QR code and poster, the served
// population behind the sample target, the queue of flagged ratings, and the agency overview.
// One key factory; a review or a new population changes the indexes read before it.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../../api/client";
import { fileNameOf, saveBlob } from "../../api/download";

export type Satisfaction = Schemas["SatisfactionResponse"];
export type SatisfactionTrend = Schemas["SatisfactionTrendResponse"];
export type MonthSatisfaction = Schemas["MonthSatisfaction"];
export type AgencySatisfaction = Schemas["AgencySatisfactionResponse"];
export type UnitSatisfactionRow = Schemas["UnitSatisfactionRow"];
export type ElementResult = Schemas["ElementResponse"];
export type Grade = Schemas["Grade"];
export type RatingLink = Schemas["RatingLinkResponse"];
export type FlaggedRating = Schemas["FlaggedRatingResponse"];
export type FlagReason = Schemas["FlagReason"];
export type ReviewState = Schemas["ReviewState"];
export type Decision = Schemas["Decision"];
export type ServedPopulationSaved = Schemas["ServedPopulationResponse"];

function valuesOf<T extends string>(all: Record<T, true>): readonly T[] {
  return Object.keys(all) as T[];
}

/** The grades from best to worst, checked against the generated types. */
export const GRADES = valuesOf<Grade>({ A: true, B: true, C: true, D: true });
export const FLAG_REASONS = valuesOf<FlagReason>({ honeypot: true, address_burst: true, unit_burst: true });
export const REVIEW_STATES = valuesOf<ReviewState>({ pending: true, accepted: true, rejected: true });
/** The nine elements of PermenPANRB 14/2017, by code. */
export const ELEMENTS = ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"] as const;
/** Units offered by the unit select for one search. */
export const UNIT_CHOICES = 100;
/** Flagged ratings per page of the queue. */
export const FLAGS_PER_PAGE = 20;

/** The period of an index: a `period=` value (`2026`, `2026-Q1`, `2026-07`) or a date range. */
export type Period = { period: string } | { from: string; to: string };

const periodQuery = (p: Period) => ("period" in p ? { period: p.period } : { from: p.from, to: p.to });

export const ratingsKeys = {
  all: ["ratings"] as const,
  /** Everything an index is read from (reviews and populations change them). */
  indexes: () => [...ratingsKeys.all, "index"] as const,
  unit: (unitId: string, period: Period) => [...ratingsKeys.indexes(), "unit", unitId, period] as const,
  trend: (unitId: string, year: number) => [...ratingsKeys.indexes(), "trend", unitId, year] as const,
  agency: (agencyId: string, period: Period) => [...ratingsKeys.indexes(), "agency", agencyId, period] as const,
  link: (unitId: string) => [...ratingsKeys.all, "link", unitId] as const,
  qr: (unitId: string, version: number) => [...ratingsKeys.all, "qr", unitId, version] as const,
  flags: () => [...ratingsKeys.all, "flags"] as const,
  flagPage: (status: ReviewState, page: number) => [...ratingsKeys.flags(), status, page] as const,
  units: (agencyId: string | null, q: string) => [...ratingsKeys.all, "units", { agencyId, q }] as const,
  orgUnit: (id: string) => [...ratingsKeys.all, "org-unit", id] as const,
};

/** The body of a successful response (failures have already been thrown as ApiProblem). */
function body<T>(r: { data?: T }): T {
  if (r.data === undefined) throw new Error("empty response");
  return r.data;
}

// ---- indexes

export function useUnitSatisfaction(unitId: string | null, period: Period | null) {
  return useQuery({
    queryKey: ratingsKeys.unit(unitId ?? "", period ?? { period: "" }),
    enabled: unitId !== null && period !== null,
    queryFn: async () =>
      body(await api.GET("/api/v1/org-units/{id}/satisfaction", { params: { path: { id: unitId ?? "" }, query: periodQuery(period ?? { period: "" }) } })),
    placeholderData: keepPreviousData,
  });
}

export function useSatisfactionTrend(unitId: string, year: number) {
  return useQuery({
    queryKey: ratingsKeys.trend(unitId, year),
    queryFn: async () => body(await api.GET("/api/v1/org-units/{id}/satisfaction/trend", { params: { path: { id: unitId }, query: { year } } })),
    placeholderData: keepPreviousData,
  });
}

export function useAgencySatisfaction(agencyId: string | null, period: Period | null) {
  return useQuery({
    queryKey: ratingsKeys.agency(agencyId ?? "", period ?? { period: "" }),
    enabled: agencyId !== null && period !== null,
    queryFn: async () =>
      body(await api.GET("/api/v1/agencies/{id}/satisfaction", { params: { path: { id: agencyId ?? "" }, query: periodQuery(period ?? { period: "" }) } })),
    placeholderData: keepPreviousData,
  });
}

/** Sets (or clears) the people a unit serves per year; the sample targets follow. */
export function usePutServedPopulation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ unitId, population }: { unitId: string; population: number | null }) =>
      body(await api.PUT("/api/v1/org-units/{id}/served-population", { params: { path: { id: unitId } }, body: { served_population: population } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ratingsKeys.indexes() }),
  });
}

// ---- the rating link, its QR code and poster

export function useRatingLink(unitId: string) {
  return useQuery({
    queryKey: ratingsKeys.link(unitId),
    queryFn: async () => body(await api.GET("/api/v1/org-units/{id}/rating-link", { params: { path: { id: unitId } } })),
  });
}

/** The link's QR code as SVG text, fetched with the session's token (an <img> could not send it). */
export function useRatingQrSvg(unitId: string, version: number) {
  return useQuery({
    queryKey: ratingsKeys.qr(unitId, version),
    queryFn: async () => {
      const r = await api.GET("/api/v1/org-units/{id}/rating-link/qr", { params: { path: { id: unitId }, query: { format: "svg" } }, parseAs: "text" });
      return body(r as { data?: string });
    },
    staleTime: Infinity,
  });
}

export type QrFormat = "png" | "svg";

/** Saves the QR code (PNG at 10 pixels a module, or SVG) or the A4 poster, named by the server. */
export function useDownloadRatingFile() {
  return useMutation({
    mutationFn: async ({ unitId, code, file }: { unitId: string; code: string; file: QrFormat | "poster" }) => {
      const r =
        file === "poster"
          ? await api.GET("/api/v1/org-units/{id}/rating-link/poster", { params: { path: { id: unitId } }, parseAs: "blob" })
          : await api.GET("/api/v1/org-units/{id}/rating-link/qr", {
              params: { path: { id: unitId }, query: file === "png" ? { format: "png", scale: 10 } : { format: "svg" } },
              parseAs: "blob",
            });
      if (!r.data) throw new Error("empty response");
      saveBlob(r.data as Blob, fileNameOf(r.response, file === "poster" ? `poster-skm-${code}.pdf` : `qr-skm-${code}.${file}`));
    },
  });
}

/** Issues a new link: every earlier one (and every printed code) stops working. */
export function useRotateRatingLink() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (unitId: string) => body(await api.POST("/api/v1/org-units/{id}/rating-link/rotate", { params: { path: { id: unitId } } })),
    onSuccess: (link) => qc.setQueryData(ratingsKeys.link(link.org_unit_id), link),
  });
}

// ---- the queue of flagged ratings

export function useFlaggedRatings(status: ReviewState, page: number) {
  return useQuery({
    queryKey: ratingsKeys.flagPage(status, page),
    queryFn: async () => body(await api.GET("/api/v1/rating-flags", { params: { query: { status, page, per_page: FLAGS_PER_PAGE } } })),
    placeholderData: keepPreviousData,
  });
}

/** Accepts (counted from now on) or rejects (kept, never counted) a flagged rating. */
export function useReviewRating() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, decision }: { id: string; decision: Decision }) =>
      body(await api.POST("/api/v1/ratings/{id}/review", { params: { path: { id } }, body: { decision } })),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ratingsKeys.flags() }), qc.invalidateQueries({ queryKey: ratingsKeys.indexes() })]),
  });
}

// ---- service units (for choosing the unit of an index)

export function useUnitChoices(agencyId: string | null, q: string) {
  return useQuery({
    queryKey: ratingsKeys.units(agencyId, q),
    enabled: agencyId !== null,
    queryFn: async () =>
      body(
        await api.GET("/api/v1/org-units", {
          params: { query: { agency_id: agencyId ?? undefined, kind: "service_unit", active: true, q: q || undefined, sort: "tree", per_page: UNIT_CHOICES } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useOrgUnit(id: string | null) {
  return useQuery({
    queryKey: ratingsKeys.orgUnit(id ?? ""),
    enabled: id !== null,
    queryFn: async () => body(await api.GET("/api/v1/org-units/{id}", { params: { path: { id: id ?? "" } } })),
  });
}
