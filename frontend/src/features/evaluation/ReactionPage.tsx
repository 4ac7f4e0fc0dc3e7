// Penilaian Pelatihan (Kirkpatrick level 1): a participant rates a session they took part in —
// its organisation, trainers and materials, each 1 to 5 — and may add a comment, once. Made for a
// phone: one column, large touch targets. The API says when it is too early (the reaction opens
// on the session's last day, or once a self-paced enrolment is completed) or already given; both
// are explained here.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { ApiProblem } from "../../api/problem";
import { formatDate } from "../../i18n/format";
import { useSession } from "../../session/SessionProvider";
import { Button } from "../../ui/Button";
import { FieldMessages, TextAreaField } from "../../ui/Field";
import { useFormErrors } from "../../ui/formErrors";
import { PageHeader } from "../../ui/PageHeader";
import { ErrorState, Loading, Notice } from "../../ui/States";
import { ASPECTS, MAX_TEXT, RATINGS, useMyEnrolments, usePendingReactions, useSubmitReaction, type Aspect } from "./api";
import { dateRange } from "./format";
import { paths } from "./paths";

/** What the page says about the session: from the pending list, else from the caller's enrolments. */
type Info = { programmeTitle: string; sessionName: string; start: string | null; end: string | null };
/** The session, and whether it was in the pending list. */
type Found = { info: Info; pending: boolean };

type Ratings = Record<Aspect, number | null>;
const NO_RATINGS: Ratings = { organisation: null, trainers: null, materials: null };

/** Where an API field error shows: at its aspect or the comment. */
const placeError = (field: string): string | null => ((ASPECTS as readonly string[]).includes(field) || field === "comment" ? field : null);

/** The end date a `session_not_over` problem names (`… runs until 2026-03-04 …`), if any. */
export function notOverDate(detail: string): string | null {
  return /(\d{4}-\d{2}-\d{2})/.exec(detail)?.[1] ?? null;
}

type RatingProps = { aspect: Aspect; value: number | null; error: string | undefined; onChange: (v: number) => void };

/** One aspect rated 1–5: a labelled radio group, its hint or error describing it. */
function RatingGroup({ aspect, value, error, onChange }: RatingProps) {
  const { t } = useTranslation("evaluation");
  const id = `rating-${aspect}`;
  return (
    <fieldset
      className={`panel eval-rating${error ? " field-invalid" : ""}`}
      role="radiogroup"
      aria-required="true"
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : `${id}-hint`}
      data-aspect={aspect}
    >
      <legend>
        {t(`aspect.${aspect}`)}
        <span className="req" aria-hidden="true">
          {" "}
          *
        </span>
      </legend>
      <div className="eval-scale">
        {RATINGS.map((v) => (
          <label key={v} className="eval-point">
            <input type="radio" name={id} value={v} checked={value === v} onChange={() => onChange(v)} />
            <span className="eval-point-value">{v}</span>{" "}
            <span className="eval-point-label">{t(`rating.${v}`)}</span>
          </label>
        ))}
      </div>
      <FieldMessages id={id} error={error} hint={t(`aspectHint.${aspect}`)} />
    </fieldset>
  );
}

/** The end of the story: thanks, or that it was given already; the heading takes the focus. */
function Outcome({ kind, title, more }: { kind: "thanks" | "already"; title: string; more: number }) {
  const { t } = useTranslation("evaluation");
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="panel eval-outcome" aria-labelledby="reaction-outcome">
      <h2 id="reaction-outcome" ref={heading} tabIndex={-1}>
        {kind === "thanks" ? t("reaction.thanksTitle") : t("reaction.alreadyTitle")}
      </h2>
      <p>{kind === "thanks" ? t("reaction.thanks", { title }) : t("reaction.already")}</p>
      {more > 0 ? <p>{t("reaction.morePending", { n: more })}</p> : null}
      <Link to={paths.myLearning} className="btn btn-primary">
        {t("reaction.toMyLearning")}
      </Link>
    </section>
  );
}

