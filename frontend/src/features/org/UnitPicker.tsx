// Choosing one org unit of an agency: a search box (sent as `q`) narrowing a select of units in
// tree order, plus a "none" choice (top level, or no unit).
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "../../ui/Field";
import { useDebounced } from "../../ui/hooks";
import { PICKER_SIZE, useUnit, useUnitOptions, type Unit } from "./api";

type Props = {
  agencyId: string | null;
  label: string;
  /** The text of the empty choice (`null`). */
  noneLabel: string;
  value: string | null;
  onChange: (id: string | null) => void;
  /** A unit that may not be chosen (the one being moved). */
  exclude?: string;
  error?: string | undefined;
  name: string;
};

export function unitLabel(u: Pick<Unit, "name" | "code">): string {
  return `${u.name} (${u.code})`;
}

export function UnitPicker({ agencyId, label, noneLabel, value, onChange, exclude, error, name }: Props) {
  const { t } = useTranslation("org");
  const [q, setQ] = useState("");
  const query = useDebounced(q.trim());
  const options = useUnitOptions(agencyId, query);
  const items = (options.data?.items ?? []).filter((u) => u.id !== exclude);
  // The chosen unit stays on offer even when the current search does not find it.
  const chosenListed = value === null || items.some((u) => u.id === value);
  const chosen = useUnit(chosenListed ? null : value);
  const total = options.data?.total ?? 0;

  return (
    <div>
      <TextField
        label={t("picker.search")}
        name={`${name}-search`}
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        hint={t("picker.hint")}
        disabled={agencyId === null}
        autoComplete="off"
      />
      <SelectField label={label} name={name} value={value ?? ""} onChange={(e) => onChange(e.target.value || null)} error={error} disabled={agencyId === null} aria-busy={options.isFetching}>
        <option value="">{noneLabel}</option>
        {!chosenListed && value !== null ? <option value={value}>{chosen.data ? unitLabel(chosen.data) : t("common:states.loading")}</option> : null}
        {/* Indented by depth, so the tree shows through the flat list. */}
        {items.map((u) => (
          <option key={u.id} value={u.id}>
            {`${"\u00a0\u00a0".repeat(u.depth)}${unitLabel(u)}${u.active ? "" : ` — ${t("common:inactive")}`}`}
          </option>
        ))}
      </SelectField>
      <p className="hint" role="status" aria-live="polite">
        {agencyId === null ? null : options.isFetching ? t("common:states.loading") : total > PICKER_SIZE ? t("picker.more", { shown: PICKER_SIZE, total }) : t("picker.found", { total: items.length })}
      </p>
    </div>
  );
}
