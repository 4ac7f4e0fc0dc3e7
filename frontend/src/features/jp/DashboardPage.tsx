// Capaian 20 JP: how the agency (or a unit and those below it) stands against the yearly 20
// learning hours — the share of staff who have them, the active staff and the mean JP, the same
// per unit (weakest first), and the staff still short, each linked to their JP record, with the
// list downloadable as XLSX.
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import { useSession } from "../../session/SessionProvider";
import { Button } from "../../ui/Button";
import { useUrlState } from "../../ui/formErrors";
import { PageHeader } from "../../ui/PageHeader";
import { Pagination } from "../../ui/Pagination";
import { Empty, ErrorState, Loading, Notice } from "../../ui/States";
import { useProblemText } from "../../ui/problemText";
import { positiveInt } from "../../ui/urlParams";
import { useDownloadShortfall, useShortfall, useSummary, type Summary, type UnitSummary } from "./api";
import { currentYear, formatJp, formatShare } from "./format";
import { paths } from "./paths";
import { ChooseAgency, UnitSelect, YearSelect } from "./shared";

const URL_DEFAULTS = { year: "", unit: "", page: "1", per_page: "20" };

/** Units from the lowest share meeting the target, then by code. */
export function byShare(a: UnitSummary, b: UnitSummary): number {
  return a.share_meeting - b.share_meeting || a.code.localeCompare(b.code, undefined, { numeric: true });
}

function Headline({ summary }: { summary: Summary }) {
  const { t, i18n } = useTranslation("jp");
  const lng = i18n.language;
  const total = summary.total;
  return (
    <div className="cards" data-testid="jp-headline">
      <div className="card">
        <span className="card-label">{t("dashboard.share")}</span>
        <span className="card-value">{formatShare(total.share_meeting, lng)}</span>
        <span className="muted small">{t("dashboard.shareOf", { meeting: formatNumber(total.meeting_target, lng), total: formatNumber(total.active_employees, lng) })}</span>
      </div>
      <div className="card">
        <span className="card-label">{t("dashboard.active")}</span>
        <span className="card-value">{formatNumber(total.active_employees, lng)}</span>
      </div>
      <div className="card">
        <span className="card-label">{t("dashboard.mean")}</span>
        <span className="card-value">{formatJp(total.mean_jp, lng)}</span>
        <span className="muted small">{t("dashboard.target", { target: formatJp(summary.target_jp, lng) })}</span>
      </div>
    </div>
  );
}

