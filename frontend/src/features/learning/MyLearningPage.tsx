// Pembelajaran Saya: the signed-in employee's enrolments (progress, JP, completion and the
// certificate), the sessions open for them to register in, and the programmes recommended to close
// their largest competency gaps; above them, the training feedback still awaited (the evaluation
// feature's invitation). Made for a phone: one column of cards.
import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { formatDate, formatNumber } from "../../i18n/format";
import { useSession as useSignedIn } from "../../session/SessionProvider";
import { Button, Named } from "../../ui/Button";
import { PageHeader } from "../../ui/PageHeader";
import { Empty, ErrorState, Loading, Notice } from "../../ui/States";
import { useProblemText } from "../../ui/problemText";
import { PendingReactions } from "../evaluation/PendingReactions";
import {
  useCompetencies,
  useDownloadMyCertificate,
  useMyEnrolments,
  useOpenSessions,
  useRecommendations,
  useRegister,
  type Competency,
  type MyEnrolment,
  type Recommendation,
  type Session,
} from "./api";
import { paths } from "./paths";
import { EnrolmentStatusBadge, dateRange } from "./shared";

/** A progress bar of modules done, announced as such. */
export function Progress({ done, total, label }: { done: number; total: number; label: string }) {
  const pct = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <div className="progress">
      <div className="progress-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-valuetext={`${done}/${total}`}>
        <span style={{ width: `${pct}%` }} />
      </div>
      <span className="progress-text" aria-hidden="true">
        {`${done}/${total}`}
      </span>
    </div>
  );
}

function EnrolmentCard({ item }: { item: MyEnrolment }) {
  const { t, i18n } = useTranslation("learning");
  const text = useProblemText();
  const lng = i18n.language;
  const download = useDownloadMyCertificate();
  const e = item.enrolment;
  const open = e.status === "enrolled" || e.status === "completed";
  const headingId = `enrolment-${e.id}`;
  return (
    <li>
      <article className="panel learning-card" aria-labelledby={headingId} data-enrolment={e.id}>
        <h3 id={headingId}>{item.programme_title}</h3>
        <p className="muted">
          {item.session.name} · {t(`enums:delivery.${item.session.delivery}`)} · {dateRange(item.session.start_date, item.session.end_date, lng, t("sessions.openEnded"))}
        </p>
        <p>
          <EnrolmentStatusBadge status={e.status} /> <span className="muted">{t("mine.jp", { n: formatNumber(item.jp, lng) })}</span>
        </p>
        {item.modules_total > 0 ? (
          <>
            <p className="small">{t("mine.modulesDone", { done: item.modules_done, total: item.modules_total })}</p>
            <Progress done={item.modules_done} total={item.modules_total} label={t("mine.progressOf", { title: item.programme_title })} />
          </>
        ) : null}
        {e.status === "waitlisted" ? <p className="hint">{t("mine.waitlistedHint")}</p> : null}
        {e.status === "completed" ? (
          <div className="certificate-box">
            <p>{t("mine.completedOn", { date: formatDate(e.completed_on, lng) })}</p>
            {e.certificate_code ? (
              <>
                <p>
                  {t("mine.certificateCode")} <code className="certificate-code">{e.certificate_code}</code>
                </p>
                <div className="row-actions">
                  <Button disabled={download.isPending} onClick={() => download.mutate({ enrolmentId: e.id, code: e.certificate_code ?? "" })}>
                    <Named label={download.isPending ? t("mine.downloading") : t("mine.downloadCertificate")} name={item.programme_title} />
                  </Button>
                  <Link to={paths.certificate(e.certificate_code)}>
                    <Named label={t("mine.verifyLink")} name={item.programme_title} />
                  </Link>
                </div>
              </>
            ) : null}
          </div>
        ) : null}
        {download.isError ? <Notice kind="error">{text.problem(download.error)}</Notice> : null}
        {open ? (
          <Link to={paths.player(e.id)} className={`btn${e.status === "enrolled" ? " btn-primary" : ""}`}>
            <Named label={e.status === "completed" ? t("mine.review") : item.modules_done > 0 ? t("mine.continue") : t("mine.start")} name={item.programme_title} />
          </Link>
        ) : null}
      </article>
    </li>
  );
}

function OpenSessionCard({ session, registered }: { session: Session; registered: boolean }) {
  const { t, i18n } = useTranslation("learning");
  const text = useProblemText();
  const lng = i18n.language;
  const register = useRegister();
  const headingId = `open-${session.id}`;
  const full = session.capacity != null && session.enrolled >= session.capacity;
  const result = register.data;
  return (
    <li>
      <article className="panel learning-card" aria-labelledby={headingId}>
        <h3 id={headingId}>{session.programme_title}</h3>
        <p className="muted">
          {session.name} · {t(`enums:delivery.${session.delivery}`)} · {dateRange(session.start_date, session.end_date, lng, t("sessions.openEnded"))}
        </p>
        {session.place ? <p className="small">{session.place}</p> : null}
        <p className="small">
          {session.capacity != null ? t("mine.placesLeft", { n: Math.max(0, session.capacity - session.enrolled), capacity: session.capacity }) : t("mine.noLimit")}
          {full ? ` ${t("mine.fullHint")}` : ""}
        </p>
        <div aria-live="polite">
          {result ? (
            <Notice kind={result.status === "waitlisted" ? "info" : "success"}>
              {!result.added ? t("mine.alreadyIn") : result.status === "waitlisted" ? t("mine.registeredWaitlisted", { name: session.name }) : t("mine.registered", { name: session.name })}
            </Notice>
          ) : null}
        </div>
        {register.isError ? <Notice kind="error">{text.problem(register.error)}</Notice> : null}
        {registered || result ? null : (
          <Button variant="primary" disabled={register.isPending} onClick={() => register.mutate(session.id)}>
            <Named label={register.isPending ? t("mine.registering") : t("mine.register")} name={`${session.programme_title} — ${session.name}`} />
          </Button>
        )}
        {registered && !result ? <p className="muted">{t("mine.alreadyIn")}</p> : null}
      </article>
    </li>
  );
}

