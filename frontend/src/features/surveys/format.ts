// Numbers of the survey results in the reader's language.
import { formatNumber, locale } from "../../i18n/format";

/** A share 0–1 as a percentage: `0.6667` → `66,7%`. */
export function formatShare(share: number, lng: string): string {
  return new Intl.NumberFormat(locale(lng), { style: "percent", maximumFractionDigits: 1 }).format(share);
}

/** A Likert mean with two decimals: `3.6667` → `3,67`. */
export function formatMean(mean: number, lng: string): string {
  return formatNumber(mean, lng, 2);
}
