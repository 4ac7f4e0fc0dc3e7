// The results of a survey, for all respondents or one unit (and those below it): responses and
// response rate, then per question the Likert mean and spread, the count of each option, or the
// text answers.
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import { PageHeader } from "../../ui/PageHeader";
import { ErrorState, Loading } from "../../ui/States";
import { SCALE, useResults, useSurvey, type QuestionResult, type Results } from "./api";
import { DistributionChart } from "./DistributionChart";
import { formatMean, formatShare } from "./format";
import { paths } from "./paths";
import { UnitSelect, useUrlState } from "./shared";

const URL_DEFAULTS = { unit: "" };

function Summary({ results }: { results: Results }) {
  const { t, i18n } = useTranslation("surveys");
  const lng = i18n.language;
  const n = (v: number) => formatNumber(v, lng);
  return (
    <div className="cards results-summary" data-testid="results-summary">
      <div className="card">
        <span className="card-value">{n(results.responses)}</span>
        <span className="card-label">{t("results.responses")}</span>
      </div>
      <div className="card">
        <span className="card-value">{results.response_rate == null ? "—" : formatShare(results.response_rate, lng)}</span>
        <span className="card-label">{results.tasks > 0 ? t("results.rateOf", { answered: n(results.answered), tasks: n(results.tasks) }) : t("results.noTasks")}</span>
      </div>
    </div>
  );
}

function QuestionResults({ q, n }: { q: QuestionResult; n: number }) {
  const { t, i18n } = useTranslation("surveys");
  const lng = i18n.language;
  const headingId = `result-${q.question_id}`;
  return (
    <section className="panel question-result" aria-labelledby={headingId} data-question={n}>
      <h2 id={headingId}>{`${n}. ${q.text}`}</h2>
      <p className="muted">
        {t(`enums:questionKind.${q.kind}`)} · {t("results.answers", { n: formatNumber(q.responses, lng) })}
      </p>
      {q.kind === "likert" ? (
        <>
          <p className="mean" data-testid="mean">
            {q.mean == null ? t("results.noMean") : t("results.mean", { mean: formatMean(q.mean, lng) })}
          </p>
          <DistributionChart title={q.text} labels={SCALE.map(String)} counts={q.distribution} total={q.responses} />
          <p className="hint">{t("results.likertScale")}</p>
        </>
      ) : q.kind === "text" ? (
        q.texts.length === 0 ? (
          <p className="muted">{t("results.noTexts")}</p>
        ) : (
          <ul className="text-answers">
            {q.texts.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
        )
      ) : (
        <>
          <DistributionChart title={q.text} labels={q.options} counts={q.distribution} total={q.responses} />
          {q.kind === "multiple_choice" ? <p className="hint">{t("results.multipleHint")}</p> : null}
        </>
      )}
    </section>
  );
}

export function SurveyResultsPage({ id }: { id: string }) {
  const { t } = useTranslation("surveys");
  const [get, set] = useUrlState(URL_DEFAULTS);
  const unitId = get("unit") || null;
  const survey = useSurvey(id);
  const results = useResults(id, unitId);
  const title = survey.data ? t("results.titleOf", { title: survey.data.title }) : t("results.title");
  return (
    <>
      <PageHeader title={title} subtitle={t("results.subtitle")} />
      <p>
        <Link to={paths.detail(id)}>← {t("results.back")}</Link>
      </p>
      {survey.data ? (
        <div className="filters">
          <UnitSelect agencyId={survey.data.agency_id} value={unitId} onChange={(u) => set({ unit: u ?? "" })} noneLabel={t("results.allUnits")} name="unit" />
        </div>
      ) : null}
      {results.isPending ? (
        <Loading />
      ) : results.isError ? (
        <ErrorState error={results.error} onRetry={() => void results.refetch()} />
      ) : (
        <div aria-busy={results.isFetching}>
          <Summary results={results.data} />
          {results.data.questions.map((q, i) => (
            <QuestionResults key={q.question_id} q={q} n={i + 1} />
          ))}
        </div>
      )}
    </>
  );
}
