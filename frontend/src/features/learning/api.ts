// Server state of learning (pembelajaran): the admin's programmes (program pelatihan) with their
// modules, materials and tests, the sessions (angkatan) that run them with their participants and
// attendance, an employee's own learning (enrolments, the module player, open sessions and
// recommendations), and the public verification of a certificate. One key factory; every mutation
// invalidates what it changes (a programme's modules and tests live in its detail; attendance,
// enrolments and completion change the participants and the employee's learning).
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../../api/client";
import { fileNameOf, saveBlob } from "../../api/download";

export type Programme = Schemas["ProgrammeResponse"];
export type ProgrammeDetail = Schemas["ProgrammeDetailResponse"];
export type ProgrammeRequest = Schemas["ProgrammeRequest"];
export type ProgrammeStatus = Schemas["ProgrammeStatus"];
export type ActivityKind = Schemas["ActivityKind"];
export type Module = Schemas["ModuleResponse"];
export type ModuleRequest = Schemas["ModuleRequest"];
export type Material = Schemas["MaterialResponse"];
export type Test = Schemas["TestResponse"];
export type TestRequest = Schemas["TestRequest"];
export type TestKind = Schemas["TestKind"];
export type Question = Schemas["Question"];
export type Session = Schemas["SessionResponse"];
export type SessionRequest = Schemas["SessionRequest"];
export type Delivery = Schemas["Delivery"];
export type Participant = Schemas["ParticipantResponse"];
export type AttendanceEntry = Schemas["AttendanceEntry"];
export type AttendanceRequest = Schemas["AttendanceRequest"];
export type CompletionResult = Schemas["CompletionResult"];
export type Enrolment = Schemas["EnrolmentResponse"];
export type EnrolmentStatus = Schemas["EnrolmentStatus"];
export type EnrolResult = Schemas["EnrolResult"];
export type Unmet = Schemas["Unmet"];
export type MyEnrolment = Schemas["MyEnrolmentResponse"];
export type LearnerView = Schemas["LearnerViewResponse"];
export type LearnerModule = Schemas["LearnerModule"];
export type LearnerTest = Schemas["LearnerTest"];
export type LearnerQuestion = Schemas["LearnerQuestion"];
export type Attempt = Schemas["AttemptResponse"];
export type Recommendation = Schemas["RecommendationResponse"];
export type Certificate = Schemas["CertificateResponse"];
export type Competency = Schemas["CompetencyResponse"];
export type Employee = Schemas["EmployeeResponse"];
export type Position = Schemas["PositionResponse"];
export type Unit = Schemas["OrgUnitResponse"];

