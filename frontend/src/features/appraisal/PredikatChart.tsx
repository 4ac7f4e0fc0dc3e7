// How a unit's predikat are spread: one horizontal bar per predikat in inline SVG (no chart
// library), each with its count and share, described for screen readers, with the same numbers
// in a table below.
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import { PREDIKATS, type PredikatCounts, type PredikatShares } from "./api";
import { formatPercent } from "./format";

const ROW = 30;
const LABEL = 150;
const BARS = 280;
const RIGHT = 100;

/** The length of the bar of a share 0–100 (the API's percent). */
export const barLength = (share: number | null | undefined) => (Math.max(0, Math.min(100, share ?? 0)) / 100) * BARS;

type Props = {
  /** What the chart shows, e.g. the unit and the year. */
  title: string;
  counts: PredikatCounts;
  shares: PredikatShares;
  total: number;
};

export function PredikatChart({ title, counts, shares, total }: Props) {
  const { t, i18n } = useTranslation("appraisal");
  const id = useId();
  const lng = i18n.language;
  const height = PREDIKATS.length * ROW + 4;
  const width = LABEL + BARS + RIGHT;
  return (
    <figure className="distribution predikat-chart">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} preserveAspectRatio="xMinYMin meet">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{t("distribution.chartDesc", { total: formatNumber(total, lng) })}</desc>
        {PREDIKATS.map((p, i) => {
          const y = i * ROW + 2;
          return (
            <g key={p} data-predikat={p}>
              <text x={LABEL - 8} y={y + ROW / 2 + 4} textAnchor="end" className="chart-label">
                {t(`predikat.${p}`)}
              </text>
              <rect className="bar-track" x={LABEL} y={y + 6} width={BARS} height={ROW - 12} />
              <rect className={`bar-predikat bar-${p}`} data-kind="bar" x={LABEL} y={y + 6} width={barLength(shares[p])} height={ROW - 12} />
              <text x={LABEL + BARS + 6} y={y + ROW / 2 + 4} className="chart-value" data-kind="value">
                {`${formatNumber(counts[p], lng)} (${formatPercent(shares[p], lng)})`}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <div className="table-wrap">
          <table className="distribution-table">
            <caption>{t("distribution.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("distribution.predikat")}</th>
                <th scope="col">{t("distribution.count")}</th>
                <th scope="col">{t("distribution.share")}</th>
              </tr>
            </thead>
            <tbody>
              {PREDIKATS.map((p) => (
                <tr key={p}>
                  <th scope="row">{t(`predikat.${p}`)}</th>
                  <td className="num">{formatNumber(counts[p], lng)}</td>
                  <td className="num">{formatPercent(shares[p], lng)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </figcaption>
    </figure>
  );
}
