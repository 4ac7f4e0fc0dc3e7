// One activity of the development plan (AKPK): the competency and unit it serves, its title and
// kind (the form — klasikal or nonklasikal — follows from the kind), provider, schedule, learning
// hours, budget and participants. Opened from a training need (prefilled with the need's
// competency, unit, score and the employees below standard) or from the plan to change an
// activity. Errors of the API show at their fields, down to one participant (`employee_ids[1]`).
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import { useSession } from "../../session/SessionProvider";
import { CheckboxField, FieldMessages, SelectField, TextField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { Notice } from "../../ui/States";
import {
  CLASSICAL_KINDS,
  NON_CLASSICAL_KINDS,
  formOf,
  useCompetencyOptions,
  useCreatePlanItem,
  usePutPlanItem,
  type ActivityKind,
  type PlanItem,
  type PlanItemRequest,
} from "./api";
import { formatRupiah } from "./format";
import { UnitSelect, useFormErrors } from "./shared";

/** A participant offered by the form (an employee below standard), with what shows them. */
export type Target = { employee_id: string; name: string; nip: string; detail: string };

/** What the form starts from. */
export type PlanSeed = {
  year: number;
  competencyId: string;
  unitId: string | null;
  needScore: number | null;
  /** Offered participants, all chosen at first (a need's employees below standard). */
  targets: Target[];
  /** How many more are below standard than the need lists. */
  unlisted?: number;
};

const FIELDS = ["year", "competency_id", "org_unit_id", "title", "activity_kind", "provider", "planned_start", "planned_end", "jp", "budget", "employee_ids"];

/** Where an API field's error shows (null: in the general message); `sent` are the ids sent. */
export function placePlanError(field: string, sent: string[]): string | null {
  if (FIELDS.includes(field)) return field;
  const m = /^employee_ids\[(\d+)\]$/.exec(field);
  if (!m) return null;
  const id = sent[Number(m[1])];
  return id ? `employee:${id}` : "employee_ids";
}

/** The next year: the plan is made the year before it runs. */
export function planningYear(): number {
  return new Date().getFullYear() + 1;
}

/** A whole number typed in a field, null when blank, NaN when not a whole number. */
function wholeNumber(v: string): number | null {
  const s = v.trim();
  if (!s) return null;
  return /^\d+$/.test(s) ? Number(s) : Number.NaN;
}

type Props = {
  /** The activity being changed; without it a new one is planned from `seed`. */
  item?: PlanItem;
  seed?: PlanSeed;
  onSaved: (item: PlanItem) => void;
  onCancel: () => void;
};

export function PlanItemForm({ item, seed, onSaved, onCancel }: Props) {
  const { t, i18n } = useTranslation("competency");
  const { agencyId, isSuperAdmin } = useSession();
  const lng = i18n.language;
  const competencies = useCompetencyOptions(item?.agency_id ?? agencyId);
  const [year, setYear] = useState(String(item?.year ?? seed?.year ?? planningYear()));
  const [competencyId, setCompetencyId] = useState(item?.competency_id ?? seed?.competencyId ?? "");
  const [unitId, setUnitId] = useState<string | null>(item ? (item.org_unit_id ?? null) : (seed?.unitId ?? null));
  const [title, setTitle] = useState(item?.title ?? "");
  const [kind, setKind] = useState<ActivityKind | "">(item?.activity_kind ?? "");
  const [provider, setProvider] = useState(item?.provider ?? "");
  const [start, setStart] = useState(item?.planned_start ?? "");
  const [end, setEnd] = useState(item?.planned_end ?? "");
  const [jp, setJp] = useState(item?.jp != null ? String(item.jp) : "");
  const [budget, setBudget] = useState(item?.budget != null ? String(item.budget) : "");
  const targets = seed?.targets ?? [];
  const [chosen, setChosen] = useState<string[]>(() => targets.map((x) => x.employee_id));
  const needScore = item ? (item.need_score ?? null) : (seed?.needScore ?? null);
  const sent = item && !seed ? item.employee_ids : targets.map((x) => x.employee_id).filter((id) => chosen.includes(id));
  const errors = useFormErrors((f) => {
    const at = placePlanError(f, sent);
    // Changing an activity lists no participants: their errors show with the count.
    return !seed && at?.startsWith("employee:") ? "employee_ids" : at;
  });
  const create = useCreatePlanItem();
  const put = usePutPlanItem();
  const busy = create.isPending || put.isPending;
  const budgetValue = wholeNumber(budget);
  const options = (competencies.data ?? []).filter((c) => !c.retired || c.id === competencyId);

  function submit(e: FormEvent) {
    e.preventDefault();
    const marks: Record<string, string> = {};
    if (!/^\d{4}$/.test(year.trim())) marks.year = year.trim() ? "invalid_value" : "required";
    if (!competencyId) marks.competency_id = "required";
    if (!title.trim()) marks.title = "required";
    if (!kind) marks.activity_kind = "required";
    const jpValue = wholeNumber(jp);
    if (Number.isNaN(jpValue)) marks.jp = "invalid_value";
    if (Number.isNaN(budgetValue)) marks.budget = "invalid_value";
    errors.mark(marks);
    if (Object.keys(marks).length > 0 || !kind) return;
    const b: PlanItemRequest = {
      year: Number(year),
      competency_id: competencyId,
      org_unit_id: unitId,
      title: title.trim(),
      activity_kind: kind,
      provider: provider.trim() || null,
      planned_start: start || null,
      planned_end: end || null,
      jp: jpValue,
      budget: budgetValue,
      need_score: needScore,
      employee_ids: sent,
    };
    if (item) put.mutate({ id: item.id, b }, { onSuccess: onSaved, onError: errors.fail });
    else create.mutate({ ...b, ...(isSuperAdmin && agencyId ? { agency_id: agencyId } : {}) }, { onSuccess: onSaved, onError: errors.fail });
  }

  const toggle = (id: string, on: boolean) => setChosen((c) => (on ? [...c, id] : c.filter((x) => x !== id)));
  const targetsError = errors.at("employee_ids");
  return (
    <form onSubmit={submit} noValidate aria-label={item ? t("plan.editTitle", { title: item.title }) : t("plan.addTitle")}>
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : null}
      <div className="form-grid">
        <TextField label={t("plan.year")} name="year" type="number" inputMode="numeric" min={2000} max={2100} required value={year} onChange={(e) => setYear(e.target.value)} error={errors.at("year")} />
        <SelectField label={t("fields.competency")} name="competency_id" required value={competencyId} onChange={(e) => setCompetencyId(e.target.value)} error={errors.at("competency_id")} aria-busy={competencies.isPending}>
          <option value="">{t("choose")}</option>
          {options.map((c) => (
            <option key={c.id} value={c.id}>
              {`${c.code} · ${c.name}`}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="filters">
        <UnitSelect agencyId={item?.agency_id ?? agencyId} value={unitId} onChange={setUnitId} noneLabel={t("needs.wholeAgency")} error={errors.at("org_unit_id")} optionalMarker />
      </div>
      <TextField label={t("plan.activityTitle")} name="title" required value={title} onChange={(e) => setTitle(e.target.value)} error={errors.at("title")} maxLength={200} hint={t("plan.titleHint")} />
      <div className="form-grid">
        <SelectField
          label={t("plan.kind")}
          name="activity_kind"
          required
          value={kind}
          onChange={(e) => setKind(e.target.value as ActivityKind | "")}
          error={errors.at("activity_kind")}
          hint={kind ? t("plan.formIs", { form: t(`enums:developmentForm.${formOf(kind)}`) }) : t("plan.kindHint")}
        >
          <option value="">{t("choose")}</option>
          <optgroup label={t("enums:developmentForm.classical")}>
            {CLASSICAL_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`enums:activityKind.${k}`)}
              </option>
            ))}
          </optgroup>
          <optgroup label={t("enums:developmentForm.non_classical")}>
            {NON_CLASSICAL_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`enums:activityKind.${k}`)}
              </option>
            ))}
          </optgroup>
        </SelectField>
        <TextField label={t("plan.provider")} name="provider" value={provider} onChange={(e) => setProvider(e.target.value)} error={errors.at("provider")} maxLength={200} />
        <TextField label={t("plan.start")} name="planned_start" type="date" value={start} onChange={(e) => setStart(e.target.value)} error={errors.at("planned_start")} />
        <TextField label={t("plan.end")} name="planned_end" type="date" value={end} min={start || undefined} onChange={(e) => setEnd(e.target.value)} error={errors.at("planned_end")} />
        <TextField label={t("plan.jp")} name="jp" type="number" inputMode="numeric" min={1} max={1000} value={jp} onChange={(e) => setJp(e.target.value)} error={errors.at("jp")} hint={t("plan.jpHint")} />
        <TextField
          label={t("plan.budget")}
          name="budget"
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          value={budget}
          onChange={(e) => setBudget(e.target.value)}
          error={errors.at("budget")}
          hint={budgetValue != null && !Number.isNaN(budgetValue) ? formatRupiah(budgetValue, lng) : t("plan.budgetHint")}
        />
      </div>
      {needScore != null ? <p data-testid="need-score">{t("plan.needScore", { score: formatNumber(needScore, lng, 1) })}</p> : null}
      {seed ? (
        <fieldset className="levels-fieldset targets" aria-describedby={targetsError ? "targets-error" : undefined}>
          <legend>{t("plan.targets", { n: chosen.length })}</legend>
          <FieldMessages id="targets" error={targetsError} />
          {targets.length === 0 ? <p className="muted">{t("plan.noTargets")}</p> : null}
          {targets.map((x) => (
            <CheckboxField
              key={x.employee_id}
              name={`employee-${x.employee_id}`}
              label={`${x.name} (${x.nip}) — ${x.detail}`}
              checked={chosen.includes(x.employee_id)}
              onChange={(e) => toggle(x.employee_id, e.target.checked)}
              error={errors.at(`employee:${x.employee_id}`)}
            />
          ))}
          {seed.unlisted ? <p className="hint">{t("plan.unlisted", { n: seed.unlisted })}</p> : null}
        </fieldset>
      ) : item ? (
        <p>
          {t("plan.targetsKept", { n: item.employee_ids.length })}
          {targetsError ? (
            <span className="error" role="alert">
              {" "}
              {targetsError}
            </span>
          ) : null}
        </p>
      ) : null}
      <FormActions busy={busy} onCancel={onCancel} submitLabel={item ? undefined : t("plan.add")} />
    </form>
  );
}
