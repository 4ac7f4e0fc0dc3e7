// Kebutuhan Pelatihan: the ranked training needs of a unit or the whole agency, each with its
// score, why it scores so (from the contributions of its signals) and who is below standard;
// each need can be put into the development plan (AKPK), prefilled from the need, and its staff
// below standard enrolled in a session (angkatan) of a programme for the competency.
import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import { useSession } from "../../session/SessionProvider";
import { Button, Named } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { PageHeader } from "../../ui/PageHeader";
import { Empty, ErrorState, Loading, Notice } from "../../ui/States";
import { useTrainingNeeds, type PlanItem, type TrainingNeed } from "./api";
import { EnrolForm } from "./EnrolForm";
import { explainNeed, formatShare } from "./format";
import { paths } from "./paths";
import { PlanItemForm, planningYear, type PlanSeed } from "./PlanItemForm";
import { ChooseAgency, UnitSelect, useUrlState } from "./shared";

const URL_DEFAULTS = { unit: "" };

function BelowList({ need }: { need: TrainingNeed }) {
  const { t } = useTranslation("competency");
  const shown = need.employees_below.length;
  return (
    <details className="below">
      <summary>{t("needs.showBelow", { count: need.below_count })}</summary>
      <ul>
        {need.employees_below.map((e) => (
          <li key={e.employee_id}>
            <Link to={paths.employee(e.employee_id)}>{e.name}</Link> <span className="muted small">{e.nip}</span> —{" "}
            {e.achieved === null || e.achieved === undefined ? t("needs.belowUnassessed", { required: e.required }) : t("needs.belowLevel", { achieved: e.achieved, required: e.required })}
          </li>
        ))}
      </ul>
      {need.below_count > shown ? <p className="muted small">{t("needs.more", { shown, total: need.below_count })}</p> : null}
    </details>
  );
}

/** What the plan form starts from for a need: its competency, the unit, its score and its targets. */
export function seedOf(need: TrainingNeed, unitId: string | null, below: (e: TrainingNeed["employees_below"][number]) => string): PlanSeed {
  return {
    year: planningYear(),
    competencyId: need.competency.id,
    unitId,
    needScore: need.score,
    targets: need.employees_below.map((e) => ({ employee_id: e.employee_id, name: e.name, nip: e.nip, detail: below(e) })),
    unlisted: Math.max(0, need.below_count - need.employees_below.length),
  };
}

export function TrainingNeedsPage() {
  const { t, i18n } = useTranslation("competency");
  const { agencyId, isSuperAdmin } = useSession();
  const [get, set] = useUrlState(URL_DEFAULTS);
  const unitId = get("unit") || null;
  const needsAgency = isSuperAdmin && !agencyId;
  const needs = useTrainingNeeds(agencyId, unitId, !needsAgency);
  const lng = i18n.language;
  const [planning, setPlanning] = useState<TrainingNeed | null>(null);
  const [planned, setPlanned] = useState<PlanItem | null>(null);
  const [enrolling, setEnrolling] = useState<TrainingNeed | null>(null);
  const belowText = (e: TrainingNeed["employees_below"][number]) =>
    e.achieved === null || e.achieved === undefined ? t("needs.belowUnassessed", { required: e.required }) : t("needs.belowLevel", { achieved: e.achieved, required: e.required });

  return (
    <>
      <PageHeader title={t("needs.title")} subtitle={t("needs.subtitle")} />
      {needsAgency ? (
        <ChooseAgency />
      ) : (
        <>
          {planned ? (
            <Notice kind="success">
              {t("plan.added", { title: planned.title, year: planned.year })} <Link to={paths.planOf(planned.year)}>{t("plan.see", { year: planned.year })}</Link>
            </Notice>
          ) : null}
          <div className="filters">
            <UnitSelect agencyId={agencyId} value={unitId} onChange={(id) => set({ unit: id ?? "" })} noneLabel={t("needs.wholeAgency")} />
          </div>
          {needs.isPending ? (
            <Loading />
          ) : needs.isError ? (
            <ErrorState error={needs.error} onRetry={() => void needs.refetch()} />
          ) : needs.data.items.length === 0 ? (
            <Empty>{t("needs.empty")}</Empty>
          ) : (
            <div className="table-wrap" aria-busy={needs.isFetching}>
              <table className="needs">
                <caption className="visually-hidden">{t("needs.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("needs.rank")}</th>
                    <th scope="col">{t("fields.competency")}</th>
                    <th scope="col">{t("needs.score")}</th>
                    <th scope="col">{t("needs.shareBelow")}</th>
                    <th scope="col">{t("needs.meanGap")}</th>
                    <th scope="col">{t("needs.explanation")}</th>
                    <th scope="col">{t("plan.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {needs.data.items.map((n) => (
                    <tr key={n.competency.id} data-code={n.competency.code}>
                      <td className="num">{n.rank}</td>
                      <th scope="row">
                        {`${n.competency.code} · ${n.competency.name}`}
                        <div className="muted small">{t(`enums:competencyGroup.${n.competency.group}`)}</div>
                      </th>
                      <td className="score">
                        <span className="scorebar" aria-hidden="true">
                          <span style={{ width: `${Math.max(0, Math.min(100, n.score))}%` }} />
                        </span>
                        <span className="score-value">{formatNumber(n.score, lng, 1)}</span>
                      </td>
                      <td>
                        {formatShare(n.share_below, lng)}
                        <div className="muted small">{t("needs.belowOf", { below: n.below_count, with: n.with_standard })}</div>
                      </td>
                      <td>{t("needs.levels", { value: formatNumber(n.mean_gap, lng) })}</td>
                      <td className="explanation">
                        <p>{explainNeed(n, t, lng)}</p>
                        {n.below_count > 0 ? <BelowList need={n} /> : null}
                      </td>
                      <td className="actions">
                        <div className="row-actions">
                          <Button
                            onClick={() => {
                              setPlanned(null);
                              setPlanning(n);
                            }}
                          >
                            <Named label={t("plan.addToPlan")} name={`${n.competency.code} · ${n.competency.name}`} />
                          </Button>
                          {n.employees_below.length > 0 ? (
                            <Button onClick={() => setEnrolling(n)}>
                              <Named label={t("enrol.action")} name={`${n.competency.code} · ${n.competency.name}`} />
                            </Button>
                          ) : null}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      <Dialog open={planning !== null} title={planning ? t("plan.addTitleFor", { competency: `${planning.competency.code} · ${planning.competency.name}` }) : ""} onClose={() => setPlanning(null)}>
        {planning ? (
          <PlanItemForm
            key={planning.competency.id}
            seed={seedOf(planning, unitId, belowText)}
            onCancel={() => setPlanning(null)}
            onSaved={(item) => {
              setPlanning(null);
              setPlanned(item);
            }}
          />
        ) : null}
      </Dialog>
      <Dialog open={enrolling !== null} title={enrolling ? t("enrol.titleFor", { competency: `${enrolling.competency.code} · ${enrolling.competency.name}` }) : ""} onClose={() => setEnrolling(null)}>
        {enrolling ? <EnrolForm key={enrolling.competency.id} need={enrolling} below={belowText} onClose={() => setEnrolling(null)} /> : null}
      </Dialog>
    </>
  );
}
