// Pieces the survey screens share: form errors, state kept in the URL, the unit select, the
// notice for super admins without an agency, and the status badge.
import { useCallback, useState } from "react";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { ApiProblem, type ProblemField } from "../../api/problem";
import { Badge } from "../../ui/Badge";
import { SelectField, TextField } from "../../ui/Field";
import { useDebounced } from "../../ui/hooks";
import { useProblemText } from "../../ui/problemText";
import { Notice } from "../../ui/States";
import { UNIT_CHOICES, useUnit, useUnitChoices } from "./api";

/**
 * Errors of one form: per field (from the API's problem+json or found before sending) and one
 * general message for whatever no field of the form shows. `place` maps an API field
 * (`questions[1].options[0]`) to the form field showing it, or null.
 */
export function useFormErrors(place: (field: string) => string | null) {
  const text = useProblemText();
  const [byField, setByField] = useState<Record<string, ProblemField>>({});
  const [general, setGeneral] = useState<string | null>(null);

  return {
    /** The translated message for the form field `field`, if it has one. */
    at: (field: string) => text.field(byField[field]),
    general,
    /** Whether any field shows an error. */
    any: Object.keys(byField).length > 0,
    /** Marks errors found before sending (`field` → reason code); true when there are none. */
    mark(errors: Record<string, string>): boolean {
      setByField(Object.fromEntries(Object.entries(errors).map(([field, code]) => [field, { field, code, message: code }])));
      setGeneral(null);
      return Object.keys(errors).length === 0;
    },
    clear(): void {
      setByField({});
      setGeneral(null);
    },
    /** Shows a failed request: field errors at the form's fields, the rest as one message. */
    fail(err: unknown): void {
      const all = err instanceof ApiProblem ? (err.problem.errors ?? []) : [];
      const shown: Record<string, ProblemField> = {};
      const rest: string[] = [];
      for (const e of all) {
        const at = place(e.field);
        if (at !== null) {
          if (!(at in shown)) shown[at] = e;
        } else rest.push(`${e.field}: ${text.field(e) ?? e.message}`);
      }
      setByField(shown);
      const unshown = Object.keys(shown).length === 0 || rest.length > 0;
      setGeneral(unshown ? [text.problem(err), ...rest].join(" ") : null);
    },
  };
}

/**
 * Page state (a filter, a page) kept in the URL, so reloads and links keep it. `defaults` should
 * be a module-level constant; values equal to their default stay out of the URL.
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

/** Said to a super admin on a page that works within one agency, until one is chosen. */
export function ChooseAgency() {
  const { t } = useTranslation("surveys");
  return <Notice kind="info">{t("chooseAgency")}</Notice>;
}

/** Draft, open or closed, in words. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("surveys");
  const tone = status === "open" ? "active" : status === "closed" ? "inactive" : "warning";
  return <Badge tone={tone}>{t(`enums:surveyStatus.${status}`, { defaultValue: status })}</Badge>;
}

type UnitSelectProps = {
  agencyId: string | null;
  value: string | null;
  onChange: (id: string | null) => void;
  /** The text of the empty choice. */
  noneLabel: string;
  label?: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  /** Distinguishes the fields' names when a page has two. */
  name?: string;
  /** Filter bars leave out "(opsional)". */
  optionalMarker?: boolean;
};

/** Choosing an org unit: a search box narrowing a select of the agency's units in tree order. */
export function UnitSelect({ agencyId, value, onChange, noneLabel, label, error, hint, required, name = "org_unit_id", optionalMarker = false }: UnitSelectProps) {
  const { t } = useTranslation("surveys");
  const [q, setQ] = useState("");
  const query = useDebounced(q.trim());
  const choices = useUnitChoices(agencyId, query);
  const items = choices.data?.items ?? [];
  // The chosen unit stays on offer even when the current search does not find it.
  const listed = value === null || items.some((u) => u.id === value);
  const chosen = useUnit(listed ? null : value);
  const total = choices.data?.total ?? 0;
  return (
    <>
      <TextField label={t("unit.search")} name={`${name}-search`} type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" optionalMarker={false} />
      <SelectField
        label={label ?? t("unit.label")}
        name={name}
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value || null)}
        optionalMarker={optionalMarker}
        required={required}
        error={error}
        hint={hint}
        aria-busy={choices.isFetching}
      >
        <option value="">{noneLabel}</option>
        {!listed && value !== null ? <option value={value}>{chosen.data ? `${chosen.data.name} (${chosen.data.code})` : t("common:states.loading")}</option> : null}
        {items.map((u) => (
          <option key={u.id} value={u.id}>
            {`${"\u00a0\u00a0".repeat(u.depth)}${u.name} (${u.code})`}
          </option>
        ))}
      </SelectField>
      {total > UNIT_CHOICES ? <p className="hint">{t("unit.more", { shown: UNIT_CHOICES, total })}</p> : null}
    </>
  );
}

/** The name of a unit, looked up by id. */
export function UnitName({ id }: { id: string | null | undefined }) {
  const { t } = useTranslation("surveys");
  const unit = useUnit(id ?? null);
  if (!id) return <>{t("unit.wholeAgency")}</>;
  return <>{unit.data ? unit.data.name : "…"}</>;
}
