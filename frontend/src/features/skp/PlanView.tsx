// One SKP as its owner, its rater or an administrator sees it: the summary (the employee, the
// rater, the state, the PDF), the predikat and credit once rated, the steps the caller may take,
// the annual evaluation for the rater, the work results by section with their quarterly
// realisations, evidence files and the rater's feedback, the BerAKHLAK behaviour expectations,
// the quarterly evaluations, the feedback on the plan as a whole and its history. What the caller
// may do comes from the plan itself (`allowed_steps`, `may_edit`, `may_record_realisation`,
// `may_give_feedback`, `may_rate_periodic`).
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime, formatNumber } from "../../i18n/format";
import { Button, Named } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { Empty, Notice } from "../../ui/States";
import { useProblemText } from "../../ui/problemText";
import { QUARTERS, SECTIONS, useDownloadPdf, useTakeStep, type Evidence, type Plan, type Predikat, type Realisation, type Result, type Step } from "./api";
import { BehavioursSection } from "./Behaviours";
import { EvaluationForm } from "./EvaluationForm";
import { EvidenceList, RemoveEvidence, UploadEvidenceForm, useEvidenceDownload } from "./Evidence";
import { FeedbackBox, FeedbackList } from "./Feedback";
import { HistorySection } from "./History";
import { PeriodicSection } from "./Periodic";
import { RealisationForm } from "./RealisationForm";
import { ResultsEditor, shortResult } from "./ResultsEditor";
import { formatCredit, StateBadge, type Viewer } from "./shared";

type Props = {
  plan: Plan;
  viewer: Viewer;
  /** A message to show first (the plan was just created), until the next one. */
  notice?: string | null;
};

/** The steps shown as buttons: evaluating has its own form. */
const BUTTON_STEPS: readonly Step[] = ["agree", "reopen", "start", "return_evaluation", "finalise"];

function Summary({ plan, viewer }: Omit<Props, "notice">) {
  const { t, i18n } = useTranslation("skp");
  const text = useProblemText();
  const pdf = useDownloadPdf();
  const lng = i18n.language;
  const hint = viewer === "admin" ? null : t(`next.${viewer}.${plan.state}`);
  return (
    <section className="panel" aria-labelledby="skp-summary">
      <h2 id="skp-summary">{t("plan.summary")}</h2>
      <dl className="props">
        {viewer !== "owner" ? (
          <>
            <dt>{t("plan.employee")}</dt>
            <dd data-testid="skp-employee">{plan.employee_name}</dd>
          </>
        ) : null}
        <dt>{t("plan.year")}</dt>
        <dd>{plan.year}</dd>
        <dt>{t("plan.rater")}</dt>
        <dd data-testid="skp-rater">{viewer === "rater" ? t("plan.you", { name: plan.rater_name }) : plan.rater_name}</dd>
        <dt>{t("plan.state")}</dt>
        <dd data-testid="skp-state">
          <StateBadge state={plan.state} />
        </dd>
        {plan.evaluated_at ? (
          <>
            <dt>{t("plan.evaluatedAt")}</dt>
            <dd>{formatDate(plan.evaluated_at, lng)}</dd>
          </>
        ) : null}
        {plan.finalised_at ? (
          <>
            <dt>{t("plan.finalisedAt")}</dt>
            <dd>{formatDate(plan.finalised_at, lng)}</dd>
          </>
        ) : null}
      </dl>
      {hint ? <p className="muted">{hint}</p> : null}
      {pdf.isError ? <Notice kind="error">{text.problem(pdf.error)}</Notice> : null}
      <div className="form-actions">
        <Button disabled={pdf.isPending} onClick={() => pdf.mutate(plan)}>
          {pdf.isPending ? t("plan.downloading") : t("plan.pdf")}
        </Button>
      </div>
    </section>
  );
}

