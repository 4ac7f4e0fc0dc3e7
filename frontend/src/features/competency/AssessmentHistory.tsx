// An employee's assessments, newest first, voided ones included (they stay in the history but
// stop counting). Admins void an assessment with a reason.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../i18n/format";
import { useSession } from "../../session/SessionProvider";
import { Badge } from "../../ui/Badge";
import { Button, Named } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { TextAreaField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { Pagination } from "../../ui/Pagination";
import { Empty, ErrorState, Loading, Notice } from "../../ui/States";
import { HISTORY_PAGE_SIZE, useAssessments, useVoidAssessment, type Assessment, type CompetencyRef } from "./api";
import { useFormErrors } from "./shared";

export function AssessmentHistory({ employeeId, names }: { employeeId: string; names: Map<string, CompetencyRef> }) {
  const { t, i18n } = useTranslation("competency");
  const { isAdmin } = useSession();
  const [page, setPage] = useState(1);
  const list = useAssessments(employeeId, page);
  const [voiding, setVoiding] = useState<Assessment | null>(null);
  const label = (id: string) => {
    const c = names.get(id);
    return c ? `${c.code} · ${c.name}` : t("history.unknownCompetency");
  };

  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data.items.length === 0) return <Empty>{t("history.empty")}</Empty>;
  return (
    <>
      <div className="table-wrap" aria-busy={list.isFetching}>
        <table>
          <caption className="visually-hidden">{t("history.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("history.date")}</th>
              <th scope="col">{t("fields.competency")}</th>
              <th scope="col">{t("assess.level")}</th>
              <th scope="col">{t("assess.method")}</th>
              <th scope="col">{t("assess.assessor")}</th>
              <th scope="col">{t("assess.validUntil")}</th>
              <th scope="col">{t("history.status")}</th>
              {isAdmin ? (
                <th scope="col">
                  <span className="visually-hidden">{t("history.actions")}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((a) => (
              <tr key={a.id} className={a.voided_at ? "voided" : undefined}>
                <td>{formatDate(a.assessed_on, i18n.language)}</td>
                <td>{label(a.competency_id)}</td>
                <td>{a.level}</td>
                <td>{t(`enums:assessmentMethod.${a.method}`)}</td>
                <td>{a.assessor_name ?? "—"}</td>
                <td>{a.valid_until ? formatDate(a.valid_until, i18n.language) : "—"}</td>
                <td>
                  {a.voided_at ? (
                    <>
                      <Badge tone="inactive">{t("history.voided")}</Badge>
                      {a.void_reason ? <span className="muted small"> {a.void_reason}</span> : null}
                    </>
                  ) : (
                    <Badge tone="active">{t("history.valid")}</Badge>
                  )}
                </td>
                {isAdmin ? (
                  <td>
                    {a.voided_at ? null : (
                      <Button onClick={() => setVoiding(a)}>
                        <Named label={t("history.void")} name={`${label(a.competency_id)} ${formatDate(a.assessed_on, i18n.language)}`} />
                      </Button>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.data.total > HISTORY_PAGE_SIZE ? <Pagination page={page} perPage={HISTORY_PAGE_SIZE} total={list.data.total} onPage={setPage} /> : null}
      <Dialog open={voiding !== null} title={t("history.voidTitle")} onClose={() => setVoiding(null)}>
        {voiding ? <VoidForm assessment={voiding} label={label(voiding.competency_id)} onDone={() => setVoiding(null)} /> : null}
      </Dialog>
    </>
  );
}

function VoidForm({ assessment, label, onDone }: { assessment: Assessment; label: string; onDone: () => void }) {
  const { t, i18n } = useTranslation("competency");
  const [reason, setReason] = useState("");
  const errors = useFormErrors((f) => (f === "reason" ? f : null));
  const voidIt = useVoidAssessment();
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!errors.requireFilled({ reason })) return;
    voidIt.mutate({ id: assessment.id, reason: reason.trim() }, { onSuccess: onDone, onError: errors.fail });
  }
  return (
    <form onSubmit={submit} noValidate>
      <p>{t("history.voidText", { competency: label, level: assessment.level, date: formatDate(assessment.assessed_on, i18n.language) })}</p>
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : null}
      <TextAreaField label={t("history.reason")} name="reason" required value={reason} onChange={(e) => setReason(e.target.value)} error={errors.at("reason")} maxLength={500} rows={2} />
      <FormActions busy={voidIt.isPending} onCancel={onDone} submitLabel={t("history.void")} />
    </form>
  );
}
