// Kepuasan Layanan: a service unit's satisfaction index (IKM) over a period — respondents, the
// score and its grade up front, the nine elements' NRR, the sample target against the unit's
// served population (set here), flagged ratings waiting for review, waiting times — and the
// monthly trend of the year, with the unit's rating link and QR code below.
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { formatDate, formatNumber } from "../../i18n/format";
import { useSession } from "../../session/SessionProvider";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import { useUrlState } from "../../ui/formErrors";
import { PageHeader } from "../../ui/PageHeader";
import { Empty, ErrorState, Loading, Notice } from "../../ui/States";
import { useProblemText } from "../../ui/problemText";
import { useSatisfactionTrend, usePutServedPopulation, useUnitSatisfaction, type Satisfaction } from "./api";
import { ElementsChart, TrendChart } from "./Charts";
import { formatMinutes, formatScore } from "./format";
import { LinkSection } from "./LinkSection";
import { paths } from "./paths";
import { ChooseAgency, PERIOD_DEFAULTS, PeriodFilters, UnitSelect, readPeriod } from "./shared";

const URL_DEFAULTS = { ...PERIOD_DEFAULTS, unit: "" };

/** The headline: respondents, the score (two decimals) and the grade. */
function Headline({ s }: { s: Satisfaction }) {
  const { t, i18n } = useTranslation("ratings");
  const lng = i18n.language;
  return (
    <div className="cards" data-testid="ratings-headline">
      <div className="card">
        <span className="card-label">{t("unitPage.respondents")}</span>
        <span className="card-value">{formatNumber(s.respondents, lng)}</span>
      </div>
      <div className="card">
        <span className="card-label">{t("unitPage.score")}</span>
        <span className="card-value" data-testid="ikm-score">
          {formatScore(s.score, lng)}
        </span>
        {s.ikm != null ? <span className="muted small">{t("unitPage.ikm", { ikm: formatScore(s.ikm, lng) })}</span> : null}
      </div>
      <div className="card">
        <span className="card-label">{t("unitPage.grade")}</span>
        <span className="card-value" data-testid="ikm-grade">
          {s.grade ? `${s.grade} ${t(`grade.${s.grade}`)}` : t("noGrade")}
        </span>
      </div>
      {s.waiting ? (
        <div className="card" data-testid="ratings-waiting">
          <span className="card-label">{t("unitPage.waitingTitle")}</span>
          <span>
            {t("unitPage.waitingMedian")}: <strong>{t("unitPage.minutes", { n: formatMinutes(s.waiting.median, lng) })}</strong>
          </span>
          <span>
            {t("unitPage.waitingP90")}: <strong>{t("unitPage.minutes", { n: formatMinutes(s.waiting.p90, lng) })}</strong>
          </span>
          <span className="muted small">{t("unitPage.waitingCount", { count: s.waiting.count, formatted: formatNumber(s.waiting.count, lng) })}</span>
        </div>
      ) : null}
    </div>
  );
}

const MAX_POPULATION = 100_000_000;

/** A typed population: a whole number 1–100,000,000, null for empty, undefined when invalid. */
export function typedPopulation(v: string): number | null | undefined {
  const s = v.trim().replace(/[.,\s]/g, "");
  if (s === "") return null;
  if (!/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n >= 1 && n <= MAX_POPULATION ? n : undefined;
}

/** The sample target (Krejcie–Morgan) against the respondents, and the served population it comes from. */
function SamplePanel({ s, stale }: { s: Satisfaction; stale: boolean }) {
  const { t, i18n } = useTranslation("ratings");
  const lng = i18n.language;
  const text = useProblemText();
  const put = usePutServedPopulation();
  const target = s.sample_target ?? null;
  const [value, setValue] = useState(target ? String(target.population) : "");
  const [invalid, setInvalid] = useState(false);
  const [saved, setSaved] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const population = typedPopulation(value);
    setSaved(false);
    if (population === undefined) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    put.mutate({ unitId: s.org_unit_id, population }, { onSuccess: () => setSaved(true) });
  };
  return (
    <section className="panel" aria-labelledby="sample-title">
      <h2 id="sample-title">{t("sample.title")}</h2>
      {target ? (
        <>
          <p>
            {t("sample.status", {
              required: formatNumber(target.required, lng),
              population: formatNumber(target.population, lng),
              respondents: formatNumber(s.respondents, lng),
            })}
          </p>
          <Notice kind={target.reached ? "success" : "info"}>{target.reached ? t("sample.reached") : t("sample.notReached")}</Notice>
        </>
      ) : (
        <p>{t("sample.unset")}</p>
      )}
      <form className="filters" onSubmit={submit} noValidate>
        <TextField
          label={t("sample.population")}
          name="served_population"
          inputMode="numeric"
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setSaved(false);
          }}
          hint={t("sample.populationHint")}
          error={invalid ? t("sample.invalid") : undefined}
          optionalMarker={false}
        />
        <Button type="submit" variant="primary" disabled={put.isPending || stale}>
          {put.isPending ? t("common:actions.saving") : t("sample.save")}
        </Button>
      </form>
      <div aria-live="polite">{saved ? <Notice kind="success">{t("sample.saved")}</Notice> : null}</div>
      {put.isError ? <Notice kind="error">{text.problem(put.error)}</Notice> : null}
    </section>
  );
}

