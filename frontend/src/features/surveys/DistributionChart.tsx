// How the answers of one question are spread: horizontal bars in inline SVG (no chart library),
// described for screen readers, with the same numbers in a table below them.
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import { formatShare } from "./format";

const ROW = 26;
const LABEL = 150;
const BARS = 260;
const RIGHT = 90;

/** The length of the bar of `count` answers out of `total`. */
export const barLength = (count: number, total: number) => (total > 0 ? (Math.max(0, Math.min(count, total)) / total) * BARS : 0);

/** Shortens a long option for the chart's label (the table has it whole). */
function short(label: string): string {
  return label.length > 22 ? `${label.slice(0, 21)}…` : label;
}

type Props = {
  /** What the chart is about, e.g. the question. */
  title: string;
  labels: string[];
  counts: number[];
  /** What shares are of: the responses to the question. */
  total: number;
};

export function DistributionChart({ title, labels, counts, total }: Props) {
  const { t, i18n } = useTranslation("surveys");
  const id = useId();
  const lng = i18n.language;
  const height = labels.length * ROW + 4;
  const width = LABEL + BARS + RIGHT;
  const share = (n: number) => formatShare(total > 0 ? n / total : 0, lng);
  return (
    <figure className="distribution">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} preserveAspectRatio="xMinYMin meet">
        <title id={`${id}-title`}>{t("results.chartTitle", { question: title })}</title>
        <desc id={`${id}-desc`}>{t("results.chartDesc", { total: formatNumber(total, lng) })}</desc>
        {labels.map((label, i) => {
          const y = i * ROW + 2;
          const count = counts[i] ?? 0;
          const length = barLength(count, total);
          return (
            <g key={i} data-label={label}>
              <text x={LABEL - 8} y={y + ROW / 2 + 4} textAnchor="end" className="chart-label">
                {short(label)}
              </text>
              <rect className="bar-track" x={LABEL} y={y + 5} width={BARS} height={ROW - 10} />
              <rect className="bar-count" data-kind="bar" x={LABEL} y={y + 5} width={length} height={ROW - 10} />
              <text x={LABEL + BARS + 6} y={y + ROW / 2 + 4} className="chart-value" data-kind="value">
                {`${formatNumber(count, lng)} (${share(count)})`}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <div className="table-wrap">
          <table className="distribution-table">
            <caption>{t("results.tableCaption", { question: title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("results.answer")}</th>
                <th scope="col">{t("results.count")}</th>
                <th scope="col">{t("results.share")}</th>
              </tr>
            </thead>
            <tbody>
              {labels.map((label, i) => (
                <tr key={i}>
                  <th scope="row">{label}</th>
                  <td className="num">{formatNumber(counts[i] ?? 0, lng)}</td>
                  <td className="num">{share(counts[i] ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </figcaption>
    </figure>
  );
}
