// Pieces the evaluation screens share: the notice for super admins without an agency, the
// badges of a follow-up's status and of a gain's band, a mean drawn as a bar, and the
// explanation of Kirkpatrick's levels.
import { useTranslation } from "react-i18next";
import { Badge } from "../../ui/Badge";
import { Notice } from "../../ui/States";
import type { FollowUpStatus, GainBand } from "./api";
import { formatMean } from "./format";

/** Said to a super admin on a part that works within one agency, until one is chosen. */
export function ChooseAgency() {
  const { t } = useTranslation("evaluation");
  return <Notice kind="info">{t("chooseAgency")}</Notice>;
}

const STATUS_TONE: Record<FollowUpStatus, "active" | "inactive" | "warning" | undefined> = {
  not_due: undefined,
  open: "warning",
  overdue: "inactive",
  answered: "active",
};

/** Belum jatuh tempo, Terbuka, Terlambat or Terjawab. */
export function StatusBadge({ status }: { status: FollowUpStatus }) {
  const { t } = useTranslation("evaluation");
  return <Badge tone={STATUS_TONE[status]}>{t(`status.${status}`)}</Badge>;
}

/** Hake's band of a normalised gain: Tinggi, Sedang or Rendah. */
export function BandBadge({ band }: { band: GainBand | null | undefined }) {
  const { t } = useTranslation("evaluation");
  if (!band) return <>{t("dash")}</>;
  return <Badge tone={band === "high" ? "active" : band === "low" ? "inactive" : "warning"}>{t(`band.${band}`)}</Badge>;
}

/** A mean rating 1–5 as a bar and its value; the bar is drawing only, the value is read. */
export function MeanBar({ value }: { value: number | null | undefined }) {
  const { i18n } = useTranslation();
  const pct = value == null ? 0 : Math.max(0, Math.min(100, (value / 5) * 100));
  return (
    <span className="eval-mean">
      <span className="eval-bar" aria-hidden="true">
        <span style={{ width: `${pct}%` }} />
      </span>
      <span className="eval-mean-value">{formatMean(value, i18n.language)}</span>
    </span>
  );
}

/** What each of the three levels measures, in a disclosure. */
export function LevelsExplained({ open = false }: { open?: boolean }) {
  const { t } = useTranslation("evaluation");
  return (
    <details className="panel eval-levels" open={open}>
      <summary>{t("levels.title")}</summary>
      <dl>
        {(["l1", "l2", "l3"] as const).map((l) => (
          <div key={l}>
            <dt>{t(`levels.${l}`)}</dt>
            <dd>{t(`levels.${l}Hint`)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
