// Server state of the SKP feature (Sasaran Kinerja Pegawai, the yearly performance plan of
// PermenPANRB 6/2022): the caller's own plan of a year, one plan by id (the rater and
// administrators open their reports' plans), its history and its PDF, and the caller's team.
// The plan names its employee and rater and lists the rater's results of the year, so nothing
// is looked up elsewhere. Most changes answer the whole plan as the caller sees it (its allowed
// steps included), which replaces the cached one; feedback and evidence files answer only
// themselves, and the plan is fetched again. The team list and the history are refetched after
// each change.
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../../api/client";
import { fileNameOf, saveBlob } from "../../api/download";
import { ApiProblem } from "../../api/problem";

export type Plan = Schemas["SkpPlanResponse"];
export type Result = Schemas["SkpResultResponse"];
export type Realisation = Schemas["SkpRealisationResponse"];
export type Feedback = Schemas["SkpFeedbackResponse"];
export type ResultInput = Schemas["SkpResultRequest"];
export type StepRequest = Schemas["SkpStepRequest"];
export type PlanState = Schemas["SkpState"];
export type Step = Schemas["SkpStep"];
export type Rating = Schemas["Rating"];
export type Predikat = Schemas["Predikat"];
export type Section = Schemas["SkpSection"];
export type Approach = Schemas["SkpApproach"];
export type TeamItem = Schemas["TeamSkpItem"];
export type RaterResult = Schemas["SkpRaterResultResponse"];
export type BehaviourValue = Schemas["BerakhlakValue"];
export type Behaviour = Schemas["SkpBehaviourResponse"];
export type ExpectationInput = Schemas["SkpExpectationRequest"];
export type Periodic = Schemas["SkpPeriodicResponse"];
export type PeriodicInput = Schemas["PutSkpPeriodicRequest"];
export type Evidence = Schemas["SkpEvidenceResponse"];
export type HistoryEvent = Schemas["SkpHistoryEventResponse"];
export type Credit = Schemas["SkpCreditResponse"];

/** The states in workflow order. */
export const STATES: readonly PlanState[] = ["draft", "agreed", "in_progress", "evaluated", "final"];
/** The three levels of both ratings, best first. */
export const RATINGS: readonly Rating[] = ["above", "as_expected", "below"];
/** The five predikat, best first. */
export const PREDIKATS: readonly Predikat[] = ["sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"];
export const STEPS: readonly Step[] = ["agree", "reopen", "start", "evaluate", "return_evaluation", "finalise"];
export const SECTIONS: readonly Section[] = ["main", "additional"];
export const APPROACHES: readonly Approach[] = ["quantitative", "qualitative"];
/** The seven BerAKHLAK core values of work behaviour, in the official order. */
export const BEHAVIOUR_VALUES: readonly BehaviourValue[] = ["berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif"];
/** Triwulan I–IV. */
export const QUARTERS = [1, 2, 3, 4] as const;
/** At most this many results in a plan (the API's limit). */
export const MAX_RESULTS = 100;
/** At most this many evidence files on one realisation (the API's limit). */
export const MAX_EVIDENCE_FILES = 10;

export const skpKeys = {
  all: ["skp"] as const,
  /** Everything holding plans: the caller's own, plans by id, team lists. */
  plans: () => [...skpKeys.all, "plans"] as const,
  mine: (year: number) => [...skpKeys.plans(), "mine", year] as const,
  plan: (id: string) => [...skpKeys.plans(), "plan", id] as const,
  team: (year: number) => [...skpKeys.plans(), "team", year] as const,
  history: (id: string) => [...skpKeys.all, "history", id] as const,
};

/** The body of a successful response (failures have already been thrown as ApiProblem). */
function body<T>(r: { data?: T }): T {
  if (r.data === undefined) throw new Error("empty response");
  return r.data;
}

/** Keeps a plan the API answered: by id, as the caller's own of its year when it is, and the team lists and its history anew. */
function remember(qc: QueryClient, plan: Plan, mine: boolean) {
  qc.setQueryData(skpKeys.plan(plan.id), plan);
  if (mine) qc.setQueryData(skpKeys.mine(plan.year), plan);
  else if (qc.getQueryData<Plan | null>(skpKeys.mine(plan.year))?.id === plan.id) qc.setQueryData(skpKeys.mine(plan.year), plan);
  void qc.invalidateQueries({ queryKey: [...skpKeys.plans(), "team"] });
  void qc.invalidateQueries({ queryKey: skpKeys.history(plan.id) });
}

/** Fetches a plan again after a change that answered only itself (feedback, an evidence file), and its history. */
function refetchPlan(qc: QueryClient, plan: Pick<Plan, "id" | "year">) {
  return Promise.all([
    qc.invalidateQueries({ queryKey: skpKeys.plan(plan.id) }),
    qc.invalidateQueries({ queryKey: skpKeys.mine(plan.year) }),
    qc.invalidateQueries({ queryKey: skpKeys.history(plan.id) }),
  ]);
}

// ---- plans

/** The caller's own plan of `year`; null when they have none (the API's 404). */
export function useMyPlan(year: number, enabled = true) {
  return useQuery({
    queryKey: skpKeys.mine(year),
    enabled,
    queryFn: async (): Promise<Plan | null> => {
      try {
        return body(await api.GET("/api/v1/me/skp", { params: { query: { year } } }));
      } catch (err) {
        if (err instanceof ApiProblem && err.status === 404) return null;
        throw err;
      }
    },
    // Feedback and steps come from someone else: what the API says now, not what was seen before.
    staleTime: 0,
  });
}

