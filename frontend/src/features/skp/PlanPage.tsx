// One plan by id (/skp/:id): how a rater opens a report's plan from Tim Saya (and an
// administrator any plan of their agency). The owner opening their own plan here sees it as in
// SKP Saya. Whoever may not see the plan is told it was not found, as the API says.
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session/SessionProvider";
import { PageHeader } from "../../ui/PageHeader";
import { ErrorState, Loading } from "../../ui/States";
import { usePlan } from "./api";
import { paths } from "./paths";
import { PlanView } from "./PlanView";
import { viewerOf } from "./shared";

export function PlanPage({ id }: { id: string }) {
  const { t } = useTranslation("skp");
  const { me } = useSession();
  const plan = usePlan(id);
  const viewer = plan.data ? viewerOf(plan.data, me?.employee_id) : "admin";

  if (plan.isPending) return <Loading />;
  if (plan.isError) return <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />;
  const p = plan.data;
  const title = viewer === "owner" ? t("plan.title", { year: p.year }) : t("plan.titleOf", { name: p.employee_name, year: p.year });
  return (
    <>
      {viewer === "rater" ? (
        <p className="in-page">
          <Link to={paths.teamOf(p.year)}>← {t("plan.backTeam")}</Link>
        </p>
      ) : viewer === "owner" ? (
        <p className="in-page">
          <Link to={paths.mineOf(p.year)}>← {t("plan.backMine")}</Link>
        </p>
      ) : null}
      <PageHeader title={title} subtitle={t("plan.subtitle")} />
      <div aria-busy={plan.isFetching}>
        <PlanView plan={p} viewer={viewer} />
      </div>
    </>
  );
}
