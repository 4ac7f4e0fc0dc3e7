// Routes of the learning feature: the admin's programmes (mounted at `/programmes`) and sessions
// (at `/sessions`, which trainers see too), and an employee's own learning (at `/learning`). The
// public certificate check (`/c/:code`) is routed outside the shell (./CertificatePage).
import type { ReactNode } from "react";
import { Route, Routes, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session/SessionProvider";
import { MyLearningPage } from "./MyLearningPage";
import { PlayerPage } from "./PlayerPage";
import { ProgrammeEditorPage } from "./ProgrammeEditorPage";
import { ProgrammeListPage } from "./ProgrammeListPage";
import { SessionFormPage } from "./SessionFormPage";
import { SessionListPage } from "./SessionListPage";
import { SessionPage } from "./SessionPage";

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

/** A fresh page per id, so nothing of one programme, session or enrolment lingers on the next. */
function Programme() {
  const { id = "" } = useParams();
  return <ProgrammeEditorPage key={id} id={id} />;
}
function Session() {
  const { id = "" } = useParams();
  return <SessionPage key={id} id={id} />;
}
function EditSession() {
  const { id = "" } = useParams();
  return <SessionFormPage key={id} id={id} />;
}
function Player() {
  const { id = "" } = useParams();
  return <PlayerPage key={id} enrolmentId={id} />;
}

export default function LearningRoutes({ section }: { section: "programmes" | "sessions" | "mine" }) {
  if (section === "mine") {
    return (
      <Routes>
        <Route index element={<MyLearningPage />} />
        <Route path=":id" element={<Player />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    );
  }
  const admin = (el: ReactNode) => <AdminOnly>{el}</AdminOnly>;
  if (section === "sessions") {
    return (
      <Routes>
        <Route index element={<StaffOnly>{<SessionListPage />}</StaffOnly>} />
        <Route path="new" element={admin(<SessionFormPage />)} />
        <Route path=":id" element={<StaffOnly>{<Session />}</StaffOnly>} />
        <Route path=":id/edit" element={admin(<EditSession />)} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    );
  }
  return (
    <Routes>
      <Route index element={admin(<ProgrammeListPage />)} />
      <Route path="new" element={admin(<ProgrammeEditorPage />)} />
      <Route path=":id" element={admin(<Programme />)} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
