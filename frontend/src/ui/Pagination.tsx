// Server-side pagination controls: "1–20 of 306", previous/next, page size.
import { useTranslation } from "react-i18next";
import { formatNumber } from "../i18n/format";
import { Button } from "./Button";

export const PAGE_SIZES = [20, 50, 100, 200];

type Props = { page: number; perPage: number; total: number; onPage: (p: number) => void; onPerPage?: (n: number) => void };

export function Pagination({ page, perPage, total, onPage, onPerPage }: Props) {
  const { t, i18n } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / perPage));
  const from = total === 0 ? 0 : (page - 1) * perPage + 1;
  const to = Math.min(total, page * perPage);
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <nav className="pagination" aria-label={t("table.pageOf", { page: n(page), pages: n(pages) })}>
      <span className="muted" aria-live="polite">
        {t("table.showing", { from: n(from), to: n(to), total: n(total) })}
      </span>
      <div className="pagination-controls">
        {onPerPage ? (
          <label className="inline">
            {t("table.perPage")}{" "}
            <select value={perPage} onChange={(e) => onPerPage(Number(e.target.value))}>
              {PAGE_SIZES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <Button onClick={() => onPage(page - 1)} disabled={page <= 1}>
          {t("actions.previous")}
        </Button>
        <span>{t("table.pageOf", { page: n(page), pages: n(pages) })}</span>
        <Button onClick={() => onPage(page + 1)} disabled={page >= pages}>
          {t("actions.next")}
        </Button>
      </div>
    </nav>
  );
}
