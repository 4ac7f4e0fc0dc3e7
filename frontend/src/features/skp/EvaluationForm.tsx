// Penilaian tahunan: the rater rates the work results and the work behaviour on three levels
// each (Di Atas / Sesuai / Di Bawah Ekspektasi) and sees the predikat the matrix gives before
// sending it; the API reads the same matrix.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../ui/Button";
import { FieldMessages } from "../../ui/Field";
import { useFormErrors } from "../../ui/formErrors";
import { Notice } from "../../ui/States";
import { RATINGS, useTakeStep, type Plan, type Predikat, type Rating } from "./api";
import { predikatOf } from "./predikat";

type ChoiceProps = { id: string; legend: string; hint: string; value: Rating | null; error: string | undefined; onChange: (r: Rating) => void };

/** One required three-level rating (Di Atas / Sesuai / Di Bawah Ekspektasi) as radio buttons; `id` is unique in the page. */
export function RatingChoice({ id, legend, hint, value, error, onChange }: ChoiceProps) {
  const { t } = useTranslation("skp");
  return (
    <fieldset
      className={`levels-fieldset${error ? " field-invalid" : ""}`}
      role="radiogroup"
      aria-required
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : `${id}-hint`}
    >
      <legend>
        {legend}
        <span className="req" aria-hidden="true">
          {" "}
          *
        </span>
      </legend>
      {RATINGS.map((r) => (
        <label key={r} className="inline choice">
          <input type="radio" name={id} value={r} checked={value === r} onChange={() => onChange(r)} /> {t(`rating.${r}`)}
        </label>
      ))}
      <FieldMessages id={id} error={error} hint={hint} />
    </fieldset>
  );
}

export function EvaluationForm({ plan, onDone }: { plan: Plan; onDone: (predikat: Predikat | null) => void }) {
  const { t } = useTranslation("skp");
  const [results, setResults] = useState<Rating | null>(null);
  const [behaviour, setBehaviour] = useState<Rating | null>(null);
  const errors = useFormErrors((f) => (f === "results_rating" || f === "behaviour_rating" ? f : null));
  const step = useTakeStep(plan, false);
  const preview = results && behaviour ? predikatOf(results, behaviour) : null;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!errors.requireFilled({ results_rating: results, behaviour_rating: behaviour }) || !results || !behaviour) return;
    step.mutate(
      { step: "evaluate", results_rating: results, behaviour_rating: behaviour },
      { onSuccess: (p) => onDone(p.predikat ?? null), onError: (err) => errors.fail(err) },
    );
  }

  return (
    <section className="panel" aria-labelledby="skp-evaluate">
      <h2 id="skp-evaluate">{t("evaluate.title")}</h2>
      <p className="muted">{t("evaluate.intro")}</p>
      <form onSubmit={submit} noValidate aria-labelledby="skp-evaluate">
        {errors.general ? <Notice kind="error">{errors.general}</Notice> : null}
        <RatingChoice
          id="skp-results_rating"
          legend={t("evaluate.results_rating")}
          hint={t("evaluate.results_ratingHint")}
          value={results}
          error={errors.at("results_rating")}
          onChange={setResults}
        />
        <RatingChoice
          id="skp-behaviour_rating"
          legend={t("evaluate.behaviour_rating")}
          hint={t("evaluate.behaviour_ratingHint")}
          value={behaviour}
          error={errors.at("behaviour_rating")}
          onChange={setBehaviour}
        />
        <p className="predikat-preview" role="status" data-testid="skp-predikat-preview">
          {preview ? (
            <>
              {t("evaluate.preview")} <strong>{t(`predikat.${preview}`)}</strong>
            </>
          ) : (
            t("evaluate.previewPending")
          )}
        </p>
        <div className="form-actions">
          <Button type="submit" variant="primary" disabled={step.isPending}>
            {step.isPending ? t("common:actions.saving") : t("evaluate.submit")}
          </Button>
        </div>
      </form>
    </section>
  );
}
