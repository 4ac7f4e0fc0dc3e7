// One employee: the record, the chain of supervisors above them and (for admins) the history
// of changes; admins can edit or deactivate from here.
import { useState } from "react";
import { Link, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../i18n/format";
import { useSession } from "../../session/SessionProvider";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { PageHeader } from "../../ui/PageHeader";
import { ErrorState, Loading, Notice } from "../../ui/States";
import { useProblemText } from "../../ui/problemText";
import { useDeactivateEmployee, useEmployee, useSupervisorChain } from "./api";
import { AuditHistory } from "./AuditHistory";
import { EmployeeStatusBadge } from "./EmployeeStatusBadge";
import { paths } from "./values";

/** Whether we arrived here right after saving the form. */
function justSaved(state: unknown): boolean {
  return typeof state === "object" && state !== null && "saved" in state && state.saved === true;
}

function SupervisorChain({ employeeId }: { employeeId: string }) {
  const { t } = useTranslation("people");
  const chain = useSupervisorChain(employeeId);
  if (chain.isPending) return <Loading />;
  if (chain.isError) return <ErrorState error={chain.error} onRetry={() => void chain.refetch()} />;
  if (chain.data.length === 0) return <p className="muted">{t("detail.noSupervisor")}</p>;
  return (
    <>
      <p className="muted">{t("detail.chainNote")}</p>
      <ol>
        {chain.data.map((s) => (
          <li key={s.id}>
            <Link to={paths.detail(s.id)}>{s.full_name}</Link>
            {s.position_title ? <span className="muted"> · {s.position_title}</span> : null}
          </li>
        ))}
      </ol>
    </>
  );
}

export function EmployeeDetailPage({ employeeId }: { employeeId: string }) {
  const { t, i18n } = useTranslation("people");
  const { isAdmin, me } = useSession();
  const location = useLocation();
  const text = useProblemText();
  const employee = useEmployee(employeeId);
  const deactivate = useDeactivateEmployee(employeeId);
  const [confirming, setConfirming] = useState(false);

  const back = (
    <p>
      <Link to={paths.list}>← {t("detail.backToList")}</Link>
    </p>
  );
  if (employee.isPending) return <Loading />;
  if (employee.isError) {
    return (
      <>
        <ErrorState error={employee.error} onRetry={() => void employee.refetch()} />
        {back}
      </>
    );
  }
  const e = employee.data;
  const dash = "—";
  // The competency profile and the rating history (other features, linked by URL): admins, the
  // employee, their supervisor.
  const seesCompetencies = isAdmin || (me?.employee_id != null && (me.employee_id === e.id || me.employee_id === e.supervisor_id));
  const closeDialog = () => {
    setConfirming(false);
    deactivate.reset();
  };

  return (
    <>
      <PageHeader
        title={e.full_name}
        subtitle={
          <>
            {t("fields.nip")} {e.nip} <EmployeeStatusBadge status={e.status} />
          </>
        }
        actions={
          seesCompetencies || isAdmin ? (
            <>
              {seesCompetencies ? (
                <>
                  <Link to={paths.competencyProfile(e.id)} className="btn">
                    {t("detail.competencyProfile")}
                  </Link>
                  <Link to={paths.appraisalHistory(e.id)} className="btn">
                    {t("detail.appraisalHistory")}
                  </Link>
                </>
              ) : null}
              {isAdmin ? (
                <>
                  <Link to={paths.edit(e.id)} className="btn">
                    {t("common:actions.edit")}
                  </Link>
                  {e.status !== "inactive" ? (
                    <Button variant="danger" onClick={() => setConfirming(true)}>
                      {t("common:actions.deactivate")}
                    </Button>
                  ) : null}
                </>
              ) : null}
            </>
          ) : undefined
        }
      />
      {justSaved(location.state) && !deactivate.isSuccess ? <Notice kind="success">{t("common:form.saved")}</Notice> : null}
      {deactivate.isSuccess ? <Notice kind="success">{t("detail.deactivated")}</Notice> : null}

      <section className="panel" aria-labelledby="employee-profile">
        <h2 id="employee-profile">{t("detail.profile")}</h2>
        <dl className="props">
          <dt>{t("fields.nip")}</dt>
          <dd>{e.nip}</dd>
          <dt>{t("fields.full_name")}</dt>
          <dd>{e.full_name}</dd>
          <dt>{t("fields.employment_type")}</dt>
          <dd>{t(`enums:employmentType.${e.employment_type}`)}</dd>
          <dt>{t("fields.sex")}</dt>
          <dd>{t(`enums:sex.${e.sex}`)}</dd>
          <dt>{t("fields.birth_date")}</dt>
          <dd>{formatDate(e.birth_date, i18n.language)}</dd>
          <dt>{t("fields.rank")}</dt>
          <dd>{e.rank ?? dash}</dd>
          <dt>{t("fields.org_unit_id")}</dt>
          <dd>{e.org_unit_name ?? dash}</dd>
          <dt>{t("fields.position_id")}</dt>
          <dd>
            {e.position_title ?? dash}
            {e.position_kind ? <span className="muted"> · {t(`enums:positionKind.${e.position_kind}`)}</span> : null}
          </dd>
          <dt>{t("fields.email")}</dt>
          <dd>{e.email ? <a href={`mailto:${e.email}`}>{e.email}</a> : dash}</dd>
          <dt>{t("fields.phone")}</dt>
          <dd>{e.phone ? <a href={`tel:${e.phone}`}>{e.phone}</a> : dash}</dd>
          <dt>{t("fields.status")}</dt>
          <dd>
            <EmployeeStatusBadge status={e.status} />
          </dd>
        </dl>
      </section>

      <section className="panel" aria-labelledby="employee-chain">
        <h2 id="employee-chain">{t("detail.chain")}</h2>
        <SupervisorChain employeeId={e.id} />
      </section>

      {isAdmin ? (
        <section className="panel" aria-labelledby="employee-history">
          <h2 id="employee-history">{t("detail.history")}</h2>
          <AuditHistory employeeId={e.id} agencyId={e.agency_id} headingId="employee-history" />
        </section>
      ) : null}

      {back}

      <Dialog open={confirming} title={t("detail.deactivateTitle")} onClose={closeDialog}>
        <p>{t("detail.deactivateText", { name: e.full_name })}</p>
        {deactivate.isError ? <Notice kind="error">{text.problem(deactivate.error)}</Notice> : null}
        <div className="form-actions">
          <Button
            variant="danger"
            disabled={deactivate.isPending}
            onClick={() => deactivate.mutate(undefined, { onSuccess: () => setConfirming(false) })}
          >
            {t("common:actions.deactivate")}
          </Button>
          <Button onClick={closeDialog}>{t("common:actions.cancel")}</Button>
        </div>
      </Dialog>
    </>
  );
}
