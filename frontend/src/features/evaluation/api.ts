// Server state of training evaluation by Kirkpatrick's levels 1-3: a participant's reactions
// (level 1) still to give and giving one, the evaluation report of a session and of a programme
// (reaction, learning from the pre- and post-test, behaviour follow-up), the follow-up tasks of
// participants and supervisors (level 3) with their answers, the administrators' list of them,
// the scheduler run on demand and the agency's follow-up settings. One key factory; a reaction
// changes the pending list and the reports, an answer or a scheduler run the tasks and reports.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../../api/client";
import { ApiProblem } from "../../api/problem";

export type PendingReaction = Schemas["PendingReactionResponse"];
export type ReactionRequest = Schemas["ReactionRequest"];
export type Reaction = Schemas["ReactionResponse"];
export type SessionEvaluation = Schemas["SessionEvaluationResponse"];
export type ProgrammeEvaluation = Schemas["ProgrammeEvaluationResponse"];
export type ProgrammeSessionRow = Schemas["ProgrammeSessionRow"];
export type ReactionSummary = Schemas["ReactionSummary"];
export type LearningRow = Schemas["LearningRowResponse"];
export type Gain = Schemas["GainResponse"];
export type Behaviour = Schemas["BehaviourReport"];
export type FollowUp = Schemas["FollowUpResponse"];
export type FollowUpStatus = Schemas["FollowUpStatus"];
export type FollowUpRole = Schemas["FollowUpRole"];
export type Usage = Schemas["Usage"];
export type GainBand = Schemas["GainBand"];
export type AnswerRequest = Schemas["AnswerFollowUpRequest"];
export type RunResult = Schemas["FollowUpRunResponse"];
export type Settings = Schemas["EvaluationSettingsResponse"];
export type SettingsRequest = Schemas["PutEvaluationSettingsRequest"];
export type Session = Schemas["SessionResponse"];
export type MyEnrolment = Schemas["MyEnrolmentResponse"];

/** The three aspects of a reaction, in the order the form asks them. */
export const ASPECTS = ["organisation", "trainers", "materials"] as const;
export type Aspect = (typeof ASPECTS)[number];
/** A reaction's scale, 1 (poor) to 5 (excellent). */
export const RATINGS = [1, 2, 3, 4, 5] as const;
export const USAGES: readonly Usage[] = ["not_used", "partly", "regularly"];
export const FOLLOW_UP_STATUSES: readonly FollowUpStatus[] = ["not_due", "open", "overdue", "answered"];
export const FOLLOW_UP_ROLES: readonly FollowUpRole[] = ["participant", "supervisor"];
export const GAIN_BANDS: readonly GainBand[] = ["high", "medium", "low"];
/** The statuses the administrators' list filters by ("all" sends none). */
export const LIST_STATUSES = ["overdue", "open", "answered", "all"] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];
/** Longest free text of a reaction or an answer, in characters. */
export const MAX_TEXT = 2000;
/** The follow-up window (months after completion) and the reminder interval (days) allowed. */
export const MONTHS = { min: 1, max: 24 } as const;
export const DAYS = { min: 1, max: 90 } as const;
/** The API's largest page: the sessions offered by the list's filter are fetched whole. */
const ALL = 200;

export type FollowUpParams = { agencyId: string | null; status: ListStatus; sessionId: string | null; page: number; perPage: number };

export const evaluationKeys = {
  all: ["evaluation"] as const,
  pendingReactions: () => [...evaluationKeys.all, "pending-reactions"] as const,
  myEnrolments: () => [...evaluationKeys.all, "my-enrolments"] as const,
  /** Everything computed from reactions, tests and follow-ups. */
  reports: () => [...evaluationKeys.all, "reports"] as const,
  session: (id: string) => [...evaluationKeys.reports(), "session", id] as const,
  programme: (id: string) => [...evaluationKeys.reports(), "programme", id] as const,
  followUps: () => [...evaluationKeys.all, "follow-ups"] as const,
  myFollowUps: () => [...evaluationKeys.followUps(), "mine"] as const,
  followUpList: (p: FollowUpParams) => [...evaluationKeys.followUps(), "list", p] as const,
  settings: (agencyId: string | null) => [...evaluationKeys.all, "settings", agencyId] as const,
  sessionOptions: (agencyId: string | null) => [...evaluationKeys.all, "sessions", agencyId] as const,
};

/** The body of a successful response (failures have already been thrown as ApiProblem). */
function body<T>(r: { data?: T }): T {
  if (r.data === undefined) throw new Error("empty response");
  return r.data;
}

// ---- level 1: reactions

/** The caller's sessions whose reaction is open and not yet given. */
export function usePendingReactions(enabled = true) {
  return useQuery({
    queryKey: evaluationKeys.pendingReactions(),
    enabled,
    queryFn: async () => body(await api.GET("/api/v1/me/reactions/pending")),
  });
}

