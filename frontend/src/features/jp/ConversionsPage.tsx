// Konversi JP: for each of the 14 kinds of development activity, the share of its JP the agency
// credits and the most JP of that kind that count in a year. Saved whole with PUT; kinds left at
// 100 % without a cap are not sent, so they stay (or go back to) the default. Errors of the API
// (`conversions[3].credit_percent`) show at the row's field.
import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session/SessionProvider";
import { Button } from "../../ui/Button";
import { FieldMessages, describedBy } from "../../ui/Field";
import { useFormErrors } from "../../ui/formErrors";
import { PageHeader } from "../../ui/PageHeader";
import { ErrorState, Loading, Notice } from "../../ui/States";
import { usePutConversions, useConversions, type ActivityKind, type Conversion, type ConversionItem, type Conversions } from "./api";
import { hundredths, typedNumber } from "./format";
import { ChooseAgency, useOwnFieldTexts } from "./shared";

type Row = { percent: string; cap: string };

export function ConversionsPage() {
  const { t } = useTranslation("jp");
  const { agencyId, isSuperAdmin } = useSession();
  const needsAgency = isSuperAdmin && !agencyId;
  const conversions = useConversions(agencyId, !needsAgency);
  return (
    <>
      <PageHeader title={t("conversions.title")} subtitle={t("conversions.subtitle")} />
      {needsAgency ? (
        <ChooseAgency />
      ) : conversions.isPending ? (
        <Loading />
      ) : conversions.isError ? (
        <ErrorState error={conversions.error} onRetry={() => void conversions.refetch()} />
      ) : (
        <ConversionsForm key={conversions.data.agency_id} table={conversions.data} />
      )}
    </>
  );
}

const rowOf = (c: Conversion): Row => ({ percent: String(c.credit_percent), cap: c.yearly_cap_jp != null ? String(c.yearly_cap_jp) : "" });

/** Where an API field's error shows: `conversions[i].<field>` at the field of the i-th kind sent. */
export function placeConversionError(field: string, sent: ActivityKind[]): string | null {
  const m = /^conversions\[(\d+)\]\.(credit_percent|yearly_cap_jp|activity_kind)$/.exec(field);
  const kind = m ? sent[Number(m[1])] : undefined;
  if (!m || !kind) return null;
  return `${kind}.${m[2] === "yearly_cap_jp" ? "yearly_cap_jp" : "credit_percent"}`;
}

function ConversionsForm({ table }: { table: Conversions }) {
  const { t } = useTranslation("jp");
  const { agencyId, isSuperAdmin } = useSession();
  const [rows, setRows] = useState<Record<string, Row>>(() => Object.fromEntries(table.conversions.map((c) => [c.activity_kind, rowOf(c)])));
  // The kinds of the last request, in its order: `conversions[i]` of its errors is the i-th.
  const sent = useRef<ActivityKind[]>([]);
  const [saved, setSaved] = useState(false);
  const errors = useFormErrors((f) => placeConversionError(f, sent.current));
  const own = useOwnFieldTexts();
  const put = usePutConversions();

  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const marks: Record<string, string> = {};
    const items: ConversionItem[] = [];
    for (const c of table.conversions) {
      const k = c.activity_kind;
      const row = rows[k] ?? rowOf(c);
      const percent = typedNumber(row.percent);
      const cap = typedNumber(row.cap);
      if (percent === null) marks[`${k}.credit_percent`] = "required";
      else if (Number.isNaN(percent) || !Number.isInteger(percent) || percent < 1 || percent > 100) marks[`${k}.credit_percent`] = "out_of_range";
      if (cap !== null && (Number.isNaN(cap) || cap <= 0 || cap > 1000 || !hundredths(cap))) marks[`${k}.yearly_cap_jp`] = "out_of_range";
      // 100 % without a cap is the default: leaving the kind out keeps it so.
      if (percent !== null && (percent !== 100 || cap !== null)) items.push({ activity_kind: k, credit_percent: percent, yearly_cap_jp: cap });
    }
    if (!errors.mark(marks)) return;
    sent.current = items.map((i) => i.activity_kind);
    put.mutate(
      { conversions: items, ...(isSuperAdmin && agencyId ? { agency_id: agencyId } : {}) },
      {
        onSuccess: (result) => {
          setRows(Object.fromEntries(result.conversions.map((c) => [c.activity_kind, rowOf(c)])));
          setSaved(true);
        },
        onError: (err) => errors.fail(own(err)),
      },
    );
  }

  const change = (k: ActivityKind, patch: Partial<Row>) => setRows((r) => ({ ...r, [k]: { ...(r[k] ?? { percent: "", cap: "" }), ...patch } }));
  const current = put.data ?? table;
  return (
    <form onSubmit={submit} noValidate aria-label={t("conversions.title")}>
      {saved ? <Notice kind="success">{t("conversions.saved")}</Notice> : null}
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : null}
      <p className="muted">{t("conversions.hint")}</p>
      <div className="table-wrap">
        <table className="jp-conversions">
          <caption className="visually-hidden">{t("conversions.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("conversions.kind")}</th>
              <th scope="col">{t("conversions.form")}</th>
              <th scope="col">{t("conversions.percent")}</th>
              <th scope="col">{t("conversions.cap")}</th>
              <th scope="col">{t("conversions.status")}</th>
            </tr>
          </thead>
          <tbody>
            {current.conversions.map((c) => {
              const k = c.activity_kind;
              const kind = t(`enums:activityKind.${k}`);
              const row = rows[k] ?? rowOf(c);
              const percentId = `conv-${k}-percent`;
              const capId = `conv-${k}-cap`;
              const percentError = errors.at(`${k}.credit_percent`);
              const capError = errors.at(`${k}.yearly_cap_jp`);
              return (
                <tr key={k} data-kind={k}>
                  <th scope="row">{kind}</th>
                  <td>{t(`enums:developmentForm.${c.form}`)}</td>
                  <td className={percentError ? "field-invalid" : undefined}>
                    <input
                      id={percentId}
                      name={percentId}
                      type="number"
                      inputMode="numeric"
                      min={1}
                      max={100}
                      step={1}
                      required
                      aria-label={t("conversions.percentOf", { kind })}
                      aria-invalid={percentError ? true : undefined}
                      aria-describedby={describedBy(percentId, percentError)}
                      value={row.percent}
                      onChange={(e) => change(k, { percent: e.target.value })}
                    />
                    <FieldMessages id={percentId} error={percentError} />
                  </td>
                  <td className={capError ? "field-invalid" : undefined}>
                    <input
                      id={capId}
                      name={capId}
                      type="number"
                      inputMode="decimal"
                      min={0.01}
                      max={1000}
                      step={0.01}
                      placeholder={t("conversions.noCap")}
                      aria-label={t("conversions.capOf", { kind })}
                      aria-invalid={capError ? true : undefined}
                      aria-describedby={describedBy(capId, capError)}
                      value={row.cap}
                      onChange={(e) => change(k, { cap: e.target.value })}
                    />
                    <FieldMessages id={capId} error={capError} />
                  </td>
                  <td>{c.is_default ? <span className="muted">{t("conversions.default")}</span> : t("conversions.custom")}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary" disabled={put.isPending}>
          {put.isPending ? t("common:actions.saving") : t("common:actions.save")}
        </Button>
      </div>
    </form>
  );
}
