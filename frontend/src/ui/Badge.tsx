// A small rounded label: a unit kind, a role, a status. Its tone colours a state that matters.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

type Tone = "active" | "inactive" | "warning";

export function Badge({ tone, children }: { tone?: Tone | undefined; children: ReactNode }) {
  return <span className={`badge${tone ? ` badge-${tone}` : ""}`}>{children}</span>;
}

/** "Aktif" or "Nonaktif", for anything that is switched on or off (a position, a unit, an account). */
export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return <Badge tone={active ? "active" : "inactive"}>{active ? t("active") : t("inactive")}</Badge>;
}