function UnitTable({ summary }: { summary: Summary }) {
  const { t, i18n } = useTranslation("jp");
  const lng = i18n.language;
  if (summary.units.length === 0) return <Empty>{t("dashboard.unitsEmpty")}</Empty>;
  const units = [...summary.units].sort(byShare);
  return (
    <div className="table-wrap">
      <table className="jp-units">
        <caption className="visually-hidden">{t("dashboard.unitsCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("dashboard.unit")}</th>
            <th scope="col">{t("dashboard.activeCol")}</th>
            <th scope="col">{t("dashboard.meetingCol")}</th>
            <th scope="col">{t("dashboard.shareCol")}</th>
            <th scope="col">{t("dashboard.meanCol")}</th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr key={u.org_unit_id} data-code={u.code}>
              <th scope="row">
                {u.name} <span className="muted small">{u.code}</span>
              </th>
              <td className="num">{formatNumber(u.active_employees, lng)}</td>
              <td className="num">{formatNumber(u.meeting_target, lng)}</td>
              <td className="score">
                <span className="scorebar" aria-hidden="true">
                  <span style={{ width: `${Math.round(Math.max(0, Math.min(1, u.share_meeting)) * 100)}%` }} />
                </span>
                <span className="score-value">{formatShare(u.share_meeting, lng)}</span>
              </td>
              <td className="num">{formatJp(u.mean_jp, lng)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DashboardPage() {
  const { t, i18n } = useTranslation("jp");
  const { agencyId, isSuperAdmin } = useSession();
  const text = useProblemText();
  const [get, set] = useUrlState(URL_DEFAULTS);
  const year = positiveInt(get("year")) ?? currentYear();
  const unitId = get("unit") || null;
  const page = positiveInt(get("page")) ?? 1;
  const perPage = positiveInt(get("per_page")) ?? 20;
  const needsAgency = isSuperAdmin && !agencyId;
  const summary = useSummary(agencyId, year, unitId, !needsAgency);
  const shortfall = useShortfall({ agencyId, year, unitId, page, perPage }, !needsAgency);
  const download = useDownloadShortfall();
  const lng = i18n.language;

  return (
    <>
      <PageHeader
        title={t("dashboard.title")}
        subtitle={t("dashboard.subtitle")}
        actions={
          <Link to={paths.conversions} className="btn">
            {t("dashboard.conversions")}
          </Link>
        }
      />
      {needsAgency ? (
        <ChooseAgency />
      ) : (
        <>
          <div className="filters">
            <YearSelect year={year} onChange={(y) => set({ year: y === currentYear() ? "" : String(y), page: "1" })} />
            <UnitSelect agencyId={agencyId} value={unitId} onChange={(id) => set({ unit: id ?? "", page: "1" })} />
          </div>
          {summary.isPending ? (
            <Loading />
          ) : summary.isError ? (
            <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />
          ) : (
            <div aria-busy={summary.isFetching}>
              <Headline summary={summary.data} />
              <section className="panel" aria-labelledby="jp-units-title">
                <h2 id="jp-units-title">{t("dashboard.unitsTitle")}</h2>
                <p className="muted small">{t("dashboard.unitsNote")}</p>
                <UnitTable summary={summary.data} />
              </section>
            </div>
          )}
          <section className="panel" aria-labelledby="jp-shortfall-title">
            <div className="page-header">
              <h2 id="jp-shortfall-title">{t("dashboard.shortfallTitle")}</h2>
              <div className="page-actions">
                <Button variant="primary" disabled={download.isPending} onClick={() => download.mutate({ agencyId: isSuperAdmin ? agencyId : null, year, unitId })}>
                  {download.isPending ? t("dashboard.downloading") : t("dashboard.download")}
                </Button>
              </div>
            </div>
            {download.isError ? <Notice kind="error">{text.problem(download.error)}</Notice> : null}
            {shortfall.isPending ? (
              <Loading />
            ) : shortfall.isError ? (
              <ErrorState error={shortfall.error} onRetry={() => void shortfall.refetch()} />
            ) : shortfall.data.items.length === 0 ? (
              <Empty>{t("dashboard.shortfallEmpty", { year })}</Empty>
            ) : (
              <>
                <div className="table-wrap" aria-busy={shortfall.isFetching}>
                  <table className="jp-shortfall">
                    <caption className="visually-hidden">{t("dashboard.shortfallCaption", { year })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("dashboard.nip")}</th>
                        <th scope="col">{t("dashboard.name")}</th>
                        <th scope="col">{t("dashboard.unit")}</th>
                        <th scope="col">{t("dashboard.jp")}</th>
                        <th scope="col">{t("dashboard.shortfall")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {shortfall.data.items.map((e) => (
                        <tr key={e.employee_id} data-id={e.employee_id}>
                          <td>{e.nip}</td>
                          <th scope="row">
                            <Link to={`${paths.employee(e.employee_id)}${year === currentYear() ? "" : `?year=${year}`}`}>{e.name}</Link>
                          </th>
                          <td>{e.unit_name}</td>
                          <td className="num">{formatJp(e.total_jp, lng)}</td>
                          <td className="num">{formatJp(e.shortfall_jp, lng)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <Pagination page={page} perPage={perPage} total={shortfall.data.total} onPage={(p) => set({ page: String(p) })} onPerPage={(n) => set({ per_page: String(n), page: "1" })} />
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}
