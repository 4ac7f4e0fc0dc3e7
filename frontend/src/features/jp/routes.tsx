// Routes of the JP feature (jam pelajaran, the yearly 20 learning hours), by section:
// - `admin`, mounted at `/jp/*`: the dashboard "Capaian 20 JP" and the conversion settings;
// - `employee`, mounted at `/employees/:id/jp`: an employee's JP record;
// - `mine`, mounted at `/me/jp`: the caller's own ("JP Saya").
import type { ReactNode } from "react";
import { Route, Routes, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import i18n from "../../i18n";
import { useSession } from "../../session/SessionProvider";
import { ConversionsPage } from "./ConversionsPage";
import { DashboardPage } from "./DashboardPage";
import { registerJpTexts } from "./i18n";
import { LedgerPage } from "./LedgerPage";

registerJpTexts(i18n);

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

/** A fresh page per employee, so nothing of one lingers on the next. */
function EmployeeLedger() {
  const { id = "" } = useParams();
  return <LedgerPage key={id} of={{ employeeId: id }} />;
}

export type JpSection = "admin" | "employee" | "mine";

export default function JpRoutes({ section }: { section: JpSection }) {
  // Anyone the API lets see the employee (admins, the employee, their supervisor) sees the
  // record; recording and removing are for administrators.
  if (section === "employee") return <EmployeeLedger />;
  if (section === "mine") return <LedgerPage of="me" />;
  return (
    <Routes>
      <Route
        index
        element={
          <AdminOnly>
            <DashboardPage />
          </AdminOnly>
        }
      />
      <Route
        path="conversions"
        element={
          <AdminOnly>
            <ConversionsPage />
          </AdminOnly>
        }
      />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
