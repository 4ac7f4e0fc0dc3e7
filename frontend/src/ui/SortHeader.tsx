// A column header that sorts the list by its key: `name`, then `-name`.
import { useTranslation } from "react-i18next";

type Props = { label: string; sortKey: string; sort: string; onSort: (s: string) => void };

export function SortHeader({ label, sortKey, sort, onSort }: Props) {
  const { t } = useTranslation();
  const active = sort === sortKey || sort === `-${sortKey}`;
  const desc = sort === `-${sortKey}`;
  const ariaSort = active ? (desc ? "descending" : "ascending") : "none";
  return (
    <th scope="col" aria-sort={ariaSort}>
      <button type="button" className="sort-btn" onClick={() => onSort(active && !desc ? `-${sortKey}` : sortKey)}>
        {label}
        <span aria-hidden="true">{active ? (desc ? " ▼" : " ▲") : " ↕"}</span>
        <span className="visually-hidden">{active ? ` (${desc ? t("table.sortDesc") : t("table.sortAsc")})` : ""}</span>
      </button>
    </th>
  );
}
