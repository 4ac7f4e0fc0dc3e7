// The editor of a test — a module's quiz, or the programme's pre- or post-test: its pass mark and
// its questions, each with a prompt, 2 to 10 choices, the right choice (or, when several may be
// picked, the right choices) and whether several may be picked. The API's errors show at their
// question (`questions[2].correct`), and follow it when questions move.
import { useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Button, Named } from "../../ui/Button";
import { CheckboxField, FieldMessages, TextAreaField, TextField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { Notice } from "../../ui/States";
import { MAX_CHOICES, MAX_QUESTIONS, MIN_CHOICES, usePutTest, type Test, type TestRequest, type TestTarget } from "./api";
import { recode, useFormErrors } from "./shared";

export type QuestionDraft = { key: number; prompt: string; choices: string[]; correct: number[]; multiple: boolean };

let nextKey = 1;
export const newQuestion = (): QuestionDraft => ({ key: nextKey++, prompt: "", choices: ["", ""], correct: [], multiple: false });

export function draftsOf(test: Test | null): QuestionDraft[] {
  if (!test || test.questions.length === 0) return [newQuestion()];
  return test.questions.map((q) => ({ key: nextKey++, prompt: q.prompt, choices: [...q.choices], correct: [...q.correct], multiple: q.multiple ?? false }));
}

/** The request body: trimmed texts, the right choices as indexes from 0 in ascending order. */
export function testBody(passMark: string, questions: QuestionDraft[]): TestRequest {
  return {
    pass_mark: Number(passMark),
    questions: questions.map((q) => ({
      prompt: q.prompt.trim(),
      choices: q.choices.map((c) => c.trim()),
      correct: [...q.correct].sort((a, b) => a - b),
      multiple: q.multiple,
    })),
  };
}

const QUESTION_FIELDS = ["prompt", "choices", "correct", "multiple"];

/** Where an API field's error shows: at its question (by the question's key), or in general (null). */
export function placeTestError(field: string, keys: number[]): string | null {
  if (field === "pass_mark" || field === "questions") return field;
  const m = /^questions\[(\d+)\]\.([a-z_]+)/.exec(field);
  if (!m || !QUESTION_FIELDS.includes(m[2] ?? "")) return null;
  const key = keys[Number(m[1])];
  return key === undefined ? "questions" : `q${key}.${m[2]}`;
}

/** The API's generic codes, reworded for a test (`questions[1].choices` "duplicate" = two equal choices). */
export function recodeTestError(err: unknown): unknown {
  return recode(err, (field, code) => {
    if (/\.choices$/.test(field)) return ({ out_of_range: "choice_count", invalid: "choice_blank", duplicate: "duplicate_choice" } as Record<string, string>)[code] ?? null;
    if (/\.correct$/.test(field)) return ({ required: "correct_required", too_many: "single_correct" } as Record<string, string>)[code] ?? null;
    if (field === "questions" && code === "too_many") return "question_count";
    return null;
  });
}

/** Problems found before sending, by form field. */
export function checkTest(passMark: string, questions: QuestionDraft[]): Record<string, string> {
  const out: Record<string, string> = {};
  const mark = Number(passMark);
  if (!passMark.trim()) out.pass_mark = "required";
  else if (!Number.isInteger(mark) || mark < 0 || mark > 100) out.pass_mark = "out_of_range";
  if (questions.length === 0) out.questions = "required";
  for (const q of questions) {
    if (!q.prompt.trim()) out[`q${q.key}.prompt`] = "required";
    if (q.choices.length < MIN_CHOICES || q.choices.length > MAX_CHOICES) out[`q${q.key}.choices`] = "choice_count";
    else if (q.choices.some((c) => !c.trim())) out[`q${q.key}.choices`] = "choice_blank";
    else if (q.choices.some((c, i) => q.choices.slice(0, i).some((d) => d.trim() === c.trim()))) out[`q${q.key}.choices`] = "duplicate_choice";
    if (q.correct.length === 0) out[`q${q.key}.correct`] = "correct_required";
    else if (!q.multiple && q.correct.length > 1) out[`q${q.key}.correct`] = "single_correct";
  }
  return out;
}

type QuestionProps = {
  index: number;
  count: number;
  question: QuestionDraft;
  error: (field: string) => string | undefined;
  onChange: (patch: Partial<QuestionDraft>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
};

function QuestionEditor({ index, count, question: q, error, onChange, onMove, onRemove }: QuestionProps) {
  const { t } = useTranslation("learning");
  const id = useId();
  const n = index + 1;
  const name = t("test.questionN", { n });
  const choicesError = error(`q${q.key}.choices`);
  const correctError = error(`q${q.key}.correct`);
  const described = [choicesError ? `${id}-choices-error` : null, correctError ? `${id}-correct-error` : null, !choicesError && !correctError ? `${id}-choices-hint` : null].filter(Boolean).join(" ");
  const setChoice = (j: number, v: string) => onChange({ choices: q.choices.map((c, i) => (i === j ? v : c)) });
  const removeChoice = (j: number) =>
    onChange({ choices: q.choices.filter((_, i) => i !== j), correct: q.correct.filter((c) => c !== j).map((c) => (c > j ? c - 1 : c)) });
  const markRight = (j: number, right: boolean) => {
    if (!q.multiple) onChange({ correct: [j] });
    else onChange({ correct: right ? [...q.correct.filter((c) => c !== j), j].sort((a, b) => a - b) : q.correct.filter((c) => c !== j) });
  };
  // One right choice is kept when several may no longer be picked.
  const setMultiple = (multiple: boolean) => onChange({ multiple, correct: multiple ? q.correct : q.correct.slice(0, 1) });
  return (
    <fieldset className="question-edit" data-question={n}>
      <legend>{name}</legend>
      <TextAreaField label={t("test.prompt")} name={`q-${q.key}-prompt`} required rows={2} value={q.prompt} onChange={(e) => onChange({ prompt: e.target.value })} error={error(`q${q.key}.prompt`)} maxLength={2000} />
      <CheckboxField
        label={t("test.multiple")}
        name={`q-${q.key}-multiple`}
        checked={q.multiple}
        onChange={(e) => setMultiple(e.target.checked)}
        hint={t("test.multipleHint")}
        error={error(`q${q.key}.multiple`)}
      />
      <fieldset className="options-edit" aria-describedby={described || undefined}>
        <legend>{t("test.choices")}</legend>
        <p id={`${id}-choices-hint`} className="hint" hidden={Boolean(choicesError || correctError)}>
          {q.multiple ? t("test.markAll") : t("test.markOne")}
        </p>
        <FieldMessages id={`${id}-choices`} error={choicesError} />
        <FieldMessages id={`${id}-correct`} error={correctError} />
        <ol>
          {q.choices.map((c, j) => {
            const of = t("test.choiceOf", { n: j + 1, question: n });
            return (
              <li key={j} className="option-edit">
                <TextField label={t("test.choiceN", { n: j + 1 })} name={`q-${q.key}-choice-${j}`} required value={c} onChange={(e) => setChoice(j, e.target.value)} maxLength={500} />
                <label className="inline correct-mark">
                  <input
                    type={q.multiple ? "checkbox" : "radio"}
                    name={`q-${q.key}-correct`}
                    checked={q.correct.includes(j)}
                    onChange={(e) => markRight(j, e.target.checked)}
                    aria-invalid={correctError ? true : undefined}
                  />
                  <Named label={t("test.correct")} name={of} />
                </label>
                <Button variant="ghost" onClick={() => removeChoice(j)} disabled={q.choices.length <= MIN_CHOICES}>
                  <Named label={t("test.removeChoice")} name={of} />
                </Button>
              </li>
            );
          })}
        </ol>
        <Button onClick={() => onChange({ choices: [...q.choices, ""] })} disabled={q.choices.length >= MAX_CHOICES}>
          <Named label={t("test.addChoice")} name={name} />
        </Button>
      </fieldset>
      <div className="question-actions">
        <Button onClick={() => onMove(-1)} disabled={index === 0}>
          <Named label={t("test.moveUp")} name={name} />
        </Button>
        <Button onClick={() => onMove(1)} disabled={index === count - 1}>
          <Named label={t("test.moveDown")} name={name} />
        </Button>
        <Button variant="danger" onClick={onRemove}>
          <Named label={t("test.removeQuestion")} name={name} />
        </Button>
      </div>
    </fieldset>
  );
}

type Props = {
  programmeId: string;
  target: TestTarget;
  /** The test as saved, or null for a new one. */
  test: Test | null;
  /** What is being edited ("Kuis Modul 1", "Pre-test"), naming the form. */
  title: string;
  onSaved: (saved: Test) => void;
  onCancel: () => void;
};

export function TestEditor({ programmeId, target, test, title, onSaved, onCancel }: Props) {
  const { t } = useTranslation("learning");
  const [passMark, setPassMark] = useState(String(test?.pass_mark ?? 70));
  const [questions, setQuestions] = useState<QuestionDraft[]>(() => draftsOf(test));
  const [focusKey, setFocusKey] = useState<number | null>(null);
  const keys = questions.map((q) => q.key);
  const errors = useFormErrors((f) => placeTestError(f, keys));
  const put = usePutTest(programmeId);
  const headingId = useId();

  useEffect(() => {
    if (focusKey === null) return;
    document.querySelector<HTMLTextAreaElement>(`textarea[name="q-${focusKey}-prompt"]`)?.focus();
    setFocusKey(null);
  }, [focusKey]);

  const change = (key: number, patch: Partial<QuestionDraft>) => setQuestions((qs) => qs.map((q) => (q.key === key ? { ...q, ...patch } : q)));
  const move = (index: number, by: -1 | 1) =>
    setQuestions((qs) => {
      const to = index + by;
      if (to < 0 || to >= qs.length) return qs;
      const next = [...qs];
      const [q] = next.splice(index, 1);
      if (q) next.splice(to, 0, q);
      return next;
    });
  const add = () => {
    const q = newQuestion();
    setQuestions((qs) => [...qs, q]);
    setFocusKey(q.key);
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!errors.mark(checkTest(passMark, questions))) return;
    put.mutate({ target, b: testBody(passMark, questions) }, { onSuccess: onSaved, onError: (err) => errors.fail(recodeTestError(err)) });
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={headingId} className="test-editor">
      <h4 id={headingId}>{t("test.editTitle", { title })}</h4>
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : errors.any ? <Notice kind="error">{t("common:form.fixErrors")}</Notice> : null}
      <TextField
        label={t("test.passMark")}
        name="pass_mark"
        type="number"
        inputMode="numeric"
        min={0}
        max={100}
        required
        value={passMark}
        onChange={(e) => setPassMark(e.target.value)}
        error={errors.at("pass_mark")}
        hint={t("test.passMarkHint")}
      />
      <p className="hint">{t("test.questionsHint", { n: questions.length })}</p>
      {errors.at("questions") ? (
        <p className="error" role="alert">
          {errors.at("questions")}
        </p>
      ) : null}
      {questions.map((q, i) => (
        <QuestionEditor
          key={q.key}
          index={i}
          count={questions.length}
          question={q}
          error={errors.at}
          onChange={(patch) => change(q.key, patch)}
          onMove={(by) => move(i, by)}
          onRemove={() => setQuestions((qs) => qs.filter((x) => x.key !== q.key))}
        />
      ))}
      <Button onClick={add} disabled={questions.length >= MAX_QUESTIONS}>
        {t("test.addQuestion")}
      </Button>
      <FormActions busy={put.isPending} onCancel={onCancel} submitLabel={t("test.save")} />
    </form>
  );
}