/** The caller's own enrolments: what a session is called when it is no longer pending. */
export function useMyEnrolments(enabled = true) {
  return useQuery({
    queryKey: evaluationKeys.myEnrolments(),
    enabled,
    queryFn: async () => body(await api.GET("/api/v1/me/learning")),
  });
}

export function useSubmitReaction(sessionId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (b: ReactionRequest) => body(await api.POST("/api/v1/sessions/{id}/reaction", { params: { path: { id: sessionId } }, body: b })),
    // Once given (now or before), the session leaves the pending list at once, so that
    // "Pembelajaran Saya" no longer invites it while the list is fetched afresh there.
    onSettled: (saved, error) => {
      if (saved || (error instanceof ApiProblem && error.code === "already_submitted")) {
        qc.setQueryData<PendingReaction[]>(evaluationKeys.pendingReactions(), (old) => old?.filter((p) => p.session_id !== sessionId));
      }
      return Promise.all([
        qc.invalidateQueries({ queryKey: evaluationKeys.pendingReactions(), refetchType: "none" }),
        qc.invalidateQueries({ queryKey: evaluationKeys.reports() }),
      ]);
    },
  });
}

// ---- the reports

export function useSessionEvaluation(id: string) {
  return useQuery({
    queryKey: evaluationKeys.session(id),
    queryFn: async () => body(await api.GET("/api/v1/sessions/{id}/evaluation", { params: { path: { id } } })),
  });
}

export function useProgrammeEvaluation(id: string) {
  return useQuery({
    queryKey: evaluationKeys.programme(id),
    queryFn: async () => body(await api.GET("/api/v1/programmes/{id}/evaluation", { params: { path: { id } } })),
  });
}

// ---- level 3: follow-ups

/** The caller's follow-ups as participant and as supervisor, open ones first. */
export function useMyFollowUps(enabled = true) {
  return useQuery({
    queryKey: evaluationKeys.myFollowUps(),
    enabled,
    queryFn: async () => body(await api.GET("/api/v1/me/follow-ups")),
  });
}

export function useAnswerFollowUp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, b }: { id: string; b: AnswerRequest }) => body(await api.PUT("/api/v1/follow-ups/{id}", { params: { path: { id } }, body: b })),
    onSuccess: (saved) => {
      qc.setQueryData<FollowUp[]>(evaluationKeys.myFollowUps(), (old) => old?.map((f) => (f.id === saved.id ? saved : f)));
      return Promise.all([qc.invalidateQueries({ queryKey: evaluationKeys.followUps() }), qc.invalidateQueries({ queryKey: evaluationKeys.reports() })]);
    },
  });
}

/** The agency's follow-ups, oldest due first. */
export function useFollowUps(p: FollowUpParams, enabled = true) {
  return useQuery({
    queryKey: evaluationKeys.followUpList(p),
    enabled,
    queryFn: async () =>
      body(
        await api.GET("/api/v1/follow-ups", {
          params: {
            query: {
              agency_id: p.agencyId ?? undefined,
              status: p.status === "all" ? undefined : p.status,
              session_id: p.sessionId ?? undefined,
              page: p.page,
              per_page: p.perPage,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Runs the scheduler now: for the agency named, else the caller's (super admins: every agency). */
export function useRunFollowUps() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (agencyId: string | null) => body(await api.POST("/api/v1/follow-ups/run", { params: { query: { agency_id: agencyId ?? undefined } } })),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: evaluationKeys.followUps() }), qc.invalidateQueries({ queryKey: evaluationKeys.reports() })]),
  });
}

/** The sessions of the agency, newest first, for the list's filter. */
export function useSessionOptions(agencyId: string | null, enabled = true) {
  return useQuery({
    queryKey: evaluationKeys.sessionOptions(agencyId),
    enabled,
    queryFn: async () => body(await api.GET("/api/v1/sessions", { params: { query: { agency_id: agencyId ?? undefined, per_page: ALL } } })).items,
    staleTime: 60_000,
  });
}

// ---- settings

export function useSettings(agencyId: string | null, enabled = true) {
  return useQuery({
    queryKey: evaluationKeys.settings(agencyId),
    enabled,
    queryFn: async () => body(await api.GET("/api/v1/evaluation-settings", { params: { query: { agency_id: agencyId ?? undefined } } })),
  });
}

/** Saves the settings of the agency shown under `agencyId` (the session's choice). */
export function usePutSettings(agencyId: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (b: SettingsRequest) => body(await api.PUT("/api/v1/evaluation-settings", { body: b })),
    onSuccess: (saved) => qc.setQueryData(evaluationKeys.settings(agencyId), saved),
  });
}
