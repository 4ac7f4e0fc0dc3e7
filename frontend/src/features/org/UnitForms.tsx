// The org-unit dialogs' forms: create (top level or below a unit), edit, and move.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session/SessionProvider";
import { CheckboxField, SelectField, TextField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { Notice } from "../../ui/States";
import { UNIT_KINDS, useCreateUnit, useUpdateUnit, type Unit, type UnitKind } from "./api";
import { useFormErrors } from "./shared";
import { UnitPicker, unitLabel } from "./UnitPicker";

type Done = (u: Unit) => void;

function KindSelect({ value, onChange, error }: { value: UnitKind | ""; onChange: (k: UnitKind | "") => void; error: string | undefined }) {
  const { t } = useTranslation("org");
  return (
    <SelectField label={t("units.kind")} name="kind" required value={value} onChange={(e) => onChange(e.target.value as UnitKind | "")} error={error}>
      <option value="">{t("choose")}</option>
      {UNIT_KINDS.map((k) => (
        <option key={k} value={k}>
          {t(`enums:unitKind.${k}`)}
        </option>
      ))}
    </SelectField>
  );
}

const CREATE_FIELDS = ["code", "name", "kind", "parent_id", "agency_id"] as const;

export function UnitCreateForm({ agencyId, parent, onDone, onCancel }: { agencyId: string; parent: Unit | null; onDone: Done; onCancel: () => void }) {
  const { t } = useTranslation("org");
  const { isSuperAdmin } = useSession();
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [kind, setKind] = useState<UnitKind | "">("");
  const [parentId, setParentId] = useState<string | null>(parent?.id ?? null);
  const errors = useFormErrors(CREATE_FIELDS);
  const create = useCreateUnit();

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!errors.requireFilled({ code, name, kind }) || kind === "") return;
    create.mutate(
      // Agency admins always create in their own agency; super admins name it.
      { code: code.trim(), name: name.trim(), kind, parent_id: parentId, ...(isSuperAdmin ? { agency_id: agencyId } : {}) },
      { onSuccess: onDone, onError: errors.fail },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : null}
      <div className="form-grid">
        <TextField label={t("units.code")} name="code" required value={code} onChange={(e) => setCode(e.target.value)} error={errors.at("code")} hint={t("units.codeHint")} maxLength={30} autoComplete="off" />
        <TextField label={t("units.name")} name="name" required value={name} onChange={(e) => setName(e.target.value)} error={errors.at("name")} />
        <KindSelect value={kind} onChange={setKind} error={errors.at("kind")} />
      </div>
      <UnitPicker agencyId={agencyId} name="parent_id" label={t("units.parent")} noneLabel={t("units.topLevel")} value={parentId} onChange={setParentId} error={errors.at("parent_id") ?? errors.at("agency_id")} />
      <FormActions busy={create.isPending} onCancel={onCancel} />
    </form>
  );
}

const EDIT_FIELDS = ["code", "name", "kind", "active"] as const;

export function UnitEditForm({ unit, onDone, onCancel }: { unit: Unit; onDone: Done; onCancel: () => void }) {
  const { t } = useTranslation("org");
  const [code, setCode] = useState(unit.code);
  const [name, setName] = useState(unit.name);
  const [kind, setKind] = useState<UnitKind | "">(unit.kind);
  const [active, setActive] = useState(unit.active);
  const errors = useFormErrors(EDIT_FIELDS);
  const update = useUpdateUnit();

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!errors.requireFilled({ code, name, kind }) || kind === "") return;
    // Only what changed is sent: absent fields keep their value.
    const patch = {
      ...(code.trim() !== unit.code ? { code: code.trim() } : {}),
      ...(name.trim() !== unit.name ? { name: name.trim() } : {}),
      ...(kind !== unit.kind ? { kind } : {}),
      ...(active !== unit.active ? { active } : {}),
    };
    if (Object.keys(patch).length === 0) return onDone(unit);
    update.mutate({ id: unit.id, patch }, { onSuccess: onDone, onError: errors.fail });
  }

  return (
    <form onSubmit={submit} noValidate>
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : null}
      <div className="form-grid">
        <TextField label={t("units.code")} name="code" required value={code} onChange={(e) => setCode(e.target.value)} error={errors.at("code")} hint={t("units.codeHint")} maxLength={30} autoComplete="off" />
        <TextField label={t("units.name")} name="name" required value={name} onChange={(e) => setName(e.target.value)} error={errors.at("name")} />
        <KindSelect value={kind} onChange={setKind} error={errors.at("kind")} />
      </div>
      <CheckboxField label={t("units.activeLabel")} name="active" checked={active} onChange={(e) => setActive(e.target.checked)} hint={t("units.activeHint")} error={errors.at("active")} />
      <FormActions busy={update.isPending} onCancel={onCancel} />
    </form>
  );
}

const MOVE_FIELDS = ["parent_id"] as const;

export function UnitMoveForm({ unit, onDone, onCancel }: { unit: Unit; onDone: Done; onCancel: () => void }) {
  const { t } = useTranslation("org");
  const [parentId, setParentId] = useState<string | null>(unit.parent_id ?? null);
  const errors = useFormErrors(MOVE_FIELDS);
  const update = useUpdateUnit();

  function submit(e: FormEvent) {
    e.preventDefault();
    if (parentId === (unit.parent_id ?? null)) return onDone(unit);
    update.mutate({ id: unit.id, patch: { parent_id: parentId } }, { onSuccess: onDone, onError: errors.fail });
  }

  return (
    <form onSubmit={submit} noValidate>
      <p>{t("units.moveIntro", { name: unitLabel(unit) })}</p>
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : null}
      <UnitPicker
        agencyId={unit.agency_id}
        name="parent_id"
        label={t("units.newParent")}
        noneLabel={t("units.topLevel")}
        value={parentId}
        onChange={(id) => {
          errors.clear();
          setParentId(id);
        }}
        exclude={unit.id}
        error={errors.at("parent_id")}
      />
      <FormActions busy={update.isPending} onCancel={onCancel} submitLabel={t("units.moveSubmit")} />
    </form>
  );
}
