// Pieces the three org pages share: form error handling, an agency select and list state kept
// in the URL.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiProblem, type ProblemField } from "../../api/problem";
import { useSession } from "../../session/SessionProvider";
import { SelectField } from "../../ui/Field";
import { useProblemText } from "../../ui/problemText";
import { useAgencyOptions } from "./api";
export { useUrlState } from "../../ui/formErrors";

/**
 * Errors of one form: per field (from the API's problem+json or from blank required fields)
 * and one general message for whatever cannot be shown at a field.
 */
export function useFormErrors(fields: readonly string[]) {
  const text = useProblemText();
  const [byField, setByField] = useState<Record<string, ProblemField>>({});
  const [general, setGeneral] = useState<string | null>(null);

  return {
    /** The translated message for `field`, if it has one. */
    at: (field: string) => text.field(byField[field]),
    general,
    clear() {
      setByField({});
      setGeneral(null);
    },
    /** Marks blank required values; true when none is blank. */
    requireFilled(values: Record<string, string | null>): boolean {
      const missing: Record<string, ProblemField> = {};
      for (const [field, v] of Object.entries(values)) {
        if (v === null || !v.trim()) missing[field] = { field, code: "required", message: "required" };
      }
      setByField(missing);
      setGeneral(null);
      return Object.keys(missing).length === 0;
    },
    /** Shows a failed request: field errors at the form's fields, the rest as one message. */
    fail(err: unknown) {
      const all = err instanceof ApiProblem ? err.fieldErrors() : {};
      const shown: Record<string, ProblemField> = {};
      const rest: string[] = [];
      for (const [field, e] of Object.entries(all)) {
        if (fields.includes(field)) shown[field] = e;
        else rest.push(`${field}: ${text.field(e) ?? e.message}`);
      }
      setByField(shown);
      const unshown = Object.keys(shown).length === 0 || rest.length > 0;
      setGeneral(unshown ? [text.problem(err), ...rest].join(" ") : null);
    },
  };
}

/** A select of every agency (for super admins, who work across agencies). */
export function AgencySelect({ value, onChange, error, required, optionalMarker }: { value: string | null; onChange: (id: string | null) => void; error?: string | undefined; required?: boolean; optionalMarker?: boolean }) {
  const { t } = useTranslation("org");
  const agencies = useAgencyOptions(true);
  return (
    <SelectField label={t("pickAgency.label")} name="agency_id" value={value ?? ""} onChange={(e) => onChange(e.target.value || null)} error={error} required={required} optionalMarker={optionalMarker} aria-busy={agencies.isPending}>
      <option value="">{t("pickAgency.placeholder")}</option>
      {agencies.data?.items.map((a) => (
        <option key={a.id} value={a.id}>
          {a.name}
        </option>
      ))}
    </SelectField>
  );
}

/** The agency being viewed, or a prompt (with a select) for a super admin who has not chosen one. */
export function AgencyPrompt() {
  const { t } = useTranslation("org");
  const { agencyId, setAgencyId } = useSession();
  return (
    <div className="panel">
      <p>{t("pickAgency.prompt")}</p>
      <div className="filters">
        <AgencySelect value={agencyId} onChange={setAgencyId} optionalMarker={false} />
      </div>
    </div>
  );
}

