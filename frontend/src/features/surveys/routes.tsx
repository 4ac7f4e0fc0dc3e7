// Routes of the survey feature: the admin's surveys (mounted at `/surveys`) and an employee's own
// survey tasks (mounted at `/my-surveys`).
import type { ReactNode } from "react";
import { Route, Routes, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session/SessionProvider";
import { AnswerPage } from "./AnswerPage";
import { MyTasksPage } from "./MyTasksPage";
import { SurveyBuilderPage } from "./SurveyBuilderPage";
import { SurveyDetailPage } from "./SurveyDetailPage";
import { SurveyListPage } from "./SurveyListPage";
import { SurveyResultsPage } from "./SurveyResultsPage";

function NotFound() {
  const { t } = useTranslation();
  return <div className="state state-error">{t("states.notFound")}</div>;
}

/** Pages for administrators only. */
function AdminOnly({ children }: { children: ReactNode }) {
  const { isAdmin } = useSession();
  const { t } = useTranslation();
  if (!isAdmin) {
    return (
      <div className="state state-error" role="alert">
        {t("states.forbidden")}
      </div>
    );
  }
  return <>{children}</>;
}

/** A fresh page per id, so nothing of one survey or task lingers on the next. */
function Detail() {
  const { id = "" } = useParams();
  return <SurveyDetailPage key={id} id={id} />;
}
function Edit() {
  const { id = "" } = useParams();
  return <SurveyBuilderPage key={id} id={id} />;
}
function ResultsOf() {
  const { id = "" } = useParams();
  return <SurveyResultsPage key={id} id={id} />;
}
function Answer() {
  const { id = "" } = useParams();
  return <AnswerPage key={id} id={id} />;
}

export default function SurveyRoutes({ section }: { section: "admin" | "mine" }) {
  if (section === "mine") {
    return (
      <Routes>
        <Route index element={<MyTasksPage />} />
        <Route path=":id" element={<Answer />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    );
  }
  const admin = (el: ReactNode) => <AdminOnly>{el}</AdminOnly>;
  return (
    <Routes>
      <Route index element={admin(<SurveyListPage />)} />
      <Route path="new" element={admin(<SurveyBuilderPage />)} />
      <Route path=":id" element={admin(<Detail />)} />
      <Route path=":id/edit" element={admin(<Edit />)} />
      <Route path=":id/results" element={admin(<ResultsOf />)} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
