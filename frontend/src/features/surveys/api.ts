// Server state of the needs surveys (Survei Kebutuhan): the admin's surveys, their results,
// every employee's own survey tasks, and a public survey answered anonymously through its link. One key factory; every mutation invalidates what it changes
// (opening a survey creates tasks, answering one changes the results).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../../api/client";

export type Survey = Schemas["SurveyResponse"];
export type SurveySummary = Schemas["SurveySummary"];
export type SurveyRequest = Schemas["SurveyRequest"];
export type QuestionBody = Schemas["QuestionBody"];
export type Question = Schemas["QuestionResponse"];
export type QuestionKind = Schemas["QuestionKind"];
export type Audience = Schemas["SurveyAudience"];
export type Results = Schemas["SurveyResultsResponse"];
export type QuestionResult = Schemas["QuestionResultResponse"];
export type Task = Schemas["SurveyTaskResponse"];
export type TaskDetail = Schemas["SurveyTaskDetailResponse"];
/** What the answer form needs of a task's survey. */
export type TaskSurvey = { title: string; description?: string | null; questions: Question[] };
export type Answer = Schemas["AnswerBody"];
/** A public survey as anyone holding its link sees it. */
export type PublicSurvey = Schemas["PublicSurveyResponse"];
export type Competency = Schemas["CompetencyResponse"];
export type Unit = Schemas["OrgUnitResponse"];

export const STATUSES = ["draft", "open", "closed"] as const;
export type Status = (typeof STATUSES)[number];
export const AUDIENCES: readonly Audience[] = ["employees", "supervisors", "public"];
export const KINDS: readonly QuestionKind[] = ["likert", "single_choice", "multiple_choice", "text"];
/** The Likert scale. */
export const SCALE = [1, 2, 3, 4, 5] as const;
export const isStatus = (v: string): v is Status => (STATUSES as readonly string[]).includes(v);
/** Whether a kind of question has options to choose from. */
export const hasOptions = (k: QuestionKind) => k === "single_choice" || k === "multiple_choice";

/** The API's largest page: reference lists (competencies) are fetched whole. */
const ALL = 200;
/** Units offered by the unit select for one search. */
export const UNIT_CHOICES = 100;

export type ListParams = { agencyId: string | null; status: Status | null; page: number; perPage: number };

export const surveyKeys = {
  all: ["surveys"] as const,
  admin: () => [...surveyKeys.all, "admin"] as const,
  list: (p: ListParams) => [...surveyKeys.admin(), "list", p] as const,
  detail: (id: string) => [...surveyKeys.admin(), "detail", id] as const,
  results: (id: string, unitId: string | null) => [...surveyKeys.admin(), "results", id, unitId] as const,
  /** The signed-in employee's tasks. */
  tasks: () => [...surveyKeys.all, "tasks"] as const,
  task: (id: string) => [...surveyKeys.tasks(), "detail", id] as const,
  /** A public survey by the token of its link. */
  public: (token: string) => [...surveyKeys.all, "public", token] as const,
  competencies: (agencyId: string | null) => [...surveyKeys.all, "competencies", agencyId] as const,
  units: (agencyId: string | null, q: string) => [...surveyKeys.all, "units", { agencyId, q }] as const,
  unit: (id: string) => [...surveyKeys.all, "unit", id] as const,
};

/** The body of a successful response (failures have already been thrown as ApiProblem). */
function body<T>(r: { data?: T }): T {
  if (r.data === undefined) throw new Error("empty response");
  return r.data;
}

// ---- the admin's surveys

export function useSurveys(p: ListParams, enabled = true) {
  return useQuery({
    queryKey: surveyKeys.list(p),
    enabled,
    queryFn: async () =>
      body(
        await api.GET("/api/v1/surveys", {
          params: { query: { agency_id: p.agencyId ?? undefined, status: p.status ?? undefined, page: p.page, per_page: p.perPage } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useSurvey(id: string | null) {
  return useQuery({
    queryKey: surveyKeys.detail(id ?? ""),
    enabled: id !== null,
    queryFn: async () => body(await api.GET("/api/v1/surveys/{id}", { params: { path: { id: id ?? "" } } })),
  });
}

export function useCreateSurvey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (b: SurveyRequest) => body(await api.POST("/api/v1/surveys", { body: b })),
    onSuccess: (saved) => {
      qc.setQueryData(surveyKeys.detail(saved.id), saved);
      return qc.invalidateQueries({ queryKey: [...surveyKeys.admin(), "list"] });
    },
  });
}

export function usePutSurvey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, b }: { id: string; b: SurveyRequest }) => body(await api.PUT("/api/v1/surveys/{id}", { params: { path: { id } }, body: b })),
    onSuccess: (saved) => {
      qc.setQueryData(surveyKeys.detail(saved.id), saved);
      return qc.invalidateQueries({ queryKey: [...surveyKeys.admin(), "list"] });
    },
  });
}

