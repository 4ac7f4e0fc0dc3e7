// Required vs current level per competency as horizontal bars in inline SVG (no chart library),
// described for screen readers, with the same numbers in a table beside it.
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { GapItem } from "./api";
import { formatGap, standingOf } from "./format";

const ROW = 40;
const LABEL = 64;
const BARS = 320;
const RIGHT = 64;
const TOP = 22;
const MAX_LEVEL = 5;

/** The length of a bar for a level 0–5. */
export const barWidth = (level: number) => (Math.max(0, Math.min(MAX_LEVEL, level)) / MAX_LEVEL) * BARS;

export function GapChart({ items }: { items: GapItem[] }) {
  const { t } = useTranslation("competency");
  const id = useId();
  const width = LABEL + BARS + RIGHT;
  const height = TOP + items.length * ROW + 6;
  const meets = items.filter((i) => i.meets).length;
  return (
    <figure className="gap-chart">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} preserveAspectRatio="xMinYMin meet">
        <title id={`${id}-title`}>{t("profile.chartTitle")}</title>
        <desc id={`${id}-desc`}>{t("profile.chartDesc", { count: items.length, meets })}</desc>
        {[0, 1, 2, 3, 4, 5].map((l) => (
          <g key={l} className="chart-grid">
            <line x1={LABEL + barWidth(l)} x2={LABEL + barWidth(l)} y1={TOP - 4} y2={height - 4} />
            <text x={LABEL + barWidth(l)} y={TOP - 8} textAnchor="middle">
              {l}
            </text>
          </g>
        ))}
        {items.map((item, i) => {
          const y = TOP + i * ROW;
          const achieved = item.achieved ?? 0;
          const end = Math.max(barWidth(item.required), barWidth(achieved));
          return (
            <g key={item.competency.id} data-code={item.competency.code}>
              <text x={LABEL - 8} y={y + ROW / 2 + 4} textAnchor="end" className="chart-label">
                {item.competency.code}
              </text>
              <rect className="bar-required" data-kind="required" x={LABEL} y={y + 6} width={barWidth(item.required)} height={12} />
              <rect className={`bar-achieved bar-${standingOf(item)}`} data-kind="achieved" x={LABEL} y={y + 20} width={barWidth(achieved)} height={12} />
              <text x={LABEL + end + 6} y={y + ROW / 2 + 4} className="chart-value" data-kind="value">
                {`${item.achieved ?? "–"}/${item.required}`}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        <span className="legend-item">
          <span className="swatch swatch-required" aria-hidden="true" /> {t("profile.required")}
        </span>
        {(["meets", "below1", "below2"] as const).map((s) => (
          <span key={s} className="legend-item">
            <span className={`swatch bar-${s}`} aria-hidden="true" /> {t(`standing.${s}`)}
          </span>
        ))}
        <span className="legend-item">{t("profile.valueLegend")}</span>
      </figcaption>
    </figure>
  );
}

/** The chart's numbers as a table: the equivalent for anyone who cannot see the bars. */
export function GapTable({ items }: { items: GapItem[] }) {
  const { t } = useTranslation("competency");
  return (
    <div className="table-wrap">
      <table>
        <caption>{t("profile.tableCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("fields.competency")}</th>
            <th scope="col">{t("profile.required")}</th>
            <th scope="col">{t("profile.achieved")}</th>
            <th scope="col">{t("profile.gap")}</th>
            <th scope="col">{t("profile.status")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const standing = standingOf(item);
            return (
              <tr key={item.competency.id}>
                <th scope="row">
                  {item.competency.code} · {item.competency.name}
                </th>
                <td>{item.required}</td>
                <td>{item.achieved ?? "—"}</td>
                <td>{item.achieved === null || item.achieved === undefined ? "—" : formatGap(item.gap)}</td>
                <td>
                  <span className={`standing standing-${standing}`}>{t(`standing.${standing}`)}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
