// Routes of the accounts feature: users and roles, for administrators only.
import { Route, Routes } from "react-router";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session/SessionProvider";
import { UsersPage } from "./UsersPage";

export default function AccountsRoutes() {
  const { t } = useTranslation();
  const { isAdmin } = useSession();
  if (!isAdmin) {
    return (
      <div className="state state-error" role="alert">
        {t("states.forbidden")}
      </div>
    );
  }
  return (
    <Routes>
      <Route index element={<UsersPage />} />
      <Route path="*" element={<div className="state state-error">{t("states.notFound")}</div>} />
    </Routes>
  );
}
