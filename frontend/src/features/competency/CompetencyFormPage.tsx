// Adding or changing a technical competency: code, name, description and the five levels, each
// with its description and behavioural indicators (one per line). Errors of the API show at
// their fields, down to one level's description (`levels[2].description`).
import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session/SessionProvider";
import { TextAreaField, TextField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { PageHeader } from "../../ui/PageHeader";
import { ErrorState, Loading, Notice } from "../../ui/States";
import { LEVELS, useCompetency, useCreateCompetency, useUpdateCompetency, type Competency, type Level } from "./api";
import { paths } from "./paths";
import { ChooseAgency, useFormErrors } from "./shared";

type LevelDraft = { description: string; indicators: string };

/** Where an API field's error shows in this form (null: in the general message). */
export function placeCompetencyError(field: string): string | null {
  if (["code", "name", "description", "levels"].includes(field)) return field;
  const level = /^levels\[(\d+)\]\.(description|indicators|level)/.exec(field);
  if (!level) return null;
  if (level[2] === "level") return "levels";
  return `levels[${level[1]}].${level[2]}`;
}

function draftsOf(c: Competency | null): LevelDraft[] {
  return LEVELS.map((n) => {
    const l = c?.levels.find((x) => x.level === n);
    return { description: l?.description ?? "", indicators: (l?.indicators ?? []).join("\n") };
  });
}

function levelsOf(drafts: LevelDraft[]): Level[] {
  return drafts.map((d, i) => ({
    level: i + 1,
    description: d.description.trim(),
    indicators: d.indicators
      .split("\n")
      .map((s) => s.trim())
      .filter((s) => s !== ""),
  }));
}

const sameLevels = (a: Level[], b: Level[]) => JSON.stringify(a) === JSON.stringify(b);

function CompetencyForm({ competency }: { competency: Competency | null }) {
  const { t } = useTranslation("competency");
  const { agencyId, isSuperAdmin } = useSession();
  const navigate = useNavigate();
  const [code, setCode] = useState(competency?.code ?? "");
  const [name, setName] = useState(competency?.name ?? "");
  const [description, setDescription] = useState(competency?.description ?? "");
  const [levels, setLevels] = useState<LevelDraft[]>(() => draftsOf(competency));
  const errors = useFormErrors(placeCompetencyError);
  const create = useCreateCompetency();
  const update = useUpdateCompetency();
  const busy = create.isPending || update.isPending;
  const done = (saved: Competency) => navigate(paths.detail(saved.id), { state: { saved: true } });

  const setLevel = (i: number, patch: Partial<LevelDraft>) => setLevels((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));

  function submit(e: FormEvent) {
    e.preventDefault();
    const required: Record<string, string> = { code, name };
    levels.forEach((l, i) => (required[`levels[${i}].description`] = l.description));
    if (!errors.requireFilled(required)) return;
    const body = { code: code.trim(), name: name.trim(), description: description.trim(), levels: levelsOf(levels) };
    if (competency) {
      const patch = {
        ...(body.code !== competency.code ? { code: body.code } : {}),
        ...(body.name !== competency.name ? { name: body.name } : {}),
        ...(body.description !== competency.description ? { description: body.description } : {}),
        ...(!sameLevels(body.levels, levelsOf(draftsOf(competency))) ? { levels: body.levels } : {}),
      };
      if (Object.keys(patch).length === 0) return done(competency);
      update.mutate({ id: competency.id, patch }, { onSuccess: done, onError: errors.fail });
    } else {
      create.mutate({ ...body, ...(isSuperAdmin && agencyId ? { agency_id: agencyId } : {}) }, { onSuccess: done, onError: errors.fail });
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : null}
      <div className="form-grid">
        <TextField label={t("fields.code")} name="code" required value={code} onChange={(e) => setCode(e.target.value)} error={errors.at("code")} hint={t("form.codeHint")} maxLength={30} autoComplete="off" />
        <TextField label={t("fields.name")} name="name" required value={name} onChange={(e) => setName(e.target.value)} error={errors.at("name")} maxLength={200} />
      </div>
      <TextAreaField label={t("fields.description")} name="description" value={description} onChange={(e) => setDescription(e.target.value)} error={errors.at("description")} rows={3} />
      <fieldset className="levels-fieldset" aria-describedby={errors.at("levels") ? "levels-error" : undefined}>
        <legend>{t("detail.levels")}</legend>
        {errors.at("levels") ? (
          <p id="levels-error" className="error" role="alert">
            {errors.at("levels")}
          </p>
        ) : null}
        {levels.map((l, i) => (
          <div key={i} className="level-edit">
            <h3>{t("fields.level", { level: i + 1 })}</h3>
            <TextAreaField
              label={t("form.levelDescription", { level: i + 1 })}
              name={`levels-${i}-description`}
              required
              value={l.description}
              onChange={(e) => setLevel(i, { description: e.target.value })}
              error={errors.at(`levels[${i}].description`)}
              rows={2}
            />
            <TextAreaField
              label={t("form.levelIndicators", { level: i + 1 })}
              name={`levels-${i}-indicators`}
              value={l.indicators}
              onChange={(e) => setLevel(i, { indicators: e.target.value })}
              error={errors.at(`levels[${i}].indicators`)}
              hint={t("form.indicatorsHint")}
              rows={3}
            />
          </div>
        ))}
      </fieldset>
      <FormActions busy={busy} cancelTo={competency ? paths.detail(competency.id) : paths.dictionary} />
    </form>
  );
}

export function CompetencyFormPage({ id }: { id?: string }) {
  const { t } = useTranslation("competency");
  const { isSuperAdmin, agencyId } = useSession();
  const existing = useCompetency(id ?? null);
  if (!id) {
    return (
      <>
        <PageHeader title={t("form.createTitle")} subtitle={t("form.createSubtitle")} />
        {isSuperAdmin && !agencyId ? <ChooseAgency /> : <CompetencyForm competency={null} />}
      </>
    );
  }
  if (existing.isPending) return <Loading />;
  if (existing.isError) return <ErrorState error={existing.error} onRetry={() => void existing.refetch()} />;
  const c = existing.data;
  return (
    <>
      <PageHeader title={t("form.editTitle", { name: c.name })} />
      {c.national ? (
        <>
          <Notice kind="info">{t("detail.nationalNote")}</Notice>
          <Link to={paths.detail(c.id)}>← {t("common:actions.back")}</Link>
        </>
      ) : (
        <CompetencyForm key={c.id} competency={c} />
      )}
    </>
  );
}
