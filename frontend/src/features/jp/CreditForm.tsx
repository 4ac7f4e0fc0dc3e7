// Catat kegiatan: an administrator credits a training outside Pembina or a non-classical
// activity to an employee, its duration in JP or in minutes (45 minutes = 1 JP). The agency's
// conversion applies on the server. Errors show at their fields: the API's `jp` and `minutes`
// at the one duration field shown, a duplicate reference at the reference.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { useFormErrors } from "../../ui/formErrors";
import { Notice } from "../../ui/States";
import { CLASSICAL_KINDS, NON_CLASSICAL_KINDS, useCreateCredit, type ActivityKind, type CreateCredit, type Credit } from "./api";
import { typedNumber } from "./format";
import { useOwnFieldTexts } from "./shared";

type Source = "external" | "activity";
type Unit = "jp" | "minutes";

const FIELDS = ["source", "activity_kind", "title", "occurred_on", "provider", "reference"];

/** Where an API field's error shows: the duration's two fields share the one shown. */
export function placeCreditError(field: string): string | null {
  if (field === "jp" || field === "minutes") return "amount";
  return FIELDS.includes(field) ? field : null;
}

const formOf = (k: ActivityKind) => (CLASSICAL_KINDS.includes(k) ? "classical" : "non_classical");

type Props = { employeeId: string; onSaved: (credit: Credit) => void; onCancel: () => void };

export function CreditForm({ employeeId, onSaved, onCancel }: Props) {
  const { t } = useTranslation("jp");
  const [source, setSource] = useState<Source>("external");
  const [kind, setKind] = useState<ActivityKind | "">("");
  const [title, setTitle] = useState("");
  const [occurredOn, setOccurredOn] = useState("");
  const [provider, setProvider] = useState("");
  const [reference, setReference] = useState("");
  const [unit, setUnit] = useState<Unit>("jp");
  const [amount, setAmount] = useState("");
  const errors = useFormErrors(placeCreditError);
  const own = useOwnFieldTexts();
  const create = useCreateCredit();

  function submit(e: FormEvent) {
    e.preventDefault();
    const marks: Record<string, string> = {};
    if (!kind) marks.activity_kind = "required";
    if (!title.trim()) marks.title = "required";
    if (!occurredOn) marks.occurred_on = "required";
    const n = typedNumber(amount);
    if (n === null) marks.amount = "required";
    else if (Number.isNaN(n)) marks.amount = "invalid_value";
    else if (unit === "jp" ? n <= 0 || n > 1000 : !Number.isInteger(n) || n < 1 || n > 100_000) marks.amount = "out_of_range";
    errors.mark(marks);
    if (Object.keys(marks).length > 0 || !kind || n === null) return;
    const b: CreateCredit = {
      employee_id: employeeId,
      source,
      activity_kind: kind,
      title: title.trim(),
      occurred_on: occurredOn,
      provider: provider.trim() || null,
      reference: reference.trim() || null,
      ...(unit === "jp" ? { jp: n } : { minutes: n }),
    };
    create.mutate(b, { onSuccess: onSaved, onError: (err) => errors.fail(own(err)) });
  }

  const kindOptions = (kinds: readonly ActivityKind[]) =>
    kinds.map((k) => (
      <option key={k} value={k}>
        {t(`enums:activityKind.${k}`)}
      </option>
    ));
  const amountError = errors.at("amount");
  return (
    <form onSubmit={submit} noValidate aria-label={t("form.title")}>
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : null}
      <div className="form-grid">
        <SelectField label={t("form.source")} name="source" required value={source} onChange={(e) => setSource(e.target.value as Source)} error={errors.at("source")}>
          <option value="external">{t("form.sourceExternal")}</option>
          <option value="activity">{t("form.sourceActivity")}</option>
        </SelectField>
        <SelectField
          label={t("form.kind")}
          name="activity_kind"
          required
          value={kind}
          onChange={(e) => setKind(e.target.value as ActivityKind | "")}
          error={errors.at("activity_kind")}
          hint={kind ? t("form.formIs", { form: t(`enums:developmentForm.${formOf(kind)}`) }) : t("form.conversionHint")}
        >
          <option value="">{t("choose")}</option>
          <optgroup label={t("enums:developmentForm.classical")}>{kindOptions(CLASSICAL_KINDS)}</optgroup>
          <optgroup label={t("enums:developmentForm.non_classical")}>{kindOptions(NON_CLASSICAL_KINDS)}</optgroup>
        </SelectField>
      </div>
      <TextField label={t("form.activityTitle")} name="title" required value={title} onChange={(e) => setTitle(e.target.value)} error={errors.at("title")} maxLength={200} hint={t("form.titleHint")} />
      <div className="form-grid">
        <TextField label={t("form.occurredOn")} name="occurred_on" type="date" required value={occurredOn} onChange={(e) => setOccurredOn(e.target.value)} error={errors.at("occurred_on")} hint={t("form.occurredHint")} />
        <TextField label={t("form.provider")} name="provider" value={provider} onChange={(e) => setProvider(e.target.value)} error={errors.at("provider")} maxLength={200} />
        <TextField label={t("form.reference")} name="reference" value={reference} onChange={(e) => setReference(e.target.value)} error={errors.at("reference")} maxLength={100} hint={t("form.referenceHint")} />
      </div>
      <fieldset className="levels-fieldset">
        <legend>{t("form.amountIn")}</legend>
        <label className="inline">
          <input type="radio" name="amount-unit" value="jp" checked={unit === "jp"} onChange={() => setUnit("jp")} /> {t("form.inJp")}
        </label>{" "}
        <label className="inline">
          <input type="radio" name="amount-unit" value="minutes" checked={unit === "minutes"} onChange={() => setUnit("minutes")} /> {t("form.inMinutes")}
        </label>
        <TextField
          label={unit === "jp" ? t("form.jp") : t("form.minutes")}
          name={unit}
          required
          type="number"
          inputMode={unit === "jp" ? "decimal" : "numeric"}
          min={unit === "jp" ? 0.01 : 1}
          max={unit === "jp" ? 1000 : 100_000}
          step={unit === "jp" ? 0.01 : 1}
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={amountError}
          hint={unit === "jp" ? t("form.jpHint") : t("form.minutesHint")}
        />
      </fieldset>
      <FormActions busy={create.isPending} onCancel={onCancel} submitLabel={t("form.submit")} />
    </form>
  );
}