export function usePlan(id: string) {
  return useQuery({
    queryKey: skpKeys.plan(id),
    queryFn: async () => body(await api.GET("/api/v1/skp-plans/{id}", { params: { path: { id } } })),
    staleTime: 0,
  });
}

export function useCreatePlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (year: number) => body(await api.POST("/api/v1/skp-plans", { body: { year } })),
    onSuccess: (plan) => remember(qc, plan, true),
  });
}

export function usePutResults(plan: Pick<Plan, "id">, mine: boolean) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (results: ResultInput[]) => body(await api.PUT("/api/v1/skp-plans/{id}/results", { params: { path: { id: plan.id } }, body: { results } })),
    onSuccess: (p) => remember(qc, p, mine),
  });
}

export function useTakeStep(plan: Pick<Plan, "id">, mine: boolean) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (b: StepRequest) => body(await api.POST("/api/v1/skp-plans/{id}/steps", { params: { path: { id: plan.id } }, body: b })),
    onSuccess: (p) => remember(qc, p, mine),
  });
}

export type RealisationInput = { resultId: string; quarter: number; realisation: string; evidenceUrl: string | null };

export function usePutRealisation(mine: boolean) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ resultId, quarter, realisation, evidenceUrl }: RealisationInput) =>
      body(
        await api.PUT("/api/v1/skp-results/{id}/realisations/{quarter}", {
          params: { path: { id: resultId, quarter } },
          body: { realisation, evidence_url: evidenceUrl },
        }),
      ),
    onSuccess: (p) => remember(qc, p, mine),
  });
}

export type FeedbackInput = { text: string; resultId: string | null };

/** Feedback answers only itself: the plan is fetched again to show it in place. */
export function useAddFeedback(plan: Pick<Plan, "id" | "year">) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ text, resultId }: FeedbackInput) =>
      body(
        await api.POST("/api/v1/skp-plans/{id}/feedback", {
          params: { path: { id: plan.id } },
          body: resultId ? { text, result_id: resultId } : { text },
        }),
      ),
    onSuccess: () => refetchPlan(qc, plan),
  });
}

/** The leader's expectations of the seven BerAKHLAK values (owner or rater, while the plan is a draft). */
export function usePutBehaviours(plan: Pick<Plan, "id">, mine: boolean) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (expectations: ExpectationInput[]) =>
      body(await api.PUT("/api/v1/skp-plans/{id}/behaviours", { params: { path: { id: plan.id } }, body: { expectations } })),
    onSuccess: (p) => remember(qc, p, mine),
  });
}

/** The rater's evaluation of one quarter (agreed or in progress). */
export function usePutPeriodic(plan: Pick<Plan, "id">) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ quarter, ...b }: PeriodicInput & { quarter: number }) =>
      body(await api.PUT("/api/v1/skp-plans/{id}/periodic/{quarter}", { params: { path: { id: plan.id, quarter } }, body: b })),
    onSuccess: (p) => remember(qc, p, false),
  });
}

// ---- evidence files (bukti dukung) of a realisation

/** Uploads a file as the `file` part of a multipart form, with its own type; its name goes in the query too, as the API reads it first. */
export function useUploadEvidence(plan: Pick<Plan, "id" | "year">) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ realisationId, file }: { realisationId: string; file: File }) => {
      const form = new FormData();
      form.append("file", file, file.name);
      return body(
        await api.POST("/api/v1/skp-realisations/{id}/evidence", {
          params: { path: { id: realisationId }, query: { file_name: file.name } },
          // The form itself, not JSON: the browser sets its type and boundary.
          body: form as unknown as Schemas["SkpEvidenceForm"],
        }),
      );
    },
    onSuccess: () => refetchPlan(qc, plan),
  });
}

export function useDeleteEvidence(plan: Pick<Plan, "id" | "year">) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await api.DELETE("/api/v1/skp-evidence/{id}", { params: { path: { id } } });
    },
    onSuccess: () => refetchPlan(qc, plan),
  });
}

/** An evidence file's content, fetched with the session's token (the content is not public). */
export async function fetchEvidence(e: Pick<Evidence, "id">): Promise<Blob> {
  const r = await api.GET("/api/v1/skp-evidence/{id}/content", { params: { path: { id: e.id } }, parseAs: "blob" });
  if (!r.data) throw new Error("empty response");
  return r.data;
}

// ---- the plan's history and its document

/** Every change to the plan, oldest first; read when asked for. */
export function usePlanHistory(id: string, enabled = true) {
  return useQuery({
    queryKey: skpKeys.history(id),
    enabled,
    queryFn: async () => body(await api.GET("/api/v1/skp-plans/{id}/history", { params: { path: { id } } })),
    staleTime: 0,
  });
}

/** The SKP form as a PDF, saved under the name the server suggests. */
export function useDownloadPdf() {
  return useMutation({
    mutationFn: async (plan: Pick<Plan, "id" | "year">) => {
      const r = await api.GET("/api/v1/skp-plans/{id}/pdf", { params: { path: { id: plan.id } }, parseAs: "blob" });
      if (!r.data) throw new Error("empty response");
      saveBlob(r.data, fileNameOf(r.response, `skp-${plan.year}.pdf`));
    },
  });
}

// ---- the team

/** The caller's direct reports, each with their plan of `year` or null. */
export function useTeam(year: number, enabled = true) {
  return useQuery({
    queryKey: skpKeys.team(year),
    enabled,
    queryFn: async () => body(await api.GET("/api/v1/me/team-skp", { params: { query: { year } } })),
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
}
