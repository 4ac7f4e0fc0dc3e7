// Evaluasi Program: a programme's sessions side by side by Kirkpatrick's levels 1-3 — the
// reaction (respondents, overall mean), the learning (participants with both tests, mean pre- and
// post-test, the class's normalised gain and band) and the behaviour follow-up (answered tasks,
// the share applying the learning, overdue tasks) — newest session first, with the totals across
// them. Each session leads to its own evaluation.
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import { useSession } from "../../session/SessionProvider";
import { PageHeader } from "../../ui/PageHeader";
import { Empty, ErrorState, Loading } from "../../ui/States";
import { useProgrammeEvaluation, type Behaviour, type Gain, type ReactionSummary } from "./api";
import { dateRange, formatGain, formatMean, formatScore, formatShare } from "./format";
import { paths } from "./paths";
import { BandBadge, LevelsExplained } from "./shared";

/** The cells of one row's three levels (11 columns with the session and its dates). */
function LevelCells({ reaction, learning, behaviour }: { reaction: ReactionSummary; learning: Gain | null | undefined; behaviour: Behaviour }) {
  const { t, i18n } = useTranslation("evaluation");
  const lng = i18n.language;
  const n = (v: number) => formatNumber(v, lng);
  return (
    <>
      <td className="num">{`${n(reaction.respondents)}/${n(reaction.participants)}`}</td>
      <td className="num">{formatMean(reaction.overall, lng)}</td>
      <td className="num">{n(learning?.participants ?? 0)}</td>
      <td className="num">{formatScore(learning?.mean_pre, lng)}</td>
      <td className="num">{formatScore(learning?.mean_post, lng)}</td>
      <td className="num eval-gain">
        {formatGain(learning?.normalised_gain, lng)} {learning?.band ? <BandBadge band={learning.band} /> : null}
      </td>
      <td className="num">{`${n(behaviour.answered)}/${n(behaviour.tasks_created)}`}</td>
      <td className="num">{formatShare(behaviour.used_share, lng)}</td>
      <td className="num">{behaviour.tasks_created > 0 ? n(behaviour.overdue) : t("dash")}</td>
    </>
  );
}

export function ProgrammeEvaluationPage({ programmeId }: { programmeId: string }) {
  const { t, i18n } = useTranslation("evaluation");
  const { isAdmin } = useSession();
  const report = useProgrammeEvaluation(programmeId);
  if (report.isPending) return <Loading />;
  if (report.isError) return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  const e = report.data;
  const lng = i18n.language;
  return (
    <>
      {isAdmin ? (
        <p>
          <Link to={paths.learningProgramme(e.programme_id)}>← {t("programme.back")}</Link>
        </p>
      ) : null}
      <PageHeader title={t("programme.title")} subtitle={`${e.programme_code} · ${e.programme_title}`} />
      <LevelsExplained />
      {e.sessions.length === 0 ? (
        <Empty>{t("programme.empty")}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="eval-programme">
            <caption className="visually-hidden">{t("programme.caption")}</caption>
            <thead>
              <tr>
                <th scope="col" rowSpan={2}>
                  {t("programme.session")}
                </th>
                <th scope="col" rowSpan={2}>
                  {t("programme.dates")}
                </th>
                <th scope="colgroup" colSpan={2}>
                  {t("levels.l1")}
                </th>
                <th scope="colgroup" colSpan={4}>
                  {t("levels.l2")}
                </th>
                <th scope="colgroup" colSpan={3}>
                  {t("levels.l3")}
                </th>
              </tr>
              <tr>
                <th scope="col">{t("programme.l1Respondents")}</th>
                <th scope="col">{t("programme.l1Mean")}</th>
                <th scope="col">{t("programme.l2Participants")}</th>
                <th scope="col">{t("programme.l2Pre")}</th>
                <th scope="col">{t("programme.l2Post")}</th>
                <th scope="col">{t("programme.l2Gain")}</th>
                <th scope="col">{t("programme.l3Answered")}</th>
                <th scope="col">{t("programme.l3Used")}</th>
                <th scope="col">{t("programme.l3Overdue")}</th>
              </tr>
            </thead>
            <tbody>
              {e.sessions.map((row) => (
                <tr key={row.session.id} data-session={row.session.id}>
                  <th scope="row">
                    <Link to={paths.session(row.session.id)}>{row.session.name}</Link>
                  </th>
                  <td>{dateRange(row.session.start_date, row.session.end_date, lng, t("programme.openEnded"))}</td>
                  <LevelCells reaction={row.reaction} learning={row.learning} behaviour={row.behaviour} />
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-session="total">
                <th scope="row" colSpan={2}>
                  {t("programme.total")}
                </th>
                <LevelCells reaction={e.totals.reaction} learning={e.totals.learning} behaviour={e.totals.behaviour} />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </>
  );
}
