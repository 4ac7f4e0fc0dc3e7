// Server state of the competency feature (AKPK): the dictionary, position standards, settings,
// assessments, gaps and training needs. One key factory; every mutation invalidates the keys
// whose data it changes (an assessment changes every gap, heat map and need list).
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../../api/client";
import { fileNameOf, saveBlob } from "../../api/download";

export type Competency = Schemas["CompetencyResponse"];
export type CompetencyRef = Schemas["CompetencyRef"];
export type CompetencyGroup = Schemas["CompetencyGroup"];
export type Level = Schemas["LevelBody"];
export type AssessmentMethod = Schemas["AssessmentMethod"];
export type Assessment = Schemas["AssessmentResponse"];
export type EmployeeGap = Schemas["EmployeeGapResponse"];
export type GapItem = Schemas["GapItemResponse"];
export type JobPersonMatch = Schemas["JobPersonMatchResponse"];
export type MatchCategory = Schemas["MatchCategory"];
export type UnitGaps = Schemas["UnitGapsResponse"];
export type HeatRow = Schemas["HeatRow"];
export type HeatCell = Schemas["HeatCell"];
export type TrainingNeeds = Schemas["TrainingNeedsResponse"];
export type TrainingNeed = Schemas["TrainingNeedResponse"];
export type Contribution = Schemas["ContributionResponse"];
export type NeedSignal = Schemas["NeedSignal"];
export type Settings = Schemas["CompetencySettingsBody"];
export type ManagerialDefaults = Schemas["ManagerialDefaultsBody"];
export type NeedWeights = Schemas["NeedWeightsBody"];
export type PositionStandard = Schemas["PositionStandardResponse"];
export type StandardEntry = Schemas["StandardEntryResponse"];
export type StandardItem = Schemas["StandardItem"];
export type Position = Schemas["PositionResponse"];
export type Unit = Schemas["OrgUnitResponse"];
export type CreateCompetency = Schemas["CreateCompetencyRequest"];
export type UpdateCompetency = Schemas["UpdateCompetencyRequest"];
export type CreateAssessment = Schemas["CreateAssessmentRequest"];
export type PlanItem = Schemas["PlanItemResponse"];
export type PlanItemRequest = Schemas["PlanItemRequest"];
export type ActivityKind = Schemas["ActivityKind"];
export type DevelopmentForm = Schemas["DevelopmentForm"];
export type Session = Schemas["SessionResponse"];
export type EnrolResult = Schemas["EnrolResult"];

export const GROUPS: readonly CompetencyGroup[] = ["managerial", "socio_cultural", "technical"];
export const METHODS: readonly AssessmentMethod[] = ["assessment_centre", "test", "supervisor", "self", "imported"];
export const SIGNALS: readonly NeedSignal[] = ["gap", "depth", "survey", "performance", "citizen"];
export const LEVELS = [1, 2, 3, 4, 5] as const;
/** The kinds of development activity by form (Peraturan LAN 10/2018): the form follows the kind. */
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
export const formOf = (k: ActivityKind): DevelopmentForm => (CLASSICAL_KINDS.includes(k) ? "classical" : "non_classical");
/** The posts of the managerial defaults, in the order of the settings form. */
export const POSTS: readonly (keyof ManagerialDefaults)[] = [
  "jpt_madya",
  "jpt_pratama",
  "administrator",
  "pengawas",
  "pelaksana",
  "ahli_utama",
  "ahli_madya",
  "ahli_muda",
  "ahli_pertama",
  "skilled",
];

/** The API's largest page: reference lists (competencies, units) are fetched whole. */
const ALL = 200;
/** Assessments shown per page of an employee's history. */
export const HISTORY_PAGE_SIZE = 20;
/** Units offered by the unit select for one search. */
export const UNIT_CHOICES = 100;

export type DictionaryParams = { agencyId: string | null; q: string; group: CompetencyGroup | null; includeRetired: boolean; page: number; perPage: number };
export type PositionParams = { agencyId: string | null; q: string; page: number; perPage: number };
export type PlanParams = { agencyId: string | null; year: number; page: number; perPage: number };

