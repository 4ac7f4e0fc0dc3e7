// The satisfaction charts in inline SVG (no chart library), each described for screen readers
// with the same numbers in a table below: the nine elements' NRR as horizontal bars on the 1–4
// scale, and a year's IKM score per month as columns on the 25–100 scale.
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import type { ElementResult, MonthSatisfaction } from "./api";
import { formatScore, monthName } from "./format";
import { GradeBadge } from "./shared";

const ROW = 28;
const LABEL = 60;
const BARS = 300;
const RIGHT = 60;

/** The length of the bar of an NRR 1–4: from 0 at 1 to the full width at 4. */
export const nrrLength = (nrr: number | null | undefined) => (nrr == null ? 0 : (Math.max(0, Math.min(3, nrr - 1)) / 3) * BARS);

export function ElementsChart({ title, elements }: { title: string; elements: ElementResult[] }) {
  const { t, i18n } = useTranslation("ratings");
  const id = useId();
  const lng = i18n.language;
  const width = LABEL + BARS + RIGHT;
  const height = elements.length * ROW + 4;
  const name = (e: ElementResult) => t(`element.${e.code}`, { defaultValue: e.name });
  return (
    <figure className="distribution elements-chart">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} preserveAspectRatio="xMinYMin meet">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{t("elements.chartDesc")}</desc>
        {elements.map((e, i) => {
          const y = i * ROW + 2;
          return (
            <g key={e.code} data-element={e.code}>
              <text x={LABEL - 8} y={y + ROW / 2 + 4} textAnchor="end" className="chart-label">
                <title>{name(e)}</title>
                {e.code}
              </text>
              <rect className="bar-track" x={LABEL} y={y + 5} width={BARS} height={ROW - 10} />
              <rect className="bar-count" data-kind="bar" x={LABEL} y={y + 5} width={nrrLength(e.nrr)} height={ROW - 10} />
              <text x={LABEL + BARS + 6} y={y + ROW / 2 + 4} className="chart-value" data-kind="value">
                {formatScore(e.nrr, lng)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <div className="table-wrap">
          <table>
            <caption>{t("elements.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("elements.code")}</th>
                <th scope="col">{t("elements.name")}</th>
                <th scope="col">{t("elements.nrr")}</th>
                <th scope="col">{t("elements.answered")}</th>
              </tr>
            </thead>
            <tbody>
              {elements.map((e) => (
                <tr key={e.code}>
                  <th scope="row">{e.code}</th>
                  <td>{name(e)}</td>
                  <td className="num">{formatScore(e.nrr, lng)}</td>
                  <td className="num">{formatNumber(e.answered, lng)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </figcaption>
    </figure>
  );
}

const COL = 36;
const PLOT = 160;
const AXIS = 34;
const MIN_SCORE = 25;

/** The height of a month's column: from 0 at a score of 25 to the full plot at 100. */
export const scoreHeight = (score: number | null | undefined) => (score == null ? 0 : (Math.max(0, Math.min(75, score - MIN_SCORE)) / 75) * PLOT);

export function TrendChart({ title, months }: { title: string; months: MonthSatisfaction[] }) {
  const { t, i18n } = useTranslation("ratings");
  const id = useId();
  const lng = i18n.language;
  const width = AXIS + months.length * COL + 4;
  const height = PLOT + 40;
  return (
    <figure className="distribution trend-chart">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} preserveAspectRatio="xMinYMin meet">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{t("trend.chartDesc")}</desc>
        <g className="chart-grid">
          {[25, 50, 75, 100].map((s) => {
            const y = 10 + PLOT - scoreHeight(s);
            return (
              <g key={s}>
                <line x1={AXIS} x2={width} y1={y} y2={y} />
                <text x={AXIS - 4} y={y + 3} textAnchor="end">
                  {s}
                </text>
              </g>
            );
          })}
        </g>
        {months.map((m, i) => {
          const x = AXIS + i * COL + 6;
          const h = scoreHeight(m.score);
          return (
            <g key={m.month} data-month={m.month}>
              <rect className="bar-count" data-kind="bar" x={x} y={10 + PLOT - h} width={COL - 12} height={h} />
              <text x={x + (COL - 12) / 2} y={PLOT + 26} textAnchor="middle" className="chart-label">
                {monthName(m.month, lng)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <div className="table-wrap">
          <table>
            <caption>{t("trend.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("trend.month")}</th>
                <th scope="col">{t("unitPage.score")}</th>
                <th scope="col">{t("agency.grade")}</th>
                <th scope="col">{t("unitPage.respondents")}</th>
              </tr>
            </thead>
            <tbody>
              {months.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{monthName(m.month, lng)}</th>
                  <td className="num">{formatScore(m.score, lng)}</td>
                  <td>
                    <GradeBadge grade={m.grade} />
                  </td>
                  <td className="num">{formatNumber(m.respondents, lng)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </figcaption>
    </figure>
  );
}
