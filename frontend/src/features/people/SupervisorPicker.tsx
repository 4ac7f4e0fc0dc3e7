// Choosing a supervisor: type part of a name or NIP, then pick from the matching employees of
// the same agency (a combobox: arrow keys move, Enter picks, Escape closes).
import { useId, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import { useDebounced } from "../../ui/hooks";
import { useEmployee, useEmployees } from "./api";
import type { Employee } from "./values";

/** Searches start at this many characters. */
const MIN_CHARS = 2;

type Props = {
  /** The agency to search in; null while none is chosen. */
  agencyId: string | null;
  /** The chosen supervisor's id, or "". */
  value: string;
  onChange: (id: string) => void;
  /** The employee being edited, who cannot supervise themselves. */
  excludeId?: string;
  error?: string;
};

export function SupervisorPicker({ agencyId, value, onChange, excludeId, error }: Props) {
  const { t } = useTranslation("people");
  const listId = useId();
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [picked, setPicked] = useState<Employee | null>(null);

  // The chosen supervisor's name: from the pick, or looked up when the form starts with one.
  const known = useEmployee(value && picked?.id !== value ? value : undefined);
  const chosen = !value ? undefined : picked?.id === value ? picked : known.data;

  const q = useDebounced(query.trim(), 250);
  const searching = open && agencyId !== null && q.length >= MIN_CHARS;
  const results = useEmployees({ q, per_page: 10, sort: "name", ...(agencyId ? { agency_id: agencyId } : {}) }, searching);
  const options = searching ? (results.data?.items ?? []).filter((e) => e.id !== excludeId) : [];
  const current = options[Math.max(0, Math.min(active, options.length - 1))];

  function pick(e: Employee) {
    setPicked(e);
    onChange(e.id);
    setQuery("");
    setOpen(false);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setOpen(true);
      setActive((i) => Math.max(0, Math.min(i + 1, options.length - 1)));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === "Enter" && open && current) {
      // Picking, not submitting the form.
      e.preventDefault();
      pick(current);
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      setOpen(false);
    }
  }

  let status: string | null = null;
  if (searching) {
    if (results.isPending) status = t("supervisor.searching");
    else if (results.isError) status = t("common:states.error");
    else status = options.length === 0 ? t("supervisor.noResults") : t("supervisor.found", { count: options.length });
  }

  const hint =
    agencyId === null
      ? t("form.chooseAgencyFirst")
      : chosen
        ? t("supervisor.selected", { name: chosen.full_name, nip: chosen.nip })
        : t("supervisor.none");

  return (
    <div>
      <input type="hidden" name="supervisor_id" value={value} />
      <TextField
        label={t("fields.supervisor_id")}
        type="search"
        role="combobox"
        autoComplete="off"
        placeholder={t("supervisor.search")}
        aria-autocomplete="list"
        aria-expanded={options.length > 0}
        aria-controls={listId}
        aria-activedescendant={current ? `${listId}-${current.id}` : undefined}
        disabled={agencyId === null}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        hint={hint}
        error={error}
      />
      <p role="status" className="hint combobox-status">
        {status}
      </p>
      <ul
        id={listId}
        role="listbox"
        aria-label={t("supervisor.results")}
        className="combobox-list"
        hidden={options.length === 0}
      >
        {options.map((e) => (
          <li
            key={e.id}
            id={`${listId}-${e.id}`}
            role="option"
            aria-selected={e.id === current?.id}
            // Keep the focus in the input while the mouse picks.
            onMouseDown={(ev) => ev.preventDefault()}
            onClick={() => pick(e)}
          >
            {e.full_name} <span className="muted">· {e.nip}</span>
          </li>
        ))}
      </ul>
      {value ? (
        <Button
          variant="ghost"
          onClick={() => {
            setPicked(null);
            onChange("");
          }}
        >
          {t("supervisor.clear")}
        </Button>
      ) : null}
    </div>
  );
}
