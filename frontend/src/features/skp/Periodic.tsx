// Evaluasi periodik: the rater's rating of each quarter (Triwulan I–IV) while the plan runs —
// work results and work behaviour on three levels each, the predikat the matrix gives (shown
// before saving) and a note. Rating a quarter again replaces it. The owner reads them.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Button, Named } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { TextAreaField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { useFormErrors } from "../../ui/formErrors";
import { Notice } from "../../ui/States";
import { QUARTERS, usePutPeriodic, type Periodic, type Plan, type Rating } from "./api";
import { RatingChoice } from "./EvaluationForm";
import { predikatOf } from "./predikat";
import { PredikatBadge, useOwnTexts } from "./shared";

const MAX_NOTE = 2000;
const FIELDS = ["results_rating", "behaviour_rating", "note"];

type FormProps = { plan: Plan; quarter: number; current: Periodic | undefined; onSaved: () => void; onCancel: () => void };

function PeriodicForm({ plan, quarter, current, onSaved, onCancel }: FormProps) {
  const { t } = useTranslation("skp");
  const [results, setResults] = useState<Rating | null>(current?.results_rating ?? null);
  const [behaviour, setBehaviour] = useState<Rating | null>(current?.behaviour_rating ?? null);
  const [note, setNote] = useState(current?.note ?? "");
  const errors = useFormErrors((f) => (FIELDS.includes(f) ? f : null));
  const own = useOwnTexts();
  const put = usePutPeriodic(plan);
  const preview = results && behaviour ? predikatOf(results, behaviour) : null;
  const name = t(`quarter.${quarter}`);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!errors.requireFilled({ results_rating: results, behaviour_rating: behaviour }) || !results || !behaviour) return;
    put.mutate(
      { quarter, results_rating: results, behaviour_rating: behaviour, note: note.trim() || null },
      { onSuccess: onSaved, onError: (err) => errors.fail(own(err)) },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t("periodic.formTitle", { quarter: name })}>
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : null}
      <RatingChoice
        id={`skp-periodic-${quarter}-results`}
        legend={t("evaluate.results_rating")}
        hint={t("periodic.resultsHint")}
        value={results}
        error={errors.at("results_rating")}
        onChange={setResults}
      />
      <RatingChoice
        id={`skp-periodic-${quarter}-behaviour`}
        legend={t("evaluate.behaviour_rating")}
        hint={t("periodic.behaviourHint")}
        value={behaviour}
        error={errors.at("behaviour_rating")}
        onChange={setBehaviour}
      />
      <p className="predikat-preview" role="status" data-testid="skp-periodic-preview">
        {preview ? (
          <>
            {t("evaluate.preview")} <strong>{t(`predikat.${preview}`)}</strong>
          </>
        ) : (
          t("evaluate.previewPending")
        )}
      </p>
      <TextAreaField label={t("periodic.note")} name="note" rows={3} maxLength={MAX_NOTE} value={note} onChange={(e) => setNote(e.target.value)} error={errors.at("note")} hint={t("periodic.noteHint")} />
      <FormActions busy={put.isPending} onCancel={onCancel} submitLabel={t("periodic.submit")} />
    </form>
  );
}

export function PeriodicSection({ plan, onSaved }: { plan: Plan; onSaved: (text: string) => void }) {
  const { t } = useTranslation("skp");
  const [rating, setRating] = useState<number | null>(null);
  const byQuarter = new Map(plan.periodic.map((p) => [p.quarter, p]));
  if (plan.state === "draft" && plan.periodic.length === 0) return null;
  const may = plan.may_rate_periodic;
  return (
    <section className="panel" aria-labelledby="skp-periodic">
      <h2 id="skp-periodic">{t("periodic.title")}</h2>
      <p className="muted">{t("periodic.intro")}</p>
      <div className="table-wrap">
        <table className="skp-periodic">
          <caption className="visually-hidden">{t("periodic.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("results.quarter")}</th>
              <th scope="col">{t("predikatPanel.results")}</th>
              <th scope="col">{t("predikatPanel.behaviour")}</th>
              <th scope="col">{t("periodic.predikat")}</th>
              <th scope="col">{t("periodic.note")}</th>
              {may ? <th scope="col">{t("results.actions")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {QUARTERS.map((q) => {
              const p = byQuarter.get(q);
              return (
                <tr key={q}>
                  <th scope="row">{t(`quarter.${q}`)}</th>
                  {p ? (
                    <>
                      <td>{t(`rating.${p.results_rating}`)}</td>
                      <td>{t(`rating.${p.behaviour_rating}`)}</td>
                      <td>
                        <PredikatBadge predikat={p.predikat} />
                      </td>
                      <td className="pre-line">{p.note || "—"}</td>
                    </>
                  ) : (
                    <>
                      <td className="muted">{t("periodic.notRated")}</td>
                      <td>—</td>
                      <td>—</td>
                      <td>—</td>
                    </>
                  )}
                  {may ? (
                    <td className="actions">
                      <Button onClick={() => setRating(q)}>
                        <Named label={p ? t("periodic.change") : t("periodic.rate")} name={t(`quarter.${q}`)} />
                      </Button>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Dialog open={rating !== null} title={rating ? t("periodic.formTitle", { quarter: t(`quarter.${rating}`) }) : ""} onClose={() => setRating(null)}>
        {rating ? (
          <PeriodicForm
            key={rating}
            plan={plan}
            quarter={rating}
            current={byQuarter.get(rating)}
            onCancel={() => setRating(null)}
            onSaved={() => {
              const q = rating;
              setRating(null);
              onSaved(t("periodic.saved", { quarter: t(`quarter.${q}`) }));
            }}
          />
        ) : null}
      </Dialog>
    </section>
  );
}
