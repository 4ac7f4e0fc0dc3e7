// Pieces the SKP screens share: the year select, the badges of a plan's state and predikat, who
// the caller is to a plan, this feature's wording of some API problems and field reasons, and
// the formats of times, file sizes and credit.
import { useTranslation } from "react-i18next";
import { ApiProblem } from "../../api/problem";
import { formatNumber, locale } from "../../i18n/format";
import { Badge } from "../../ui/Badge";
import { SelectField } from "../../ui/Field";
import type { Plan, PlanState, Predikat } from "./api";

/** SKP run by calendar year. */
export function currentYear(): number {
  return new Date().getFullYear();
}

/** The years offered: next year (plans are drawn up before the year starts), the current one, four back, and the one shown. */
export function yearChoices(shown: number): number[] {
  const base = currentYear();
  return [...new Set([base + 1, base, base - 1, base - 2, base - 3, base - 4, shown])].sort((a, b) => b - a);
}

export function YearSelect({ year, onChange }: { year: number; onChange: (year: number) => void }) {
  const { t } = useTranslation("skp");
  return (
    <SelectField label={t("year")} name="year" value={String(year)} onChange={(e) => onChange(Number(e.target.value))} optionalMarker={false}>
      {yearChoices(year).map((y) => (
        <option key={y} value={y}>
          {y}
        </option>
      ))}
    </SelectField>
  );
}

const STATE_TONES: Partial<Record<PlanState, "active" | "warning">> = { evaluated: "warning", final: "active" };

/** Draf, Disepakati, Berjalan, Dinilai, Final. */
export function StateBadge({ state }: { state: PlanState }) {
  const { t } = useTranslation("skp");
  return <Badge tone={STATE_TONES[state]}>{t(`state.${state}`)}</Badge>;
}

const PREDIKAT_TONES: Partial<Record<Predikat, "active" | "inactive" | "warning">> = {
  sangat_baik: "active",
  baik: "active",
  butuh_perbaikan: "warning",
  kurang: "inactive",
  sangat_kurang: "inactive",
};

export function PredikatBadge({ predikat }: { predikat: Predikat }) {
  const { t } = useTranslation("skp");
  return <Badge tone={PREDIKAT_TONES[predikat]}>{t(`predikat.${predikat}`)}</Badge>;
}

/** Who the caller is to a plan: its owner, its rater (pejabat penilai), or an administrator. */
export type Viewer = "owner" | "rater" | "admin";

export function viewerOf(plan: Pick<Plan, "employee_id" | "rater_employee_id">, employeeId: string | null | undefined): Viewer {
  if (employeeId && employeeId === plan.employee_id) return "owner";
  if (employeeId && employeeId === plan.rater_employee_id) return "rater";
  return "admin";
}

/**
 * A failed request in this feature's words where it has them: field reasons
 * (`skp:apiField.<code>`) — a supported result that is not the rater's reads better here than the
 * shared "unknown reference" — and whole problems (`skp:apiProblem.<code>`): an evidence file too
 * large (with the limit the API names), of a type not accepted or one too many, a quarter rated
 * outside the plan's run. Codes are renamed so the shared texts do not take over again.
 */
export function useOwnTexts() {
  const { t } = useTranslation("skp");
  return (err: unknown): unknown => {
    if (!(err instanceof ApiProblem)) return err;
    const errors = (err.problem.errors ?? []).map((e) => {
      const own = t(`apiField.${e.code}`, { defaultValue: "" });
      return own && e.field.endsWith("supports_result_id") ? { ...e, code: `skp_${e.code}`, message: own } : e;
    });
    const mb = /at most (\d+) MB/.exec(err.problem.detail)?.[1];
    const key = err.code === "too_large" && mb ? "too_large_limit" : err.code;
    const own = t(`apiProblem.${key}`, { defaultValue: "", mb });
    return new ApiProblem({ ...err.problem, ...(own ? { code: `skp_${err.code}`, detail: own } : {}), errors });
  };
}

/** A moment in the province's time (WIB), as `2 April 2026 pukul 10.00 WIB`. */
export function formatJakarta(value: string, lng: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return `${new Intl.DateTimeFormat(locale(lng), { dateStyle: "long", timeStyle: "short", timeZone: "Asia/Jakarta" }).format(d)} WIB`;
}

/** A file's size: `120 KB`, `1,5 MB`. */
export function formatSize(bytes: number, lng: string): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)), lng)} KB`;
  return `${formatNumber(bytes / (1024 * 1024), lng, 1)} MB`;
}

/** A credit amount or coefficient, up to the three decimals the API keeps: `2.083` → `2,083`. */
export function formatCredit(value: number, lng: string): string {
  return new Intl.NumberFormat(locale(lng), { maximumFractionDigits: 3 }).format(value);
}