/** The predikat, prominently, with the two ratings it comes from. */
function PredikatPanel({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation("skp");
  const lng = i18n.language;
  if (!plan.predikat) return null;
  return (
    <section className={`panel predikat predikat-${plan.predikat}`} aria-labelledby="skp-predikat">
      <h2 id="skp-predikat">{t("predikatPanel.title", { year: plan.year })}</h2>
      <p className="predikat-value" data-testid="skp-predikat">
        {t(`predikat.${plan.predikat}`)}
      </p>
      <dl className="props">
        <dt>{t("predikatPanel.results")}</dt>
        <dd data-testid="skp-results-rating">{plan.results_rating ? t(`rating.${plan.results_rating}`) : "—"}</dd>
        <dt>{t("predikatPanel.behaviour")}</dt>
        <dd data-testid="skp-behaviour-rating">{plan.behaviour_rating ? t(`rating.${plan.behaviour_rating}`) : "—"}</dd>
      </dl>
      {plan.credit ? (
        <p data-testid="skp-credit">
          {t("predikatPanel.credit", {
            amount: formatCredit(plan.credit.amount, lng),
            coefficient: formatCredit(plan.credit.coefficient, lng),
            percent: formatNumber(plan.credit.percent, lng),
            months: formatNumber(plan.credit.months, lng),
          })}
        </p>
      ) : null}
      {plan.state === "evaluated" ? <p className="muted">{t("predikatPanel.notFinal")}</p> : null}
    </section>
  );
}

function Steps({ plan, viewer, onDone }: { plan: Plan; viewer: Viewer; onDone: (text: string) => void }) {
  const { t } = useTranslation("skp");
  const text = useProblemText();
  const take = useTakeStep(plan, viewer === "owner");
  const [confirming, setConfirming] = useState(false);
  const steps = BUTTON_STEPS.filter((s) => plan.allowed_steps.includes(s));
  if (steps.length === 0) return null;
  const run = (step: Step) =>
    take.mutate(
      { step },
      {
        onSuccess: (p) => {
          setConfirming(false);
          onDone(t(`stepDone.${step}`, { predikat: p.predikat ? t(`predikat.${p.predikat}`) : "" }));
        },
      },
    );
  return (
    <section className="panel" aria-labelledby="skp-steps">
      <h2 id="skp-steps">{t("plan.steps")}</h2>
      {take.isError && !confirming ? <Notice kind="error">{text.problem(take.error)}</Notice> : null}
      <div className="form-actions">
        {steps.map((s) => (
          <Button
            key={s}
            variant={s === "agree" || s === "finalise" || s === "start" ? "primary" : "secondary"}
            disabled={take.isPending}
            onClick={() => {
              take.reset();
              if (s === "finalise") setConfirming(true);
              else run(s);
            }}
          >
            {t(`step.${s}`)}
          </Button>
        ))}
      </div>
      <Dialog
        open={confirming}
        title={t("finalise.title")}
        onClose={() => {
          setConfirming(false);
          take.reset();
        }}
      >
        <p>{t("finalise.text", { predikat: plan.predikat ? t(`predikat.${plan.predikat}`) : "—" })}</p>
        {take.isError ? <Notice kind="error">{text.problem(take.error)}</Notice> : null}
        <div className="form-actions">
          <Button variant="primary" disabled={take.isPending} onClick={() => run("finalise")}>
            {t("step.finalise")}
          </Button>
          <Button onClick={() => setConfirming(false)}>{t("common:actions.cancel")}</Button>
        </div>
      </Dialog>
    </section>
  );
}

type ResultProps = {
  plan: Plan;
  result: Result;
  supported: string | null;
  authorName: (id: string) => string;
  onRecord: (result: Result, quarter: number) => void;
  onUpload: (realisation: Realisation) => void;
  onRemoveEvidence: (evidence: Evidence) => void;
};

function ResultCard({ plan, result, supported, authorName, onRecord, onUpload, onRemoveEvidence }: ResultProps) {
  const { t, i18n } = useTranslation("skp");
  const files = useEvidenceDownload();
  const headingId = `skp-result-${result.id}`;
  const byQuarter = new Map(result.realisations.map((r) => [r.quarter, r]));
  const showRealisations = plan.state !== "draft" || result.realisations.length > 0;
  return (
    <article className="panel skp-result" aria-labelledby={headingId} data-id={result.id}>
      <h4 id={headingId}>{result.description}</h4>
      <dl className="props">
        <dt>{t("results.indicator")}</dt>
        <dd className="pre-line">{result.indicator}</dd>
        <dt>{t("results.target")}</dt>
        <dd>{result.target}</dd>
        <dt>{t("results.approach")}</dt>
        <dd>{t(`approach.${result.approach}`)}</dd>
        <dt>{t("results.supports")}</dt>
        <dd data-testid="skp-supports">{supported ?? "—"}</dd>
      </dl>
      {showRealisations ? (
        <div className="table-wrap">
          {files.error ? <Notice kind="error">{files.error}</Notice> : null}
          <table className="skp-realisations">
            <caption>{t("results.realisations")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("results.quarter")}</th>
                <th scope="col">{t("results.realisation")}</th>
                <th scope="col">{t("results.evidence")}</th>
                {plan.may_record_realisation ? <th scope="col">{t("results.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {QUARTERS.map((q) => {
                const r = byQuarter.get(q);
                return (
                  <tr key={q}>
                    <th scope="row">{t(`quarter.${q}`)}</th>
                    <td>
                      {r ? (
                        <>
                          <span className="pre-line">{r.realisation}</span>
                          <div className="muted small">{t("results.recordedAt", { when: formatDateTime(r.recorded_at, i18n.language) })}</div>
                        </>
                      ) : (
                        <span className="muted">{t("results.notRecorded")}</span>
                      )}
                    </td>
                    <td>
                      {r?.evidence_url ? (
                        <a href={r.evidence_url} target="_blank" rel="noopener noreferrer">
                          <Named label={t("results.evidenceLink")} name={t(`quarter.${q}`)} />
                        </a>
                      ) : null}
                      {r ? <EvidenceList realisation={r} mayChange={plan.may_record_realisation} busy={files.busy} onDownload={(e) => void files.download(e)} onRemove={onRemoveEvidence} /> : null}
                      {!r?.evidence_url && !r?.evidence.length ? "—" : null}
                    </td>
                    {plan.may_record_realisation ? (
                      <td className="actions">
                        <Button onClick={() => onRecord(result, q)}>
                          <Named label={r ? t("results.change") : t("results.record")} name={t(`quarter.${q}`)} />
                        </Button>
                        {r ? (
                          <Button onClick={() => onUpload(r)}>
                            <Named label={t("evidence.add")} name={t(`quarter.${q}`)} />
                          </Button>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <h5>{t("feedback.onResult")}</h5>
      <FeedbackList items={result.feedback} label={t("feedback.onResultOf", { result: result.description })} authorName={authorName} />
      {plan.may_give_feedback ? <FeedbackBox plan={plan} resultId={result.id} label={t("feedback.boxOf", { result: result.description })} /> : null}
    </article>
  );
}

export function PlanView({ plan, viewer, notice = null }: Props) {
  const { t } = useTranslation("skp");
  const [flash, setFlash] = useState<string | null>(notice);
  const [editing, setEditing] = useState(false);
  const [recording, setRecording] = useState<{ result: Result; quarter: number } | null>(null);
  const [uploading, setUploading] = useState<Realisation | null>(null);
  const [removing, setRemoving] = useState<Evidence | null>(null);
  const mine = viewer === "owner";
  const authorName = (id: string) => (id === plan.rater_employee_id ? plan.rater_name : id === plan.employee_id ? plan.employee_name : t("feedback.rater"));
  const supportedText = (r: Result): string | null => {
    if (!r.supports_result_id) return null;
    const target = plan.rater_results.find((x) => x.id === r.supports_result_id);
    return target ? shortResult(target, 200) : t("results.supportsLinked");
  };
  const say = (text: string) => setFlash(text);
  const evaluated = (predikat: Predikat | null) => setFlash(t("stepDone.evaluate", { predikat: predikat ? t(`predikat.${predikat}`) : "—" }));

  return (
    <>
      {flash ? <Notice kind="success">{flash}</Notice> : null}
      <Summary plan={plan} viewer={viewer} />
      <PredikatPanel plan={plan} />
      <Steps plan={plan} viewer={viewer} onDone={say} />
      {plan.allowed_steps.includes("evaluate") ? <EvaluationForm key={plan.updated_at} plan={plan} onDone={evaluated} /> : null}

      <section aria-labelledby="skp-results" className="skp-results">
        <div className="page-header">
          <h2 id="skp-results">{t("results.title")}</h2>
          {plan.may_edit && !editing ? (
            <div className="page-actions">
              <Button
                variant="primary"
                onClick={() => {
                  setFlash(null);
                  setEditing(true);
                }}
              >
                {plan.results.length > 0 ? t("results.edit") : t("results.compose")}
              </Button>
            </div>
          ) : null}
        </div>
        {editing && plan.may_edit ? (
          <ResultsEditor
            plan={plan}
            viewer={viewer}
            onCancel={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              setFlash(t("editor.saved"));
            }}
          />
        ) : plan.results.length === 0 ? (
          <Empty>{plan.may_edit ? t("results.emptyEditable") : t("results.empty")}</Empty>
        ) : (
          SECTIONS.map((s) => {
            const items = plan.results.filter((r) => r.section === s);
            if (items.length === 0) return null;
            return (
              <section key={s} aria-labelledby={`skp-section-${s}`}>
                <h3 id={`skp-section-${s}`}>{t(`sectionTitle.${s}`)}</h3>
                {items.map((r) => (
                  <ResultCard
                    key={r.id}
                    plan={plan}
                    result={r}
                    supported={supportedText(r)}
                    authorName={authorName}
                    onRecord={(result, quarter) => setRecording({ result, quarter })}
                    onUpload={setUploading}
                    onRemoveEvidence={setRemoving}
                  />
                ))}
              </section>
            );
          })
        )}
      </section>

      <BehavioursSection plan={plan} viewer={viewer} onSaved={say} />
      <PeriodicSection plan={plan} onSaved={say} />

      <section className="panel" aria-labelledby="skp-plan-feedback">
        <h2 id="skp-plan-feedback">{t("feedback.onPlan")}</h2>
        <FeedbackList items={plan.feedback} label={t("feedback.onPlan")} authorName={authorName} />
        {plan.may_give_feedback ? <FeedbackBox plan={plan} resultId={null} label={t("feedback.boxPlan")} /> : null}
      </section>

      <HistorySection plan={plan} />

      <Dialog open={recording !== null} title={recording ? t("realisation.title", { quarter: t(`quarter.${recording.quarter}`) }) : ""} onClose={() => setRecording(null)}>
        {recording ? (
          <RealisationForm
            key={`${recording.result.id}-${recording.quarter}`}
            result={recording.result}
            quarter={recording.quarter}
            current={recording.result.realisations.find((r) => r.quarter === recording.quarter)}
            mine={mine}
            onCancel={() => setRecording(null)}
            onSaved={(p) => {
              const q = recording.quarter;
              setRecording(null);
              setFlash(p.state !== plan.state ? t("realisation.savedStarted", { quarter: t(`quarter.${q}`) }) : t("realisation.saved", { quarter: t(`quarter.${q}`) }));
            }}
          />
        ) : null}
      </Dialog>

      <Dialog open={uploading !== null} title={uploading ? t("evidence.uploadTitle", { quarter: t(`quarter.${uploading.quarter}`) }) : ""} onClose={() => setUploading(null)}>
        {uploading ? (
          <UploadEvidenceForm
            key={uploading.id}
            plan={plan}
            realisation={uploading}
            onCancel={() => setUploading(null)}
            onDone={(file) => {
              setUploading(null);
              setFlash(t("evidence.uploaded", { name: file.file_name, quarter: t(`quarter.${uploading.quarter}`) }));
            }}
          />
        ) : null}
      </Dialog>

      <Dialog open={removing !== null} title={t("evidence.removeTitle")} onClose={() => setRemoving(null)}>
        {removing ? (
          <RemoveEvidence
            key={removing.id}
            plan={plan}
            evidence={removing}
            onCancel={() => setRemoving(null)}
            onDone={() => {
              const name = removing.file_name;
              setRemoving(null);
              setFlash(t("evidence.removed", { name }));
            }}
          />
        ) : null}
      </Dialog>
    </>
  );
}
