// Server state of the JP feature (jam pelajaran: every civil servant's 20 learning hours a
// year): an employee's ledger, credits recorded by administrators, the agency's conversion table,
// the agency's standing per unit and the list of those still short. One key factory; recording
// or removing a credit changes the ledger and every summary, a new conversion only future credits.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../../api/client";
import { fileNameOf, saveBlob } from "../../api/download";

export type Ledger = Schemas["JpLedgerResponse"];
export type Standing = Schemas["JpStandingResponse"];
export type Credit = Schemas["JpCreditResponse"];
export type CreditSource = Schemas["JpCreditSource"];
export type CreateCredit = Schemas["CreateJpCreditRequest"];
export type Conversions = Schemas["JpConversionsResponse"];
export type Conversion = Schemas["JpConversionResponse"];
export type ConversionItem = Schemas["JpConversionItem"];
export type PutConversions = Schemas["PutJpConversionsRequest"];
export type Summary = Schemas["JpSummaryResponse"];
export type UnitSummary = Schemas["JpUnitSummary"];
export type ShortfallItem = Schemas["JpShortfallItem"];
export type ActivityKind = Schemas["ActivityKind"];
export type DevelopmentForm = Schemas["DevelopmentForm"];
export type Employee = Schemas["EmployeeResponse"];

/** The kinds of development activity by form (Peraturan LAN 10/2018), in the API's order. */
export const CLASSICAL_KINDS: readonly ActivityKind[] = ["training", "seminar", "workshop", "course", "bimtek"];
export const NON_CLASSICAL_KINDS: readonly ActivityKind[] = [
  "e_learning",
  "coaching",
  "mentoring",
  "on_the_job",
  "distance_learning",
  "internship",
  "exchange",
  "self_study",
  "community_of_practice",
];
/** Minutes in one JP (jam pelajaran). */
export const MINUTES_PER_JP = 45;
/** Units offered by the unit select for one search. */
export const UNIT_CHOICES = 100;

export type ShortfallParams = { agencyId: string | null; year: number; unitId: string | null; page: number; perPage: number };
/** Whose ledger: an employee's (by id) or the caller's own. */
export type LedgerOf = { employeeId: string } | "me";

export const jpKeys = {
  all: ["jp"] as const,
  /** Everything computed from credits: ledgers, summaries, shortfall lists. */
  results: () => [...jpKeys.all, "results"] as const,
  ledger: (of: LedgerOf, year: number) => [...jpKeys.results(), "ledger", of === "me" ? "me" : of.employeeId, year] as const,
  summary: (agencyId: string | null, year: number, unitId: string | null) => [...jpKeys.results(), "summary", { agencyId, year, unitId }] as const,
  shortfall: (p: ShortfallParams) => [...jpKeys.results(), "shortfall", p] as const,
  conversions: (agencyId: string | null) => [...jpKeys.all, "conversions", agencyId] as const,
  employee: (id: string) => [...jpKeys.all, "employee", id] as const,
  units: (agencyId: string | null, q: string) => [...jpKeys.all, "units", { agencyId, q }] as const,
  unit: (id: string) => [...jpKeys.all, "unit", id] as const,
};

/** The body of a successful response (failures have already been thrown as ApiProblem). */
function body<T>(r: { data?: T }): T {
  if (r.data === undefined) throw new Error("empty response");
  return r.data;
}

/** The scope of an agency-wide request: a unit, else (for super admins) the chosen agency. */
function scope(agencyId: string | null, unitId: string | null) {
  return unitId ? { org_unit_id: unitId } : { agency_id: agencyId ?? undefined };
}

// ---- ledgers and credits

export function useLedger(of: LedgerOf, year: number) {
  return useQuery({
    queryKey: jpKeys.ledger(of, year),
    queryFn: async () =>
      of === "me"
        ? body(await api.GET("/api/v1/me/jp", { params: { query: { year } } }))
        : body(await api.GET("/api/v1/employees/{id}/jp", { params: { path: { id: of.employeeId }, query: { year } } })),
    placeholderData: keepPreviousData,
  });
}

/** The employee a ledger belongs to (for its heading). */
export function useEmployee(id: string | null) {
  return useQuery({
    queryKey: jpKeys.employee(id ?? ""),
    enabled: id !== null,
    queryFn: async () => body(await api.GET("/api/v1/employees/{id}", { params: { path: { id: id ?? "" } } })),
    staleTime: 5 * 60_000,
  });
}

export function useCreateCredit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (b: CreateCredit) => body(await api.POST("/api/v1/jp-credits", { body: b })),
    onSuccess: () => qc.invalidateQueries({ queryKey: jpKeys.results() }),
  });
}

export function useDeleteCredit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await api.DELETE("/api/v1/jp-credits/{id}", { params: { path: { id } } });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: jpKeys.results() }),
  });
}

// ---- conversion

export function useConversions(agencyId: string | null, enabled = true) {
  return useQuery({
    queryKey: jpKeys.conversions(agencyId),
    enabled,
    queryFn: async () => body(await api.GET("/api/v1/jp-conversions", { params: { query: { agency_id: agencyId ?? undefined } } })),
  });
}

/** Replaces the table; credits already recorded keep their JP, so only the table changes. */
export function usePutConversions() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (b: PutConversions) => body(await api.PUT("/api/v1/jp-conversions", { body: b })),
    onSuccess: (saved, sent) => qc.setQueryData(jpKeys.conversions(sent.agency_id ?? null), saved),
  });
}

// ---- the agency's standing

export function useSummary(agencyId: string | null, year: number, unitId: string | null, enabled = true) {
  return useQuery({
    queryKey: jpKeys.summary(agencyId, year, unitId),
    enabled,
    queryFn: async () => body(await api.GET("/api/v1/jp-summary", { params: { query: { year, ...scope(agencyId, unitId) } } })),
    placeholderData: keepPreviousData,
  });
}

export function useShortfall(p: ShortfallParams, enabled = true) {
  return useQuery({
    queryKey: jpKeys.shortfall(p),
    enabled,
    queryFn: async () =>
      body(await api.GET("/api/v1/jp-shortfall", { params: { query: { year: p.year, ...scope(p.agencyId, p.unitId), page: p.page, per_page: p.perPage } } })),
    placeholderData: keepPreviousData,
  });
}

/** Downloads those still short of 20 JP as XLSX through the API client (so with the session's token). */
export function useDownloadShortfall() {
  return useMutation({
    mutationFn: async ({ agencyId, year, unitId }: { agencyId: string | null; year: number; unitId: string | null }) => {
      const { data, response } = await api.GET("/api/v1/jp-shortfall/export", {
        params: { query: { year, ...scope(agencyId, unitId), format: "xlsx" } },
        parseAs: "blob",
      });
      if (!data) throw new Error("empty response");
      saveBlob(data, fileNameOf(response, `kekurangan-jp-${year}.xlsx`));
    },
  });
}

// ---- org units (for narrowing the dashboard to a unit)

export function useUnitChoices(agencyId: string | null, q: string) {
  return useQuery({
    queryKey: jpKeys.units(agencyId, q),
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
    queryKey: jpKeys.unit(id ?? ""),
    enabled: id !== null,
    queryFn: async () => body(await api.GET("/api/v1/org-units/{id}", { params: { path: { id: id ?? "" } } })),
  });
}
