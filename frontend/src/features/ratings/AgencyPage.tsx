// Kepuasan per Instansi: the IKM of every service unit of the administrator's agency over a
// period, highest score first (units without ratings last), with the agency overall — every
// counted response pooled — at the top.
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { formatDate, formatNumber } from "../../i18n/format";
import { useSession } from "../../session/SessionProvider";
import { useUrlState } from "../../ui/formErrors";
import { PageHeader } from "../../ui/PageHeader";
import { Empty, ErrorState, Loading, Notice } from "../../ui/States";
import { useAgencySatisfaction, type UnitSatisfactionRow } from "./api";
import { formatScore } from "./format";
import { paths } from "./paths";
import { ChooseAgency, GradeBadge, PERIOD_DEFAULTS, PeriodFilters, readPeriod } from "./shared";

/** Highest score first; units without a score last, by name. */
export function byScore(a: UnitSatisfactionRow, b: UnitSatisfactionRow): number {
  if (a.score == null && b.score == null) return a.name.localeCompare(b.name, "id");
  if (a.score == null) return 1;
  if (b.score == null) return -1;
  return b.score - a.score || a.name.localeCompare(b.name, "id");
}

function AgencyTable({ agencyId, period }: { agencyId: string; period: Parameters<typeof useAgencySatisfaction>[1] }) {
  const { t, i18n } = useTranslation("ratings");
  const lng = i18n.language;
  const sat = useAgencySatisfaction(agencyId, period);
  if (sat.isPending) return <Loading />;
  if (sat.isError) return <ErrorState error={sat.error} onRetry={() => void sat.refetch()} />;
  const d = sat.data;
  const units = [...d.units].sort(byScore);
  return (
    <div aria-busy={sat.isFetching}>
      {d.flagged_pending > 0 ? (
        <Notice kind="info">
          {t("agency.flaggedPending", { count: d.flagged_pending })} <Link to={paths.flags}>{t("unitPage.flaggedLink")}</Link>
        </Notice>
      ) : null}
      {units.length === 0 ? (
        <Empty>{t("agency.empty")}</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("agency.caption", { from: formatDate(d.from, lng), to: formatDate(d.to, lng) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("agency.unit")}</th>
                <th scope="col">{t("agency.respondents")}</th>
                <th scope="col">{t("agency.score")}</th>
                <th scope="col">{t("agency.grade")}</th>
              </tr>
            </thead>
            <tbody>
              <tr className="row-total" data-testid="agency-overall">
                <th scope="row">
                  <strong>{t("agency.overall")}</strong>
                </th>
                <td className="num">
                  <strong>{formatNumber(d.overall.respondents, lng)}</strong>
                </td>
                <td className="num">
                  <strong>{formatScore(d.overall.score, lng)}</strong>
                </td>
                <td>
                  <GradeBadge grade={d.overall.grade} />
                </td>
              </tr>
              {units.map((u) => (
                <tr key={u.org_unit_id}>
                  <th scope="row">
                    <Link to={paths.unit(u.org_unit_id)}>{u.name}</Link> <span className="muted small">({u.code})</span>
                  </th>
                  <td className="num">{formatNumber(u.respondents, lng)}</td>
                  <td className="num">{formatScore(u.score, lng)}</td>
                  <td>
                    <GradeBadge grade={u.grade} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function AgencyPage() {
  const { t } = useTranslation("ratings");
  const { agencyId, isSuperAdmin } = useSession();
  const [get, set] = useUrlState(PERIOD_DEFAULTS);
  const { year, part, from, to, period } = readPeriod(get);
  return (
    <>
      <PageHeader title={t("agency.title")} subtitle={t("agency.subtitle")} />
      {isSuperAdmin && !agencyId ? (
        <ChooseAgency />
      ) : agencyId === null ? null : (
        <>
          <div className="filters">
            <PeriodFilters year={year} part={part} from={from} to={to} onChange={set} />
          </div>
          {period === null ? <Notice kind="info">{t("period.invalid")}</Notice> : <AgencyTable agencyId={agencyId} period={period} />}
        </>
      )}
    </>
  );
}
