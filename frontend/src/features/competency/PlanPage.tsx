// Rencana Pengembangan (AKPK): the year's development activities in schedule order — which
// competency and unit, what (kind and form), by whom, when, how many learning hours, how many
// participants and at what cost — changed or removed here, and downloaded as the usual XLSX.
import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { formatDate, formatNumber } from "../../i18n/format";
import { useSession } from "../../session/SessionProvider";
import { Button, Named } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { SelectField } from "../../ui/Field";
import { PageHeader } from "../../ui/PageHeader";
import { Pagination } from "../../ui/Pagination";
import { Empty, ErrorState, Loading, Notice } from "../../ui/States";
import { useProblemText } from "../../ui/problemText";
import { positiveInt } from "../../ui/urlParams";
import { useCompetencyOptions, useDeletePlanItem, useDownloadPlan, usePlan, useUnits, type PlanItem } from "./api";
import { formatRupiah } from "./format";
import { paths } from "./paths";
import { PlanItemForm, planningYear } from "./PlanItemForm";
import { ChooseAgency, useUrlState } from "./shared";

const URL_DEFAULTS = { year: "", page: "1", per_page: "50" };

/** The years offered: two back, three ahead of the planning year, and the one shown. */
function yearChoices(shown: number): number[] {
  const base = planningYear();
  const years = new Set([base - 3, base - 2, base - 1, base, base + 1, base + 2, shown]);
  return [...years].sort((a, b) => a - b);
}

function Schedule({ item }: { item: PlanItem }) {
  const { i18n } = useTranslation();
  const lng = i18n.language;
  if (!item.planned_start && !item.planned_end) return <>—</>;
  if (item.planned_start === item.planned_end) return <>{formatDate(item.planned_start, lng)}</>;
  return <>{`${formatDate(item.planned_start, lng)} – ${formatDate(item.planned_end, lng)}`}</>;
}

