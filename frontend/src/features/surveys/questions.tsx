// Answering a survey's questions, shared by an employee's task (AnswerPage) and the public
// anonymous link (PublicSurveyPage): one input per kind of question — a Likert scale 1–5, one
// option, several options, or text — the API's value of what was entered, and the check of the
// required questions before sending. The API names its errors `answers[i]` by the question's
// position; they show at that question.
import { useTranslation } from "react-i18next";
import { FieldMessages } from "../../ui/Field";
import { SCALE, type Answer, type Question } from "./api";

/** What has been entered for a question: a number (scale, one option), indexes, or text. */
export type Entry = number | number[] | string;

/** What has been entered so far, by question id. */
export type Entries = Record<string, Entry>;

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

/** The questions in the order the survey asks them. */
export function inOrder(questions: readonly Question[]): Question[] {
  return [...questions].sort((a, b) => a.position - b.position);
}

/** The form field (and API field) of the question at index `i` of the ordered questions. */
export const answerField = (i: number) => `answers[${i}]`;

/** Places an API field error at its question (`answers[i]`), or nowhere. */
export const placeAnswerError = (field: string): string | null => (/^answers\[\d+\]$/.test(field) ? field : null);

/**
 * The answers to send (unanswered questions left out) and the required questions still
 * unanswered (`answers[i]` → "required"). `questions` must be in order (`inOrder`).
 */
export function collectAnswers(questions: readonly Question[], entries: Entries): { answers: Answer[]; missing: Record<string, string> } {
  const missing: Record<string, string> = {};
  const answers: Answer[] = [];
  questions.forEach((q, i) => {
    const value = valueOf(q, entries[q.id]);
    if (value === undefined) {
      if (q.required) missing[answerField(i)] = "required";
    } else answers.push({ question_id: q.id, value });
  });
  return { answers, missing };
}

type QuestionProps = { q: Question; n: number; entry: Entry | undefined; error: string | undefined; onChange: (e: Entry) => void };

/** One question as a labelled fieldset; its error (or hint) describes the whole group. */
export function QuestionInput({ q, n, entry, error, onChange }: QuestionProps) {
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

type QuestionListProps = {
  /** In order (`inOrder`). */
  questions: readonly Question[];
  entries: Entries;
  onChange: (questionId: string, entry: Entry) => void;
  /** The message shown at a form field (`answers[i]`), if any. */
  errorAt: (field: string) => string | undefined;
};

/** Every question of a survey, numbered from 1. */
export function QuestionList({ questions, entries, onChange, errorAt }: QuestionListProps) {
  return (
    <>
      {questions.map((q, i) => (
        <QuestionInput key={q.id} q={q} n={i + 1} entry={entries[q.id]} error={errorAt(answerField(i))} onChange={(v) => onChange(q.id, v)} />
      ))}
    </>
  );
}
