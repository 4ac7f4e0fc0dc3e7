// Pieces the JP screens share: the notice for super admins without an agency, the year select,
// the unit select (as on the competency screens), the badge of a credit's source, and the
// feature's own wording of some API field reasons.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiProblem } from "../../api/problem";
import { Badge } from "../../ui/Badge";
import { SelectField, TextField } from "../../ui/Field";
import { useDebounced } from "../../ui/hooks";
import { Notice } from "../../ui/States";
import { UNIT_CHOICES, useUnit, useUnitChoices, type CreditSource } from "./api";
import { yearChoices } from "./format";

/** Said to a super admin on a page that works within one agency, until one is chosen. */
export function ChooseAgency() {
  const { t } = useTranslation("jp");
  return <Notice kind="info">{t("chooseAgency")}</Notice>;
}

/** Choosing the year: the current one and four back. */
export function YearSelect({ year, onChange }: { year: number; onChange: (year: number) => void }) {
  const { t } = useTranslation("jp");
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

/** Choosing an org unit (or the whole agency): a search box narrowing a select of the units in tree order. */
export function UnitSelect({ agencyId, value, onChange }: UnitSelectProps) {
  const { t } = useTranslation("jp");
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
        <option value="">{t("unit.all")}</option>
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

/** Where a credit comes from, in words: Pembina, Pelatihan luar, Kegiatan nonklasikal. */
export function SourceBadge({ source }: { source: CreditSource }) {
  const { t } = useTranslation("jp");
  return <Badge tone={source === "session" ? "active" : undefined}>{t(`source.${source}`)}</Badge>;
}

/**
 * A failed request whose field errors carry this feature's wording (`jp:apiField.<code>`) where it
 * has one, for reasons the shared error texts lack (`too_precise`) or word for another form
 * (`duplicate`). Their codes are renamed so the shared texts do not take over again.
 */
export function useOwnFieldTexts() {
  const { t } = useTranslation("jp");
  return (err: unknown): unknown => {
    if (!(err instanceof ApiProblem)) return err;
    const errors = (err.problem.errors ?? []).map((e) => {
      const own = t(`apiField.${e.code}`, { defaultValue: "" });
      return own ? { ...e, code: `jp_${e.code}`, message: own } : e;
    });
    return new ApiProblem({ ...err.problem, errors });
  };
}
