// Taking a test as a learner — a module's quiz, the pre-test or the post-test: one choice (radio)
// or several (checkboxes) per question, sent at once and scored by the server; the score, whether
// it passes, and another try (the pre-test is taken once).
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import { Button } from "../../ui/Button";
import { FieldMessages } from "../../ui/Field";
import { Notice } from "../../ui/States";
import { useSubmitAttempt, type Attempt, type LearnerQuestion, type LearnerTest } from "./api";
import { useFormErrors } from "./shared";

/** Places the API's `answers[i]` errors at their question; the rest show in general. */
const placeAnswerError = (field: string) => (/^answers\[\d+\]$/.test(field) ? field : null);

/** The body of an attempt: for each question in order, the picked choices' indexes ascending. */
export function attemptAnswers(picked: number[][], count: number): number[][] {
  return Array.from({ length: count }, (_, i) => [...(picked[i] ?? [])].sort((a, b) => a - b));
}

function QuestionInput({ q, n, picked, error, onChange, idPrefix }: { q: LearnerQuestion; n: number; picked: number[]; error: string | undefined; onChange: (v: number[]) => void; idPrefix: string }) {
  const { t } = useTranslation("learning");
  const id = `${idPrefix}-q${n}`;
  const hint = q.multiple ? t("quiz.multipleHint") : undefined;
  const describedBy = [error ? `${id}-error` : null, hint && !error ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset
      className={`panel answer${error ? " field-invalid" : ""}`}
      data-question={n}
      role={q.multiple ? "group" : "radiogroup"}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy}
    >
      <legend>{`${n}. ${q.prompt}`}</legend>
      {q.choices.map((c, i) => (
        <label key={i} className="inline choice">
          {q.multiple ? (
            <input type="checkbox" name={`${id}-${i}`} checked={picked.includes(i)} onChange={(e) => onChange(e.target.checked ? [...picked, i] : picked.filter((x) => x !== i))} />
          ) : (
            <input type="radio" name={id} checked={picked[0] === i} onChange={() => onChange([i])} />
          )}
          {c}
        </label>
      ))}
      <FieldMessages id={id} error={error} hint={hint} />
    </fieldset>
  );
}

type Props = {
  enrolmentId: string;
  test: LearnerTest;
  /** The test's name ("Kuis modul", "Pre-test"), for its form. */
  title: string;
  /** Whether answers may be sent (the learner holds a place). */
  canTake: boolean;
};

export function TestRunner({ enrolmentId, test, title, canTake }: Props) {
  const { t, i18n } = useTranslation("learning");
  const lng = i18n.language;
  const idPrefix = useId();
  const [picked, setPicked] = useState<number[][]>([]);
  const [result, setResult] = useState<Attempt | null>(null);
  const [again, setAgain] = useState(false);
  const errors = useFormErrors(placeAnswerError);
  const submit = useSubmitAttempt(enrolmentId);
  const once = test.kind === "pre";
  const pct = (v: number) => `${formatNumber(v, lng, v % 1 === 0 ? 0 : 1)}%`;

  function send(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    test.questions.forEach((_, i) => {
      if ((picked[i] ?? []).length === 0) missing[`answers[${i}]`] = "required";
    });
    if (!errors.mark(missing)) return;
    submit.mutate(
      { testId: test.id, answers: attemptAnswers(picked, test.questions.length) },
      {
        onSuccess: (a) => {
          setResult(a);
          setAgain(false);
        },
        onError: errors.fail,
      },
    );
  }

  const retry = () => {
    setPicked([]);
    setResult(null);
    errors.clear();
    setAgain(true);
  };

  if (result) {
    return (
      <div className={`notice ${result.passed ? "notice-success" : "notice-error"} quiz-result`} role="status" data-testid="quiz-result">
        <p className="quiz-score">{t("quiz.score", { percent: pct(result.percent), right: result.right, total: result.total })}</p>
        <p>{result.passed ? t("quiz.passed", { mark: test.pass_mark }) : t("quiz.notPassed", { mark: test.pass_mark })}</p>
        {!once ? (
          <Button onClick={retry}>{result.passed ? t("quiz.again") : t("quiz.retry")}</Button>
        ) : null}
      </div>
    );
  }

  const taken = test.attempts > 0;
  const best = test.best_percent != null ? pct(test.best_percent) : "—";
  if (once && taken) return <p className="muted">{t("quiz.preTaken", { percent: best })}</p>;
  if (taken && !again) {
    return (
      <div>
        <p>{test.passed ? t("quiz.bestPassed", { percent: best, n: test.attempts }) : t("quiz.bestNotPassed", { percent: best, n: test.attempts, mark: test.pass_mark })}</p>
        {canTake ? <Button onClick={retry}>{test.passed ? t("quiz.again") : t("quiz.retry")}</Button> : null}
      </div>
    );
  }
  if (!canTake) return <p className="muted">{t("quiz.noPlace")}</p>;
  return (
    <form onSubmit={send} noValidate aria-label={title} className="quiz">
      <p className="hint">{t("quiz.intro", { n: test.questions.length, mark: test.pass_mark })}</p>
      {once ? <p className="hint">{t("quiz.preOnce")}</p> : null}
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : errors.any ? <Notice kind="error">{t("quiz.answerAll")}</Notice> : null}
      {test.questions.map((q, i) => (
        <QuestionInput
          key={i}
          q={q}
          n={i + 1}
          picked={picked[i] ?? []}
          error={errors.at(`answers[${i}]`)}
          idPrefix={idPrefix}
          onChange={(v) =>
            setPicked((p) => {
              const next = Array.from({ length: test.questions.length }, (_, j) => p[j] ?? []);
              next[i] = v;
              return next;
            })
          }
        />
      ))}
      <div className="form-actions">
        <Button type="submit" variant="primary" disabled={submit.isPending}>
          {submit.isPending ? t("quiz.sending") : t("quiz.submit")}
        </Button>
      </div>
    </form>
  );
}
