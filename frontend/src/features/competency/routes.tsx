// Routes of the competency feature (mounted at `/competencies`): the dictionary, standards,
// an employee's profile, the unit heat map, training needs, the development plan and the
// settings.
import type { ReactNode } from "react";
import { Route, Routes, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session/SessionProvider";
import { CompetencyDetailPage } from "./CompetencyDetailPage";
import { CompetencyFormPage } from "./CompetencyFormPage";
import { DictionaryPage } from "./DictionaryPage";
import { EmployeeProfilePage } from "./EmployeeProfilePage";
import { HeatMapPage } from "./HeatMapPage";
import { PlanPage } from "./PlanPage";
import { SettingsPage } from "./SettingsPage";
import { StandardsPage } from "./StandardsPage";
import { TrainingNeedsPage } from "./TrainingNeedsPage";

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

/** A fresh page per id, so nothing of one competency or employee lingers on the next. */
function Detail() {
  const { id = "" } = useParams();
  return <CompetencyDetailPage key={id} id={id} />;
}
function Edit() {
  const { id = "" } = useParams();
  return <CompetencyFormPage key={id} id={id} />;
}
function Profile() {
  const { id = "" } = useParams();
  return <EmployeeProfilePage key={id} employeeId={id} />;
}

export default function CompetencyRoutes() {
  return (
    <Routes>
      <Route index element={<DictionaryPage />} />
      <Route
        path="new"
        element={
          <AdminOnly>
            <CompetencyFormPage />
          </AdminOnly>
        }
      />
      <Route path="standards" element={<StandardsPage />} />
      <Route path="employees/:id" element={<Profile />} />
      <Route
        path="gaps"
        element={
          <AdminOnly>
            <HeatMapPage />
          </AdminOnly>
        }
      />
      <Route
        path="needs"
        element={
          <AdminOnly>
            <TrainingNeedsPage />
          </AdminOnly>
        }
      />
      <Route
        path="plan"
        element={
          <AdminOnly>
            <PlanPage />
          </AdminOnly>
        }
      />
      <Route
        path="settings"
        element={
          <AdminOnly>
            <SettingsPage />
          </AdminOnly>
        }
      />
      <Route path=":id" element={<Detail />} />
      <Route
        path=":id/edit"
        element={
          <AdminOnly>
            <Edit />
          </AdminOnly>
        }
      />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
