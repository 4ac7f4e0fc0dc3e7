// Routes of the people feature: employee list, detail and forms (mounted at `/employees`).
import { Route, Routes, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { EmployeeDetailPage } from "./EmployeeDetailPage";
import { EmployeeFormPage } from "./EmployeeFormPage";
import { EmployeeListPage } from "./EmployeeListPage";

/** A fresh page per employee, so nothing of one employee's page lingers on the next. */
function DetailRoute() {
  const { id = "" } = useParams();
  return <EmployeeDetailPage key={id} employeeId={id} />;
}

function NotFound() {
  const { t } = useTranslation();
  return <div className="state state-error">{t("states.notFound")}</div>;
}

export default function PeopleRoutes() {
  return (
    <Routes>
      <Route index element={<EmployeeListPage />} />
      <Route path="new" element={<EmployeeFormPage />} />
      <Route path=":id" element={<DetailRoute />} />
      <Route path=":id/edit" element={<EmployeeFormPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