export const competencyKeys = {
  all: ["competency"] as const,
  dictionary: () => [...competencyKeys.all, "dictionary"] as const,
  list: (p: DictionaryParams) => [...competencyKeys.dictionary(), "list", p] as const,
  /** Every competency visible to the caller (for columns, selects and names). */
  options: (agencyId: string | null) => [...competencyKeys.dictionary(), "options", agencyId] as const,
  detail: (id: string) => [...competencyKeys.dictionary(), "detail", id] as const,
  standards: () => [...competencyKeys.all, "standards"] as const,
  standard: (positionId: string) => [...competencyKeys.standards(), positionId] as const,
  positions: (p: PositionParams) => [...competencyKeys.all, "positions", p] as const,
  settings: (agencyId: string | null) => [...competencyKeys.all, "settings", agencyId] as const,
  units: (agencyId: string | null, q: string) => [...competencyKeys.all, "units", { agencyId, q }] as const,
  unit: (id: string) => [...competencyKeys.all, "unit", id] as const,
  /** Everything computed from assessments and standards. */
  results: () => [...competencyKeys.all, "results"] as const,
  employeeGap: (employeeId: string) => [...competencyKeys.results(), "employee", employeeId] as const,
  assessments: (employeeId: string, page: number) => [...competencyKeys.results(), "assessments", employeeId, page] as const,
  unitGaps: (unitId: string) => [...competencyKeys.results(), "unit", unitId] as const,
  needs: (agencyId: string | null, unitId: string | null) => [...competencyKeys.results(), "needs", { agencyId, unitId }] as const,
  /** The development plan (AKPK). */
  plans: () => [...competencyKeys.all, "plan"] as const,
  plan: (p: PlanParams) => [...competencyKeys.plans(), p] as const,
  /** Sessions (angkatan) a need's staff can be enrolled in, and the programmes for a competency. */
  enrolment: () => [...competencyKeys.all, "enrolment"] as const,
  programmesFor: (agencyId: string | null, competencyId: string) => [...competencyKeys.enrolment(), "programmes", { agencyId, competencyId }] as const,
  sessions: (agencyId: string | null, programmeId: string | null, from: string) => [...competencyKeys.enrolment(), "sessions", { agencyId, programmeId, from }] as const,
};

/** The body of a successful response (failures have already been thrown as ApiProblem). */
function body<T>(r: { data?: T }): T {
  if (r.data === undefined) throw new Error("empty response");
  return r.data;
}

// ---- dictionary

export function useCompetencies(p: DictionaryParams) {
  return useQuery({
    queryKey: competencyKeys.list(p),
    queryFn: async () =>
      body(
        await api.GET("/api/v1/competencies", {
          params: {
            query: {
              agency_id: p.agencyId ?? undefined,
              q: p.q || undefined,
              group: p.group ?? undefined,
              include_retired: p.includeRetired || undefined,
              page: p.page,
              per_page: p.perPage,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Orders competencies as the matrix and the charts show them: national first, then by code. */
export function byCatalogue<T extends { code: string; group: CompetencyGroup }>(a: T, b: T): number {
  const national = (c: T) => (c.group === "technical" ? 1 : 0);
  return national(a) - national(b) || a.code.localeCompare(b.code, undefined, { numeric: true });
}

/** Every competency of the agency (national and technical, retired ones too), ordered. */
export function useCompetencyOptions(agencyId: string | null, enabled = true) {
  return useQuery({
    queryKey: competencyKeys.options(agencyId),
    enabled,
    queryFn: async () => {
      const page = body(
        await api.GET("/api/v1/competencies", {
          params: { query: { agency_id: agencyId ?? undefined, include_retired: true, per_page: ALL } },
        }),
      );
      return [...page.items].sort(byCatalogue);
    },
    staleTime: 5 * 60_000,
  });
}

export function useCompetency(id: string | null) {
  return useQuery({
    queryKey: competencyKeys.detail(id ?? ""),
    enabled: id !== null,
    queryFn: async () => body(await api.GET("/api/v1/competencies/{id}", { params: { path: { id: id ?? "" } } })),
  });
}

export function useCreateCompetency() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (b: CreateCompetency) => body(await api.POST("/api/v1/competencies", { body: b })),
    onSuccess: () => qc.invalidateQueries({ queryKey: competencyKeys.dictionary() }),
  });
}

/** Changes, retires or reinstates a competency; retiring takes it out of standards and gaps. */
export function useUpdateCompetency() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, patch }: { id: string; patch: UpdateCompetency }) =>
      body(await api.PATCH("/api/v1/competencies/{id}", { params: { path: { id } }, body: patch })),
    onSuccess: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: competencyKeys.dictionary() }),
        qc.invalidateQueries({ queryKey: competencyKeys.standards() }),
        qc.invalidateQueries({ queryKey: competencyKeys.results() }),
      ]);
    },
  });
}

// ---- standards