/** Opening sends the tasks (and changes the status, the results, the needs' survey signal). */
export function useOpenSurvey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => body(await api.POST("/api/v1/surveys/{id}/open", { params: { path: { id } } })),
    onSuccess: (opened) => {
      qc.setQueryData(surveyKeys.detail(opened.survey.id), opened.survey);
      return Promise.all([qc.invalidateQueries({ queryKey: surveyKeys.admin() }), qc.invalidateQueries({ queryKey: surveyKeys.tasks() })]);
    },
  });
}

export function useCloseSurvey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => body(await api.POST("/api/v1/surveys/{id}/close", { params: { path: { id } } })),
    onSuccess: (closed) => {
      qc.setQueryData(surveyKeys.detail(closed.id), closed);
      return Promise.all([qc.invalidateQueries({ queryKey: surveyKeys.admin() }), qc.invalidateQueries({ queryKey: surveyKeys.tasks() })]);
    },
  });
}

export function useResults(id: string, unitId: string | null) {
  return useQuery({
    queryKey: surveyKeys.results(id, unitId),
    queryFn: async () =>
      body(await api.GET("/api/v1/surveys/{id}/results", { params: { path: { id }, query: { org_unit_id: unitId ?? undefined } } })),
    placeholderData: keepPreviousData,
  });
}

// ---- the signed-in employee's tasks

export function useMyTasks(enabled = true) {
  return useQuery({
    queryKey: surveyKeys.tasks(),
    enabled,
    queryFn: async () => body(await api.GET("/api/v1/me/survey-tasks")),
  });
}

export function useTask(id: string) {
  return useQuery({
    queryKey: surveyKeys.task(id),
    queryFn: async (): Promise<TaskSurvey> => {
      const d = body(await api.GET("/api/v1/survey-tasks/{id}", { params: { path: { id } } }));
      return { title: d.task.title, description: d.task.description, questions: d.questions };
    },
  });
}

export function useAnswerTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, answers }: { id: string; answers: Answer[] }) =>
      body(await api.POST("/api/v1/survey-tasks/{id}/response", { params: { path: { id } }, body: { answers } })),
    // The task list knows at once; the refetches are not awaited, so the form moves on at once
    // instead of turning into "already answered" first.
    onSuccess: (sent, { id }) => {
      qc.setQueryData<Task[]>(surveyKeys.tasks(), (tasks) => tasks?.map((t) => (t.id === id ? { ...t, submitted_at: sent.submitted_at } : t)));
      void qc.invalidateQueries({ queryKey: surveyKeys.tasks() });
      void qc.invalidateQueries({ queryKey: surveyKeys.admin() });
    },
  });
}

// ---- a public survey, answered anonymously by anyone holding its link (no session: the client
// sends no token to `/api/v1/public/…`)

export function usePublicSurvey(token: string) {
  return useQuery({
    queryKey: surveyKeys.public(token),
    queryFn: async () => body(await api.GET("/api/v1/public/surveys/{token}", { params: { path: { token } } })),
    // A survey being answered is not refetched under the respondent's hands.
    staleTime: Infinity,
  });
}

export function useAnswerPublicSurvey(token: string) {
  return useMutation({
    mutationFn: async (answers: Answer[]) =>
      body(await api.POST("/api/v1/public/surveys/{token}/responses", { params: { path: { token } }, body: { answers } })),
  });
}

// ---- reference data of the builder

/** Orders competencies as the dictionary does: national first, then by code. */
function byCatalogue(a: Competency, b: Competency): number {
  const national = (c: Competency) => (c.group === "technical" ? 1 : 0);
  return national(a) - national(b) || a.code.localeCompare(b.code, undefined, { numeric: true });
}

/** The agency's competencies in use (national and technical), for a question's competency. */
export function useCompetencies(agencyId: string | null, enabled = true) {
  return useQuery({
    queryKey: surveyKeys.competencies(agencyId),
    enabled,
    queryFn: async () => {
      const page = body(await api.GET("/api/v1/competencies", { params: { query: { agency_id: agencyId ?? undefined, per_page: ALL } } }));
      return [...page.items].sort(byCatalogue);
    },
    staleTime: 5 * 60_000,
  });
}

export function useUnitChoices(agencyId: string | null, q: string) {
  return useQuery({
    queryKey: surveyKeys.units(agencyId, q),
    enabled: agencyId !== null,
    queryFn: async () =>
      body(await api.GET("/api/v1/org-units", { params: { query: { agency_id: agencyId ?? undefined, q: q || undefined, sort: "tree", per_page: UNIT_CHOICES } } })),
    placeholderData: keepPreviousData,
  });
}

export function useUnit(id: string | null) {
  return useQuery({
    queryKey: surveyKeys.unit(id ?? ""),
    enabled: id !== null,
    queryFn: async () => body(await api.GET("/api/v1/org-units/{id}", { params: { path: { id: id ?? "" } } })),
    staleTime: 5 * 60_000,
  });
}
