// Dampak Pelatihan (Kirkpatrick level 4) of one session: for each unit whose staff completed it,
// the share rated at least Baik the year before and the year after — for the whole unit and for
// the participants — with the share of staff trained and the number rated (n) beside every
// share. The years are the API's (around the session's end) until someone picks others. It says
// plainly that this is an association, not proof of cause.
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { ApiProblem } from "../../api/problem";
import { formatNumber } from "../../i18n/format";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import { useUrlState } from "../../ui/formErrors";
import { PageHeader } from "../../ui/PageHeader";
import { Empty, ErrorState, Loading, Notice } from "../../ui/States";
import { useProblemText } from "../../ui/problemText";
import { useOutcomes, useSession, type Outcomes, type RatingSummary, type UnitOutcome } from "./api";
import { formatPercent, typedYear } from "./format";
import { paths } from "./paths";

const URL_DEFAULTS = { before: "", after: "" };
/** The API's fields of the years (`year` when one is outside 2000–2100). */
const YEAR_FIELDS = ["before_year", "after_year", "year"];

type YearErrors = { before?: string | undefined; after?: string | undefined };

/** A share of staff rated at least Baik, with the number rated beside it; "—" when nobody was. */
type Satisfaction = UnitOutcome["satisfaction_after"];

/** A unit's citizen satisfaction in a year: the IKM score with its grade, the sample size and the median wait. */
function Ikm({ s }: { s: Satisfaction }) {
  const { t, i18n } = useTranslation("appraisal");
  const lng = i18n.language;
  if (s.score == null) return <span className="muted">—</span>;
  return (
    <span className="share">
      <span className="score-value">{formatNumber(s.score, lng, 2)}</span> {s.grade}{" "}
      <span className="muted small">{t("outcomes.n", { n: formatNumber(s.respondents, lng) })}</span>
      {s.waiting_median_minutes != null && (
        <span className="muted small"> · {t("outcomes.wait", { minutes: formatNumber(s.waiting_median_minutes, lng, Number.isInteger(s.waiting_median_minutes) ? 0 : 1) })}</span>
      )}
    </span>
  );
}

function Share({ s }: { s: RatingSummary }) {
  const { t, i18n } = useTranslation("appraisal");
  const lng = i18n.language;
  return (
    <span className="share">
      <span className="score-value">{formatPercent(s.share_at_least_baik, lng)}</span> <span className="muted small">{t("outcomes.n", { n: formatNumber(s.rated, lng) })}</span>
    </span>
  );
}

type YearsFormProps = {
  before: number | null;
  after: number | null;
  errors: YearErrors;
  busy: boolean;
  onShow: (before: number, after: number) => void;
};

/** The two years compared; checked here before asking (2000–2100, the after year later). */
function YearsForm({ before, after, errors: given, busy, onShow }: YearsFormProps) {
  const { t } = useTranslation("appraisal");
  const [b, setB] = useState(before === null ? "" : String(before));
  const [a, setA] = useState(after === null ? "" : String(after));
  const [errors, setErrors] = useState<YearErrors>(given);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const by = typedYear(b);
    const ay = typedYear(a);
    const found: YearErrors = {
      before: by === null ? t("outcomes.invalidYear") : undefined,
      after: ay === null ? t("outcomes.invalidYear") : by !== null && ay <= by ? t("outcomes.afterBefore") : undefined,
    };
    setErrors(found);
    if (by !== null && ay !== null && !found.before && !found.after) onShow(by, ay);
  };
  return (
    <form className="filters" onSubmit={submit} aria-label={t("outcomes.years")} noValidate>
      <TextField label={t("outcomes.before")} name="before_year" inputMode="numeric" value={b} onChange={(e) => setB(e.target.value)} error={errors.before} hint={t("outcomes.yearHint")} optionalMarker={false} />
      <TextField label={t("outcomes.after")} name="after_year" inputMode="numeric" value={a} onChange={(e) => setA(e.target.value)} error={errors.after} hint={t("outcomes.yearHint")} optionalMarker={false} />
      <Button type="submit" variant="primary" disabled={busy}>
        {t("outcomes.show")}
      </Button>
    </form>
  );
}