function Trend({ unitId, unitName, year }: { unitId: string; unitName: string; year: number }) {
  const { t } = useTranslation("ratings");
  const trend = useSatisfactionTrend(unitId, year);
  return (
    <section className="panel" aria-labelledby="trend-title" aria-busy={trend.isFetching}>
      <h2 id="trend-title">{t("trend.title", { year })}</h2>
      {trend.isPending ? (
        <Loading />
      ) : trend.isError ? (
        <ErrorState error={trend.error} onRetry={() => void trend.refetch()} />
      ) : trend.data.months.every((m) => m.respondents === 0) ? (
        <Empty>{t("trend.empty", { year })}</Empty>
      ) : (
        <TrendChart title={t("trend.chartTitle", { unit: unitName, year })} months={trend.data.months} />
      )}
    </section>
  );
}

function UnitSatisfaction({ unitId, period, year }: { unitId: string; period: Parameters<typeof useUnitSatisfaction>[1]; year: number }) {
  const { t, i18n } = useTranslation("ratings");
  const lng = i18n.language;
  const sat = useUnitSatisfaction(unitId, period);
  if (sat.isPending) return <Loading />;
  if (sat.isError) return <ErrorState error={sat.error} onRetry={() => void sat.refetch()} />;
  const s = sat.data;
  return (
    <div aria-busy={sat.isFetching}>
      <section className="panel" aria-labelledby="satisfaction-title">
        <h2 id="satisfaction-title">{t("unitPage.heading", { unit: s.unit_name, from: formatDate(s.from, lng), to: formatDate(s.to, lng) })}</h2>
        <Headline s={s} />
        {s.weighting === "compat_0_11" ? <p className="muted small">{t("unitPage.compat")}</p> : null}
        {s.flagged_pending > 0 ? (
          <Notice kind="info">
            {t("unitPage.flaggedPending", { count: s.flagged_pending })} <Link to={paths.flags}>{t("unitPage.flaggedLink")}</Link>
          </Notice>
        ) : null}
        {s.respondents === 0 ? (
          <Empty>{t("unitPage.empty")}</Empty>
        ) : (
          <>
            <h3>{t("elements.title")}</h3>
            <ElementsChart title={t("elements.chartTitle", { unit: s.unit_name })} elements={s.elements} />
          </>
        )}
      </section>
      <SamplePanel key={s.org_unit_id} s={s} stale={sat.isPlaceholderData} />
      <Trend unitId={unitId} unitName={s.unit_name} year={year} />
    </div>
  );
}

export function UnitPage() {
  const { t } = useTranslation("ratings");
  const { agencyId, isSuperAdmin } = useSession();
  const [get, set] = useUrlState(URL_DEFAULTS);
  const { year, part, from, to, period } = readPeriod(get);
  const unitId = get("unit") || null;
  const needsAgency = isSuperAdmin && !agencyId;
  const trendYear = period && "from" in period ? Number(period.to.slice(0, 4)) : year;
  return (
    <>
      <PageHeader title={t("unitPage.title")} subtitle={t("unitPage.subtitle")} />
      {needsAgency ? (
        <ChooseAgency />
      ) : (
        <>
          <div className="filters">
            <UnitSelect agencyId={agencyId} value={unitId} onChange={(id) => set({ unit: id ?? "" })} />
            <PeriodFilters year={year} part={part} from={from} to={to} onChange={set} />
          </div>
          {unitId === null ? (
            <Notice kind="info">{t("unitPage.pickUnit")}</Notice>
          ) : (
            <>
              {period === null ? <Notice kind="info">{t("period.invalid")}</Notice> : <UnitSatisfaction unitId={unitId} period={period} year={trendYear} />}
              <LinkSection key={unitId} unitId={unitId} />
            </>
          )}
        </>
      )}
    </>
  );
}
