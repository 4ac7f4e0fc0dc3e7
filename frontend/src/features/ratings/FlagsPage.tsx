// Penilaian Ditandai: ratings set aside by the integrity checks (a filled honeypot, a burst from
// one address, a surge at a unit), by review state. Each shows its unit, time, the reason in
// words, its answers and comment; administrators accept it (counted from then on) or reject it
// (kept, never counted). A decision can be changed later from the other tabs.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../i18n/format";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { useUrlState } from "../../ui/formErrors";
import { PageHeader } from "../../ui/PageHeader";
import { Pagination } from "../../ui/Pagination";
import { Empty, ErrorState, Loading, Notice } from "../../ui/States";
import { useProblemText } from "../../ui/problemText";
import { positiveInt } from "../../ui/urlParams";
import { ELEMENTS, FLAGS_PER_PAGE, REVIEW_STATES, useFlaggedRatings, useReviewRating, type Decision, type FlaggedRating, type ReviewState } from "./api";

const URL_DEFAULTS = { status: "pending", page: "" };

/** The answers in element order, `U1 4 · U2 3 · …`; elements not answered are left out. */
export function answersSummary(answers: FlaggedRating["answers"]): string {
  return ELEMENTS.filter((c) => answers[c] != null)
    .map((c) => `${c} ${answers[c]}`)
    .join(" · ");
}

function FlagCard({ r, onDecided }: { r: FlaggedRating; onDecided: (decision: Decision) => void }) {
  const { t, i18n } = useTranslation("ratings");
  const lng = i18n.language;
  const text = useProblemText();
  const review = useReviewRating();
  const summary = answersSummary(r.answers);
  const decide = (decision: Decision) => review.mutate({ id: r.id, decision }, { onSuccess: () => onDecided(decision) });
  return (
    <li className="card" data-testid="flagged-rating" aria-labelledby={`flag-${r.id}`}>
      <h3 id={`flag-${r.id}`}>
        {r.unit_name} <span className="muted small">({r.unit_code})</span>
      </h3>
      <p className="muted small">{t("flags.submitted", { at: formatDateTime(r.submitted_at, lng) })}</p>
      <p>
        <span className="card-label">{t("flags.reason")}: </span>
        <Badge tone="warning">{t(`reason.${r.flag_reason}`)}</Badge>
      </p>
      <dl className="flag-details">
        <dt>{t("flags.service")}</dt>
        <dd>{r.service_type}</dd>
        <dt>{t("flags.answers")}</dt>
        <dd data-testid="answers">{summary || t("flags.noAnswers")}</dd>
        {r.comment ? (
          <>
            <dt>{t("flags.comment")}</dt>
            <dd>{r.comment}</dd>
          </>
        ) : null}
      </dl>
      {r.waiting_minutes != null ? <p className="muted small">{t("flags.waiting", { n: r.waiting_minutes })}</p> : null}
      {r.ticket ? <p className="muted small">{t("flags.ticket", { ticket: r.ticket })}</p> : null}
      {r.reviewed_at ? <p className="muted small">{t("flags.reviewed", { at: formatDateTime(r.reviewed_at, lng) })}</p> : null}
      {review.isError ? <Notice kind="error">{text.problem(review.error)}</Notice> : null}
      <div className="form-actions">
        {r.review_state !== "accepted" ? (
          <Button variant="primary" disabled={review.isPending} onClick={() => decide("accept")}>
            {t("flags.accept")}
          </Button>
        ) : null}
        {r.review_state !== "rejected" ? (
          <Button variant="danger" disabled={review.isPending} onClick={() => decide("reject")}>
            {t("flags.reject")}
          </Button>
        ) : null}
      </div>
    </li>
  );
}

function statusOf(v: string): ReviewState {
  return (REVIEW_STATES as readonly string[]).includes(v) ? (v as ReviewState) : "pending";
}

export function FlagsPage() {
  const { t } = useTranslation("ratings");
  const [get, set] = useUrlState(URL_DEFAULTS);
  const status = statusOf(get("status"));
  const pageNo = positiveInt(get("page")) ?? 1;
  const flags = useFlaggedRatings(status, pageNo);
  const [decided, setDecided] = useState<Decision | null>(null);
  return (
    <>
      <PageHeader title={t("flags.title")} subtitle={t("flags.subtitle")} />
      <div className="filters" role="group" aria-label={t("flags.statusNav")}>
        {REVIEW_STATES.map((s) => (
          <Button
            key={s}
            variant={s === status ? "primary" : "ghost"}
            aria-pressed={s === status}
            onClick={() => {
              setDecided(null);
              set({ status: s, page: "" });
            }}
          >
            {t(`state.${s}`)}
          </Button>
        ))}
      </div>
      <div aria-live="polite">{decided ? <Notice kind="success">{decided === "accept" ? t("flags.accepted") : t("flags.rejected")}</Notice> : null}</div>
      {flags.isPending ? (
        <Loading />
      ) : flags.isError ? (
        <ErrorState error={flags.error} onRetry={() => void flags.refetch()} />
      ) : flags.data.items.length === 0 ? (
        <Empty>{t("flags.empty")}</Empty>
      ) : (
        <div aria-busy={flags.isFetching}>
          <ul className="cards-list">
            {flags.data.items.map((r) => (
              <FlagCard key={r.id} r={r} onDecided={setDecided} />
            ))}
          </ul>
          <Pagination page={pageNo} perPage={FLAGS_PER_PAGE} total={flags.data.total} onPage={(p) => set({ page: p === 1 ? "" : String(p) })} />
        </div>
      )}
    </>
  );
}
