// The reactions (Kirkpatrick level 1) still awaiting the signed-in participant, shown on
// "Pembelajaran Saya": one line per session with a link to its form. Nothing at all while there
// is none, or while the list cannot be had (it is an invitation, not the page's content).
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import i18n from "../../i18n";
import { Named } from "../../ui/Button";
import { usePendingReactions } from "./api";
import { dateRange } from "./format";
import { registerEvaluationTexts } from "./i18n";
import { paths } from "./paths";

registerEvaluationTexts(i18n);

export function PendingReactions({ enabled = true }: { enabled?: boolean }) {
  const { t, i18n: current } = useTranslation("evaluation");
  const pending = usePendingReactions(enabled);
  const items = pending.data ?? [];
  if (items.length === 0) return null;
  return (
    <section className="panel eval-pending" aria-labelledby="pending-reactions">
      <h2 id="pending-reactions">{t("pending.title")}</h2>
      <p className="hint">{t("pending.hint")}</p>
      <ul>
        {items.map((p) => (
          <li key={p.session_id}>
            <span>
              <strong>{p.programme_title}</strong>
              <span className="muted small">
                {" "}
                · {p.session_name} · {dateRange(p.start_date, p.end_date, current.language, t("programme.openEnded"))}
              </span>
            </span>
            <Link to={paths.reaction(p.session_id)} className="btn btn-primary">
              <Named label={t("pending.give")} name={p.programme_title} />
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