export function usePositions(p: PositionParams, enabled = true) {
  return useQuery({
    queryKey: competencyKeys.positions(p),
    enabled,
    queryFn: async () =>
      body(
        await api.GET("/api/v1/positions", {
          params: { query: { agency_id: p.agencyId ?? undefined, q: p.q || undefined, active: true, sort: "title", page: p.page, per_page: p.perPage } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

const standardQuery = (positionId: string) => ({
  queryKey: competencyKeys.standard(positionId),
  queryFn: async () => body(await api.GET("/api/v1/positions/{id}/competency-standard", { params: { path: { id: positionId } } })),
});

/** The standards of several positions (one matrix page), one request each. */
export function useStandards(positionIds: string[]) {
  return useQueries({ queries: positionIds.map(standardQuery) });
}

export function usePutStandard() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ positionId, standards }: { positionId: string; standards: StandardItem[] }) =>
      body(await api.PUT("/api/v1/positions/{id}/competency-standard", { params: { path: { id: positionId } }, body: { standards } })),
    onSuccess: async (saved) => {
      qc.setQueryData(competencyKeys.standard(saved.position_id), saved);
      await qc.invalidateQueries({ queryKey: competencyKeys.results() });
    },
  });
}

// ---- settings

export function useSettings(agencyId: string | null, enabled = true) {
  return useQuery({
    queryKey: competencyKeys.settings(agencyId),
    enabled,
    queryFn: async () => body(await api.GET("/api/v1/competency-settings", { params: { query: { agency_id: agencyId ?? undefined } } })),
  });
}

/** Saving the settings changes default standards and so every gap and need. */
export function usePutSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (b: Settings) => body(await api.PUT("/api/v1/competency-settings", { body: b })),
    onSuccess: async (saved, sent) => {
      qc.setQueryData(competencyKeys.settings(sent.agency_id ?? null), saved);
      await Promise.all([qc.invalidateQueries({ queryKey: competencyKeys.standards() }), qc.invalidateQueries({ queryKey: competencyKeys.results() })]);
    },
  });
}

// ---- assessments and gaps

export function useEmployeeGap(employeeId: string) {
  return useQuery({
    queryKey: competencyKeys.employeeGap(employeeId),
    queryFn: async () => body(await api.GET("/api/v1/employees/{id}/competency-gap", { params: { path: { id: employeeId } } })),
  });
}

export function useAssessments(employeeId: string, page: number) {
  return useQuery({
    queryKey: competencyKeys.assessments(employeeId, page),
    queryFn: async () =>
      body(
        await api.GET("/api/v1/competency-assessments", {
          params: { query: { employee_id: employeeId, include_voided: true, page, per_page: HISTORY_PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCreateAssessment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (b: CreateAssessment) => body(await api.POST("/api/v1/competency-assessments", { body: b })),
    onSuccess: () => qc.invalidateQueries({ queryKey: competencyKeys.results() }),
  });
}

export function useVoidAssessment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, reason }: { id: string; reason: string }) =>
      body(await api.POST("/api/v1/competency-assessments/{id}/void", { params: { path: { id } }, body: { reason } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: competencyKeys.results() }),
  });
}

export function useUnitGaps(unitId: string | null) {
  return useQuery({
    queryKey: competencyKeys.unitGaps(unitId ?? ""),
    enabled: unitId !== null,
    queryFn: async () => body(await api.GET("/api/v1/org-units/{id}/competency-gaps", { params: { path: { id: unitId ?? "" } } })),
  });
}

export function useTrainingNeeds(agencyId: string | null, unitId: string | null, enabled = true) {
  return useQuery({
    queryKey: competencyKeys.needs(agencyId, unitId),
    enabled,
    queryFn: async () =>
      body(
        await api.GET("/api/v1/training-needs", {
          params: { query: unitId ? { org_unit_id: unitId } : { agency_id: agencyId ?? undefined } },
        }),
      ),
  });
}

// ---- org units (for choosing the unit of a heat map or a need list)

export function useUnitChoices(agencyId: string | null, q: string) {
  return useQuery({
    queryKey: competencyKeys.units(agencyId, q),
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
    queryKey: competencyKeys.unit(id ?? ""),
    enabled: id !== null,
    queryFn: async () => body(await api.GET("/api/v1/org-units/{id}", { params: { path: { id: id ?? "" } } })),
  });
}

/** The names of several units (a plan's), one cached request each. */
export function useUnits(ids: string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: competencyKeys.unit(id),
      queryFn: async () => body(await api.GET("/api/v1/org-units/{id}", { params: { path: { id } } })),
      staleTime: 5 * 60_000,
    })),
  });
}

