// Catatan JP: an employee's learning hours of a year — how far they are toward 20 JP and every
// credited activity (Pembina sessions, training elsewhere, non-classical activities). Shown to the
// employee as "JP Saya" and to administrators per employee, who also record activities here and
// remove those not from a Pembina session (which follow their enrolment).
import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { ApiProblem } from "../../api/problem";
import { formatDate } from "../../i18n/format";
import { useSession } from "../../session/SessionProvider";
import { Button, Named } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { useUrlState } from "../../ui/formErrors";
import { PageHeader } from "../../ui/PageHeader";
import { Empty, ErrorState, Loading, Notice } from "../../ui/States";
import { useProblemText } from "../../ui/problemText";
import { positiveInt } from "../../ui/urlParams";
import { useDeleteCredit, useEmployee, useLedger, type Credit, type LedgerOf, type Standing } from "./api";
import { CreditForm } from "./CreditForm";
import { currentYear, formatJp } from "./format";
import { paths } from "./paths";
import { SourceBadge, YearSelect } from "./shared";

const URL_DEFAULTS = { year: "" };

/** Whether a credit's reference was given by a person (a certificate number), not an enrolment or generated. */
const ownReference = (c: Credit) => c.source !== "session" && !c.reference.startsWith("pembina-");

/** How far the year's JP are toward the target: a bar and "12,5 / 20 JP". */
export function Progress({ standing, year }: { standing: Standing; year: number }) {
  const { t, i18n } = useTranslation("jp");
  const lng = i18n.language;
  const target = standing.target_jp;
  const share = target > 0 ? Math.min(1, standing.total_jp / target) : 1;
  const text = t("progress", { total: formatJp(standing.total_jp, lng), target: formatJp(target, lng) });
  return (
    <section className="panel" aria-labelledby="jp-progress-label">
      <h2 id="jp-progress-label">{t("ledger.progressLabel", { year })}</h2>
      <p className="card-value" data-testid="jp-progress">
        {text}
      </p>
      <div
        className="scorebar"
        role="progressbar"
        aria-labelledby="jp-progress-label"
        aria-valuemin={0}
        aria-valuemax={target}
        aria-valuenow={Math.min(standing.total_jp, target)}
        aria-valuetext={text}
        style={{ width: "100%", height: "1rem", margin: "0.25rem 0 0.75rem" }}
      >
        <span style={{ width: `${Math.round(share * 1000) / 10}%` }} />
      </div>
      <p>
        {standing.meets
          ? t("ledger.met", { target: formatJp(target, lng), year })
          : t("ledger.short", { shortfall: formatJp(standing.shortfall_jp, lng), target: formatJp(target, lng), year })}
      </p>
    </section>
  );
}

function Heading({ of }: { of: LedgerOf }) {
  const { t } = useTranslation("jp");
  const { isAdmin } = useSession();
  const employee = useEmployee(of === "me" ? null : of.employeeId);
  if (of === "me") return <PageHeader title={t("ledger.mine")} subtitle={t("ledger.subtitle")} />;
  return (
    <>
      {isAdmin ? (
        <p className="in-page">
          <Link to={paths.dashboard}>← {t("ledger.back")}</Link>
        </p>
      ) : null}
      <PageHeader
        title={employee.data ? t("ledger.titleOf", { name: employee.data.name }) : t("ledger.title")}
        subtitle={employee.data ? [t("ledger.nip", { nip: employee.data.nip }), employee.data.org_unit_name].filter(Boolean).join(" · ") : t("ledger.subtitle")}
      />
    </>
  );
}

