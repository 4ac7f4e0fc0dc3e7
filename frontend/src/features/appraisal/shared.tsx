// Pieces the appraisal screens share: the notice for super admins without an agency, the year
// select, the unit select (as on the JP dashboard, but a unit must be chosen) and the badge of a
// predikat.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Badge } from "../../ui/Badge";
import { SelectField, TextField } from "../../ui/Field";
import { useDebounced } from "../../ui/hooks";
import { Notice } from "../../ui/States";
import { UNIT_CHOICES, useUnit, useUnitChoices, type Predikat } from "./api";
import { yearChoices } from "./format";

/** Said to a super admin on a page that works within one agency, until one is chosen. */
export function ChooseAgency() {
  const { t } = useTranslation("appraisal");
  return <Notice kind="info">{t("chooseAgency")}</Notice>;
}

/** Choosing the year: the current one and four back. */
export function YearSelect({ year, onChange }: { year: number; onChange: (year: number) => void }) {
  const { t } = useTranslation("appraisal");
  return (
    <SelectField label={t("year")} name="year" value={String(year)} onChange={(e) => onChange(Number(e.target.value))} optionalMarker={false}>
      {yearChoices(year).map((y) => (
        <option key={y} value={y}>
          {y}
        </option>
      ))}
    </SelectField>
  );
}

type UnitSelectProps = { agencyId: string | null; value: string | null; onChange: (id: string | null) => void };

/** Choosing an org unit: a search box narrowing a select of the agency's units in tree order. */
export function UnitSelect({ agencyId, value, onChange }: UnitSelectProps) {
  const { t } = useTranslation("appraisal");
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
      <SelectField label={t("unit.label")} name="unit" value={value ?? ""} onChange={(e) => onChange(e.target.value || null)} optionalMarker={false} aria-busy={choices.isFetching}>
        <option value="">{t("unit.choose")}</option>
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

const PREDIKAT_TONES: Record<Predikat, "active" | "inactive" | "warning"> = {
  sangat_baik: "active",
  baik: "active",
  butuh_perbaikan: "warning",
  kurang: "inactive",
  sangat_kurang: "inactive",
};

/** Sangat Baik, Baik, Butuh Perbaikan, Kurang/Misconduct, Sangat Kurang: in words, coloured too. */
export function PredikatBadge({ predikat }: { predikat: Predikat }) {
  const { t } = useTranslation("appraisal");
  return <Badge tone={PREDIKAT_TONES[predikat]}>{t(`predikat.${predikat}`)}</Badge>;
}
