// Distribusi Predikat: how a unit's staff (with the units below it) were rated in a year — the
// five predikat as bars with counts and shares, where the ratings came from and how many plans
// are not final yet — and the unit's organisational result, which administrators set here and
// against which the distribution curve is read. Departures from the curve are warnings: they
// never block a rating.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import { useSession } from "../../session/SessionProvider";
import { Button } from "../../ui/Button";
import { SelectField } from "../../ui/Field";
import { useUrlState } from "../../ui/formErrors";
import { PageHeader } from "../../ui/PageHeader";
import { Empty, ErrorState, Loading, Notice } from "../../ui/States";
import { useProblemText } from "../../ui/problemText";
import { positiveInt } from "../../ui/urlParams";
import { UNIT_RESULTS, useDistribution, usePutUnitResult, type Distribution, type UnitResult } from "./api";
import { currentYear } from "./format";
import { PredikatChart } from "./PredikatChart";
import { ChooseAgency, UnitSelect, YearSelect } from "./shared";

const URL_DEFAULTS = { year: "", unit: "" };

/** The headline numbers: staff rated, where their ratings came from, and the plans not counted yet. */
function Counts({ d }: { d: Distribution }) {
  const { t, i18n } = useTranslation("appraisal");
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <div className="cards" data-testid="appraisal-counts">
      <div className="card">
        <span className="card-label">{t("distribution.total")}</span>
        <span className="card-value">{n(d.total)}</span>
      </div>
      <div className="card">
        <span className="card-label">{t("distribution.fromPlans")}</span>
        <span className="card-value">{n(d.from_plans)}</span>
      </div>
      <div className="card">
        <span className="card-label">{t("distribution.imported")}</span>
        <span className="card-value">{n(d.imported)}</span>
      </div>
      <div className="card">
        <span className="card-label">{t("distribution.notFinal")}</span>
        <span className="card-value">{n(d.plans_not_final)}</span>
        <span className="muted small">{t("distribution.notFinalHint")}</span>
      </div>
    </div>
  );
}

/** The distribution read against the curve of the unit's result: its warnings, never a block. */
function CurveReading({ d }: { d: Distribution }) {
  const { t } = useTranslation("appraisal");
  const result = d.unit_result ?? null;
  return (
    <>
      {result === null ? (
        <p>{t("result.unset")}</p>
      ) : (
        <>
          <p>
            {t("result.curveFor", { result: t(`unitResult.${result}`) })} {t(`curve.${result}`)}
          </p>
          {d.total === 0 ? null : d.warnings.length > 0 ? (
            <div className="notice notice-info curve-warnings" role="status" aria-labelledby="curve-warnings-title">
              <h3 id="curve-warnings-title">
                <span aria-hidden="true">⚠ </span>
                {t("result.warningsTitle")}
              </h3>
              <ul>
                {d.warnings.map((w) => (
                  <li key={w.code} data-code={w.code}>
                    {t(`warning.${result}.${w.code}`, { defaultValue: w.message })}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <Notice kind="success">{t("result.noWarnings")}</Notice>
          )}
        </>
      )}
      <p className="hint">{t("result.neverBlocks")}</p>
    </>
  );
}

/**
 * The unit's organisational result for the year: shown, set (PUT), and the curve it implies.
 * `stale` while another unit or year is loading, so nothing is set on the one still shown.
 */
function ResultPanel({ d, stale }: { d: Distribution; stale: boolean }) {
  const { t } = useTranslation("appraisal");
  const text = useProblemText();
  const put = usePutUnitResult();
  const [choice, setChoice] = useState<UnitResult | "">(d.unit_result ?? "");
  const [saved, setSaved] = useState<UnitResult | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!choice) return;
    setSaved(null);
    put.mutate({ unitId: d.org_unit_id, year: d.year, result: choice }, { onSuccess: (r) => setSaved(r.result) });
  };
  return (
    <section className="panel" aria-labelledby="unit-result-title">
      <h2 id="unit-result-title">{t("result.title")}</h2>
      <p className="muted">{t("result.intro")}</p>
      <form className="filters" onSubmit={submit}>
        <SelectField
          label={t("result.label", { year: d.year })}
          name="unit_result"
          value={choice}
          onChange={(e) => {
            setChoice(e.target.value as UnitResult | "");
            setSaved(null);
            put.reset();
          }}
          optionalMarker={false}
        >
          {d.unit_result ? null : <option value="">{t("result.none")}</option>}
          {UNIT_RESULTS.map((r) => (
            <option key={r} value={r}>
              {t(`unitResult.${r}`)}
            </option>
          ))}
        </SelectField>
        <Button type="submit" variant="primary" disabled={put.isPending || stale || !choice}>
          {put.isPending ? t("result.saving") : t("result.save")}
        </Button>
      </form>
      <div aria-live="polite">{saved ? <Notice kind="success">{t("result.saved", { year: d.year, result: t(`unitResult.${saved}`) })}</Notice> : null}</div>
      {put.isError ? <Notice kind="error">{text.problem(put.error)}</Notice> : null}
      <CurveReading d={d} />
    </section>
  );
}

function UnitDistribution({ unitId, year }: { unitId: string; year: number }) {
  const { t } = useTranslation("appraisal");
  const dist = useDistribution(unitId, year);
  if (dist.isPending) return <Loading />;
  if (dist.isError) return <ErrorState error={dist.error} onRetry={() => void dist.refetch()} />;
  const d = dist.data;
  const heading = t("distribution.heading", { unit: d.unit_name, year: d.year });
  return (
    <div aria-busy={dist.isFetching}>
      <section className="panel" aria-labelledby="distribution-title">
        <h2 id="distribution-title">{heading}</h2>
        <p className="muted small">{t("distribution.scope")}</p>
        <Counts d={d} />
        {d.total === 0 ? (
          <Empty>{t("distribution.empty", { year: d.year })}</Empty>
        ) : (
          <PredikatChart title={t("distribution.chartTitle", { unit: d.unit_name, year: d.year })} counts={d.counts} shares={d.shares} total={d.total} />
        )}
      </section>
      <ResultPanel key={`${d.org_unit_id}-${d.year}`} d={d} stale={dist.isPlaceholderData} />
    </div>
  );
}

export function DistributionPage() {
  const { t } = useTranslation("appraisal");
  const { agencyId, isSuperAdmin } = useSession();
  const [get, set] = useUrlState(URL_DEFAULTS);
  const year = positiveInt(get("year")) ?? currentYear();
  const unitId = get("unit") || null;
  const needsAgency = isSuperAdmin && !agencyId;
  return (
    <>
      <PageHeader title={t("distribution.title")} subtitle={t("distribution.subtitle")} />
      {needsAgency ? (
        <ChooseAgency />
      ) : (
        <>
          <div className="filters">
            <UnitSelect agencyId={agencyId} value={unitId} onChange={(id) => set({ unit: id ?? "" })} />
            <YearSelect year={year} onChange={(y) => set({ year: y === currentYear() ? "" : String(y) })} />
          </div>
          {unitId === null ? <Notice kind="info">{t("distribution.pickUnit")}</Notice> : <UnitDistribution unitId={unitId} year={year} />}
        </>
      )}
    </>
  );
}
