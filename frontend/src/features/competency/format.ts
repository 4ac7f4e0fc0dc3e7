// Numbers of the needs analysis in the reader's language, and the sentences built from them.
import type { TFunction } from "i18next";
import { formatNumber, locale } from "../../i18n/format";
import type { GapItem, HeatCell, NeedSignal, TrainingNeed } from "./api";

/** A share 0–1 as a percentage: `0.6667` → `66,7%`. */
export function formatShare(share: number, lng: string): string {
  return new Intl.NumberFormat(locale(lng), { style: "percent", maximumFractionDigits: 1 }).format(share);
}

/** A percentage 0–100 (the job–person match): `72.5` → `72,5%`. */
export function formatPercent(percent: number, lng: string): string {
  return new Intl.NumberFormat(locale(lng), { style: "percent", maximumFractionDigits: 2 }).format(percent / 100);
}

/** A gap in levels with its sign, a true minus for shortfalls: `−2`, `0`, `+1`. */
export function formatGap(gap: number): string {
  if (gap > 0) return `+${gap}`;
  if (gap < 0) return `\u2212${-gap}`;
  return "0";
}

/** How one standard compares with what was achieved, for colours and legends. */
export type Standing = "meets" | "below1" | "below2" | "unassessed";

export function standingOf(c: Pick<HeatCell | GapItem, "achieved" | "gap">): Standing {
  if (c.achieved === null || c.achieved === undefined) return "unassessed";
  if (c.gap >= 0) return "meets";
  return c.gap === -1 ? "below1" : "below2";
}

function lowerFirst(s: string, lng: string): string {
  return s.charAt(0).toLocaleLowerCase(locale(lng)) + s.slice(1);
}

/**
 * Why a need ranks where it does, from its contributions: "Kesenjangan: 66,7 poin · Kedalaman:
 * 8,3 poin; tanpa data: survei, kinerja, pengaduan masyarakat".
 */
export function explainNeed(need: Pick<TrainingNeed, "contributions" | "missing">, t: TFunction, lng: string): string {
  const signal = (s: NeedSignal) => t(`enums:needSignal.${s}`);
  const parts = need.contributions.map((c) => t("competency:needs.contribution", { signal: signal(c.signal), points: formatNumber(c.points, lng, 1) }));
  const sentence = parts.join(" · ");
  if (need.missing.length === 0) return sentence;
  const missing = t("competency:needs.missing", { signals: need.missing.map((s) => lowerFirst(signal(s), lng)).join(", ") });
  return sentence ? `${sentence}; ${missing}` : missing;
}

/** Rupiah without decimals: `25000000` → `Rp 25.000.000`. */
export function formatRupiah(amount: number, lng: string): string {
  return new Intl.NumberFormat(locale(lng), { style: "currency", currency: "IDR", currencyDisplay: "symbol", minimumFractionDigits: 0, maximumFractionDigits: 0 }).format(amount);
}
