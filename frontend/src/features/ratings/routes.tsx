// Routes of the citizens' service ratings, mounted at `/ratings/*`, all for administrators:
// "Kepuasan Layanan" (a unit's index, its link and QR code), "Penilaian Ditandai" (the queue of
// flagged ratings) and "Kepuasan per Instansi". Beyond the roles checked here, who sees what is
// the API's decision. The public rating page is not here: it is its own entry (rate.html).
import type { ReactNode } from "react";
import { Navigate, Route, Routes } from "react-router";
import { useTranslation } from "react-i18next";
import i18n from "../../i18n";
import { useSession } from "../../session/SessionProvider";
import { AgencyPage } from "./AgencyPage";
import { FlagsPage } from "./FlagsPage";
import { registerRatingsTexts } from "./i18n";
import { UnitPage } from "./UnitPage";

registerRatingsTexts(i18n);

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

export default function RatingsRoutes() {
  return (
    <AdminOnly>
      <Routes>
        <Route index element={<Navigate to="units" replace />} />
        <Route path="units" element={<UnitPage />} />
        <Route path="flags" element={<FlagsPage />} />
        <Route path="agency" element={<AgencyPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </AdminOnly>
  );
}
