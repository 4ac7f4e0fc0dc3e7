// National or technical, and retired: the badges of a competency.
import { useTranslation } from "react-i18next";
import { Badge } from "../../ui/Badge";
import type { Competency } from "./api";

export function CompetencyBadges({ competency: c }: { competency: Pick<Competency, "national" | "retired"> }) {
  const { t } = useTranslation("competency");
  return (
    <span className="badges">
      <Badge tone={c.national ? "active" : undefined}>{c.national ? t("badge.national") : t("badge.technical")}</Badge>
      {c.retired ? <Badge tone="inactive">{t("badge.retired")}</Badge> : null}
    </span>
  );
}
