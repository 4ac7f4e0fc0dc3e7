// Dates and numbers in the reader's language: `27 November 2026`, `1.234,5` in Indonesian.
const LOCALES: Record<string, string> = { id: "id-ID", en: "en-GB" };

export function locale(lng: string): string {
  return LOCALES[lng] ?? "id-ID";
}

/** A calendar date (`2026-11-27` or a timestamp) as `27 November 2026`. */
export function formatDate(value: string | null | undefined, lng: string): string {
  if (!value) return "—";
  // Dates without a time are calendar dates: read them as such, not as UTC midnight.
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(locale(lng), { day: "numeric", month: "long", year: "numeric" }).format(d);
}

/** A moment as `27 November 2026 14.05`. */
export function formatDateTime(value: string | null | undefined, lng: string): string {
  if (!value) return "—";
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(locale(lng), { dateStyle: "long", timeStyle: "short" }).format(d);
}

export function formatNumber(value: number, lng: string, fractionDigits?: number): string {
  return new Intl.NumberFormat(locale(lng), {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits ?? 2,
  }).format(value);
}
