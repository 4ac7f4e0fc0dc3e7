// The landing page: who you are, which data you see, and its size at a glance.
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../api/client";
import { formatNumber } from "../i18n/format";
import { useSession } from "../session/SessionProvider";
import { PageHeader } from "../ui/PageHeader";

export function HomePage() {
  const { t, i18n } = useTranslation();
  const { me, agencyId, has } = useSession();
  const scopeQuery = agencyId ? { agency_id: agencyId } : {};
  const canSeePeople = has("super_admin", "agency_admin", "supervisor");
  const counts = useQuery({
    queryKey: ["home", "counts", agencyId, canSeePeople],
    queryFn: async () => {
      const one = { per_page: 1, ...scopeQuery };
      const [units, positions, employees] = await Promise.all([
        api.GET("/api/v1/org-units", { params: { query: one } }),
        api.GET("/api/v1/positions", { params: { query: one } }),
        canSeePeople ? api.GET("/api/v1/employees", { params: { query: { ...one, status: "active" } } }) : Promise.resolve(null),
      ]);
      return { units: units.data?.total ?? 0, positions: positions.data?.total ?? 0, employees: employees?.data?.total ?? null };
    },
  });
  const n = (v: number | null | undefined) => (v == null ? "—" : formatNumber(v, i18n.language));
  return (
    <>
      <PageHeader title={t("home.welcome", { name: me?.display_name ?? "" })} subtitle={t("tagline")} />
      <div className="cards">
        {counts.data?.employees != null ? (
          <Link to="/employees" className="card">
            <span className="card-value">{n(counts.data.employees)}</span>
            <span className="card-label">{t("home.employees")}</span>
          </Link>
        ) : null}
        <Link to="/org-units" className="card">
          <span className="card-value">{n(counts.data?.units)}</span>
          <span className="card-label">{t("home.units")}</span>
        </Link>
        <Link to="/positions" className="card">
          <span className="card-value">{n(counts.data?.positions)}</span>
          <span className="card-label">{t("home.positions")}</span>
        </Link>
      </div>
    </>
  );
}
