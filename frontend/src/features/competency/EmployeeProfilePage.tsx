// Profil Kompetensi Pegawai: an employee's required vs current level per competency (chart and
// table), the job–person match, what is not yet assessed, the assessment history and a form to
// record an assessment. Seen by admins, the employee and their direct supervisor.
import { useMemo } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import { useSession } from "../../session/SessionProvider";
import { PageHeader } from "../../ui/PageHeader";
import { Empty, ErrorState, Loading } from "../../ui/States";
import { useCompetencyOptions, useEmployeeGap, type CompetencyRef } from "./api";
import { AssessmentForm } from "./AssessmentForm";
import { AssessmentHistory } from "./AssessmentHistory";
import { GapChart, GapTable } from "./GapChart";
import { paths } from "./paths";
import { MatchBadge } from "./shared";

export function EmployeeProfilePage({ employeeId }: { employeeId: string }) {
  const { t, i18n } = useTranslation("competency");
  const { agencyId } = useSession();
  const gap = useEmployeeGap(employeeId);
  const options = useCompetencyOptions(agencyId);
  // Names of every competency an assessment may refer to (retired ones included).
  const names = useMemo(() => {
    const m = new Map<string, CompetencyRef>();
    for (const c of options.data ?? []) m.set(c.id, c);
    for (const i of gap.data?.items ?? []) m.set(i.competency.id, i.competency);
    return m;
  }, [options.data, gap.data]);

  if (gap.isPending) return <Loading />;
  if (gap.isError) {
    return (
      <>
        <PageHeader title={t("profile.title")} />
        <ErrorState error={gap.error} onRetry={() => void gap.refetch()} />
      </>
    );
  }
  const g = gap.data;
  // What may be assessed: the standard's competencies, else (no position) the current catalogue.
  const assessable: CompetencyRef[] = g.items.length > 0 ? g.items.map((i) => i.competency) : (options.data ?? []).filter((c) => !c.retired);
  const n = (v: number) => formatNumber(v, i18n.language);

  return (
    <>
      <PageHeader
        title={t("profile.titleOf", { name: g.name })}
        subtitle={g.position_title ? t("profile.position", { title: g.position_title }) : t("profile.noPosition")}
        actions={
          <Link to={paths.employeeRecord(g.employee_id)} className="btn">
            {t("profile.record")}
          </Link>
        }
      />
      <div className="cards">
        <div className="card" aria-labelledby="jpm-label">
          <span id="jpm-label" className="card-label">
            {t("profile.match")}
          </span>
          <span className="card-value" data-testid="match">
            <MatchBadge match={g.job_person_match} />
          </span>
          {g.job_person_match ? <span className="muted small">{t("profile.points", { achieved: n(g.job_person_match.achieved_points), required: n(g.job_person_match.required_points) })}</span> : null}
        </div>
        <div className="card">
          <span className="card-label">{t("profile.unassessed")}</span>
          <span className="card-value" data-testid="unassessed">
            {t("profile.unassessedValue", { count: g.unassessed, total: g.items.length })}
          </span>
        </div>
      </div>

      <section className="panel" aria-labelledby="profile-chart">
        <h2 id="profile-chart">{t("profile.chartHeading")}</h2>
        {g.items.length === 0 ? (
          <Empty>{t("profile.noStandard")}</Empty>
        ) : (
          <>
            <GapChart items={g.items} />
            <GapTable items={g.items} />
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="assess-heading">
        <h2 id="assess-heading">{t("assess.title")}</h2>
        <AssessmentForm employeeId={g.employee_id} competencies={assessable} />
      </section>

      <section className="panel" aria-labelledby="history-heading">
        <h2 id="history-heading">{t("history.title")}</h2>
        <AssessmentHistory employeeId={g.employee_id} names={names} />
      </section>
    </>
  );
}
