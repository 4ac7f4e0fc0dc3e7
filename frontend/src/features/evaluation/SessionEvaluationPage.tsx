// Evaluasi Pelatihan of one session by Kirkpatrick's levels 1-3, for administrators and trainers:
// the participants' reactions (response rate, mean per aspect as bars, the comments without
// names), their learning (pre- and post-test per participant with the raw and normalised gain and
// its band, and the session's mean), and the behaviour follow-up (tasks, answers and response
// rate per role, the share saying the learning is applied, overdue tasks). Each level says in a
// sentence what it measures.
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import { useSession } from "../../session/SessionProvider";
import { PageHeader } from "../../ui/PageHeader";
import { Empty, ErrorState, Loading } from "../../ui/States";
import { ASPECTS, FOLLOW_UP_ROLES, USAGES, useSessionEvaluation, type Behaviour, type SessionEvaluation } from "./api";
import { dateRange, formatGain, formatPoints, formatScore, formatShare } from "./format";
import { paths } from "./paths";
import { BandBadge, MeanBar } from "./shared";

type Props<T> = { data: T };

/** A key figure: its value large, its label below. */
function Figure({ value, label, hint }: { value: string; label: string; hint?: string }) {
  return (
    <div className="card eval-figure">
      <span className="card-value">{value}</span>
      <span className="card-label">{label}</span>
      {hint ? <span className="hint">{hint}</span> : null}
    </div>
  );
}

