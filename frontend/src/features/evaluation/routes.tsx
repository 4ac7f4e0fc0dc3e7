// Routes of training evaluation (Kirkpatrick levels 1-3), by section:
// - `reaction`, mounted at `/me/reactions/:sessionId`: a participant's reaction to a session;
// - `mine`, mounted at `/me/follow-ups`: the caller's follow-ups ("Evaluasi Pasca Pelatihan");
// - `session`, mounted at `/sessions/:id/evaluation`: a session's evaluation (administrators
//   and trainers);
// - `programme`, mounted at `/programmes/:id/evaluation`: a programme's (the same);
// - `admin`, mounted at `/evaluation/*`: the follow-up list and settings (administrators).
// Beyond the roles checked here, who sees what is the API's decision.
import type { ReactNode } from "react";
import { Navigate, Route, Routes, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import i18n from "../../i18n";
import { useSession } from "../../session/SessionProvider";
import { FollowUpsPage } from "./FollowUpsPage";
import { registerEvaluationTexts } from "./i18n";
import { MyFollowUpsPage } from "./MyFollowUpsPage";
import { ProgrammeEvaluationPage } from "./ProgrammeEvaluationPage";
import { ReactionPage } from "./ReactionPage";
import { SessionEvaluationPage } from "./SessionEvaluationPage";

registerEvaluationTexts(i18n);

function NotFound() {
  const { t } = useTranslation();
  return <div className="state state-error">{t("states.notFound")}</div>;
}

function Forbidden() {
  const { t } = useTranslation();
  return (
    <div className="state state-error" role="alert">
      {t("states.forbidden")}
    </div>
  );
}

/** Pages for administrators only. */
function AdminOnly({ children }: { children: ReactNode }) {
  const { isAdmin } = useSession();
  return isAdmin ? <>{children}</> : <Forbidden />;
}

/** Pages for administrators and trainers. */
function StaffOnly({ children }: { children: ReactNode }) {
  const { has } = useSession();
  return has("super_admin", "agency_admin", "trainer") ? <>{children}</> : <Forbidden />;
}

/** A fresh page per session or programme, so nothing of one lingers on the next. */
function Reaction() {
  const { sessionId = "" } = useParams();
  return <ReactionPage key={sessionId} sessionId={sessionId} />;
}
function SessionEvaluation() {
  const { id = "" } = useParams();
  return <SessionEvaluationPage key={id} sessionId={id} />;
}
function ProgrammeEvaluation() {
  const { id = "" } = useParams();
  return <ProgrammeEvaluationPage key={id} programmeId={id} />;
}

export type EvaluationSection = "reaction" | "mine" | "session" | "programme" | "admin";

export default function EvaluationRoutes({ section }: { section: EvaluationSection }) {
  if (section === "reaction") return <Reaction />;
  if (section === "mine") return <MyFollowUpsPage />;
  if (section === "session") {
    return (
      <StaffOnly>
        <SessionEvaluation />
      </StaffOnly>
    );
  }
  if (section === "programme") {
    return (
      <StaffOnly>
        <ProgrammeEvaluation />
      </StaffOnly>
    );
  }
  return (
    <Routes>
      <Route index element={<Navigate to="follow-ups" replace />} />
      <Route
        path="follow-ups"
        element={
          <AdminOnly>
            <FollowUpsPage />
          </AdminOnly>
        }
      />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
