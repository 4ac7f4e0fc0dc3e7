// Routes of the appraisal results, by section:
// - `admin`, mounted at `/appraisal/*`: "Distribusi Predikat" (administrators);
// - `mine`, mounted at `/me/appraisal`: the caller's own ratings ("Predikat Saya");
// - `employee`, mounted at `/employees/:id/appraisal`: an employee's rating history;
// - `outcomes`, mounted at `/sessions/:id/outcomes`: a session's Kirkpatrick level 4
//   (administrators and trainers).
// Beyond the roles checked here, who sees what is the API's decision.
import type { ReactNode } from "react";
import { Navigate, Route, Routes, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import i18n from "../../i18n";
import { useSession } from "../../session/SessionProvider";
import { DistributionPage } from "./DistributionPage";
import { registerAppraisalTexts } from "./i18n";
import { OutcomesPage } from "./OutcomesPage";
import { EmployeeRatingsPage, MyRatingsPage } from "./RatingsPage";

registerAppraisalTexts(i18n);

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

/** A fresh page per employee or session, so nothing of one lingers on the next. */
function EmployeeRatings() {
  const { id = "" } = useParams();
  return <EmployeeRatingsPage key={id} employeeId={id} />;
}
function Outcomes() {
  const { id = "" } = useParams();
  return <OutcomesPage key={id} sessionId={id} />;
}

export type AppraisalSection = "admin" | "mine" | "employee" | "outcomes";

export default function AppraisalRoutes({ section }: { section: AppraisalSection }) {
  if (section === "mine") return <MyRatingsPage />;
  if (section === "employee") return <EmployeeRatings />;
  if (section === "outcomes") {
    return (
      <StaffOnly>
        <Outcomes />
      </StaffOnly>
    );
  }
  return (
    <Routes>
      <Route index element={<Navigate to="distribution" replace />} />
      <Route
        path="distribution"
        element={
          <AdminOnly>
            <DistributionPage />
          </AdminOnly>
        }
      />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
