// Riwayat Predikat: an employee's yearly ratings, newest first — the predikat, the two ratings it
// comes from (Di Atas / Sesuai / Di Bawah Ekspektasi), the months it covers, where it came from (a
// plan finalised in Pembina, linked, or an import) and, for a functional post, the year's credit.
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import { Named } from "../../ui/Button";
import { Empty } from "../../ui/States";
import type { AppraisalRating, FunctionalCredit, Rating } from "./api";
import { formatCredit } from "./format";
import { paths } from "./paths";
import { PredikatBadge } from "./shared";

function RatingText({ rating }: { rating: Rating | null | undefined }) {
  const { t } = useTranslation("appraisal");
  return <>{rating ? t(`rating.${rating}`) : "—"}</>;
}

function Credit({ credit }: { credit: FunctionalCredit }) {
  const { t, i18n } = useTranslation("appraisal");
  const lng = i18n.language;
  return (
    <>
      <strong>{formatCredit(credit.amount, lng)}</strong>
      <br />
      <span className="muted small credit">
        {t("history.creditDetail", { coefficient: formatCredit(credit.coefficient, lng), percent: formatNumber(credit.percent, lng), months: formatNumber(credit.months, lng) })}
      </span>
    </>
  );
}

export function RatingHistory({ ratings }: { ratings: AppraisalRating[] }) {
  const { t, i18n } = useTranslation("appraisal");
  const lng = i18n.language;
  if (ratings.length === 0) return <Empty>{t("history.empty")}</Empty>;
  const rows = [...ratings].sort((a, b) => b.year - a.year);
  const credits = rows.some((r) => r.credit);
  return (
    <>
      <div className="table-wrap">
        <table className="rating-history">
          <caption className="visually-hidden">{t("history.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("history.year")}</th>
              <th scope="col">{t("history.predikat")}</th>
              <th scope="col">{t("history.results")}</th>
              <th scope="col">{t("history.behaviour")}</th>
              <th scope="col">{t("history.months")}</th>
              <th scope="col">{t("history.source")}</th>
              {credits ? <th scope="col">{t("history.credit")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.year}-${r.source}-${r.plan_id ?? ""}`} data-year={r.year}>
                <th scope="row">{r.year}</th>
                <td>
                  <PredikatBadge predikat={r.predikat} />
                </td>
                <td>
                  <RatingText rating={r.results_rating} />
                </td>
                <td>
                  <RatingText rating={r.behaviour_rating} />
                </td>
                <td>{t("history.monthsN", { n: formatNumber(r.months, lng) })}</td>
                <td>
                  {r.source === "skp" && r.plan_id ? (
                    <Link to={paths.plan(r.plan_id)}>
                      <Named label={t("source.skp")} name={t("history.planOf", { year: r.year })} />
                    </Link>
                  ) : (
                    t(`source.${r.source}`)
                  )}
                </td>
                {credits ? <td className="num">{r.credit ? <Credit credit={r.credit} /> : "—"}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {credits ? <p className="hint">{t("history.creditNote")}</p> : null}
    </>
  );
}
