// The survey builder: title, description, who answers (employees about themselves, supervisors
// about each report, or the public about a service unit), the unit, and the questions — added,
// removed and reordered, each with its kind, options for choice kinds, whether it must be
// answered, and the competency it asks about. Errors of the API show at their fields, down to one
// option of one question (`questions[1].options[0]`).
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session/SessionProvider";
import { Button, Named } from "../../ui/Button";
import { CheckboxField, FieldMessages, SelectField, TextAreaField, TextField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { PageHeader } from "../../ui/PageHeader";
import { ErrorState, Loading, Notice } from "../../ui/States";
import {
  AUDIENCES,
  KINDS,
  hasOptions,
  useCompetencies,
  useCreateSurvey,
  usePutSurvey,
  useSurvey,
  type Audience,
  type Competency,
  type QuestionBody,
  type QuestionKind,
  type Survey,
  type SurveyRequest,
} from "./api";
import { paths } from "./paths";
import { ChooseAgency, UnitSelect, useFormErrors } from "./shared";

export type QuestionDraft = { key: number; text: string; kind: QuestionKind; options: string[]; required: boolean; competencyCode: string };

let nextKey = 1;
const newQuestion = (kind: QuestionKind = "likert"): QuestionDraft => ({ key: nextKey++, text: "", kind, options: [], required: true, competencyCode: "" });

const QUESTION_FIELDS = ["text", "kind", "options", "required", "competency_code"];

/**
 * Where an API field's error shows in the builder (null: in the general message). Question
 * errors follow the question (by its key), so they stay with it when questions move.
 */
export function placeSurveyError(field: string, keys: number[]): string | null {
  if (["title", "description", "audience", "org_unit_id", "questions"].includes(field)) return field;
  const m = /^questions\[(\d+)\]\.([a-z_]+)(?:\[(\d+)\])?/.exec(field);
  if (!m || !QUESTION_FIELDS.includes(m[2] ?? "")) return null;
  const key = keys[Number(m[1])];
  if (key === undefined) return "questions";
  return m[3] !== undefined && m[2] === "options" ? `q${key}.options[${m[3]}]` : `q${key}.${m[2]}`;
}

/** The request body of the drafts (options only for choice kinds, blank competency as none). */
export function questionBodies(questions: QuestionDraft[]): QuestionBody[] {
  return questions.map((q) => ({
    text: q.text.trim(),
    kind: q.kind,
    ...(hasOptions(q.kind) ? { options: q.options.map((o) => o.trim()) } : {}),
    required: q.required,
    competency_code: q.competencyCode || null,
  }));
}

/** Problems found before sending: blank texts and options, too few options, no questions. */
function checkDrafts(title: string, audience: Audience, unitId: string | null, questions: QuestionDraft[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (!title.trim()) out.title = "required";
  if (audience === "public" && !unitId) out.org_unit_id = "required";
  if (questions.length === 0) out.questions = "required";
  for (const q of questions) {
    if (!q.text.trim()) out[`q${q.key}.text`] = "required";
    if (hasOptions(q.kind)) {
      if (q.options.length < 2) out[`q${q.key}.options`] = "option_count";
      q.options.forEach((o, j) => {
        if (!o.trim()) out[`q${q.key}.options[${j}]`] = "required";
      });
    }
  }
  return out;
}

function draftsOf(s: Survey, competencies: Competency[]): QuestionDraft[] {
  const codeOf = new Map(competencies.map((c) => [c.id, c.code]));
  return [...s.questions]
    .sort((a, b) => a.position - b.position)
    .map((q) => ({
      key: nextKey++,
      text: q.text,
      kind: q.kind,
      options: [...q.options],
      required: q.required,
      competencyCode: (q.competency_id && codeOf.get(q.competency_id)) || "",
    }));
}

type EditorProps = {
  index: number;
  count: number;
  question: QuestionDraft;
  competencies: Competency[];
  error: (field: string) => string | undefined;
  onChange: (patch: Partial<QuestionDraft>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
};

function QuestionEditor({ index, count, question: q, competencies, error, onChange, onMove, onRemove }: EditorProps) {
  const { t } = useTranslation("surveys");
  const id = useId();
  const n = index + 1;
  const name = t("builder.questionN", { n });
  const optionsError = error(`q${q.key}.options`);
  const setKind = (kind: QuestionKind) => onChange({ kind, options: hasOptions(kind) && q.options.length === 0 ? ["", ""] : q.options });
  const setOption = (j: number, v: string) => onChange({ options: q.options.map((o, i) => (i === j ? v : o)) });
  return (
    <fieldset className="question-edit" data-question={n}>
      <legend>{name}</legend>
      <TextAreaField label={t("builder.text")} name={`q-${q.key}-text`} required rows={2} value={q.text} onChange={(e) => onChange({ text: e.target.value })} error={error(`q${q.key}.text`)} maxLength={1000} />
      <div className="form-grid">
        <SelectField label={t("builder.kind")} name={`q-${q.key}-kind`} required value={q.kind} onChange={(e) => setKind(e.target.value as QuestionKind)} error={error(`q${q.key}.kind`)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`enums:questionKind.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("builder.competency")}
          name={`q-${q.key}-competency`}
          value={q.competencyCode}
          onChange={(e) => onChange({ competencyCode: e.target.value })}
          error={error(`q${q.key}.competency_code`)}
          hint={q.kind === "likert" ? t("builder.competencyHint") : t("builder.competencyLikertOnly")}
        >
          <option value="">{t("builder.noCompetency")}</option>
          {competencies.map((c) => (
            <option key={c.id} value={c.code}>
              {`${c.code} · ${c.name}`}
            </option>
          ))}
        </SelectField>
      </div>
      {hasOptions(q.kind) ? (
        <fieldset className="options-edit" aria-describedby={optionsError ? `${id}-options-error` : undefined}>
          <legend>{t("builder.options")}</legend>
          <FieldMessages id={`${id}-options`} error={optionsError} />
          <ol>
            {q.options.map((o, j) => (
              <li key={j} className="option-edit">
                <TextField label={t("builder.optionN", { n: j + 1 })} name={`q-${q.key}-option-${j}`} required value={o} onChange={(e) => setOption(j, e.target.value)} error={error(`q${q.key}.options[${j}]`)} maxLength={200} />
                <Button variant="ghost" onClick={() => onChange({ options: q.options.filter((_, i) => i !== j) })}>
                  <Named label={t("builder.removeOption")} name={t("builder.optionOf", { n: j + 1, question: n })} />
                </Button>
              </li>
            ))}
          </ol>
          <Button onClick={() => onChange({ options: [...q.options, ""] })} disabled={q.options.length >= 20}>
            <Named label={t("builder.addOption")} name={name} />
          </Button>
        </fieldset>
      ) : q.kind === "likert" ? (
        <p className="hint">{t("builder.likertHint")}</p>
      ) : null}
      <CheckboxField label={t("builder.required")} name={`q-${q.key}-required`} checked={q.required} onChange={(e) => onChange({ required: e.target.checked })} error={error(`q${q.key}.required`)} />
      <div className="question-actions">
        <Button onClick={() => onMove(-1)} disabled={index === 0}>
          <Named label={t("builder.moveUp")} name={name} />
        </Button>
        <Button onClick={() => onMove(1)} disabled={index === count - 1}>
          <Named label={t("builder.moveDown")} name={name} />
        </Button>
        <Button variant="danger" onClick={onRemove}>
          <Named label={t("builder.remove")} name={name} />
        </Button>
      </div>
    </fieldset>
  );
}

function SurveyForm({ survey, competencies }: { survey: Survey | null; competencies: Competency[] }) {
  const { t } = useTranslation("surveys");
  const { agencyId, isSuperAdmin } = useSession();
  const navigate = useNavigate();
  const [title, setTitle] = useState(survey?.title ?? "");
  const [description, setDescription] = useState(survey?.description ?? "");
  const [audience, setAudience] = useState<Audience>(survey?.audience ?? "employees");
  const [unitId, setUnitId] = useState<string | null>(survey?.org_unit_id ?? null);
  const [questions, setQuestions] = useState<QuestionDraft[]>(() => (survey ? draftsOf(survey, competencies) : [newQuestion()]));
  const [focusKey, setFocusKey] = useState<number | null>(null);
  const keys = questions.map((q) => q.key);
  const errors = useFormErrors((f) => placeSurveyError(f, keys));
  const create = useCreateSurvey();
  const put = usePutSurvey();
  const busy = create.isPending || put.isPending;
  const audienceName = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (focusKey === null) return;
    document.querySelector<HTMLTextAreaElement>(`textarea[name="q-${focusKey}-text"]`)?.focus();
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
  const remove = (key: number) => {
    setQuestions((qs) => qs.filter((q) => q.key !== key));
    // The removed question's buttons are gone: focus goes back to the list's heading.
    headingRef.current?.focus();
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!errors.mark(checkDrafts(title, audience, unitId, questions))) return;
    const b: SurveyRequest = {
      title: title.trim(),
      description: description.trim() || null,
      audience,
      org_unit_id: unitId,
      questions: questionBodies(questions),
    };
    const done = (saved: Survey) => navigate(paths.detail(saved.id), { state: { saved: true } });
    if (survey) put.mutate({ id: survey.id, b }, { onSuccess: done, onError: errors.fail });
    else create.mutate({ ...b, ...(isSuperAdmin && agencyId ? { agency_id: agencyId } : {}) }, { onSuccess: done, onError: errors.fail });
  }

  const audienceError = errors.at("audience");
  return (
    <form onSubmit={submit} noValidate aria-label={survey ? t("builder.editTitle", { title: survey.title }) : t("builder.createTitle")}>
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : errors.any ? <Notice kind="error">{t("common:form.fixErrors")}</Notice> : null}
      <TextField label={t("fields.title")} name="title" required value={title} onChange={(e) => setTitle(e.target.value)} error={errors.at("title")} maxLength={200} />
      <TextAreaField label={t("fields.description")} name="description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} error={errors.at("description")} hint={t("builder.descriptionHint")} />
      <fieldset className="panel audience" aria-describedby={audienceError ? `${audienceName}-error` : undefined}>
        <legend>{t("fields.audience")}</legend>
        <FieldMessages id={audienceName} error={audienceError} />
        {AUDIENCES.map((a) => (
          <div key={a} className="choice">
            <label className="inline">
              <input type="radio" name={audienceName} value={a} checked={audience === a} onChange={() => setAudience(a)} aria-describedby={`${audienceName}-${a}-hint`} />
              {t(`enums:surveyAudience.${a}`)}
            </label>
            <p id={`${audienceName}-${a}-hint`} className="hint">
              {t(`builder.audienceHint.${a}`)}
            </p>
          </div>
        ))}
      </fieldset>
      <div className="filters">
        <UnitSelect
          agencyId={survey?.agency_id ?? agencyId}
          value={unitId}
          onChange={setUnitId}
          label={audience === "public" ? t("builder.serviceUnit") : t("builder.unit")}
          noneLabel={audience === "public" ? t("builder.chooseUnit") : t("unit.wholeAgency")}
          required={audience === "public"}
          optionalMarker
          error={errors.at("org_unit_id")}
          hint={audience === "public" ? t("builder.serviceUnitHint") : t("builder.unitHint")}
        />
      </div>
      <section aria-labelledby="questions-heading" className="questions-edit">
        <h2 id="questions-heading" ref={headingRef} tabIndex={-1}>
          {t("builder.questions", { n: questions.length })}
        </h2>
        {errors.at("questions") ? (
          <p className="error" role="alert">
            {errors.at("questions")}
          </p>
        ) : null}
        <div>
          {questions.map((q, i) => (
            <QuestionEditor
              key={q.key}
              index={i}
              count={questions.length}
              question={q}
              competencies={competencies}
              error={errors.at}
              onChange={(patch) => change(q.key, patch)}
              onMove={(by) => move(i, by)}
              onRemove={() => remove(q.key)}
            />
          ))}
        </div>
        <Button onClick={add} disabled={questions.length >= 100}>
          {t("builder.addQuestion")}
        </Button>
      </section>
      <FormActions busy={busy} cancelTo={survey ? paths.detail(survey.id) : paths.list} submitLabel={t("builder.saveDraft")} />
    </form>
  );
}

export function SurveyBuilderPage({ id }: { id?: string }) {
  const { t } = useTranslation("surveys");
  const { agencyId, isSuperAdmin } = useSession();
  const needsAgency = isSuperAdmin && !agencyId;
  const existing = useSurvey(id ?? null);
  const competencies = useCompetencies(id ? (existing.data?.agency_id ?? null) : agencyId, !needsAgency || id !== undefined);
  if (!id) {
    return (
      <>
        <PageHeader title={t("builder.createTitle")} subtitle={t("builder.subtitle")} />
        {needsAgency ? (
          <ChooseAgency />
        ) : competencies.isPending ? (
          <Loading />
        ) : competencies.isError ? (
          <ErrorState error={competencies.error} onRetry={() => void competencies.refetch()} />
        ) : (
          <SurveyForm survey={null} competencies={competencies.data} />
        )}
      </>
    );
  }
  if (existing.isPending || (existing.isSuccess && competencies.isPending)) return <Loading />;
  if (existing.isError) return <ErrorState error={existing.error} onRetry={() => void existing.refetch()} />;
  if (competencies.isError) return <ErrorState error={competencies.error} onRetry={() => void competencies.refetch()} />;
  const s = existing.data;
  return (
    <>
      <PageHeader title={t("builder.editTitle", { title: s.title })} subtitle={t("builder.subtitle")} />
      {s.status !== "draft" ? (
        <>
          <Notice kind="info">{t("builder.notDraft")}</Notice>
          <Link to={paths.detail(s.id)}>← {t("common:actions.back")}</Link>
        </>
      ) : (
        <SurveyForm key={s.id} survey={s} competencies={competencies.data ?? []} />
      )}
    </>
  );
}
