// Pieces the three org pages share: form error handling, a checkbox field, an agency select,
// list state kept in the URL, and the status badge.
import { useCallback, useEffect, useId, useRef, useState, type InputHTMLAttributes } from "react";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { ApiProblem, type ProblemField } from "../../api/problem";
import { useSession } from "../../session/SessionProvider";
import { Button } from "../../ui/Button";
import { SelectField } from "../../ui/Field";
import { useDebounced } from "../../ui/hooks";
import { useProblemText } from "../../ui/problemText";
import { useAgencyOptions } from "./api";

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

type CheckboxProps = { label: string; hint?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, "type">;

export function CheckboxField({ label, hint, name, ...rest }: CheckboxProps) {
  const id = `${useId()}-${name ?? "c"}`;
  return (
    <div className="field">
      <label className="inline" htmlFor={id}>
        <input id={id} type="checkbox" name={name} aria-describedby={hint ? `${id}-hint` : undefined} {...rest} />
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A select of every agency (for super admins, who work across agencies). */
export function AgencySelect({ value, onChange, error, required }: { value: string | null; onChange: (id: string | null) => void; error?: string | undefined; required?: boolean }) {
  const { t } = useTranslation("org");
  const agencies = useAgencyOptions(true);
  return (
    <SelectField label={t("pickAgency.label")} name="agency_id" value={value ?? ""} onChange={(e) => onChange(e.target.value || null)} error={error} required={required} aria-busy={agencies.isPending}>
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
        <AgencySelect value={agencyId} onChange={setAgencyId} />
      </div>
    </div>
  );
}

/**
 * List state (page, search, filters, sort) kept in the URL, so reloads and links keep it.
 * `defaults` should be a module-level constant; values equal to their default stay out of the URL.
 */
export function useUrlState<K extends string>(defaults: Record<K, string>) {
  const [params, setParams] = useSearchParams();
  const get = (k: K): string => params.get(k) ?? defaults[k];
  const set = useCallback(
    (patch: Partial<Record<K, string>>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const k of Object.keys(patch) as K[]) {
            const v = patch[k];
            if (v === undefined || v === defaults[k]) next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams, defaults],
  );
  return [get, set] as const;
}

/**
 * A search box bound to the URL's `q`: what is typed reaches the URL (`commit`) once typing
 * pauses, and a `q` changed from outside (a link, the back button) replaces what is typed.
 */
export function useSearchBox(urlQ: string, commit: (q: string) => void) {
  const [text, setText] = useState(urlQ);
  const q = useDebounced(text.trim());
  // The last `q` this box and the URL agreed on.
  const agreed = useRef(urlQ);
  useEffect(() => {
    if (q === agreed.current) return;
    agreed.current = q;
    commit(q);
  }, [q, commit]);
  useEffect(() => {
    if (urlQ === agreed.current) return;
    agreed.current = urlQ;
    setText(urlQ);
  }, [urlQ]);
  return [text, setText] as const;
}

/** A positive whole number from the URL, or `fallback`. */
export function positiveInt(v: string, fallback: number): number {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function StatusBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return <span className={`badge ${active ? "badge-active" : "badge-inactive"}`}>{active ? t("active") : t("inactive")}</span>;
}

/** A button text naming its object for screen readers: "Ubah" is read "Ubah Dinas Kesehatan". */
export function Named({ label, name }: { label: string; name: string }) {
  return (
    <>
      {label} <span className="visually-hidden">{name}</span>
    </>
  );
}

/** Save and cancel, at the foot of every form. */
export function FormActions({ busy, onCancel, submitLabel }: { busy: boolean; onCancel: () => void; submitLabel?: string }) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? t("actions.saving") : (submitLabel ?? t("actions.save"))}
      </Button>
      <Button onClick={onCancel}>{t("actions.cancel")}</Button>
    </div>
  );
}
