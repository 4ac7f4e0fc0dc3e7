/** A positive whole number read from the URL (a page, a page size), or undefined. */
export function positiveInt(v: string | null): number | undefined {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
