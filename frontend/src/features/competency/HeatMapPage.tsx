// Peta Kesenjangan Unit: for a chosen unit (and the units below it), each employee's gap per
// competency, coloured and written out (never colour alone), each employee's job–person match,
// and per competency the share of staff below the standard.
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session/SessionProvider";
import { PageHeader } from "../../ui/PageHeader";
import { Empty, ErrorState, Loading } from "../../ui/States";
import { useUnitGaps, type CompetencyRef, type HeatCell } from "./api";
import { formatGap, formatShare, standingOf } from "./format";
import { paths } from "./paths";
import { ChooseAgency, MatchBadge, UnitSelect, useUrlState } from "./shared";

const URL_DEFAULTS = { unit: "" };

/** The text of one cell: a symbol and "current/required" on screen, a sentence for screen readers. */
function Cell({ cell, competency }: { cell: HeatCell | undefined; competency: CompetencyRef }) {
  const { t } = useTranslation("competency");
  if (!cell) {
    return (
      <td className="heat heat-none">
        <span aria-hidden="true">·</span>
        <span className="visually-hidden">{t("heat.notInStandard")}</span>
      </td>
    );
  }
  const standing = standingOf(cell);
  const short = standing === "unassessed" ? "?" : standing === "meets" ? (cell.gap > 0 ? `✓ ${formatGap(cell.gap)}` : "✓") : formatGap(cell.gap);
  const long =
    standing === "unassessed"
      ? t("heat.cellUnassessed", { code: competency.code, required: cell.required })
      : t("heat.cell", { code: competency.code, achieved: cell.achieved, required: cell.required, gap: formatGap(cell.gap) });
  return (
    <td className={`heat heat-${standing}`}>
      <span aria-hidden="true">{short}</span>
      <span aria-hidden="true" className="heat-levels">{`${cell.achieved ?? "–"}/${cell.required}`}</span>
      <span className="visually-hidden">{long}</span>
    </td>
  );
}

export function HeatMapPage() {
  const { t, i18n } = useTranslation("competency");
  const { agencyId, isSuperAdmin } = useSession();
  const [get, set] = useUrlState(URL_DEFAULTS);
  const unitId = get("unit") || null;
  const gaps = useUnitGaps(unitId);

  return (
    <>
      <PageHeader title={t("heat.title")} subtitle={t("heat.subtitle")} />
      {isSuperAdmin && !agencyId ? (
        <ChooseAgency />
      ) : (
        <div className="filters">
          <UnitSelect agencyId={agencyId} value={unitId} onChange={(id) => set({ unit: id ?? "" })} noneLabel={t("unit.choose")} />
        </div>
      )}
      {unitId === null ? (
        <Empty>{t("heat.chooseUnit")}</Empty>
      ) : gaps.isPending ? (
        <Loading />
      ) : gaps.isError ? (
        <ErrorState error={gaps.error} onRetry={() => void gaps.refetch()} />
      ) : gaps.data.employees.length === 0 ? (
        <Empty>{t("heat.empty")}</Empty>
      ) : (
        <>
          <p className="legend" aria-hidden="true">
            <span className="heat-sample heat-meets">✓</span> {t("standing.meets")} <span className="heat-sample heat-below1">−1</span> {t("standing.below1")}{" "}
            <span className="heat-sample heat-below2">−2</span> {t("standing.below2")} <span className="heat-sample heat-unassessed">?</span> {t("standing.unassessed")}{" "}
            <span className="heat-sample heat-none">·</span> {t("heat.notInStandard")}
          </p>
          <div className="table-wrap" aria-busy={gaps.isFetching}>
            <table className="heatmap">
              <caption className="visually-hidden">{t("heat.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("heat.employee")}</th>
                  <th scope="col">{t("profile.match")}</th>
                  {gaps.data.competencies.map((c) => (
                    <th scope="col" key={c.id} className="std-head">
                      <abbr title={c.name}>{c.code}</abbr>
                      <span className="visually-hidden"> {c.name}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {gaps.data.employees.map((e) => (
                  <tr key={e.employee_id}>
                    <th scope="row">
                      <Link to={paths.employee(e.employee_id)}>{e.name}</Link>
                      <span className="muted small nip"> {e.nip}</span>
                    </th>
                    <td>
                      <MatchBadge match={e.job_person_match} />
                    </td>
                    {gaps.data.competencies.map((c) => (
                      <Cell key={c.id} competency={c} cell={e.cells.find((x) => x.competency_id === c.id)} />
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={2}>
                    {t("heat.summary")}
                  </th>
                  {gaps.data.competencies.map((c) => {
                    const s = gaps.data.summary.find((x) => x.competency.id === c.id);
                    return (
                      <td key={c.id} className="heat-summary">
                        {s && s.with_standard > 0 ? formatShare(s.share_below, i18n.language) : "—"}
                        {s && s.with_standard > 0 ? <span className="visually-hidden"> {t("heat.summaryCell", { below: s.below, with: s.with_standard, code: c.code })}</span> : null}
                      </td>
                    );
                  })}
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </>
  );
}
