// Numbers and periods of the satisfaction screens: scores and NRRs to two decimals in the
// reader's language (`88,75` in Indonesian), and the periods the API accepts.
import { formatNumber } from "../../i18n/format";
import type { Period } from "./api";

/** A score, IKM or NRR rounded to two decimals for display, or "—" without one: `88.746` → `88,75`. */
export function formatScore(value: number | null | undefined, lng: string): string {
  if (value == null) return "—";
  return formatNumber(value, lng, 2);
}

/** Minutes as the API gives them (a median may be half a minute). */
export function formatMinutes(value: number, lng: string): string {
  return formatNumber(value, lng, Number.isInteger(value) ? 0 : 1);
}

export function currentYear(): number {
  return new Date().getFullYear();
}

/** The years offered: the current one and four back, and the one shown. */
export function yearChoices(shown: number): number[] {
  const base = currentYear();
  return [...new Set([base - 4, base - 3, base - 2, base - 1, base, shown])].sort((a, b) => b - a);
}

/** The parts of a year one may choose: the whole year, semesters, quarters, months, or a range. */
export const PERIOD_PARTS = ["", "S1", "S2", "Q1", "Q2", "Q3", "Q4", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "custom"] as const;
export type PeriodPart = (typeof PERIOD_PARTS)[number];

export function periodPart(v: string): PeriodPart {
  return (PERIOD_PARTS as readonly string[]).includes(v) ? (v as PeriodPart) : "";
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The period asked of the API; null for a range not (yet) valid. */
export function periodOf(year: number, part: PeriodPart, from: string, to: string): Period | null {
  if (part === "custom") return DATE.test(from) && DATE.test(to) && from <= to ? { from, to } : null;
  return { period: part ? `${year}-${part}` : String(year) };
}

/** A month of a trend (`2026-07`) as its short name in the reader's language. */
export function monthName(month: string, lng: string): string {
  const [y, m] = month.split("-").map(Number);
  if (!y || !m) return month;
  return new Intl.DateTimeFormat(lng === "en" ? "en-GB" : "id-ID", { month: "short" }).format(new Date(y, m - 1, 1));
}
