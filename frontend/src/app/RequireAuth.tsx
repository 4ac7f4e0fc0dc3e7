// Guards the signed-in part of the app: unknown users go to the sign-in page, which sends them
// back to the page they asked for.
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { useSession, type Role } from "../session/SessionProvider";
import { Loading } from "../ui/States";

export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loading } = useSession();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!me) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}

/** Shows `children` only to holders of one of `roles`. */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { has } = useSession();
  const { t } = useTranslation();
  if (!has(...roles)) return <div className="state state-error" role="alert">{t("states.forbidden")}</div>;
  return <>{children}</>;
}
