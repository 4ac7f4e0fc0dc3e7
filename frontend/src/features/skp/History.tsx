// Riwayat: every change to the plan, oldest first — who made it, when (in the province's time,
// WIB) and what it was, in words: the workflow steps, the results and behaviour expectations
// replaced, realisations, evidence files, feedback and quarterly ratings. The history is read
// when asked for, and again after each change while it is shown.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../ui/Button";
import { Empty, ErrorState, Loading } from "../../ui/States";
import { usePlanHistory, type HistoryEvent, type Plan } from "./api";
import { shortResult } from "./ResultsEditor";
import { formatJakarta } from "./shared";

/** A changed field's value: what it became, else what it was (a deletion). */
function changed(e: HistoryEvent, field: string): unknown {
  const c = (e.changes as Record<string, { before?: unknown; after?: unknown } | undefined>)[field];
  if (!c || typeof c !== "object") return undefined;
  return c.after ?? c.before ?? undefined;
}

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);
const quarterOf = (v: unknown): number | null => (typeof v === "number" && v >= 1 && v <= 4 ? v : null);

/** What a change was about, when the event says: the quarter and result, the file, the predikat, the feedback's start. */
function useEventDetail(plan: Plan) {
  const { t } = useTranslation("skp");
  return (e: HistoryEvent): string | null => {
    const quarter = (q: number | null) => (q ? t(`quarter.${q}`) : null);
    const predikat = text(changed(e, "predikat"));
    switch (e.entity_type) {
      case "skp_realisation": {
        for (const r of plan.results) {
          const found = r.realisations.find((x) => x.id === e.entity_id);
          if (found) return `${t(`quarter.${found.quarter}`)} · ${shortResult(r, 80)}`;
        }
        return quarter(quarterOf(changed(e, "quarter")));
      }
      case "skp_evidence":
        return text(changed(e, "file_name"));
      case "skp_feedback": {
        const f = text(changed(e, "text"));
        return f && f.length > 120 ? `${f.slice(0, 119)}…` : f;
      }
      case "skp_periodic_rating":
        return [quarter(quarterOf(changed(e, "quarter"))), predikat ? t("history.predikat", { predikat: t(`predikat.${predikat}`, { defaultValue: predikat }) }) : null].filter(Boolean).join(" · ") || null;
      case "skp_plan":
        return e.action === "evaluate" && predikat ? t("history.predikat", { predikat: t(`predikat.${predikat}`, { defaultValue: predikat }) }) : null;
      default:
        return null;
    }
  };
}

function Events({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation("skp");
  const history = usePlanHistory(plan.id);
  const detail = useEventDetail(plan);
  if (history.isPending) return <Loading />;
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.length === 0) return <Empty>{t("history.empty")}</Empty>;
  return (
    <ol className="skp-history" aria-label={t("history.title")} aria-busy={history.isFetching}>
      {history.data.map((e, i) => {
        const what = t(`history.event.${e.entity_type}.${e.action}`, { defaultValue: e.action });
        const more = detail(e);
        return (
          <li key={`${e.occurred_at}-${e.entity_id}-${i}`}>
            <p>
              <strong>{what}</strong>
              {more ? <span className="pre-line"> — {more}</span> : null}
            </p>
            <p className="muted small">
              {e.actor_name ?? t("history.system")} · <time dateTime={e.occurred_at}>{formatJakarta(e.occurred_at, i18n.language)}</time>
            </p>
          </li>
        );
      })}
    </ol>
  );
}

export function HistorySection({ plan }: { plan: Plan }) {
  const { t } = useTranslation("skp");
  const [shown, setShown] = useState(false);
  return (
    <section className="panel" aria-labelledby="skp-history">
      <div className="page-header skp-panel-header">
        <h2 id="skp-history">{t("history.title")}</h2>
        <div className="page-actions">
          <Button aria-expanded={shown} aria-controls="skp-history-events" onClick={() => setShown((s) => !s)}>
            {shown ? t("history.hide") : t("history.show")}
          </Button>
        </div>
      </div>
      <div id="skp-history-events">{shown ? <Events plan={plan} /> : <p className="muted">{t("history.intro")}</p>}</div>
    </section>
  );
}
