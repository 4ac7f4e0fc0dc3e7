// Recording an assessment of one employee. Admins say how the level was found; employees (for
// themselves) and supervisors (for their reports) do not choose: the server records `self` or
// `supervisor`.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session/SessionProvider";
import { SelectField, TextAreaField, TextField } from "../../ui/Field";
import { Button } from "../../ui/Button";
import { Notice } from "../../ui/States";
import { LEVELS, METHODS, useCreateAssessment, type AssessmentMethod, type CompetencyRef } from "./api";
import { useFormErrors } from "./shared";

const FIELDS = ["competency_id", "level", "assessed_on", "method", "assessor_name", "evidence", "valid_until"];

/** Today as `YYYY-MM-DD` in the reader's time zone. */
export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function AssessmentForm({ employeeId, competencies }: { employeeId: string; competencies: CompetencyRef[] }) {
  const { t } = useTranslation("competency");
  const { isAdmin } = useSession();
  const [competencyId, setCompetencyId] = useState("");
  const [level, setLevel] = useState("");
  const [assessedOn, setAssessedOn] = useState(today);
  const [method, setMethod] = useState<AssessmentMethod>("assessment_centre");
  const [assessor, setAssessor] = useState("");
  const [evidence, setEvidence] = useState("");
  const [validUntil, setValidUntil] = useState("");
  const [saved, setSaved] = useState<string | null>(null);
  const errors = useFormErrors((f) => (FIELDS.includes(f) ? f : null));
  const create = useCreateAssessment();

  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    if (!errors.requireFilled({ competency_id: competencyId, level, assessed_on: assessedOn })) return;
    const competency = competencies.find((c) => c.id === competencyId);
    create.mutate(
      {
        employee_id: employeeId,
        competency_id: competencyId,
        level: Number(level),
        assessed_on: assessedOn,
        ...(isAdmin ? { method } : {}),
        assessor_name: assessor.trim() || null,
        evidence: evidence.trim() || null,
        valid_until: validUntil || null,
      },
      {
        onSuccess: (a) => {
          setSaved(t("assess.saved", { code: competency?.code ?? "", level: a.level }));
          setCompetencyId("");
          setLevel("");
          setEvidence("");
          setValidUntil("");
        },
        onError: errors.fail,
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="assess-heading">
      {saved ? <Notice kind="success">{saved}</Notice> : null}
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : null}
      {!isAdmin ? <p className="muted">{t("assess.methodSetByServer")}</p> : null}
      <div className="form-grid">
        <SelectField label={t("fields.competency")} name="competency_id" required value={competencyId} onChange={(e) => setCompetencyId(e.target.value)} error={errors.at("competency_id")}>
          <option value="">{t("choose")}</option>
          {competencies.map((c) => (
            <option key={c.id} value={c.id}>
              {c.code} · {c.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("assess.level")} name="level" required value={level} onChange={(e) => setLevel(e.target.value)} error={errors.at("level")}>
          <option value="">{t("choose")}</option>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {t("fields.level", { level: l })}
            </option>
          ))}
        </SelectField>
        <TextField label={t("assess.assessedOn")} name="assessed_on" type="date" required value={assessedOn} max={today()} onChange={(e) => setAssessedOn(e.target.value)} error={errors.at("assessed_on")} />
        {isAdmin ? (
          <SelectField label={t("assess.method")} name="method" required value={method} onChange={(e) => setMethod(e.target.value as AssessmentMethod)} error={errors.at("method")}>
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`enums:assessmentMethod.${m}`)}
              </option>
            ))}
          </SelectField>
        ) : null}
        <TextField label={t("assess.assessor")} name="assessor_name" value={assessor} onChange={(e) => setAssessor(e.target.value)} error={errors.at("assessor_name")} maxLength={200} />
        <TextField label={t("assess.validUntil")} name="valid_until" type="date" value={validUntil} onChange={(e) => setValidUntil(e.target.value)} error={errors.at("valid_until")} />
      </div>
      <TextAreaField label={t("assess.evidence")} name="evidence" value={evidence} onChange={(e) => setEvidence(e.target.value)} error={errors.at("evidence")} rows={2} />
      <div className="form-actions">
        <Button type="submit" variant="primary" disabled={create.isPending}>
          {create.isPending ? t("common:actions.saving") : t("assess.submit")}
        </Button>
      </div>
    </form>
  );
}
