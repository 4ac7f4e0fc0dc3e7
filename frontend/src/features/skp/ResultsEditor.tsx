// Menyusun hasil kerja: the plan's work results (RHK) while it is a draft — section (Utama or
// Tambahan), the result, its indicator (IKI), target and approach, and the rater's result it
// supports, chosen from the rater's results of the same year that the plan lists. The whole list
// is saved at once, in order; errors show at their rows' fields.
import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Button, Named } from "../../ui/Button";
import { SelectField, TextAreaField, TextField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { useFormErrors } from "../../ui/formErrors";
import { Notice } from "../../ui/States";
import { APPROACHES, MAX_RESULTS, SECTIONS, usePutResults, type Approach, type Plan, type Result, type ResultInput, type Section } from "./api";
import { useOwnTexts, type Viewer } from "./shared";

type Row = { key: number; section: Section; description: string; indicator: string; target: string; approach: Approach; supports: string };

const FIELDS = ["section", "description", "supports_result_id", "indicator", "target", "approach"];

/** Where an API field's error shows: `results[2].target` at that row's target. */
export function placeResultError(field: string): string | null {
  const m = /^results\[(\d+)\]\.(\w+)$/.exec(field);
  return m && FIELDS.includes(m[2] ?? "") ? field : null;
}

/** A result's text: its number and the start of its description ("2. Meningkatnya …"). */
export function shortResult(r: Pick<Result, "seq" | "description">, max = 110): string {
  const d = r.description.length > max ? `${r.description.slice(0, max - 1)}…` : r.description;
  return `${r.seq}. ${d}`;
}

type Props = {
  plan: Plan;
  viewer: Viewer;
  onSaved: (plan: Plan) => void;
  onCancel: () => void;
};

export function ResultsEditor({ plan, viewer, onSaved, onCancel }: Props) {
  const { t } = useTranslation("skp");
  const next = useRef(0);
  const row = (r?: Result): Row => ({
    key: next.current++,
    section: r?.section ?? "main",
    description: r?.description ?? "",
    indicator: r?.indicator ?? "",
    target: r?.target ?? "",
    approach: r?.approach ?? "quantitative",
    supports: r?.supports_result_id ?? "",
  });
  const [rows, setRows] = useState<Row[]>(() => (plan.results.length > 0 ? plan.results.map((r) => row(r)) : [row()]));
  const errors = useFormErrors(placeResultError);
  const own = useOwnTexts();
  const put = usePutResults(plan, viewer === "owner");
  const choices = plan.rater_results;

  const update = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const move = (i: number, by: number) =>
    setRows((rs) => {
      const out = [...rs];
      const [moved] = out.splice(i, 1);
      if (moved) out.splice(i + by, 0, moved);
      return out;
    });

  function submit(e: FormEvent) {
    e.preventDefault();
    const marks: Record<string, string> = {};
    rows.forEach((r, i) => {
      if (!r.description.trim()) marks[`results[${i}].description`] = "required";
      if (!r.indicator.trim()) marks[`results[${i}].indicator`] = "required";
      if (!r.target.trim()) marks[`results[${i}].target`] = "required";
    });
    if (!errors.mark(marks)) return;
    const body: ResultInput[] = rows.map((r) => ({
      section: r.section,
      description: r.description.trim(),
      supports_result_id: r.supports || null,
      indicator: r.indicator.trim(),
      target: r.target.trim(),
      approach: r.approach,
    }));
    put.mutate(body, { onSuccess: onSaved, onError: (err) => errors.fail(own(err)) });
  }

  const supportsHint = choices.length === 0 ? t("editor.supportsNoneYet", { year: plan.year }) : t("editor.supportsHint");

  return (
    <form onSubmit={submit} noValidate aria-label={t("editor.title")} className="skp-editor">
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : null}
      {rows.length === 0 ? <p className="muted">{t("editor.empty")}</p> : null}
      <ol className="skp-editor-rows">
        {rows.map((r, i) => {
          const at = (f: string) => errors.at(`results[${i}].${f}`);
          const n = i + 1;
          const linkedElsewhere = r.supports !== "" && !choices.some((c) => c.id === r.supports);
          return (
            <li key={r.key}>
              <fieldset className="panel">
                <legend>{t("editor.item", { n })}</legend>
                <div className="form-grid">
                  <SelectField label={t("editor.section")} name={`section-${n}`} required value={r.section} onChange={(e) => update(r.key, { section: e.target.value as Section })} error={at("section")}>
                    {SECTIONS.map((s) => (
                      <option key={s} value={s}>
                        {t(`section.${s}`)}
                      </option>
                    ))}
                  </SelectField>
                  <SelectField label={t("editor.approach")} name={`approach-${n}`} required value={r.approach} onChange={(e) => update(r.key, { approach: e.target.value as Approach })} error={at("approach")}>
                    {APPROACHES.map((a) => (
                      <option key={a} value={a}>
                        {t(`approach.${a}`)}
                      </option>
                    ))}
                  </SelectField>
                </div>
                <TextAreaField label={t("editor.description")} name={`description-${n}`} required rows={2} maxLength={1000} value={r.description} onChange={(e) => update(r.key, { description: e.target.value })} error={at("description")} hint={t("editor.descriptionHint")} />
                <TextAreaField label={t("editor.indicator")} name={`indicator-${n}`} required rows={2} maxLength={1000} value={r.indicator} onChange={(e) => update(r.key, { indicator: e.target.value })} error={at("indicator")} hint={t("editor.indicatorHint")} />
                <TextField label={t("editor.target")} name={`target-${n}`} required maxLength={500} value={r.target} onChange={(e) => update(r.key, { target: e.target.value })} error={at("target")} hint={t("editor.targetHint")} />
                <SelectField label={t("editor.supports")} name={`supports-${n}`} value={r.supports} onChange={(e) => update(r.key, { supports: e.target.value })} error={at("supports_result_id")} hint={supportsHint}>
                  <option value="">{t("editor.supportsNone")}</option>
                  {linkedElsewhere ? <option value={r.supports}>{t("editor.supportsLinked")}</option> : null}
                  {choices.map((c) => (
                    <option key={c.id} value={c.id}>
                      {shortResult(c)}
                    </option>
                  ))}
                </SelectField>
                <div className="row-actions">
                  <Button disabled={i === 0} onClick={() => move(i, -1)}>
                    <Named label={t("editor.up")} name={t("editor.item", { n })} />
                  </Button>
                  <Button disabled={i === rows.length - 1} onClick={() => move(i, 1)}>
                    <Named label={t("editor.down")} name={t("editor.item", { n })} />
                  </Button>
                  <Button variant="danger" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
                    <Named label={t("editor.remove")} name={t("editor.item", { n })} />
                  </Button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <p>
        <Button disabled={rows.length >= MAX_RESULTS} onClick={() => setRows((rs) => [...rs, row()])}>
          {t("editor.add")}
        </Button>
      </p>
      <FormActions busy={put.isPending} onCancel={onCancel} submitLabel={t("editor.save")} />
    </form>
  );
}