function RecommendationCard({ rec, competencies }: { rec: Recommendation; competencies: Map<string, Competency> }) {
  const { t, i18n } = useTranslation("learning");
  const p = rec.programme;
  const headingId = `rec-${p.id}`;
  const level = (n: number) => (n === 0 ? t("mine.notAssessed") : t("editor.level", { level: n }));
  return (
    <li>
      <article className="panel learning-card" aria-labelledby={headingId}>
        <h3 id={headingId}>{p.title}</h3>
        <p className="muted">
          {p.code} · {t(`kind.${p.activity_kind}`)} · {t("mine.jp", { n: formatNumber(p.jp, i18n.language) })}
        </p>
        <p>{t("mine.closes", { n: rec.levels_closed })}</p>
        <ul className="closes">
          {rec.closes.map((c) => {
            const comp = competencies.get(c.competency_id);
            return (
              <li key={c.competency_id}>
                <strong>{comp ? `${comp.code} ${comp.name}` : t("mine.competency")}</strong>: {t("mine.fromTo", { from: level(c.from), to: level(c.to), required: c.required })}
              </li>
            );
          })}
        </ul>
        {p.objectives ? <p className="small pre-line">{p.objectives}</p> : null}
      </article>
    </li>
  );
}

export function MyLearningPage() {
  const { t } = useTranslation("learning");
  const { me, agencyId } = useSignedIn();
  const employee = Boolean(me?.employee_id);
  const enrolments = useMyEnrolments(employee);
  const open = useOpenSessions(employee);
  const recommendations = useRecommendations(employee);
  const competencies = useCompetencies(agencyId, employee && (recommendations.data?.length ?? 0) > 0);
  const byId = new Map((competencies.data ?? []).map((c) => [c.id, c]));
  const mine = new Set((enrolments.data ?? []).filter((e) => e.enrolment.status !== "cancelled").map((e) => e.session.id));
  const [showCancelled, setShowCancelled] = useState(false);
  const listed = (enrolments.data ?? []).filter((e) => showCancelled || e.enrolment.status !== "cancelled");
  const cancelled = (enrolments.data ?? []).length - (enrolments.data ?? []).filter((e) => e.enrolment.status !== "cancelled").length;

  if (!employee) {
    return (
      <>
        <PageHeader title={t("mine.title")} subtitle={t("mine.subtitle")} />
        <Notice kind="info">{t("mine.noEmployee")}</Notice>
      </>
    );
  }
  return (
    <>
      <PageHeader title={t("mine.title")} subtitle={t("mine.subtitle")} />
      <PendingReactions />
      <section aria-labelledby="my-enrolments" className="learning-section">
        <h2 id="my-enrolments">{t("mine.enrolments")}</h2>
        {enrolments.isPending ? (
          <Loading />
        ) : enrolments.isError ? (
          <ErrorState error={enrolments.error} onRetry={() => void enrolments.refetch()} />
        ) : listed.length === 0 && cancelled === 0 ? (
          <Empty>{t("mine.noEnrolments")}</Empty>
        ) : (
          <>
            <ul className="cards-list">
              {listed.map((e) => (
                <EnrolmentCard key={e.enrolment.id} item={e} />
              ))}
            </ul>
            {cancelled > 0 ? (
              <Button variant="ghost" onClick={() => setShowCancelled((v) => !v)} aria-pressed={showCancelled}>
                {t("mine.showCancelled", { n: cancelled })}
              </Button>
            ) : null}
          </>
        )}
      </section>
      <section aria-labelledby="open-sessions" className="learning-section">
        <h2 id="open-sessions">{t("mine.openSessions")}</h2>
        {open.isPending ? (
          <Loading />
        ) : open.isError ? (
          <ErrorState error={open.error} onRetry={() => void open.refetch()} />
        ) : open.data.length === 0 ? (
          <Empty>{t("mine.noOpenSessions")}</Empty>
        ) : (
          <ul className="cards-list">
            {open.data.map((s) => (
              <OpenSessionCard key={s.id} session={s} registered={mine.has(s.id)} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="recommendations" className="learning-section">
        <h2 id="recommendations">{t("mine.recommendations")}</h2>
        <p className="hint">{t("mine.recommendationsHint")}</p>
        {recommendations.isPending ? (
          <Loading />
        ) : recommendations.isError ? (
          <ErrorState error={recommendations.error} onRetry={() => void recommendations.refetch()} />
        ) : recommendations.data.length === 0 ? (
          <Empty>{t("mine.noRecommendations")}</Empty>
        ) : (
          <ul className="cards-list">
            {recommendations.data.map((r) => (
              <RecommendationCard key={r.programme.id} rec={r} competencies={byId} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