/** The 14 kinds of development activity, classical first (Peraturan LAN 10/2018). */
export const ACTIVITY_KINDS: readonly ActivityKind[] = [
  "training",
  "seminar",
  "workshop",
  "course",
  "bimtek",
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
export const PROGRAMME_STATUSES: readonly ProgrammeStatus[] = ["draft", "published", "archived"];
export const DELIVERIES: readonly Delivery[] = ["classroom", "online", "e_learning"];
export const LEVELS = [1, 2, 3, 4, 5] as const;
/** A test question has 2 to 10 choices. */
export const MIN_CHOICES = 2;
export const MAX_CHOICES = 10;
export const MAX_QUESTIONS = 100;
export const isProgrammeStatus = (v: string): v is ProgrammeStatus => (PROGRAMME_STATUSES as readonly string[]).includes(v);
/** Whether a session takes attendance (classroom and online), as opposed to self-paced e-learning. */
export const takesAttendance = (d: Delivery) => d !== "e_learning";

/** The API's largest page: reference lists (competencies, programmes of a filter) are fetched whole. */
const ALL = 200;
/** Positions, units and employees offered for one search. */
export const SEARCH_SIZE = 20;

export type ProgrammeParams = { agencyId: string | null; q: string; status: ProgrammeStatus | null; page: number; perPage: number };
export type SessionParams = { agencyId: string | null; programmeId: string | null; page: number; perPage: number };

export const learningKeys = {
  all: ["learning"] as const,
  programmes: () => [...learningKeys.all, "programmes"] as const,
  programmeList: (p: ProgrammeParams) => [...learningKeys.programmes(), "list", p] as const,
  programmeOptions: (agencyId: string | null) => [...learningKeys.programmes(), "options", agencyId] as const,
  programme: (id: string) => [...learningKeys.programmes(), "detail", id] as const,
  sessions: () => [...learningKeys.all, "sessions"] as const,
  sessionList: (p: SessionParams) => [...learningKeys.sessions(), "list", p] as const,
  session: (id: string) => [...learningKeys.sessions(), "detail", id] as const,
  participants: (id: string) => [...learningKeys.sessions(), "participants", id] as const,
  attendance: (id: string) => [...learningKeys.sessions(), "attendance", id] as const,
  /** The signed-in employee's own learning. */
  mine: () => [...learningKeys.all, "mine"] as const,
  myEnrolments: () => [...learningKeys.mine(), "enrolments"] as const,
  myEnrolment: (id: string) => [...learningKeys.mine(), "enrolment", id] as const,
  openSessions: () => [...learningKeys.mine(), "open-sessions"] as const,
  recommendations: () => [...learningKeys.mine(), "recommendations"] as const,
  certificate: (code: string) => [...learningKeys.all, "certificate", code] as const,
  competencies: (agencyId: string | null) => [...learningKeys.all, "competencies", agencyId] as const,
  positionSearch: (agencyId: string | null, q: string) => [...learningKeys.all, "positions", { agencyId, q }] as const,
  position: (id: string) => [...learningKeys.all, "position", id] as const,
  unitSearch: (agencyId: string | null, q: string) => [...learningKeys.all, "units", { agencyId, q }] as const,
  unit: (id: string) => [...learningKeys.all, "unit", id] as const,
  employeeSearch: (agencyId: string | null, q: string) => [...learningKeys.all, "employees", { agencyId, q }] as const,
};

/** The body of a successful response (failures have already been thrown as ApiProblem). */
function body<T>(r: { data?: T }): T {
  if (r.data === undefined) throw new Error("empty response");
  return r.data;
}

/** Saves a downloaded file (a certificate PDF, a material) under the name the server suggests. */
function save(r: { data?: Blob; response: Response }, fallback: string): void {
  if (!r.data) throw new Error("empty response");
  saveBlob(r.data, fileNameOf(r.response, fallback));
}

// ---- programmes

export function useProgrammes(p: ProgrammeParams, enabled = true) {
  return useQuery({
    queryKey: learningKeys.programmeList(p),
    enabled,
    queryFn: async () =>
      body(
        await api.GET("/api/v1/programmes", {
          params: { query: { agency_id: p.agencyId ?? undefined, q: p.q || undefined, status: p.status ?? undefined, page: p.page, per_page: p.perPage } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Every programme of the agency (for the session filter and the session form), by title. */
export function useProgrammeOptions(agencyId: string | null, enabled = true) {
  return useQuery({
    queryKey: learningKeys.programmeOptions(agencyId),
    enabled,
    queryFn: async () => {
      const page = body(await api.GET("/api/v1/programmes", { params: { query: { agency_id: agencyId ?? undefined, per_page: ALL } } }));
      return [...page.items].sort((a, b) => a.title.localeCompare(b.title));
    },
    staleTime: 60_000,
  });
}

export function useProgramme(id: string | null) {
  return useQuery({
    queryKey: learningKeys.programme(id ?? ""),
    enabled: id !== null,
    queryFn: async () => body(await api.GET("/api/v1/programmes/{id}", { params: { path: { id: id ?? "" } } })),
  });
}

/** Invalidates one programme's detail (its modules, materials and tests) and the lists. */
function useRefreshProgramme() {
  const qc = useQueryClient();
  return (programmeId: string) =>
    Promise.all([qc.invalidateQueries({ queryKey: learningKeys.programme(programmeId) }), qc.invalidateQueries({ queryKey: [...learningKeys.programmes(), "list"] })]);
}

export function useSaveProgramme() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, b }: { id: string | null; b: ProgrammeRequest }) =>
      id === null ? body(await api.POST("/api/v1/programmes", { body: b })) : body(await api.PUT("/api/v1/programmes/{id}", { params: { path: { id } }, body: b })),
    onSuccess: () => qc.invalidateQueries({ queryKey: learningKeys.programmes() }),
  });
}

export function useAddModule(programmeId: string) {
  const refresh = useRefreshProgramme();
  return useMutation({
    mutationFn: async (b: ModuleRequest) => body(await api.POST("/api/v1/programmes/{id}/modules", { params: { path: { id: programmeId } }, body: b })),
    onSuccess: () => refresh(programmeId),
  });
}

export function useUpdateModule(programmeId: string) {
  const refresh = useRefreshProgramme();
  return useMutation({
    mutationFn: async ({ id, b }: { id: string; b: ModuleRequest }) => body(await api.PUT("/api/v1/programme-modules/{id}", { params: { path: { id } }, body: b })),
    onSuccess: () => refresh(programmeId),
  });
}

export function useDeleteModule(programmeId: string) {
  const refresh = useRefreshProgramme();
  return useMutation({
    mutationFn: async (id: string) => {
      await api.DELETE("/api/v1/programme-modules/{id}", { params: { path: { id } } });
    },
    onSuccess: () => refresh(programmeId),
  });
}

/** Puts the programme's modules in a new order (every module, once). */
export function useReorderModules(programmeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (moduleIds: string[]) =>
      body(await api.PUT("/api/v1/programmes/{id}/module-order", { params: { path: { id: programmeId } }, body: { module_ids: moduleIds } })),
    onSuccess: (modules) => {
      qc.setQueryData<ProgrammeDetail>(learningKeys.programme(programmeId), (p) => (p ? { ...p, modules } : p));
      return qc.invalidateQueries({ queryKey: learningKeys.programme(programmeId) });
    },
  });
}

export function useAddLink(programmeId: string) {
  const refresh = useRefreshProgramme();
  return useMutation({
    mutationFn: async ({ moduleId, title, url }: { moduleId: string; title: string; url: string }) =>
      body(await api.POST("/api/v1/programme-modules/{id}/links", { params: { path: { id: moduleId } }, body: { title, url } })),
    onSuccess: () => refresh(programmeId),
  });
}

/** Uploads a file as the raw request body, with its own type; the name and title go in the query. */
export function useUploadFile(programmeId: string) {
  const refresh = useRefreshProgramme();
  return useMutation({
    mutationFn: async ({ moduleId, file, title }: { moduleId: string; file: File; title: string }) =>
      body(
        await api.POST("/api/v1/programme-modules/{id}/files", {
          params: { path: { id: moduleId }, query: { file_name: file.name, ...(title ? { title } : {}) } },
          // The file itself, not JSON.
          body: file as unknown as number[],
          bodySerializer: (b: unknown) => b as BodyInit,
          headers: { "Content-Type": file.type || "application/octet-stream" },
        }),
      ),
    onSuccess: () => refresh(programmeId),
  });
}

export function useDeleteMaterial(programmeId: string) {
  const refresh = useRefreshProgramme();
  return useMutation({
    mutationFn: async (id: string) => {
      await api.DELETE("/api/v1/materials/{id}", { params: { path: { id } } });
    },
    onSuccess: () => refresh(programmeId),
  });
}

/** Where a test belongs: a module's quiz, or the programme's pre- or post-test. */
export type TestTarget = { kind: "module"; moduleId: string } | { kind: "pre" | "post" };

export function usePutTest(programmeId: string) {
  const refresh = useRefreshProgramme();
  return useMutation({
    mutationFn: async ({ target, b }: { target: TestTarget; b: TestRequest }) =>
      target.kind === "module"
        ? body(await api.PUT("/api/v1/programme-modules/{id}/quiz", { params: { path: { id: target.moduleId } }, body: b }))
        : body(await api.PUT("/api/v1/programmes/{id}/tests/{kind}", { params: { path: { id: programmeId, kind: target.kind } }, body: b })),
    onSuccess: () => refresh(programmeId),
  });
}

/** A material's file, fetched with the session's token (the content is not public). */
export async function fetchMaterial(m: Material): Promise<Blob> {
  const r = await api.GET("/api/v1/materials/{id}/content", { params: { path: { id: m.id } }, parseAs: "blob" });
  if (!r.data) throw new Error("empty response");
  return r.data;
}

// ---- sessions (angkatan)

export function useSessions(p: SessionParams, enabled = true) {
  return useQuery({
    queryKey: learningKeys.sessionList(p),
    enabled,
    queryFn: async () =>
      body(
        await api.GET("/api/v1/sessions", {
          params: { query: { agency_id: p.agencyId ?? undefined, programme_id: p.programmeId ?? undefined, page: p.page, per_page: p.perPage } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useSession(id: string | null) {
  return useQuery({
    queryKey: learningKeys.session(id ?? ""),
    enabled: id !== null,
    queryFn: async () => body(await api.GET("/api/v1/sessions/{id}", { params: { path: { id: id ?? "" } } })),
  });
}

export function useSaveSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, b }: { id: string | null; b: SessionRequest }) =>
      id === null ? body(await api.POST("/api/v1/sessions", { body: b })) : body(await api.PUT("/api/v1/sessions/{id}", { params: { path: { id } }, body: b })),
    onSuccess: (saved) => {
      qc.setQueryData(learningKeys.session(saved.id), saved);
      return qc.invalidateQueries({ queryKey: [...learningKeys.sessions(), "list"] });
    },
  });
}

export function useParticipants(sessionId: string) {
  return useQuery({
    queryKey: learningKeys.participants(sessionId),
    queryFn: async () => body(await api.GET("/api/v1/sessions/{id}/participants", { params: { path: { id: sessionId } } })),
  });
}

export function useAttendance(sessionId: string, enabled = true) {
  return useQuery({
    queryKey: learningKeys.attendance(sessionId),
    enabled,
    queryFn: async () => body(await api.GET("/api/v1/sessions/{id}/attendance", { params: { path: { id: sessionId } } })),
  });
}

/** Everything about one session that enrolling, attendance and completion change. */
function useRefreshSession() {
  const qc = useQueryClient();
  return (sessionId: string) =>
    Promise.all([
      qc.invalidateQueries({ queryKey: learningKeys.session(sessionId) }),
      qc.invalidateQueries({ queryKey: learningKeys.participants(sessionId) }),
      qc.invalidateQueries({ queryKey: learningKeys.attendance(sessionId) }),
      qc.invalidateQueries({ queryKey: [...learningKeys.sessions(), "list"] }),
    ]);
}

export function usePutAttendance(sessionId: string) {
  const refresh = useRefreshSession();
  return useMutation({
    mutationFn: async (b: AttendanceRequest) => body(await api.PUT("/api/v1/sessions/{id}/attendance", { params: { path: { id: sessionId } }, body: b })),
    onSuccess: () => refresh(sessionId),
  });
}

export function useEnrol(sessionId: string) {
  const refresh = useRefreshSession();
  return useMutation({
    mutationFn: async (employeeIds: string[]) =>
      body(await api.POST("/api/v1/sessions/{id}/enrolments", { params: { path: { id: sessionId } }, body: { employee_ids: employeeIds, source: "admin" } })),
    onSuccess: () => refresh(sessionId),
  });
}

export function useCancelEnrolment(sessionId: string) {
  const refresh = useRefreshSession();
  return useMutation({
    mutationFn: async (enrolmentId: string) => body(await api.POST("/api/v1/enrolments/{id}/cancel", { params: { path: { id: enrolmentId } } })),
    onSuccess: () => refresh(sessionId),
  });
}

export function useCompleteSession(sessionId: string) {
  const refresh = useRefreshSession();
  return useMutation({
    mutationFn: async () => body(await api.POST("/api/v1/sessions/{id}/complete", { params: { path: { id: sessionId } } })),
    onSuccess: () => refresh(sessionId),
  });
}

/** A participant's certificate (PDF), saved by the browser. */
export function useDownloadParticipantCertificate() {
  return useMutation({
    mutationFn: async ({ enrolmentId, code }: { enrolmentId: string; code: string }) =>
      save(await api.GET("/api/v1/enrolments/{id}/certificate", { params: { path: { id: enrolmentId } }, parseAs: "blob" }), `sertifikat-${code}.pdf`),
  });
}

// ---- the signed-in employee's learning

export function useMyEnrolments(enabled = true) {
  return useQuery({
    queryKey: learningKeys.myEnrolments(),
    enabled,
    queryFn: async () => body(await api.GET("/api/v1/me/learning")),
  });
}

export function useOpenSessions(enabled = true) {
  return useQuery({
    queryKey: learningKeys.openSessions(),
    enabled,
    queryFn: async () => body(await api.GET("/api/v1/me/open-sessions")),
  });
}

export function useRecommendations(enabled = true) {
  return useQuery({
    queryKey: learningKeys.recommendations(),
    enabled,
    queryFn: async () => body(await api.GET("/api/v1/me/recommendations")),
  });
}

export function useRegister() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (sessionId: string) => body(await api.POST("/api/v1/sessions/{id}/register", { params: { path: { id: sessionId } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: learningKeys.mine() }),
  });
}

export function useLearnerView(enrolmentId: string) {
  return useQuery({
    queryKey: learningKeys.myEnrolment(enrolmentId),
    queryFn: async () => body(await api.GET("/api/v1/me/learning/{id}", { params: { path: { id: enrolmentId } } })),
  });
}

/** Opens a module (the resume point); the learner's place within it is kept as it was. */
export function useOpenModule(enrolmentId: string) {
  return useMutation({
    mutationFn: async (moduleId: string) =>
      body(await api.PUT("/api/v1/me/learning/{id}/modules/{module_id}/position", { params: { path: { id: enrolmentId, module_id: moduleId } }, body: {} })),
  });
}

/** Puts the enrolment a step returned into the learner's view at once, then refreshes the rest. */
function useLearnerUpdate(enrolmentId: string) {
  const qc = useQueryClient();
  return (enrolment: Enrolment) => {
    qc.setQueryData<LearnerView>(learningKeys.myEnrolment(enrolmentId), (v) => (v ? { ...v, enrolment } : v));
    void qc.invalidateQueries({ queryKey: learningKeys.mine() });
  };
}

export function useCompleteModule(enrolmentId: string) {
  const update = useLearnerUpdate(enrolmentId);
  return useMutation({
    mutationFn: async (moduleId: string) =>
      body(await api.POST("/api/v1/me/learning/{id}/modules/{module_id}/complete", { params: { path: { id: enrolmentId, module_id: moduleId } } })),
    onSuccess: update,
  });
}

export function useSubmitAttempt(enrolmentId: string) {
  const update = useLearnerUpdate(enrolmentId);
  return useMutation({
    mutationFn: async ({ testId, answers }: { testId: string; answers: number[][] }) =>
      body(await api.POST("/api/v1/me/learning/{id}/tests/{test_id}/attempts", { params: { path: { id: enrolmentId, test_id: testId } }, body: { answers } })),
    onSuccess: (attempt) => update(attempt.enrolment),
  });
}

/** The signed-in employee's certificate (PDF), saved by the browser. */
export function useDownloadMyCertificate() {
  return useMutation({
    mutationFn: async ({ enrolmentId, code }: { enrolmentId: string; code: string }) =>
      save(await api.GET("/api/v1/me/learning/{id}/certificate", { params: { path: { id: enrolmentId } }, parseAs: "blob" }), `sertifikat-${code}.pdf`),
  });
}

// ---- a certificate checked by anyone (no session: the client sends no token to `/api/v1/public/…`)

export function usePublicCertificate(code: string) {
  return useQuery({
    queryKey: learningKeys.certificate(code),
    enabled: code !== "",
    queryFn: async () => body(await api.GET("/api/v1/public/certificates/{code}", { params: { path: { code } } })),
    staleTime: Infinity,
  });
}

// ---- reference data of the forms

/** The agency's competencies in use, national first, then by code. */
export function useCompetencies(agencyId: string | null, enabled = true) {
  return useQuery({
    queryKey: learningKeys.competencies(agencyId),
    enabled,
    queryFn: async () => {
      const page = body(await api.GET("/api/v1/competencies", { params: { query: { agency_id: agencyId ?? undefined, per_page: ALL } } }));
      const national = (c: Competency) => (c.group === "technical" ? 1 : 0);
      return [...page.items].sort((a, b) => national(a) - national(b) || a.code.localeCompare(b.code, undefined, { numeric: true }));
    },
    staleTime: 5 * 60_000,
  });
}

export function usePositionSearch(agencyId: string | null, q: string, enabled: boolean) {
  return useQuery({
    queryKey: learningKeys.positionSearch(agencyId, q),
    enabled,
    queryFn: async () =>
      body(await api.GET("/api/v1/positions", { params: { query: { agency_id: agencyId ?? undefined, q: q || undefined, active: true, per_page: SEARCH_SIZE } } })).items,
    placeholderData: keepPreviousData,
  });
}

export function usePositionsById(ids: string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: learningKeys.position(id),
      queryFn: async () => body(await api.GET("/api/v1/positions/{id}", { params: { path: { id } } })),
      staleTime: 5 * 60_000,
    })),
  });
}

export function useUnitSearch(agencyId: string | null, q: string, enabled: boolean) {
  return useQuery({
    queryKey: learningKeys.unitSearch(agencyId, q),
    enabled,
    queryFn: async () =>
      body(await api.GET("/api/v1/org-units", { params: { query: { agency_id: agencyId ?? undefined, q: q || undefined, sort: "tree", per_page: SEARCH_SIZE } } })).items,
    placeholderData: keepPreviousData,
  });
}

export function useUnitsById(ids: string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: learningKeys.unit(id),
      queryFn: async () => body(await api.GET("/api/v1/org-units/{id}", { params: { path: { id } } })),
      staleTime: 5 * 60_000,
    })),
  });
}

export function useEmployeeSearch(agencyId: string | null, q: string, enabled: boolean) {
  return useQuery({
    queryKey: learningKeys.employeeSearch(agencyId, q),
    enabled,
    queryFn: async () =>
      body(await api.GET("/api/v1/employees", { params: { query: { agency_id: agencyId ?? undefined, q, status: "active", per_page: SEARCH_SIZE } } })).items,
  });
}
