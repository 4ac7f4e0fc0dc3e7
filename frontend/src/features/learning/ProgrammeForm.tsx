// A programme's own data: code, title, objectives, the kind of activity (and so its form), its
// learning hours (JP), the competencies it raises to which level, the positions and units it is
// aimed at, self-registration, the attendance and post-test needed to complete, and its status.
// The API's errors show at their fields, down to one competency row (`competencies[0].level`).
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session/SessionProvider";
import { Button, Named } from "../../ui/Button";
import { CheckboxField, SelectField, TextAreaField, TextField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { Notice } from "../../ui/States";
import {
  ACTIVITY_KINDS,
  LEVELS,
  PROGRAMME_STATUSES,
  useCompetencies,
  useSaveProgramme,
  type ActivityKind,
  type Programme,
  type ProgrammeRequest,
  type ProgrammeStatus,
} from "./api";
import { paths } from "./paths";
import { recode, TargetPicker, useFormErrors } from "./shared";

export type CompetencyRow = { key: number; competencyId: string; level: string };

let nextKey = 1;
const newRow = (): CompetencyRow => ({ key: nextKey++, competencyId: "", level: "" });

const CLASSICAL: readonly ActivityKind[] = ["training", "seminar", "workshop", "course", "bimtek"];
const formOf = (k: ActivityKind) => (CLASSICAL.includes(k) ? "classical" : "non_classical");

const FIELDS = ["code", "title", "objectives", "activity_kind", "jp", "competencies", "position_ids", "org_unit_ids", "self_registration", "min_attendance_percent", "require_post_test", "status"];

/** Where an API field's error shows: its field, its competency row (by key), or in general (null). */
export function placeProgrammeError(field: string, keys: number[]): string | null {
  if (FIELDS.includes(field)) return field;
  const list = /^(position_ids|org_unit_ids)\[\d+\]$/.exec(field);
  if (list) return list[1] ?? null;
  const m = /^competencies\[(\d+)\]\.(competency_id|level)$/.exec(field);
  if (!m) return null;
  const key = keys[Number(m[1])];
  return key === undefined ? "competencies" : `c${key}.${m[2]}`;
}

/** The API's generic codes, reworded for a programme (a `duplicate` code is a taken code). */
const recodeProgrammeError = (err: unknown) =>
  recode(err, (field, code) => {
    if (field === "code") return code === "duplicate" ? "duplicate_code" : code === "invalid" ? "programme_code" : null;
    if (["competencies", "position_ids", "org_unit_ids"].includes(field) && code === "too_many") return "too_many_targets";
    return null;
  });

type Values = {
  code: string;
  title: string;
  objectives: string;
  kind: ActivityKind;
  jp: string;
  rows: CompetencyRow[];
  positionIds: string[];
  unitIds: string[];
  selfRegistration: boolean;
  minAttendance: string;
  requirePostTest: boolean;
  status: ProgrammeStatus;
};

function valuesOf(p: Programme | null): Values {
  return {
    code: p?.code ?? "",
    title: p?.title ?? "",
    objectives: p?.objectives ?? "",
    kind: p?.activity_kind ?? "training",
    jp: p ? String(p.jp) : "",
    rows: (p?.competencies ?? []).map((c) => ({ key: nextKey++, competencyId: c.competency_id, level: String(c.level) })),
    positionIds: p?.position_ids ?? [],
    unitIds: p?.org_unit_ids ?? [],
    selfRegistration: p?.self_registration ?? false,
    minAttendance: String(p?.min_attendance_percent ?? 80),
    requirePostTest: p?.require_post_test ?? false,
    status: p?.status ?? "draft",
  };
}

/** The request body of the form's values. */
export function programmeBody(v: Values): ProgrammeRequest {
  return {
    code: v.code.trim(),
    title: v.title.trim(),
    objectives: v.objectives.trim() || null,
    activity_kind: v.kind,
    jp: Number(v.jp),
    competencies: v.rows.map((r) => ({ competency_id: r.competencyId, level: Number(r.level) })),
    position_ids: v.positionIds,
    org_unit_ids: v.unitIds,
    self_registration: v.selfRegistration,
    min_attendance_percent: Number(v.minAttendance),
    require_post_test: v.requirePostTest,
    status: v.status,
  };
}

function check(v: Values): Record<string, string> {
  const out: Record<string, string> = {};
  if (!v.code.trim()) out.code = "required";
  if (!v.title.trim()) out.title = "required";
  const jp = Number(v.jp);
  if (!v.jp.trim()) out.jp = "required";
  else if (!Number.isInteger(jp) || jp < 1 || jp > 1000) out.jp = "out_of_range";
  const att = Number(v.minAttendance);
  if (!v.minAttendance.trim()) out.min_attendance_percent = "required";
  else if (!Number.isInteger(att) || att < 0 || att > 100) out.min_attendance_percent = "out_of_range";
  for (const r of v.rows) {
    if (!r.competencyId) out[`c${r.key}.competency_id`] = "required";
    if (!r.level) out[`c${r.key}.level`] = "required";
  }
  return out;
}

type Props = { programme: Programme | null; onSaved: (saved: Programme) => void };

export function ProgrammeForm({ programme, onSaved }: Props) {
  const { t } = useTranslation("learning");
  const { agencyId, isSuperAdmin } = useSession();
  const ownerAgency = programme?.agency_id ?? agencyId;
  const competencies = useCompetencies(ownerAgency);
  const [v, setV] = useState<Values>(() => valuesOf(programme));
  const set = (patch: Partial<Values>) => setV((old) => ({ ...old, ...patch }));
  const keys = v.rows.map((r) => r.key);
  const errors = useFormErrors((f) => placeProgrammeError(f, keys));
  const save = useSaveProgramme();
  const setRow = (key: number, patch: Partial<CompetencyRow>) => set({ rows: v.rows.map((r) => (r.key === key ? { ...r, ...patch } : r)) });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!errors.mark(check(v))) return;
    const b = programmeBody(v);
    const withAgency = programme === null && isSuperAdmin && agencyId ? { ...b, agency_id: agencyId } : b;
    save.mutate({ id: programme?.id ?? null, b: withAgency }, { onSuccess: onSaved, onError: (err) => errors.fail(recodeProgrammeError(err)) });
  }

  const label = programme ? t("editor.editTitle", { title: programme.title }) : t("editor.createTitle");
  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : errors.any ? <Notice kind="error">{t("common:form.fixErrors")}</Notice> : null}
      <div className="form-grid">
        <TextField label={t("fields.code")} name="code" required value={v.code} onChange={(e) => set({ code: e.target.value })} error={errors.at("code")} maxLength={40} hint={t("editor.codeHint")} autoComplete="off" />
        <TextField label={t("fields.title")} name="title" required value={v.title} onChange={(e) => set({ title: e.target.value })} error={errors.at("title")} maxLength={200} />
      </div>
      <TextAreaField label={t("fields.objectives")} name="objectives" rows={3} value={v.objectives} onChange={(e) => set({ objectives: e.target.value })} error={errors.at("objectives")} maxLength={4000} />
      <div className="form-grid">
        <SelectField
          label={t("fields.kind")}
          name="activity_kind"
          required
          value={v.kind}
          onChange={(e) => set({ kind: e.target.value as ActivityKind })}
          error={errors.at("activity_kind")}
          hint={t("editor.formHint", { form: t(`enums:developmentForm.${formOf(v.kind)}`) })}
        >
          {ACTIVITY_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t("fields.jpLong")} name="jp" type="number" inputMode="numeric" min={1} max={1000} required value={v.jp} onChange={(e) => set({ jp: e.target.value })} error={errors.at("jp")} hint={t("editor.jpHint")} />
        <SelectField label={t("fields.status")} name="status" required value={v.status} onChange={(e) => set({ status: e.target.value as ProgrammeStatus })} error={errors.at("status")} hint={t(`editor.statusHint.${v.status}`)}>
          {PROGRAMME_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`enums:programmeStatus.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset className="panel competency-targets">
        <legend>
          {t("editor.competencies")} <span className="opt">({t("common:form.optional")})</span>
        </legend>
        <p className="hint">{t("editor.competenciesHint")}</p>
        {errors.at("competencies") ? (
          <p className="error" role="alert">
            {errors.at("competencies")}
          </p>
        ) : null}
        {v.rows.length === 0 ? <p className="muted">{t("editor.noCompetencies")}</p> : null}
        <ol className="target-rows">
          {v.rows.map((r, i) => {
            const n = i + 1;
            return (
              <li key={r.key} className="option-edit" data-competency={n}>
                <SelectField
                  label={t("editor.competencyN", { n })}
                  name={`c-${r.key}-competency`}
                  required
                  value={r.competencyId}
                  onChange={(e) => setRow(r.key, { competencyId: e.target.value })}
                  error={errors.at(`c${r.key}.competency_id`)}
                  aria-busy={competencies.isPending}
                >
                  <option value="">{t("editor.chooseCompetency")}</option>
                  {(competencies.data ?? []).map((c) => (
                    <option key={c.id} value={c.id}>
                      {`${c.code} · ${c.name}`}
                    </option>
                  ))}
                  {r.competencyId && competencies.data && !competencies.data.some((c) => c.id === r.competencyId) ? <option value={r.competencyId}>{r.competencyId}</option> : null}
                </SelectField>
                <SelectField
                  label={t("editor.levelN", { n })}
                  name={`c-${r.key}-level`}
                  required
                  value={r.level}
                  onChange={(e) => setRow(r.key, { level: e.target.value })}
                  error={errors.at(`c${r.key}.level`)}
                >
                  <option value="">{t("editor.chooseLevel")}</option>
                  {LEVELS.map((l) => (
                    <option key={l} value={l}>
                      {t("editor.level", { level: l })}
                    </option>
                  ))}
                </SelectField>
                <Button variant="ghost" onClick={() => set({ rows: v.rows.filter((x) => x.key !== r.key) })}>
                  <Named label={t("editor.removeCompetency")} name={t("editor.competencyN", { n })} />
                </Button>
              </li>
            );
          })}
        </ol>
        <Button onClick={() => set({ rows: [...v.rows, newRow()] })}>{t("editor.addCompetency")}</Button>
      </fieldset>
      <TargetPicker kind="positions" agencyId={ownerAgency} value={v.positionIds} onChange={(positionIds) => set({ positionIds })} error={errors.at("position_ids")} />
      <TargetPicker kind="units" agencyId={ownerAgency} value={v.unitIds} onChange={(unitIds) => set({ unitIds })} error={errors.at("org_unit_ids")} />
      <fieldset className="panel">
        <legend>{t("editor.completion")}</legend>
        <CheckboxField
          label={t("fields.selfRegistration")}
          name="self_registration"
          checked={v.selfRegistration}
          onChange={(e) => set({ selfRegistration: e.target.checked })}
          hint={t("editor.selfRegistrationHint")}
          error={errors.at("self_registration")}
        />
        <TextField
          label={t("fields.minAttendance")}
          name="min_attendance_percent"
          type="number"
          inputMode="numeric"
          min={0}
          max={100}
          required
          value={v.minAttendance}
          onChange={(e) => set({ minAttendance: e.target.value })}
          error={errors.at("min_attendance_percent")}
          hint={t("editor.minAttendanceHint")}
        />
        <CheckboxField
          label={t("fields.requirePostTest")}
          name="require_post_test"
          checked={v.requirePostTest}
          onChange={(e) => set({ requirePostTest: e.target.checked })}
          hint={t("editor.requirePostTestHint")}
          error={errors.at("require_post_test")}
        />
      </fieldset>
      <FormActions busy={save.isPending} cancelTo={paths.programmes} submitLabel={programme ? t("editor.save") : t("editor.create")} />
    </form>
  );
}
