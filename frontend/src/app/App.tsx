// Providers and routes. Feature pages load on demand, so the first paint carries only the
// shell and the sign-in page. Public pages (the anonymous survey link, the certificate check) sit
// outside the shell and its sign-in guard.
import { lazy, Suspense, type ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createBrowserRouter, RouterProvider, type RouteObject } from "react-router";
import { useTranslation } from "react-i18next";
import { ApiProblem } from "../api/problem";
import { SessionProvider } from "../session/SessionProvider";
import { LoginPage } from "../features/auth/LoginPage";
import { Loading } from "../ui/States";
import { HomePage } from "./HomePage";
import { RequireAuth } from "./RequireAuth";
import { Shell } from "./Shell";

const OrgRoutes = lazy(() => import("../features/org/routes"));
const PeopleRoutes = lazy(() => import("../features/people/routes"));
const AccountsRoutes = lazy(() => import("../features/accounts/routes"));
const CompetencyRoutes = lazy(() => import("../features/competency/routes"));
const SurveyRoutes = lazy(() => import("../features/surveys/routes"));
// Its own chunk: a respondent on a phone loads the survey page, not the survey administration.
const PublicSurvey = lazy(() => import("../features/surveys/PublicSurveyPage"));
const LearningRoutes = lazy(() => import("../features/learning/routes"));
const JpRoutes = lazy(() => import("../features/jp/routes"));
const AppraisalRoutes = lazy(() => import("../features/appraisal/routes"));
// Its own chunk too: whoever checks a certificate loads the check, not the learning screens.
const SkpRoutes = lazy(() => import("../features/skp/routes"));
const PublicCertificate = lazy(() => import("../features/learning/CertificatePage"));
const EvaluationRoutes = lazy(() => import("../features/evaluation/routes"));
const RatingsRoutes = lazy(() => import("../features/ratings/routes"));

function NotFound() {
  const { t } = useTranslation();
  return <div className="state state-error">{t("states.notFound")}</div>;
}

const page = (el: ReactNode) => <Suspense fallback={<Loading />}>{el}</Suspense>;

export const routes: RouteObject[] = [
  { path: "/login", element: <LoginPage /> },
  // Anyone holding the link answers without signing in: no RequireAuth, no Shell.
  { path: "/s/:token", element: page(<PublicSurvey />) },
  // Anyone may check a certificate by its code (printed on it as a link and a QR code).
  { path: "/c/:code", element: page(<PublicCertificate />) },
  { path: "/c", element: page(<PublicCertificate />) },
  {
    path: "/",
    element: (
      <RequireAuth>
        <Shell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomePage /> },
      { path: "agencies/*", element: page(<OrgRoutes section="agencies" />) },
      { path: "org-units/*", element: page(<OrgRoutes section="units" />) },
      { path: "positions/*", element: page(<OrgRoutes section="positions" />) },
      { path: "employees/:id/jp", element: page(<JpRoutes section="employee" />) },
      { path: "employees/:id/appraisal", element: page(<AppraisalRoutes section="employee" />) },
      { path: "employees/*", element: page(<PeopleRoutes />) },
      { path: "users/*", element: page(<AccountsRoutes />) },
      { path: "competencies/*", element: page(<CompetencyRoutes />) },
      { path: "surveys/*", element: page(<SurveyRoutes section="admin" />) },
      { path: "my-surveys/*", element: page(<SurveyRoutes section="mine" />) },
      { path: "programmes/:id/evaluation", element: page(<EvaluationRoutes section="programme" />) },
      { path: "programmes/*", element: page(<LearningRoutes section="programmes" />) },
      { path: "sessions/:id/evaluation", element: page(<EvaluationRoutes section="session" />) },
      { path: "sessions/:id/outcomes", element: page(<AppraisalRoutes section="outcomes" />) },
      { path: "sessions/*", element: page(<LearningRoutes section="sessions" />) },
      { path: "learning/*", element: page(<LearningRoutes section="mine" />) },
      { path: "jp/*", element: page(<JpRoutes section="admin" />) },
      { path: "me/jp", element: page(<JpRoutes section="mine" />) },
      { path: "me/reactions/:sessionId", element: page(<EvaluationRoutes section="reaction" />) },
      { path: "me/follow-ups", element: page(<EvaluationRoutes section="mine" />) },
      { path: "evaluation/*", element: page(<EvaluationRoutes section="admin" />) },
      { path: "me/skp", element: page(<SkpRoutes section="mine" />) },
      { path: "me/team", element: page(<SkpRoutes section="team" />) },
      { path: "skp/:id", element: page(<SkpRoutes section="plan" />) },
      { path: "appraisal/*", element: page(<AppraisalRoutes section="admin" />) },
      { path: "me/appraisal", element: page(<AppraisalRoutes section="mine" />) },
      { path: "ratings/*", element: page(<RatingsRoutes />) },
      { path: "*", element: <NotFound /> },
    ],
  },
];

const router = createBrowserRouter(routes);

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Retrying a 4xx cannot help; network hiccups and 5xx get one more try.
        retry: (count, error) => count < 1 && !(error instanceof ApiProblem && error.status < 500),
      },
    },
  });
}

const queryClient = makeQueryClient();

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </QueryClientProvider>
  );
}