function ReactionLevel({ data: r }: Props<SessionEvaluation["reaction"]>) {
  const { t, i18n } = useTranslation("evaluation");
  const lng = i18n.language;
  const n = (v: number) => formatNumber(v, lng);
  return (
    <section className="panel eval-level" aria-labelledby="level-1">
      <h2 id="level-1">{t("levels.l1")}</h2>
      <p className="hint">{t("levels.l1Hint")}</p>
      <div className="cards eval-figures">
        <Figure value={t("report.respondentsOf", { respondents: n(r.respondents), participants: n(r.participants) })} label={t("report.respondents")} />
        <Figure value={formatShare(r.response_rate, lng)} label={t("report.responseRate")} />
      </div>
      {r.respondents === 0 ? (
        <Empty>{t("report.noReactions")}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="eval-means">
            <caption>{t("report.meansCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("report.aspectCol")}</th>
                <th scope="col">{t("report.meanCol")}</th>
              </tr>
            </thead>
            <tbody>
              {ASPECTS.map((a) => (
                <tr key={a} data-aspect={a}>
                  <th scope="row">{t(`aspect.${a}`)}</th>
                  <td>
                    <MeanBar value={r[a]} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-aspect="overall">
                <th scope="row">{t("aspect.overall")}</th>
                <td>
                  <MeanBar value={r.overall} />
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <h3 id="reaction-comments">{t("report.comments")}</h3>
      <p className="hint">{t("report.commentsHint")}</p>
      {r.comments.length === 0 ? (
        <p className="muted">{t("report.noComments")}</p>
      ) : (
        <ul className="text-answers" aria-labelledby="reaction-comments">
          {r.comments.map((c, i) => (
            <li key={i} className="pre-line">
              {c}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function LearningLevel({ data: l }: Props<SessionEvaluation["learning"]>) {
  const { t, i18n } = useTranslation("evaluation");
  const lng = i18n.language;
  const perfect = l.participants.some((p) => p.normalised_gain == null) || (l.session != null && l.session.normalised_gain == null);
  return (
    <section className="panel eval-level" aria-labelledby="level-2">
      <h2 id="level-2">{t("levels.l2")}</h2>
      <p className="hint">{t("levels.l2Hint")}</p>
      {l.participants.length === 0 ? (
        <Empty>{t("report.noLearning")}</Empty>
      ) : (
        <>
          <div className="table-wrap">
            <table className="eval-learning">
              <caption>{t("report.learningCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("report.name")}</th>
                  <th scope="col" className="num">
                    {t("report.pre")}
                  </th>
                  <th scope="col" className="num">
                    {t("report.post")}
                  </th>
                  <th scope="col" className="num">
                    {t("report.rawGain")}
                  </th>
                  <th scope="col" className="num">
                    {t("report.nGain")}
                  </th>
                  <th scope="col">{t("report.bandCol")}</th>
                </tr>
              </thead>
              <tbody>
                {l.participants.map((p) => (
                  <tr key={p.enrolment_id}>
                    <th scope="row">
                      {p.name}
                      <span className="muted small eval-nip">{p.nip}</span>
                    </th>
                    <td className="num">{formatScore(p.pre_percent, lng)}</td>
                    <td className="num">{formatScore(p.post_percent, lng)}</td>
                    <td className="num">{formatPoints(p.raw_gain, lng)}</td>
                    <td className="num">{formatGain(p.normalised_gain, lng)}</td>
                    <td>
                      <BandBadge band={p.band} />
                    </td>
                  </tr>
                ))}
              </tbody>
              {l.session ? (
                <tfoot>
                  <tr>
                    <th scope="row">{t("report.sessionMean", { n: l.session.participants })}</th>
                    <td className="num">{formatScore(l.session.mean_pre, lng)}</td>
                    <td className="num">{formatScore(l.session.mean_post, lng)}</td>
                    <td className="num">{formatPoints(l.session.raw_gain, lng)}</td>
                    <td className="num">{formatGain(l.session.normalised_gain, lng)}</td>
                    <td>
                      <BandBadge band={l.session.band} />
                    </td>
                  </tr>
                </tfoot>
              ) : null}
            </table>
          </div>
          {perfect ? <p className="hint">{`${t("dash")} ${t("report.perfectPre")}`}</p> : null}
        </>
      )}
    </section>
  );
}

function BehaviourLevel({ data: b }: Props<Behaviour>) {
  const { t, i18n } = useTranslation("evaluation");
  const lng = i18n.language;
  const n = (v: number) => formatNumber(v, lng);
  return (
    <section className="panel eval-level" aria-labelledby="level-3">
      <h2 id="level-3">{t("levels.l3")}</h2>
      <p className="hint">{t("levels.l3Hint")}</p>
      {b.tasks_created === 0 ? (
        <Empty>{t("report.noTasks")}</Empty>
      ) : (
        <>
          <div className="cards eval-figures">
            <Figure value={n(b.tasks_created)} label={t("report.tasks")} />
            <Figure value={n(b.answered)} label={t("report.answered")} />
            <Figure value={formatShare(b.used_share, lng)} label={t("report.used")} hint={t("report.usedOf", { share: formatShare(b.used_share, lng) })} />
            <Figure value={n(b.overdue)} label={t("report.overdue")} hint={t("report.overdueHint")} />
          </div>
          <div className="eval-tables">
            <div className="table-wrap">
              <table className="eval-roles">
                <caption>{t("report.byRoleCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("report.roleCol")}</th>
                    <th scope="col" className="num">
                      {t("report.tasksCol")}
                    </th>
                    <th scope="col" className="num">
                      {t("report.answeredCol")}
                    </th>
                    <th scope="col" className="num">
                      {t("report.rateCol")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {FOLLOW_UP_ROLES.map((role) => {
                    const r = b.by_role.find((x) => x.role === role);
                    return (
                      <tr key={role}>
                        <th scope="row">{t(`role.${role}`)}</th>
                        <td className="num">{n(r?.created ?? 0)}</td>
                        <td className="num">{n(r?.answered ?? 0)}</td>
                        <td className="num">{formatShare(r?.response_rate, lng)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <div className="table-wrap">
              <table className="eval-usage">
                <caption>{t("report.byUsageCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("report.usageCol")}</th>
                    <th scope="col" className="num">
                      {t("report.countCol")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {USAGES.map((u) => (
                    <tr key={u}>
                      <th scope="row">{t(`usage.${u}`)}</th>
                      <td className="num">{n(b[u])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </>
      )}
    </section>
  );
}

export function SessionEvaluationPage({ sessionId }: { sessionId: string }) {
  const { t, i18n } = useTranslation("evaluation");
  const { isAdmin } = useSession();
  const report = useSessionEvaluation(sessionId);
  if (report.isPending) return <Loading />;
  if (report.isError) return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  const e = report.data;
  const s = e.session;
  return (
    <>
      <p>
        <Link to={paths.learningSession(s.id)}>← {t("report.back")}</Link>
      </p>
      <PageHeader
        title={t("report.title")}
        subtitle={`${s.programme_title} · ${s.name} · ${dateRange(s.start_date, s.end_date, i18n.language, t("programme.openEnded"))}`}
        actions={
          <>
            <Link to={paths.programme(s.programme_id)} className="btn">
              {t("report.programme")}
            </Link>
            {isAdmin ? (
              <Link to={paths.followUpsOf(s.id)} className="btn">
                {t("report.followUps")}
              </Link>
            ) : null}
          </>
        }
      />
      <ReactionLevel data={e.reaction} />
      <LearningLevel data={e.learning} />
      <BehaviourLevel data={e.behaviour} />
    </>
  );
}
