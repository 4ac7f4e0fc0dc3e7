// Pieces the competency screens share: form errors, state kept in the URL, the unit select of
// the heat map and the need list, the notice for super admins without an agency, and the badge
// of a job–person match.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Badge } from "../../ui/Badge";
import { SelectField, TextField } from "../../ui/Field";
import { useDebounced } from "../../ui/hooks";
import { Notice } from "../../ui/States";
import { UNIT_CHOICES, useUnit, useUnitChoices, type JobPersonMatch } from "./api";
import { formatPercent } from "./format";
export { useFormErrors, useUrlState } from "../../ui/formErrors";


/** Said to a super admin on a page that works within one agency, until one is chosen. */
export function ChooseAgency() {
  const { t } = useTranslation("competency");
  return <Notice kind="info">{t("chooseAgency")}</Notice>;
}

type UnitSelectProps = {
  agencyId: string | null;
  value: string | null;
  onChange: (id: string | null) => void;
  /** The text of the empty choice; without it a unit must be chosen. */
  noneLabel: string;
  /** In a form: the select's error and "(opsional)" after its label. */
  error?: string | undefined;
  optionalMarker?: boolean;
};

/** Choosing an org unit: a search box narrowing a select of the agency's units in tree order. */
export function UnitSelect({ agencyId, value, onChange, noneLabel, error, optionalMarker = false }: UnitSelectProps) {
  const { t } = useTranslation("competency");
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
      <TextField label={t("unit.search")} name="unit-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" optionalMarker={false} />
      <SelectField label={t("unit.label")} name="unit" value={value ?? ""} onChange={(e) => onChange(e.target.value || null)} optionalMarker={optionalMarker} error={error} aria-busy={choices.isFetching}>
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

/** The job–person match: its percentage and its band, in words (not colour alone). */
export function MatchBadge({ match }: { match: JobPersonMatch | null | undefined }) {
  const { t, i18n } = useTranslation("competency");
  if (!match) return <span className="muted">{t("match.none")}</span>;
  return (
    <span className="match">
      <strong>{formatPercent(match.percent, i18n.language)}</strong>{" "}
      <Badge tone={match.category === "meets" ? "active" : match.category === "does_not_meet" ? "inactive" : "warning"}>{t(`enums:matchCategory.${match.category}`)}</Badge>
    </span>
  );
}
