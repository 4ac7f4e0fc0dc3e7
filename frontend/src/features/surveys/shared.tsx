// Pieces the survey screens share: form errors, state kept in the URL, the unit select, the
// notice for super admins without an agency, and the status badge.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Badge } from "../../ui/Badge";
import { SelectField, TextField } from "../../ui/Field";
import { useDebounced } from "../../ui/hooks";
import { Notice } from "../../ui/States";
import { UNIT_CHOICES, useUnit, useUnitChoices } from "./api";
export { useFormErrors, useUrlState } from "../../ui/formErrors";


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
