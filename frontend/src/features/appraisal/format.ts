// Numbers of the appraisal screens in the reader's language: `33,3%` and `2,083` in Indonesian.
import { formatNumber, locale } from "../../i18n/format";

/** A percentage 0–100 as the API gives it (one decimal), or "—" when there is none: `33.3` → `33,3%`. */
export function formatPercent(value: number | null | undefined, lng: string): string {
  if (value == null) return "—";
  return `${formatNumber(value, lng, Number.isInteger(value) ? 0 : 1)}%`;
}

/** A credit amount, up to three decimals as the API keeps it: `2.083` → `2,083`. */
export function formatCredit(value: number, lng: string): string {
  return new Intl.NumberFormat(locale(lng), { maximumFractionDigits: 3 }).format(value);
}

/** Ratings run by calendar year. */
export function currentYear(): number {
  return new Date().getFullYear();
}

/** The years offered: the current one and four back, and the one shown. */
export function yearChoices(shown: number): number[] {
  const base = currentYear();
  return [...new Set([base - 4, base - 3, base - 2, base - 1, base, shown])].sort((a, b) => b - a);
}

/** The years the API accepts. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/** A year typed by a person: a whole number the API accepts, else null. */
export function typedYear(v: string): number | null {
  const s = v.trim();
  if (!/^\d{4}$/.test(s)) return null;
  const n = Number(s);
  return n >= FIRST_YEAR && n <= LAST_YEAR ? n : null;
}
