// Numbers of the JP feature in the reader's language: `12,5` JP and `62,5%` in Indonesian.
import { formatNumber, locale } from "../../i18n/format";

/** A JP amount, up to two decimals: `12.5` → `12,5`. */
export function formatJp(value: number, lng: string): string {
  return formatNumber(value, lng);
}

/** A share 0–1 as a percentage: `0.625` → `62,5%`. */
export function formatShare(share: number, lng: string): string {
  return new Intl.NumberFormat(locale(lng), { style: "percent", maximumFractionDigits: 1 }).format(share);
}

/** A number typed by a person, a decimal comma allowed: `12,5` → 12.5; NaN when not a number, null when blank. */
export function typedNumber(v: string): number | null {
  const s = v.trim().replace(",", ".");
  if (!s) return null;
  return /^\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/** Whether a number has at most two decimals (JP are kept in hundredths). */
export function hundredths(n: number): boolean {
  return Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;
}

/** The current calendar year: JP count per calendar year. */
export function currentYear(): number {
  return new Date().getFullYear();
}

/** The years offered: the current one and four back, and the one shown. */
export function yearChoices(shown: number): number[] {
  const base = currentYear();
  return [...new Set([base - 4, base - 3, base - 2, base - 1, base, shown])].sort((a, b) => b - a);
}
