// Pieces the satisfaction screens share: the notice for super admins without an agency, the
// service unit select, the period filters (a year and a part of it, or a date range) and the
// grade shown as letter and words.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Badge } from "../../ui/Badge";
import { SelectField, TextField } from "../../ui/Field";
import { useDebounced } from "../../ui/hooks";
import { Notice } from "../../ui/States";
import { UNIT_CHOICES, useOrgUnit, useUnitChoices, type Grade } from "./api";
import { PERIOD_PARTS, currentYear, periodOf, periodPart, yearChoices, type PeriodPart } from "./format";
import type { Period } from "./api";

/** Said to a super admin on a page that works within one agency, until one is chosen. */
export function ChooseAgency() {
  const { t } = useTranslation("ratings");
  return <Notice kind="info">{t("chooseAgency")}</Notice>;
}

type UnitSelectProps = { agencyId: string | null; value: string | null; onChange: (id: string | null) => void };

/** Choosing a service unit: a search box narrowing a select of the agency's service units. */
export function UnitSelect({ agencyId, value, onChange }: UnitSelectProps) {
  const { t } = useTranslation("ratings");
  const [q, setQ] = useState("");
  const query = useDebounced(q.trim());
  const choices = useUnitChoices(agencyId, query);
  const items = choices.data?.items ?? [];
  // The chosen unit stays on offer even when the current search does not find it.
  const listed = value === null || items.some((u) => u.id === value);
  const chosen = useOrgUnit(listed ? null : value);
  const total = choices.data?.total ?? 0;
  return (
    <>
      <TextField label={t("unit.search")} name="unit-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" optionalMarker={false} />
      <SelectField label={t("unit.label")} name="unit" value={value ?? ""} onChange={(e) => onChange(e.target.value || null)} optionalMarker={false} aria-busy={choices.isFetching}>
        <option value="">{t("unit.choose")}</option>
        {!listed && value !== null ? <option value={value}>{chosen.data ? `${chosen.data.name} (${chosen.data.code})` : t("common:states.loading")}</option> : null}
        {items.map((u) => (
          <option key={u.id} value={u.id}>
            {`${u.name} (${u.code})`}
          </option>
        ))}
      </SelectField>
      {total > UNIT_CHOICES ? <p className="hint">{t("unit.more", { shown: UNIT_CHOICES, total })}</p> : null}
    </>
  );
}

/** The period filters as kept in the URL: `year`, `period` (a part of the year), `from`, `to`. */
export const PERIOD_DEFAULTS = { year: "", period: "", from: "", to: "" };
export type PeriodUrl = Record<keyof typeof PERIOD_DEFAULTS, string>;

/** The year, the part of it and the range read from the URL, and the period they ask for. */
export function readPeriod(get: (k: keyof PeriodUrl) => string) {
  const y = Number(get("year"));
  const year = Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : currentYear();
  const part = periodPart(get("period"));
  const from = get("from");
  const to = get("to");
  return { year, part, from, to, period: periodOf(year, part, from, to) as Period | null };
}

type PeriodFiltersProps = {
  year: number;
  part: PeriodPart;
  from: string;
  to: string;
  onChange: (v: Partial<PeriodUrl>) => void;
};

/** Choosing the period: a year and the whole of it, a semester, a quarter or a month; or any range of dates. */
export function PeriodFilters({ year, part, from, to, onChange }: PeriodFiltersProps) {
  const { t, i18n } = useTranslation("ratings");
  const monthLabel = (m: string) => new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "id-ID", { month: "long" }).format(new Date(year, Number(m) - 1, 1));
  const label = (p: PeriodPart) => (p === "" ? t("period.year") : /^\d\d$/.test(p) ? monthLabel(p) : t(`period.${p}`));
  const invalid = part === "custom" && periodOf(year, part, from, to) === null;
  return (
    <>
      {part === "custom" ? null : (
        <SelectField label={t("year")} name="year" value={String(year)} onChange={(e) => onChange({ year: Number(e.target.value) === currentYear() ? "" : e.target.value })} optionalMarker={false}>
          {yearChoices(year).map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </SelectField>
      )}
      <SelectField label={t("period.label")} name="period" value={part} onChange={(e) => onChange({ period: e.target.value })} optionalMarker={false}>
        {PERIOD_PARTS.map((p) => (
          <option key={p} value={p}>
            {label(p)}
          </option>
        ))}
      </SelectField>
      {part === "custom" ? (
        <>
          <TextField label={t("period.from")} name="from" type="date" value={from} onChange={(e) => onChange({ from: e.target.value })} optionalMarker={false} />
          <TextField
            label={t("period.to")}
            name="to"
            type="date"
            value={to}
            onChange={(e) => onChange({ to: e.target.value })}
            optionalMarker={false}
            error={invalid && from && to ? t("period.invalid") : undefined}
          />
        </>
      ) : null}
    </>
  );
}

const GRADE_TONES: Record<Grade, "active" | "warning" | "inactive"> = { A: "active", B: "active", C: "warning", D: "inactive" };

/** A grade as its letter and words (`A Sangat Baik`), coloured; "—" without one. */
export function GradeBadge({ grade }: { grade: Grade | null | undefined }) {
  const { t } = useTranslation("ratings");
  if (!grade) return <span className="muted">—</span>;
  return (
    <Badge tone={GRADE_TONES[grade]}>
      <span data-grade={grade}>{`${grade} ${t(`grade.${grade}`)}`}</span>
    </Badge>
  );
}