function ReactionForm({ sessionId, info, pending, more }: { sessionId: string; info: Info; pending: boolean; more: number }) {
  const { t, i18n } = useTranslation("evaluation");
  const [ratings, setRatings] = useState<Ratings>(NO_RATINGS);
  const [comment, setComment] = useState("");
  const [outcome, setOutcome] = useState<"thanks" | "already" | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const errors = useFormErrors(placeError);
  const submit = useSubmitReaction(sessionId);

  if (outcome) return <Outcome kind={outcome} title={info.programmeTitle} more={outcome === "thanks" ? more : 0} />;

  function send(e: FormEvent) {
    e.preventDefault();
    setRefusal(null);
    const missing = Object.fromEntries(ASPECTS.filter((a) => ratings[a] === null).map((a) => [a, "required"]));
    if (!errors.mark(missing)) return;
    submit.mutate(
      { organisation: ratings.organisation ?? 0, trainers: ratings.trainers ?? 0, materials: ratings.materials ?? 0, comment: comment.trim() || null },
      {
        onSuccess: () => setOutcome("thanks"),
        onError: (err) => {
          if (err instanceof ApiProblem && err.code === "already_submitted") setOutcome("already");
          else if (err instanceof ApiProblem && err.code === "session_not_over") {
            const end = info.end ?? notOverDate(err.problem.detail);
            setRefusal(end ? t("reaction.notOver", { date: formatDate(end, i18n.language) }) : t("reaction.notOverSelfPaced"));
          } else if (err instanceof ApiProblem && err.status === 404) setRefusal(t("reaction.notFound"));
          else errors.fail(err);
        },
      },
    );
  }

  return (
    <form onSubmit={send} noValidate aria-label={t("reaction.title")} className="eval-reaction">
      {pending ? null : <Notice kind="info">{t("reaction.notPending")}</Notice>}
      <p>{t("reaction.intro")}</p>
      <p className="hint">{t("reaction.anonymous")}</p>
      {ASPECTS.map((a) => (
        <RatingGroup key={a} aspect={a} value={ratings[a]} error={errors.at(a)} onChange={(v) => setRatings((r) => ({ ...r, [a]: v }))} />
      ))}
      <TextAreaField
        label={t("reaction.comment")}
        name="comment"
        rows={4}
        maxLength={MAX_TEXT}
        hint={t("reaction.commentHint")}
        error={errors.at("comment")}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <div aria-live="polite">
        {refusal ? <Notice kind="error">{refusal}</Notice> : null}
        {errors.general ? <Notice kind="error">{errors.general}</Notice> : null}
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary" disabled={submit.isPending}>
          {submit.isPending ? t("reaction.sending") : t("reaction.submit")}
        </Button>
      </div>
    </form>
  );
}

export function ReactionPage({ sessionId }: { sessionId: string }) {
  const { t, i18n } = useTranslation("evaluation");
  const { me } = useSession();
  const employee = Boolean(me?.employee_id);
  // What was found first is kept: once the reaction is given, the session leaves the pending
  // list, and the page goes on saying which session it was.
  const [kept, keep] = useState<Found | null>(null);
  const pending = usePendingReactions(employee);
  const item = pending.data?.find((p) => p.session_id === sessionId) ?? null;
  const mine = useMyEnrolments(employee && kept === null && pending.isSuccess && item === null);
  const enrolment = mine.data?.find((e) => e.session.id === sessionId && e.enrolment.status !== "cancelled") ?? null;
  const found: Found | null = item
    ? { pending: true, info: { programmeTitle: item.programme_title, sessionName: item.session_name, start: item.start_date ?? null, end: item.end_date ?? null } }
    : enrolment
      ? { pending: false, info: { programmeTitle: enrolment.programme_title, sessionName: enrolment.session.name, start: enrolment.session.start_date ?? null, end: enrolment.session.end_date ?? null } }
      : null;
  useEffect(() => {
    if (kept === null && found !== null) keep(found);
  }, [kept, found]);
  const shown = kept ?? found;
  const info = shown?.info ?? null;
  const back = (
    <p>
      <Link to={paths.myLearning}>← {t("reaction.back")}</Link>
    </p>
  );

  if (!employee) {
    return (
      <>
        {back}
        <PageHeader title={t("reaction.title")} />
        <Notice kind="info">{t("mine.noEmployee")}</Notice>
      </>
    );
  }
  const loading = shown === null && (pending.isPending || (item === null && mine.isPending));
  const failed = shown !== null ? null : pending.isError ? pending : mine.isError ? mine : null;
  return (
    <>
      {back}
      <PageHeader
        title={t("reaction.title")}
        subtitle={info ? `${info.programmeTitle} · ${info.sessionName} · ${dateRange(info.start, info.end, i18n.language, t("programme.openEnded"))}` : undefined}
      />
      {failed ? (
        <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />
      ) : loading ? (
        <Loading />
      ) : shown ? (
        <ReactionForm sessionId={sessionId} info={shown.info} pending={shown.pending} more={(pending.data ?? []).filter((p) => p.session_id !== sessionId).length} />
      ) : (
        <Notice kind="error">{t("reaction.notFound")}</Notice>
      )}
    </>
  );
}
