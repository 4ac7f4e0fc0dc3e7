// Pengaturan AKPK: the default level of the national competencies for each kind of post, and the
// weights of the signals that score a training need.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import { useSession } from "../../session/SessionProvider";
import { SelectField, TextField } from "../../ui/Field";
import { Button } from "../../ui/Button";
import { PageHeader } from "../../ui/PageHeader";
import { ErrorState, Loading, Notice } from "../../ui/States";
import { LEVELS, POSTS, SIGNALS, usePutSettings, useSettings, type ManagerialDefaults, type NeedSignal, type NeedWeights, type Settings } from "./api";
import { formatShare } from "./format";
import { ChooseAgency, useFormErrors } from "./shared";

const FIELDS: readonly string[] = [...POSTS, ...SIGNALS];

export function SettingsPage() {
  const { t } = useTranslation("competency");
  const { agencyId, isSuperAdmin } = useSession();
  const needsAgency = isSuperAdmin && !agencyId;
  const settings = useSettings(agencyId, !needsAgency);
  return (
    <>
      <PageHeader title={t("settings.title")} subtitle={t("settings.subtitle")} />
      {needsAgency ? (
        <ChooseAgency />
      ) : settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <SettingsForm key={agencyId ?? ""} settings={settings.data} />
      )}
    </>
  );
}

/** The label of a post of the managerial defaults. */
function usePostLabel() {
  const { t } = useTranslation("competency");
  return (post: keyof ManagerialDefaults) => {
    if (post === "skilled") return t("settings.skilled");
    if (post.startsWith("ahli_")) return t("settings.functional", { level: t(`enums:functionalLevel.${post}`) });
    return t(`enums:positionKind.${post}`);
  };
}

function SettingsForm({ settings }: { settings: Settings }) {
  const { t, i18n } = useTranslation("competency");
  const { agencyId, isSuperAdmin } = useSession();
  const postLabel = usePostLabel();
  const [defaults, setDefaults] = useState<ManagerialDefaults>(settings.managerial_defaults);
  const [weights, setWeights] = useState<Record<NeedSignal, string>>(
    () => Object.fromEntries(SIGNALS.map((s) => [s, String(settings.need_weights[s])])) as Record<NeedSignal, string>,
  );
  const [saved, setSaved] = useState(false);
  const errors = useFormErrors((f) => (FIELDS.includes(f) ? f : null));
  const put = usePutSettings();
  const numbers = SIGNALS.map((s) => Number(weights[s].replace(",", ".")));
  const total = numbers.reduce((a, b) => a + (Number.isFinite(b) && b > 0 ? b : 0), 0);

  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const bad: Record<string, string> = {};
    SIGNALS.forEach((s, i) => {
      const v = numbers[i] ?? NaN;
      if (weights[s].trim() === "") bad[s] = "required";
      else if (!Number.isFinite(v) || v < 0 || v > 1) bad[s] = "out_of_range";
    });
    if (Object.keys(bad).length > 0) return errors.mark(bad);
    const needWeights = Object.fromEntries(SIGNALS.map((s, i) => [s, numbers[i]])) as NeedWeights;
    put.mutate(
      { managerial_defaults: defaults, need_weights: needWeights, ...(isSuperAdmin && agencyId ? { agency_id: agencyId } : {}) },
      {
        onSuccess: () => {
          errors.mark({});
          setSaved(true);
        },
        onError: errors.fail,
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      {saved ? <Notice kind="success">{t("settings.saved")}</Notice> : null}
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : null}
      <fieldset className="panel">
        <legend>{t("settings.defaultsTitle")}</legend>
        <p className="muted">{t("settings.defaultsHint")}</p>
        <div className="form-grid">
          {POSTS.map((post) => (
            <SelectField key={post} label={postLabel(post)} name={post} required value={String(defaults[post])} onChange={(e) => setDefaults((d) => ({ ...d, [post]: Number(e.target.value) }))} error={errors.at(post)}>
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {t("fields.level", { level: l })}
                </option>
              ))}
            </SelectField>
          ))}
        </div>
      </fieldset>
      <fieldset className="panel">
        <legend>{t("settings.weightsTitle")}</legend>
        <p className="muted">{t("settings.weightsHint")}</p>
        <div className="form-grid">
          {SIGNALS.map((s, i) => {
            const v = numbers[i] ?? NaN;
            const share = total > 0 && Number.isFinite(v) && v > 0 ? v / total : 0;
            return (
              <TextField
                key={s}
                label={t(`enums:needSignal.${s}`)}
                name={s}
                required
                type="number"
                inputMode="decimal"
                min={0}
                max={1}
                step={0.05}
                value={weights[s]}
                onChange={(e) => setWeights((w) => ({ ...w, [s]: e.target.value }))}
                error={errors.at(s)}
                hint={t("settings.share", { share: formatShare(share, i18n.language) })}
              />
            );
          })}
        </div>
        <p className="muted">{t("settings.total", { total: formatNumber(total, i18n.language) })}</p>
      </fieldset>
      <div className="form-actions">
        <Button type="submit" variant="primary" disabled={put.isPending}>
          {put.isPending ? t("common:actions.saving") : t("common:actions.save")}
        </Button>
      </div>
    </form>
  );
}
