// One survey: who answers it, its questions, and what can be done with it now — change and open
// a draft (after confirming; opening sends the tasks or makes the public link), close an open
// survey, and see the results.
import { useState } from "react";
import { Link, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../i18n/format";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { PageHeader } from "../../ui/PageHeader";
import { ErrorState, Loading, Notice } from "../../ui/States";
import { useProblemText } from "../../ui/problemText";
import { useCloseSurvey, useCompetencies, useOpenSurvey, useSurvey, type Survey } from "./api";
import { paths } from "./paths";
import { StatusBadge, UnitName } from "./shared";

function justSaved(state: unknown): boolean {
  return typeof state === "object" && state !== null && "saved" in state && state.saved === true;
}

/** The full address of a public survey's anonymous link. */
export function publicLink(path: string): string {
  return `${globalThis.location?.origin ?? ""}${path}`;
}

function Questions({ survey }: { survey: Survey }) {
  const { t } = useTranslation("surveys");
  const competencies = useCompetencies(survey.agency_id);
  const byId = new Map((competencies.data ?? []).map((c) => [c.id, c]));
  return (
    <section className="panel" aria-labelledby="survey-questions">
      <h2 id="survey-questions">{t("builder.questions", { n: survey.questions.length })}</h2>
      <ol className="question-list">
        {[...survey.questions]
          .sort((a, b) => a.position - b.position)
          .map((q) => {
            const c = q.competency_id ? byId.get(q.competency_id) : undefined;
            return (
              <li key={q.id}>
                <p className="question-text">{q.text}</p>
                <p className="muted small">
                  {t(`enums:questionKind.${q.kind}`)} · {q.required ? t("detail.required") : t("detail.optional")}
                  {q.competency_id ? ` · ${t("detail.competency", { competency: c ? `${c.code} · ${c.name}` : "…" })}` : ""}
                </p>
                {q.options.length > 0 ? (
                  <ul>
                    {q.options.map((o, i) => (
                      <li key={i}>{o}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
      </ol>
    </section>
  );
}

export function SurveyDetailPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation("surveys");
  const location = useLocation();
  const text = useProblemText();
  const survey = useSurvey(id);
  const open = useOpenSurvey();
  const close = useCloseSurvey();
  const [confirming, setConfirming] = useState<"open" | "close" | null>(null);
  const [flash, setFlash] = useState<string | null>(justSaved(location.state) ? t("detail.saved") : null);
  const lng = i18n.language;

  const back = (
    <p>
      <Link to={paths.list}>← {t("detail.back")}</Link>
    </p>
  );
  if (survey.isPending) return <Loading />;
  if (survey.isError) {
    return (
      <>
        <ErrorState error={survey.error} onRetry={() => void survey.refetch()} />
        {back}
      </>
    );
  }
  const s = survey.data;
  const action = confirming === "open" ? open : close;
  const dismiss = () => {
    setConfirming(null);
    open.reset();
    close.reset();
  };
  const confirm = () => {
    if (confirming === "open") {
      open.mutate(s.id, {
        onSuccess: (r) => {
          setConfirming(null);
          setFlash(r.survey.audience === "public" ? t("detail.openedPublic") : t("detail.opened", { n: r.tasks_created }));
        },
      });
    } else {
      close.mutate(s.id, {
        onSuccess: () => {
          setConfirming(null);
          setFlash(t("detail.closed"));
        },
      });
    }
  };

  return (
    <>
      <PageHeader
        title={s.title}
        subtitle={
          <>
            <StatusBadge status={s.status} /> {t(`enums:surveyAudience.${s.audience}`)}
          </>
        }
        actions={
          <>
            {s.status === "draft" ? (
              <>
                <Link to={paths.edit(s.id)} className="btn">
                  {t("common:actions.edit")}
                </Link>
                <Button variant="primary" onClick={() => setConfirming("open")}>
                  {t("detail.open")}
                </Button>
              </>
            ) : (
              <Link to={paths.results(s.id)} className="btn btn-primary">
                {t("detail.results")}
              </Link>
            )}
            {s.status === "open" ? (
              <Button variant="danger" onClick={() => setConfirming("close")}>
                {t("detail.close")}
              </Button>
            ) : null}
          </>
        }
      />
      {flash ? <Notice kind="success">{flash}</Notice> : null}
      {s.public_path ? (
        <div className="field public-link">
          <label htmlFor="public-link">{t("detail.publicLink")}</label>
          <input id="public-link" type="url" readOnly value={publicLink(s.public_path)} onFocus={(e) => e.currentTarget.select()} aria-describedby="public-link-hint" />
          <p id="public-link-hint" className="hint">
            {t("detail.publicLinkHint")}
          </p>
        </div>
      ) : null}
      {s.description ? <p>{s.description}</p> : null}
      <dl className="props">
        <dt>{t("fields.audience")}</dt>
        <dd>{t(`builder.audienceHint.${s.audience}`)}</dd>
        <dt>{s.audience === "public" ? t("builder.serviceUnit") : t("fields.unit")}</dt>
        <dd>
          <UnitName id={s.org_unit_id} />
        </dd>
        <dt>{t("fields.created")}</dt>
        <dd>{formatDateTime(s.created_at, lng)}</dd>
        {s.opened_at ? (
          <>
            <dt>{t("fields.opened")}</dt>
            <dd>{formatDateTime(s.opened_at, lng)}</dd>
          </>
        ) : null}
        {s.closed_at ? (
          <>
            <dt>{t("fields.closed")}</dt>
            <dd>{formatDateTime(s.closed_at, lng)}</dd>
          </>
        ) : null}
      </dl>
      <Questions survey={s} />
      {back}

      <Dialog open={confirming !== null} title={confirming === "open" ? t("detail.openTitle") : t("detail.closeTitle")} onClose={dismiss}>
        <p>{confirming === "open" ? t(`detail.openText.${s.audience}`, { title: s.title }) : t("detail.closeText", { title: s.title })}</p>
        {action.isError ? <Notice kind="error">{text.problem(action.error)}</Notice> : null}
        <div className="form-actions">
          <Button variant={confirming === "open" ? "primary" : "danger"} disabled={action.isPending} onClick={confirm}>
            {confirming === "open" ? t("detail.open") : t("detail.close")}
          </Button>
          <Button onClick={dismiss}>{t("common:actions.cancel")}</Button>
        </div>
      </Dialog>
    </>
  );
}