// ---- the development plan (AKPK)

export function usePlan(p: PlanParams, enabled = true) {
  return useQuery({
    queryKey: competencyKeys.plan(p),
    enabled,
    queryFn: async () =>
      body(await api.GET("/api/v1/development-plan", { params: { query: { agency_id: p.agencyId ?? undefined, year: p.year, page: p.page, per_page: p.perPage } } })),
    placeholderData: keepPreviousData,
  });
}

export function useCreatePlanItem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (b: PlanItemRequest) => body(await api.POST("/api/v1/development-plan", { body: b })),
    onSuccess: () => qc.invalidateQueries({ queryKey: competencyKeys.plans() }),
  });
}

export function usePutPlanItem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, b }: { id: string; b: PlanItemRequest }) => body(await api.PUT("/api/v1/development-plan/{id}", { params: { path: { id } }, body: b })),
    onSuccess: () => qc.invalidateQueries({ queryKey: competencyKeys.plans() }),
  });
}

export function useDeletePlanItem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await api.DELETE("/api/v1/development-plan/{id}", { params: { path: { id } } });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: competencyKeys.plans() }),
  });
}

/** Downloads the year's plan as XLSX through the API client (so with the session's token). */
export function useDownloadPlan() {
  return useMutation({
    mutationFn: async ({ agencyId, year }: { agencyId: string | null; year: number }) => {
      const { data, response } = await api.GET("/api/v1/development-plan/export", {
        params: { query: { year, format: "xlsx", agency_id: agencyId ?? undefined } },
        parseAs: "blob",
      });
      if (!data) throw new Error("empty response");
      saveBlob(data, fileNameOf(response, `akpk-${year}.xlsx`));
    },
  });
}

// ---- enrolling a need's staff in a session (angkatan) of the learning feature's programmes

/** Today as `YYYY-MM-DD` in local time: sessions still running on or after it are offered. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

async function sessionsOf(agencyId: string | null, programmeId: string | null, from: string): Promise<Session[]> {
  const page = body(
    await api.GET("/api/v1/sessions", {
      params: { query: { agency_id: agencyId ?? undefined, programme_id: programmeId ?? undefined, from, per_page: ALL } },
    }),
  );
  return page.items;
}

/**
 * The sessions still running or to come that a need's staff can join: of the published
 * programmes aimed at `competencyId` (one request per programme), or of every programme when it is null.
 */
export function useSessionChoices(agencyId: string | null, competencyId: string | null) {
  const from = today();
  const programmes = useQuery({
    queryKey: competencyKeys.programmesFor(agencyId, competencyId ?? ""),
    enabled: competencyId !== null,
    queryFn: async () =>
      body(
        await api.GET("/api/v1/programmes", {
          params: { query: { agency_id: agencyId ?? undefined, competency_id: competencyId ?? undefined, status: "published", per_page: ALL } },
        }),
      ).items,
  });
  const programmeIds: (string | null)[] = competencyId === null ? [null] : (programmes.data ?? []).map((p) => p.id);
  const sessions = useQueries({
    queries: programmeIds.map((programmeId) => ({
      queryKey: competencyKeys.sessions(agencyId, programmeId, from),
      queryFn: () => sessionsOf(agencyId, programmeId, from),
    })),
  });
  const failed = (competencyId !== null && programmes.isError ? programmes : sessions.find((s) => s.isError)) ?? null;
  return {
    sessions: sessions.flatMap((s) => s.data ?? []).sort((a, b) => (a.start_date ?? "").localeCompare(b.start_date ?? "") || a.name.localeCompare(b.name)),
    isPending: (competencyId !== null && programmes.isPending) || sessions.some((s) => s.isPending),
    error: failed ? failed.error : null,
    refetch: () => {
      if (competencyId !== null && programmes.isError) void programmes.refetch();
      for (const s of sessions) if (s.isError) void s.refetch();
    },
  };
}

/** Enrols staff in a session from the training needs; places first, then the waiting list. */
export function useEnrolFromNeeds() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ sessionId, employeeIds }: { sessionId: string; employeeIds: string[] }) =>
      body(await api.POST("/api/v1/sessions/{id}/enrolments", { params: { path: { id: sessionId } }, body: { employee_ids: employeeIds, source: "training_needs" } })),
    // The sessions' counts of participants change.
    onSuccess: () => qc.invalidateQueries({ queryKey: competencyKeys.enrolment() }),
  });
}