function OutcomesTable({ data }: { data: Outcomes }) {
  const { t, i18n } = useTranslation("appraisal");
  const lng = i18n.language;
  if (data.units.length === 0) return <Empty>{t("outcomes.empty")}</Empty>;
  const years = (
    <>
      <th scope="col">{data.before_year}</th>
      <th scope="col">{data.after_year}</th>
    </>
  );
  return (
    <>
      <div className="table-wrap">
        <table className="outcomes">
          <caption className="visually-hidden">{t("outcomes.caption", { before: data.before_year, after: data.after_year })}</caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                {t("outcomes.unit")}
              </th>
              <th scope="col" rowSpan={2}>
                {t("outcomes.staff")}
              </th>
              <th scope="col" rowSpan={2}>
                {t("outcomes.trained")}
              </th>
              <th scope="colgroup" colSpan={2}>
                {t("outcomes.wholeUnit")}
              </th>
              <th scope="colgroup" colSpan={2}>
                {t("outcomes.participants")}
              </th>
              <th scope="colgroup" colSpan={2}>
                {t("outcomes.citizens")}
              </th>
            </tr>
            <tr>
              {years}
              {years}
              {years}
            </tr>
          </thead>
          <tbody>
            {data.units.map((u) => (
              <tr key={u.org_unit_id} data-code={u.code}>
                <th scope="row">
                  {u.name} <span className="muted small">{u.code}</span>
                </th>
                <td className="num">{formatNumber(u.staff, lng)}</td>
                <td className="num">
                  {formatNumber(u.trained, lng)} <span className="muted small">{t("outcomes.trainedShare", { share: formatPercent(u.trained_share, lng) })}</span>
                </td>
                <td className="num">
                  <Share s={u.before} />
                </td>
                <td className="num">
                  <Share s={u.after} />
                </td>
                <td className="num">
                  <Share s={u.trained_before} />
                </td>
                <td className="num">
                  <Share s={u.trained_after} />
                </td>
                <td className="num">
                  <Ikm s={u.satisfaction_before} />
                </td>
                <td className="num">
                  <Ikm s={u.satisfaction_after} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">{t("outcomes.legend")}</p>
    </>
  );
}

/** The field errors of the years in a failed request, worded for this form; null when it failed otherwise. */
function useYearErrors(error: unknown): YearErrors | null {
  const { t } = useTranslation("appraisal");
  const text = useProblemText();
  if (!(error instanceof ApiProblem)) return null;
  const errors = (error.problem.errors ?? []).filter((e) => YEAR_FIELDS.includes(e.field));
  if (errors.length === 0) return null;
  const at = (field: string) => {
    const e = errors.find((x) => x.field === field);
    if (!e) return undefined;
    return field === "after_year" && e.code === "out_of_range" ? t("outcomes.afterBefore") : text.field(e);
  };
  return { before: at("before_year") ?? at("year"), after: at("after_year") };
}

export function OutcomesPage({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation("appraisal");
  const [get, set] = useUrlState(URL_DEFAULTS);
  const before = typedYear(get("before"));
  const after = typedYear(get("after"));
  const session = useSession(sessionId);
  const outcomes = useOutcomes(sessionId, { before, after });
  const yearErrors = useYearErrors(outcomes.error);
  const shown = outcomes.data;
  // The form starts from the years asked for, else those the API chose.
  const formBefore = before ?? shown?.before_year ?? null;
  const formAfter = after ?? shown?.after_year ?? null;
  const noYears = yearErrors !== null && before === null && after === null;
  return (
    <>
      <p>
        <Link to={paths.session(sessionId)}>← {t("outcomes.back")}</Link>
      </p>
      <PageHeader title={t("outcomes.title")} subtitle={session.data ? `${session.data.name} · ${session.data.programme_title}` : undefined} />
      <div className="notice notice-info outcomes-caution" role="note">
        <p>
          <strong>{t("outcomes.caution")}</strong>
        </p>
        <p>{t("outcomes.cautionMore")}</p>
      </div>
      <p className="muted">{t("outcomes.subtitle")}</p>
      {outcomes.isPending ? (
        <Loading />
      ) : outcomes.isError && yearErrors === null ? (
        <ErrorState error={outcomes.error} onRetry={() => void outcomes.refetch()} />
      ) : (
        <>
          <YearsForm
            key={`${formBefore ?? ""}-${formAfter ?? ""}-${outcomes.errorUpdatedAt}`}
            before={formBefore}
            after={formAfter}
            errors={yearErrors ?? {}}
            busy={outcomes.isFetching}
            onShow={(b, a) => set({ before: String(b), after: String(a) })}
          />
          {noYears ? <Notice kind="info">{t("outcomes.giveYears")}</Notice> : null}
          {shown && !outcomes.isError ? (
            <div aria-busy={outcomes.isFetching}>
              <OutcomesTable data={shown} />
            </div>
          ) : null}
        </>
      )}
    </>
  );
}
