// Answering one survey task: each question by its kind — a Likert scale 1–5, one option, several
// options, or text. The API names its errors `answers[i]` by the question's position; they show
// at that question.
import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../i18n/format";
import { Button } from "../../ui/Button";
import { FieldMessages } from "../../ui/Field";
import { PageHeader } from "../../ui/PageHeader";
import { ErrorState, Loading, Notice } from "../../ui/States";
import { SCALE, useAnswerTask, useMyTasks, useTask, type Answer, type Question, type Task, type TaskSurvey } from "./api";
import { paths } from "./paths";
import { useFormErrors } from "./shared";

/** What has been entered for a question: a number (scale, one option), indexes, or text. */
export type Entry = number | number[] | string;

/** The API's value of an entry, or undefined while the question is unanswered. */
export function valueOf(q: Question, entry: Entry | undefined): Answer["value"] | undefined {
  if (entry === undefined) return undefined;
  switch (q.kind) {
    case "likert":
    case "single_choice":
      return typeof entry === "number" ? entry : undefined;
    case "multiple_choice":
      return Array.isArray(entry) && entry.length > 0 ? [...entry].sort((a, b) => a - b) : undefined;
    case "text":
      return typeof entry === "string" && entry.trim() ? entry.trim() : undefined;
  }
}

type QuestionProps = { q: Question; n: number; entry: Entry | undefined; error: string | undefined; onChange: (e: Entry) => void };

function QuestionInput({ q, n, entry, error, onChange }: QuestionProps) {
  const { t } = useTranslation("surveys");
  const id = `question-${q.id}`;
  const hint = q.kind === "likert" ? t("answer.likertHint") : q.kind === "multiple_choice" ? t("answer.multipleHint") : undefined;
  const describedBy = [error ? `${id}-error` : null, hint && !error ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  const invalid = error ? true : undefined;
  const radioGroup = q.kind === "likert" || q.kind === "single_choice";
  const chosen = Array.isArray(entry) ? entry : [];
  return (
    <fieldset
      className={`panel answer${error ? " field-invalid" : ""}`}
      data-question={n}
      role={radioGroup ? "radiogroup" : undefined}
      aria-required={radioGroup && q.required ? true : undefined}
      aria-invalid={radioGroup ? invalid : undefined}
      aria-describedby={describedBy}
    >
      <legend>
        {`${n}. ${q.text}`}
        {q.required ? (
          <span className="req" aria-hidden="true">
            {" "}
            *
          </span>
        ) : (
          <span className="opt"> ({t("common:form.optional")})</span>
        )}
      </legend>
      {q.kind === "likert" ? (
        <div className="likert">
          {SCALE.map((v) => (
            <label key={v} className="likert-point">
              <input type="radio" name={id} value={v} checked={entry === v} onChange={() => onChange(v)} aria-invalid={invalid} />
              {v}
            </label>
          ))}
        </div>
      ) : q.kind === "single_choice" ? (
        q.options.map((o, i) => (
          <label key={i} className="inline choice">
            <input type="radio" name={id} value={i} checked={entry === i} onChange={() => onChange(i)} aria-invalid={invalid} />
            {o}
          </label>
        ))
      ) : q.kind === "multiple_choice" ? (
        q.options.map((o, i) => (
          <label key={i} className="inline choice">
            <input
              type="checkbox"
              name={`${id}-${i}`}
              checked={chosen.includes(i)}
              onChange={(e) => onChange(e.target.checked ? [...chosen, i] : chosen.filter((c) => c !== i))}
              aria-invalid={invalid}
            />
            {o}
          </label>
        ))
      ) : (
        <textarea
          name={id}
          rows={4}
          maxLength={4000}
          aria-label={t("answer.yourAnswer", { n })}
          required={q.required}
          value={typeof entry === "string" ? entry : ""}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={invalid}
          aria-describedby={describedBy}
        />
      )}
      <FieldMessages id={id} error={error} hint={hint} />
    </fieldset>
  );
}

function AnswerForm({ taskId, survey, task }: { taskId: string; survey: TaskSurvey; task: Task | undefined }) {
  const { t } = useTranslation("surveys");
  const navigate = useNavigate();
  const questions = [...survey.questions].sort((a, b) => a.position - b.position);
  const [entries, setEntries] = useState<Record<string, Entry>>({});
  const errors = useFormErrors((f) => (/^answers\[\d+\]$/.test(f) ? f : null));
  const send = useAnswerTask();

  function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    const answers: Answer[] = [];
    questions.forEach((q, i) => {
      const value = valueOf(q, entries[q.id]);
      if (value === undefined) {
        if (q.required) missing[`answers[${i}]`] = "required";
      } else answers.push({ question_id: q.id, value });
    });
    if (!errors.mark(missing)) return;
    // mutateAsync, not mutate's callbacks: the page may re-render without this form (the task
    // now answered) before they would run.
    send.mutateAsync({ id: taskId, answers }).then(() => navigate(paths.tasks, { state: { answered: survey.title } }), errors.fail);
  }

  return (
    <form onSubmit={submit} noValidate aria-label={survey.title}>
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : errors.any ? <Notice kind="error">{t("common:form.fixErrors")}</Notice> : null}
      {survey.description ? <p>{survey.description}</p> : null}
      {task ? <p className="muted">{task.about_self ? t("answer.aboutSelf") : t("answer.aboutReport", { name: task.subject_name })}</p> : null}
      {questions.map((q, i) => (
        <QuestionInput key={q.id} q={q} n={i + 1} entry={entries[q.id]} error={errors.at(`answers[${i}]`)} onChange={(v) => setEntries((es) => ({ ...es, [q.id]: v }))} />
      ))}
      <div className="form-actions">
        <Button type="submit" variant="primary" disabled={send.isPending}>
          {send.isPending ? t("answer.sending") : t("answer.submit")}
        </Button>
        <Link to={paths.tasks} className="btn">
          {t("common:actions.cancel")}
        </Link>
      </div>
    </form>
  );
}

export function AnswerPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation("surveys");
  const tasks = useMyTasks();
  const task = tasks.data?.find((x) => x.id === id);
  const survey = useTask(id);
  const back = (
    <p>
      <Link to={paths.tasks}>← {t("answer.back")}</Link>
    </p>
  );
  if (survey.isPending || tasks.isPending) return <Loading />;
  if (survey.isError) {
    return (
      <>
        <ErrorState error={survey.error} />
        {back}
      </>
    );
  }
  return (
    <>
      <PageHeader title={survey.data.title} />
      {task?.submitted_at ? (
        <>
          <Notice kind="info">{t("answer.already", { date: formatDateTime(task.submitted_at, i18n.language) })}</Notice>
          {back}
        </>
      ) : (
        <AnswerForm taskId={id} survey={survey.data} task={task} />
      )}
    </>
  );
}