export function LedgerPage({ of }: { of: LedgerOf }) {
  const { t, i18n } = useTranslation("jp");
  const { isAdmin } = useSession();
  const text = useProblemText();
  const [get, set] = useUrlState(URL_DEFAULTS);
  const year = positiveInt(get("year")) ?? currentYear();
  const ledger = useLedger(of, year);
  const remove = useDeleteCredit();
  const [recording, setRecording] = useState(false);
  const [removing, setRemoving] = useState<Credit | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const lng = i18n.language;
  const employeeId = of === "me" ? (ledger.data?.employee_id ?? null) : of.employeeId;
  const canManage = isAdmin && employeeId !== null;
  const problemText = (err: unknown) => (err instanceof ApiProblem && err.code === "session_credit" ? t("problem.session_credit") : text.problem(err));
  const closeRemove = () => {
    setRemoving(null);
    remove.reset();
  };

  return (
    <>
      <Heading of={of} />
      {flash ? <Notice kind="success">{flash}</Notice> : null}
      <div className="filters">
        <YearSelect year={year} onChange={(y) => set({ year: y === currentYear() ? "" : String(y) })} />
        {canManage ? (
          <Button
            variant="primary"
            onClick={() => {
              setFlash(null);
              setRecording(true);
            }}
          >
            {t("ledger.record")}
          </Button>
        ) : null}
      </div>
      {ledger.isPending ? (
        <Loading />
      ) : ledger.isError ? (
        <ErrorState error={ledger.error} onRetry={() => void ledger.refetch()} />
      ) : of === "me" && !ledger.data.employee_id ? (
        <Notice kind="info">{t("ledger.noEmployee")}</Notice>
      ) : (
        <div aria-busy={ledger.isFetching}>
          <Progress standing={ledger.data.standing} year={ledger.data.year} />
          {ledger.data.credits.length === 0 ? (
            <Empty>{t("ledger.empty", { year: ledger.data.year })}</Empty>
          ) : (
            <div className="table-wrap">
              <table className="jp-credits">
                <caption className="visually-hidden">{t("ledger.caption", { year: ledger.data.year })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("ledger.date")}</th>
                    <th scope="col">{t("ledger.activity")}</th>
                    <th scope="col">{t("ledger.kind")}</th>
                    <th scope="col">{t("ledger.source")}</th>
                    <th scope="col">{t("ledger.jp")}</th>
                    {canManage ? <th scope="col">{t("ledger.actions")}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {ledger.data.credits.map((c) => (
                    <tr key={c.id} data-id={c.id}>
                      <td>{formatDate(c.occurred_on, lng)}</td>
                      <th scope="row">
                        {c.title}
                        {c.provider || ownReference(c) ? (
                          <div className="muted small">{[c.provider, ownReference(c) ? t("ledger.reference", { reference: c.reference }) : null].filter(Boolean).join(" · ")}</div>
                        ) : null}
                      </th>
                      <td>
                        {t(`enums:activityKind.${c.activity_kind}`)}
                        <div className="muted small">{t(`enums:developmentForm.${c.form}`)}</div>
                      </td>
                      <td>
                        <SourceBadge source={c.source} />
                      </td>
                      <td className="num">
                        {formatJp(c.jp, lng)}
                        {c.minutes != null ? <div className="muted small">{t("ledger.minutes", { minutes: c.minutes })}</div> : null}
                      </td>
                      {canManage ? (
                        <td className="actions">
                          {c.source === "session" ? (
                            <span className="muted small">{t("ledger.sessionNote")}</span>
                          ) : (
                            <Button variant="danger" onClick={() => setRemoving(c)}>
                              <Named label={t("ledger.remove")} name={c.title} />
                            </Button>
                          )}
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}

      <Dialog open={recording} title={t("form.title")} onClose={() => setRecording(false)}>
        {recording && employeeId ? (
          <CreditForm
            employeeId={employeeId}
            onCancel={() => setRecording(false)}
            onSaved={(credit) => {
              setRecording(false);
              setFlash(t("ledger.recorded", { title: credit.title, jp: formatJp(credit.jp, lng) }));
              if (credit.year !== year) set({ year: credit.year === currentYear() ? "" : String(credit.year) });
            }}
          />
        ) : null}
      </Dialog>
      <Dialog open={removing !== null} title={t("ledger.removeTitle")} onClose={closeRemove}>
        <p>{t("ledger.removeText", { title: removing?.title ?? "", jp: removing ? formatJp(removing.jp, lng) : "" })}</p>
        {remove.isError ? <Notice kind="error">{problemText(remove.error)}</Notice> : null}
        <div className="form-actions">
          <Button
            variant="danger"
            disabled={remove.isPending}
            onClick={() => {
              if (!removing) return;
              const title = removing.title;
              remove.mutate(removing.id, {
                onSuccess: () => {
                  closeRemove();
                  setFlash(t("ledger.removed", { title }));
                },
              });
            }}
          >
            {t("ledger.remove")}
          </Button>
          <Button onClick={closeRemove}>{t("common:actions.cancel")}</Button>
        </div>
      </Dialog>
    </>
  );
}
