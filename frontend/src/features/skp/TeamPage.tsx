// Tim Saya: the caller's direct reports and their plans of a year — each plan's state and
// predikat, and what waits for the caller as their rater: plans to agree, plans to evaluate,
// evaluations to finalise, and reports with no plan yet. Each plan opens at /skp/:id.
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import { useSession } from "../../session/SessionProvider";
import { useUrlState } from "../../ui/formErrors";
import { PageHeader } from "../../ui/PageHeader";
import { Empty, ErrorState, Loading, Notice } from "../../ui/States";
import { positiveInt } from "../../ui/urlParams";
import { useTeam, type PlanState, type TeamItem } from "./api";
import { paths } from "./paths";
import { currentYear, PredikatBadge, StateBadge, YearSelect } from "./shared";

const URL_DEFAULTS = { year: "" };

/** What a report's plan waits for from the rater, if anything. */
export type Pending = "no_plan" | "to_agree" | "to_evaluate" | "to_finalise";

const PENDING_OF: Partial<Record<PlanState, Pending>> = { draft: "to_agree", in_progress: "to_evaluate", evaluated: "to_finalise" };

export function pendingOf(item: TeamItem): Pending | null {
  return item.plan ? (PENDING_OF[item.plan.state] ?? null) : "no_plan";
}

const PENDING_ORDER: readonly Pending[] = ["to_agree", "to_evaluate", "to_finalise", "no_plan"];

export function TeamPage() {
  const { t, i18n } = useTranslation("skp");
  const { me } = useSession();
  const [get, set] = useUrlState(URL_DEFAULTS);
  const year = positiveInt(get("year")) ?? currentYear();
  const linked = !!me?.employee_id;
  const team = useTeam(year, linked);
  const items = team.data ?? [];
  const count = (p: Pending) => items.filter((i) => pendingOf(i) === p).length;

  return (
    <>
      <PageHeader title={t("team.title")} subtitle={t("team.subtitle")} />
      {!linked ? (
        <Notice kind="info">{t("team.noEmployee")}</Notice>
      ) : (
        <>
          <div className="filters">
            <YearSelect year={year} onChange={(y) => set({ year: y === currentYear() ? "" : String(y) })} />
          </div>
          {team.isPending ? (
            <Loading />
          ) : team.isError ? (
            <ErrorState error={team.error} onRetry={() => void team.refetch()} />
          ) : items.length === 0 ? (
            <Empty>{t("team.empty")}</Empty>
          ) : (
            <div aria-busy={team.isFetching}>
              <ul className="cards" aria-label={t("team.pendingTitle", { year })}>
                {PENDING_ORDER.map((p) => (
                  <li key={p} className="card" data-testid={`skp-pending-${p}`}>
                    <span className="card-value">{formatNumber(count(p), i18n.language)}</span>
                    <span className="card-label">{t(`pending.${p}`)}</span>
                  </li>
                ))}
              </ul>
              <div className="table-wrap">
                <table className="skp-team">
                  <caption className="visually-hidden">{t("team.caption", { year })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("team.name")}</th>
                      <th scope="col">{t("team.state")}</th>
                      <th scope="col">{t("team.pending")}</th>
                      <th scope="col">{t("team.predikat")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((i) => {
                      const pending = pendingOf(i);
                      return (
                        <tr key={i.employee_id} data-id={i.employee_id}>
                          <th scope="row">
                            {i.plan ? <Link to={paths.plan(i.plan.id)}>{i.name}</Link> : i.name}
                            <div className="muted small">{t("team.nip", { nip: i.nip })}</div>
                          </th>
                          <td>{i.plan ? <StateBadge state={i.plan.state} /> : "—"}</td>
                          <td>{pending ? <strong>{t(`pending.${pending}`)}</strong> : "—"}</td>
                          <td>{i.plan?.predikat ? <PredikatBadge predikat={i.plan.predikat} /> : "—"}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </div>
          )}
        </>
      )}
    </>
  );
}
