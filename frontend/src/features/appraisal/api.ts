// Server state of the appraisal results: a unit's distribution of predikat against the curve
// and its organisational result, an employee's (or the caller's own) yearly ratings with the
// credit of functional posts, and a training session's units before and after (Kirkpatrick
// level 4). One key factory; setting a unit's result changes the distributions read against it.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../../api/client";

export type Distribution = Schemas["SkpDistributionResponse"];
export type CurveWarning = Schemas["CurveWarningResponse"];
export type PredikatCounts = Schemas["PredikatCounts"];
export type PredikatShares = Schemas["PredikatShares"];
export type UnitResult = Schemas["UnitResult"];
export type UnitResultSaved = Schemas["UnitResultResponse"];
export type Predikat = Schemas["Predikat"];
export type Rating = Schemas["Rating"];
export type RatingSource = Schemas["RatingSource"];
export type AppraisalRating = Schemas["AppraisalRatingResponse"];
export type FunctionalCredit = Schemas["FunctionalCredit"];
export type Outcomes = Schemas["SessionOutcomesResponse"];
export type UnitOutcome = Schemas["UnitOutcomeResponse"];
export type RatingSummary = Schemas["RatingSummaryResponse"];
export type Session = Schemas["SessionResponse"];
export type Employee = Schemas["EmployeeResponse"];

function valuesOf<T extends string>(all: Record<T, true>): readonly T[] {
  return Object.keys(all) as T[];
}

/** The predikat from best to worst (PermenPANRB 6/2022), checked against the generated types. */
export const PREDIKATS = valuesOf<Predikat>({ sangat_baik: true, baik: true, butuh_perbaikan: true, kurang: true, sangat_kurang: true });
/** A unit's organisational results, from best to worst. */
export const UNIT_RESULTS = valuesOf<UnitResult>({ istimewa: true, baik: true, butuh_perbaikan: true, kurang: true, sangat_kurang: true });
export const RATINGS = valuesOf<Rating>({ above: true, as_expected: true, below: true });
export const RATING_SOURCES = valuesOf<RatingSource>({ skp: true, import: true });
/** Units offered by the unit select for one search. */
export const UNIT_CHOICES = 100;

/** Whose ratings: an employee's (by id) or the caller's own. */
export type RatingsOf = { employeeId: string } | "me";
/** The years compared; null leaves the choice to the API (the years around the session's end). */
export type OutcomeYears = { before: number | null; after: number | null };

export const appraisalKeys = {
  all: ["appraisal"] as const,
  /** Everything read against a unit's result. */
  distributions: () => [...appraisalKeys.all, "distribution"] as const,
  distribution: (unitId: string, year: number) => [...appraisalKeys.distributions(), unitId, year] as const,
  ratings: (of: RatingsOf) => [...appraisalKeys.all, "ratings", of === "me" ? "me" : of.employeeId] as const,
  outcomes: (sessionId: string, years: OutcomeYears) => [...appraisalKeys.all, "outcomes", sessionId, years] as const,
  session: (id: string) => [...appraisalKeys.all, "session", id] as const,
  employee: (id: string) => [...appraisalKeys.all, "employee", id] as const,
  units: (agencyId: string | null, q: string) => [...appraisalKeys.all, "units", { agencyId, q }] as const,
  unit: (id: string) => [...appraisalKeys.all, "unit", id] as const,
};

/** The body of a successful response (failures have already been thrown as ApiProblem). */
function body<T>(r: { data?: T }): T {
  if (r.data === undefined) throw new Error("empty response");
  return r.data;
}

// ---- the distribution and the unit's result

export function useDistribution(unitId: string | null, year: number) {
  return useQuery({
    queryKey: appraisalKeys.distribution(unitId ?? "", year),
    enabled: unitId !== null,
    queryFn: async () => body(await api.GET("/api/v1/org-units/{id}/skp-distribution", { params: { path: { id: unitId ?? "" }, query: { year } } })),
    placeholderData: keepPreviousData,
  });
}

/** Sets a unit's organisational result for a year; the distributions (and their warnings) follow. */
export function usePutUnitResult() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ unitId, year, result }: { unitId: string; year: number; result: UnitResult }) =>
      body(await api.PUT("/api/v1/org-units/{id}/unit-results/{year}", { params: { path: { id: unitId, year } }, body: { result } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: appraisalKeys.distributions() }),
  });
}

// ---- ratings

export function useRatings(of: RatingsOf) {
  return useQuery({
    queryKey: appraisalKeys.ratings(of),
    queryFn: async () =>
      of === "me"
        ? body(await api.GET("/api/v1/me/appraisal-ratings"))
        : body(await api.GET("/api/v1/employees/{id}/appraisal-ratings", { params: { path: { id: of.employeeId } } })),
  });
}

/** The employee a history belongs to (for its heading). */
export function useEmployee(id: string | null) {
  return useQuery({
    queryKey: appraisalKeys.employee(id ?? ""),
    enabled: id !== null,
    queryFn: async () => body(await api.GET("/api/v1/employees/{id}", { params: { path: { id: id ?? "" } } })),
    staleTime: 5 * 60_000,
  });
}

// ---- Kirkpatrick level 4

export function useOutcomes(sessionId: string, years: OutcomeYears) {
  return useQuery({
    queryKey: appraisalKeys.outcomes(sessionId, years),
    queryFn: async () =>
      body(
        await api.GET("/api/v1/sessions/{id}/unit-outcomes", {
          params: { path: { id: sessionId }, query: { before_year: years.before ?? undefined, after_year: years.after ?? undefined } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** The session the outcomes are of (for its heading). */
export function useSession(id: string) {
  return useQuery({
    queryKey: appraisalKeys.session(id),
    queryFn: async () => body(await api.GET("/api/v1/sessions/{id}", { params: { path: { id } } })),
    staleTime: 5 * 60_000,
  });
}

// ---- org units (for choosing the unit of a distribution)

export function useUnitChoices(agencyId: string | null, q: string) {
  return useQuery({
    queryKey: appraisalKeys.units(agencyId, q),
    enabled: agencyId !== null,
    queryFn: async () =>
      body(
        await api.GET("/api/v1/org-units", {
          params: { query: { agency_id: agencyId ?? undefined, q: q || undefined, sort: "tree", per_page: UNIT_CHOICES } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useUnit(id: string | null) {
  return useQuery({
    queryKey: appraisalKeys.unit(id ?? ""),
    enabled: id !== null,
    queryFn: async () => body(await api.GET("/api/v1/org-units/{id}", { params: { path: { id: id ?? "" } } })),
  });
}