export function PlanPage() {
  const { t, i18n } = useTranslation("competency");
  const { agencyId, isSuperAdmin } = useSession();
  const text = useProblemText();
  const [get, set] = useUrlState(URL_DEFAULTS);
  const year = positiveInt(get("year")) ?? planningYear();
  const page = positiveInt(get("page")) ?? 1;
  const perPage = positiveInt(get("per_page")) ?? 50;
  const needsAgency = isSuperAdmin && !agencyId;
  const plan = usePlan({ agencyId, year, page, perPage }, !needsAgency);
  const competencies = useCompetencyOptions(agencyId, !needsAgency);
  const items = plan.data?.items ?? [];
  const unitIds = [...new Set(items.map((i) => i.org_unit_id).filter((u): u is string => !!u))];
  const units = useUnits(unitIds);
  const unitName = (id: string) => units[unitIds.indexOf(id)]?.data?.name ?? "…";
  const competency = (id: string) => competencies.data?.find((c) => c.id === id);
  const download = useDownloadPlan();
  const remove = useDeletePlanItem();
  const [editing, setEditing] = useState<PlanItem | null>(null);
  const [removing, setRemoving] = useState<PlanItem | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const lng = i18n.language;
  const allShown = plan.data !== undefined && plan.data.total <= items.length;
  const totalBudget = items.reduce((a, i) => a + (i.budget ?? 0), 0);
  const totalParticipants = items.reduce((a, i) => a + i.employee_ids.length, 0);

  return (
    <>
      <PageHeader
        title={t("plan.title", { year })}
        subtitle={t("plan.subtitle")}
        actions={
          needsAgency ? null : (
            <Button variant="primary" disabled={download.isPending} onClick={() => download.mutate({ agencyId: isSuperAdmin ? agencyId : null, year })}>
              {download.isPending ? t("plan.downloading") : t("plan.download")}
            </Button>
          )
        }
      />
      {needsAgency ? (
        <ChooseAgency />
      ) : (
        <>
          {download.isError ? <Notice kind="error">{text.problem(download.error)}</Notice> : null}
          {flash ? <Notice kind="success">{flash}</Notice> : null}
          <div className="filters">
            <SelectField label={t("plan.year")} name="year" value={String(year)} onChange={(e) => set({ year: e.target.value === String(planningYear()) ? "" : e.target.value, page: "1" })} optionalMarker={false}>
              {yearChoices(year).map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </SelectField>
          </div>
          <p className="muted">
            {t("plan.fromNeeds")} <Link to={paths.needs}>{t("plan.toNeeds")}</Link>
          </p>
          {plan.isPending ? (
            <Loading />
          ) : plan.isError ? (
            <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />
          ) : items.length === 0 ? (
            <Empty>{t("plan.empty", { year })}</Empty>
          ) : (
            <>
              {allShown ? (
                <p data-testid="plan-summary">
                  {t("plan.summary", { n: formatNumber(plan.data.total, lng), participants: formatNumber(totalParticipants, lng), budget: formatRupiah(totalBudget, lng) })}
                </p>
              ) : null}
              <div className="table-wrap" aria-busy={plan.isFetching}>
                <table className="plan">
                  <caption className="visually-hidden">{t("plan.caption", { year })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("fields.competency")}</th>
                      <th scope="col">{t("plan.unit")}</th>
                      <th scope="col">{t("plan.activity")}</th>
                      <th scope="col">{t("plan.form")}</th>
                      <th scope="col">{t("plan.provider")}</th>
                      <th scope="col">{t("plan.schedule")}</th>
                      <th scope="col">{t("plan.jpShort")}</th>
                      <th scope="col">{t("plan.participants")}</th>
                      <th scope="col">{t("plan.budgetShort")}</th>
                      <th scope="col">{t("plan.actions")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((item) => {
                      const c = competency(item.competency_id);
                      return (
                        <tr key={item.id} data-id={item.id}>
                          <td>
                            {c ? (
                              <>
                                <strong>{c.code}</strong> {c.name}
                              </>
                            ) : (
                              "…"
                            )}
                          </td>
                          <td>{item.org_unit_id ? unitName(item.org_unit_id) : t("needs.wholeAgency")}</td>
                          <th scope="row">
                            {item.title}
                            <div className="muted small">{t(`enums:activityKind.${item.activity_kind}`)}</div>
                          </th>
                          <td>{t(`enums:developmentForm.${item.form}`)}</td>
                          <td>{item.provider ?? "—"}</td>
                          <td className="schedule">
                            <Schedule item={item} />
                          </td>
                          <td className="num">{item.jp != null ? formatNumber(item.jp, lng) : "—"}</td>
                          <td className="num">{formatNumber(item.employee_ids.length, lng)}</td>
                          <td className="num money">{item.budget != null ? formatRupiah(item.budget, lng) : "—"}</td>
                          <td className="actions">
                            <div className="row-actions">
                              <Button onClick={() => setEditing(item)}>
                                <Named label={t("common:actions.edit")} name={item.title} />
                              </Button>
                              <Button variant="danger" onClick={() => setRemoving(item)}>
                                <Named label={t("plan.remove")} name={item.title} />
                              </Button>
                            </div>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <Pagination page={page} perPage={perPage} total={plan.data.total} onPage={(p) => set({ page: String(p) })} onPerPage={(n) => set({ per_page: String(n), page: "1" })} />
            </>
          )}
        </>
      )}

      <Dialog open={editing !== null} title={editing ? t("plan.editTitle", { title: editing.title }) : ""} onClose={() => setEditing(null)}>
        {editing ? (
          <PlanItemForm
            key={editing.id}
            item={editing}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              setEditing(null);
              setFlash(t("plan.saved", { title: saved.title }));
            }}
          />
        ) : null}
      </Dialog>
      <Dialog
        open={removing !== null}
        title={t("plan.removeTitle")}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
      >
        <p>{t("plan.removeText", { title: removing?.title ?? "" })}</p>
        {remove.isError ? <Notice kind="error">{text.problem(remove.error)}</Notice> : null}
        <div className="form-actions">
          <Button
            variant="danger"
            disabled={remove.isPending}
            onClick={() => {
              if (!removing) return;
              const title = removing.title;
              remove.mutate(removing.id, {
                onSuccess: () => {
                  setRemoving(null);
                  setFlash(t("plan.removed", { title }));
                },
              });
            }}
          >
            {t("plan.remove")}
          </Button>
          <Button
            onClick={() => {
              setRemoving(null);
              remove.reset();
            }}
          >
            {t("common:actions.cancel")}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
