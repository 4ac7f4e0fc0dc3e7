// Realisasi triwulan: what one result achieved in a quarter, with a link to the evidence (bukti
// dukung). Recording a quarter again replaces it; the first realisation of an agreed plan starts it.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { TextAreaField, TextField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { useFormErrors } from "../../ui/formErrors";
import { Notice } from "../../ui/States";
import { usePutRealisation, type Plan, type Realisation, type Result } from "./api";

/** Whether a typed link is one the API takes: http or https with a host, no spaces. */
export function evidenceLinkOk(url: string): boolean {
  return /^https?:\/\/[^/?#\s]+[^\s]*$/i.test(url.trim());
}

type Props = { result: Result; quarter: number; current: Realisation | undefined; mine: boolean; onSaved: (plan: Plan) => void; onCancel: () => void };

export function RealisationForm({ result, quarter, current, mine, onSaved, onCancel }: Props) {
  const { t } = useTranslation("skp");
  const [realisation, setRealisation] = useState(current?.realisation ?? "");
  const [evidence, setEvidence] = useState(current?.evidence_url ?? "");
  const errors = useFormErrors((f) => (f === "realisation" || f === "evidence_url" ? f : null));
  const put = usePutRealisation(mine);

  function submit(e: FormEvent) {
    e.preventDefault();
    const marks: Record<string, string> = {};
    if (!realisation.trim()) marks.realisation = "required";
    if (evidence.trim() && !evidenceLinkOk(evidence)) marks.evidence_url = "invalid_url";
    if (!errors.mark(marks)) return;
    put.mutate(
      { resultId: result.id, quarter, realisation: realisation.trim(), evidenceUrl: evidence.trim() || null },
      { onSuccess: onSaved, onError: (err) => errors.fail(err) },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t("realisation.title", { quarter: t(`quarter.${quarter}`) })}>
      <p className="muted">{result.description}</p>
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : null}
      <TextAreaField
        label={t("realisation.realisation")}
        name="realisation"
        required
        rows={3}
        maxLength={2000}
        value={realisation}
        onChange={(e) => setRealisation(e.target.value)}
        error={errors.at("realisation")}
        hint={t("realisation.realisationHint", { target: result.target })}
      />
      <TextField
        label={t("realisation.evidence")}
        name="evidence_url"
        type="url"
        inputMode="url"
        maxLength={2000}
        value={evidence}
        onChange={(e) => setEvidence(e.target.value)}
        error={errors.at("evidence_url")}
        hint={t("realisation.evidenceHint")}
      />
      <FormActions busy={put.isPending} onCancel={onCancel} submitLabel={t("realisation.submit")} />
    </form>
  );
}
