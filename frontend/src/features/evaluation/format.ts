// Numbers and dates of the evaluation screens in the reader's language: means `4,5`, scores
// `62,5%`, gains `+40` points and `0,80`, shares `50%` in Indonesian.
import { formatDate, formatNumber, locale } from "../../i18n/format";

const DASH = "—";

/** A mean rating 1–5, to one decimal: `4.5` → `4,5`. */
export function formatMean(v: number | null | undefined, lng: string): string {
  return v == null ? DASH : formatNumber(v, lng, 1);
}

/** A score in %, whole or to one decimal: `62.5` → `62,5%`. */
export function formatScore(v: number | null | undefined, lng: string): string {
  if (v == null) return DASH;
  const r = Math.round(v * 10) / 10;
  return `${formatNumber(r, lng, Number.isInteger(r) ? 0 : 1)}%`;
}

/** A gain in percentage points, signed: `40` → `+40`, `-12.5` → `−12,5`. */
export function formatPoints(v: number | null | undefined, lng: string): string {
  if (v == null) return DASH;
  const r = Math.round(v * 10) / 10;
  const n = formatNumber(Math.abs(r), lng, Number.isInteger(r) ? 0 : 1);
  return r > 0 ? `+${n}` : r < 0 ? `−${n}` : n;
}

/** Hake's normalised gain, to two decimals: `0.8` → `0,80`. */
export function formatGain(v: number | null | undefined, lng: string): string {
  return v == null ? DASH : formatNumber(v, lng, 2);
}

/** A share 0–1 as a percentage, to one decimal at most: `0.625` → `62,5%`. */
export function formatShare(v: number | null | undefined, lng: string): string {
  if (v == null) return DASH;
  return new Intl.NumberFormat(locale(lng), { style: "percent", maximumFractionDigits: 1 }).format(v);
}

/** A session's dates: one day, a range, from a day on, or `openEnded` without any. */
export function dateRange(start: string | null | undefined, end: string | null | undefined, lng: string, openEnded: string): string {
  if (!start && !end) return openEnded;
  if (!end || start === end) return formatDate(start ?? end, lng);
  if (!start) return formatDate(end, lng);
  return `${formatDate(start, lng)} – ${formatDate(end, lng)}`;
}
