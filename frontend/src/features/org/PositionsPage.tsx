// Positions (jabatan): a paged, searchable, sortable list; admins add and change them.
import { useCallback, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session/SessionProvider";
import { ActiveBadge } from "../../ui/Badge";
import { Button, Named } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { CheckboxField, SelectField, TextField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { useSearchBox } from "../../ui/hooks";
import { PageHeader } from "../../ui/PageHeader";
import { Pagination } from "../../ui/Pagination";
import { SortHeader } from "../../ui/SortHeader";
import { Empty, ErrorState, Loading, Notice } from "../../ui/States";
import { positiveInt } from "../../ui/urlParams";
import { FUNCTIONAL_LEVELS, POSITION_KINDS, useCreatePosition, usePositions, useUpdatePosition, type FunctionalLevel, type Position, type PositionKind, type PositionSort } from "./api";
import { AgencySelect, useFormErrors, useUrlState } from "./shared";
import { UnitPicker } from "./UnitPicker";

const URL_DEFAULTS = { q: "", kind: "", active: "", sort: "title", page: "1", per_page: "20" };
const SORTS: readonly PositionSort[] = ["code", "-code", "title", "-title"];

const isKind = (v: string): v is PositionKind => (POSITION_KINDS as readonly string[]).includes(v);

type Editing = { mode: "create" } | { mode: "edit"; position: Position } | null;

export function PositionsPage() {
  const { t } = useTranslation("org");
  const { agencyId, isAdmin } = useSession();
  const [get, set] = useUrlState(URL_DEFAULTS);
  const q = get("q");
  // A new search starts at its first page.
  const [search, setSearch] = useSearchBox(q, useCallback((next: string) => set({ q: next, page: "1" }), [set]));
  const kind = get("kind");
  const active = get("active");
  const sort = SORTS.find((s) => s === get("sort")) ?? "title";
  const page = positiveInt(get("page")) ?? 1;
  const perPage = positiveInt(get("per_page")) ?? 20;
  const [editing, setEditing] = useState<Editing>(null);
  const [flash, setFlash] = useState<string | null>(null);

  const list = usePositions({
    agencyId,
    q,
    kind: isKind(kind) ? kind : null,
    active: active === "true" ? true : active === "false" ? false : null,
    sort,
    page,
    perPage,
  });
  const filtered = q !== "" || kind !== "" || active !== "";

  return (
    <>
      <PageHeader
        title={t("positions.title")}
        subtitle={t("positions.subtitle")}
        actions={
          isAdmin ? (
            <Button variant="primary" onClick={() => setEditing({ mode: "create" })}>
              {t("positions.create")}
            </Button>
          ) : null
        }
      />
      {flash ? <Notice kind="success">{flash}</Notice> : null}
      <div className="filters" role="search">
        <TextField label={t("positions.search")} name="q" type="search" value={search} onChange={(e) => setSearch(e.target.value)} hint={t("positions.searchHint")} autoComplete="off" optionalMarker={false} />
        <SelectField label={t("positions.kind")} name="kind" value={kind} onChange={(e) => set({ kind: e.target.value, page: "1" })} optionalMarker={false}>
          <option value="">{t("positions.allKinds")}</option>
          {POSITION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`enums:positionKind.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("positions.status")} name="active" value={active} onChange={(e) => set({ active: e.target.value, page: "1" })} optionalMarker={false}>
          <option value="">{t("common:all")}</option>
          <option value="true">{t("common:active")}</option>
          <option value="false">{t("common:inactive")}</option>
        </SelectField>
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty>{filtered ? t("common:states.noResults") : t("positions.empty")}</Empty>
      ) : (
        <>
          <div className="table-wrap" aria-busy={list.isFetching}>
            <table>
              <caption className="visually-hidden">{t("positions.list")}</caption>
              <thead>
                <tr>
                  <SortHeader label={t("positions.code")} sortKey="code" sort={sort} onSort={(s) => set({ sort: s, page: "1" })} />
                  <SortHeader label={t("positions.name")} sortKey="title" sort={sort} onSort={(s) => set({ sort: s, page: "1" })} />
                  <th scope="col">{t("positions.kind")}</th>
                  <th scope="col">{t("positions.level")}</th>
                  <th scope="col">{t("positions.status")}</th>
                  {isAdmin ? (
                    <th scope="col">
                      <span className="visually-hidden">{t("actions")}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((p) => (
                  <tr key={p.id}>
                    <td>{p.code}</td>
                    <td>{p.title}</td>
                    <td>{t(`enums:positionKind.${p.kind}`)}</td>
                    <td>{p.functional_level ? t(`enums:functionalLevel.${p.functional_level}`) : "—"}</td>
                    <td>
                      <ActiveBadge active={p.active} />
                    </td>
                    {isAdmin ? (
                      <td>
                        <Button onClick={() => setEditing({ mode: "edit", position: p })}>
                          <Named label={t("common:actions.edit")} name={p.title} />
                        </Button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={page} perPage={perPage} total={list.data.total} onPage={(p) => set({ page: String(p) })} onPerPage={(n) => set({ per_page: String(n), page: "1" })} />
        </>
      )}
      <Dialog open={editing !== null} title={editing?.mode === "edit" ? t("positions.editTitle", { name: editing.position.title }) : t("positions.createTitle")} onClose={() => setEditing(null)}>
        {editing ? (
          <PositionForm
            key={editing.mode === "edit" ? editing.position.id : "new"}
            position={editing.mode === "edit" ? editing.position : null}
            onDone={(saved) => {
              setEditing(null);
              setFlash(t(editing.mode === "edit" ? "positions.saved" : "positions.created", { name: saved.title }));
            }}
            onCancel={() => setEditing(null)}
          />
        ) : null}
      </Dialog>
    </>
  );
}

const FIELDS = ["agency_id", "code", "title", "kind", "functional_level", "org_unit_id", "active"] as const;

function PositionForm({ position, onDone, onCancel }: { position: Position | null; onDone: (p: Position) => void; onCancel: () => void }) {
  const { t } = useTranslation("org");
  const session = useSession();
  // Super admins viewing all agencies say which agency a new position belongs to.
  const askAgency = position === null && session.isSuperAdmin && session.agencyId === null;
  const [agencyId, setAgencyId] = useState<string | null>(position?.agency_id ?? session.agencyId);
  const [code, setCode] = useState(position?.code ?? "");
  const [title, setTitle] = useState(position?.title ?? "");
  const [kind, setKind] = useState<PositionKind | "">(position?.kind ?? "");
  const [level, setLevel] = useState<FunctionalLevel | "">(position?.functional_level ?? "");
  const [unitId, setUnitId] = useState<string | null>(position?.org_unit_id ?? null);
  const [active, setActive] = useState(position?.active ?? true);
  const errors = useFormErrors(FIELDS);
  const create = useCreatePosition();
  const update = useUpdatePosition();
  const busy = create.isPending || update.isPending;
  const functional = kind === "fungsional";

  function submit(e: FormEvent) {
    e.preventDefault();
    const required = { code, title, kind, ...(functional ? { functional_level: level } : {}), ...(askAgency ? { agency_id: agencyId } : {}) };
    if (!errors.requireFilled(required) || kind === "") return;
    // Only functional positions have a level.
    const functionalLevel = functional && level !== "" ? level : null;
    if (position) {
      const patch = {
        ...(code.trim() !== position.code ? { code: code.trim() } : {}),
        ...(title.trim() !== position.title ? { title: title.trim() } : {}),
        ...(kind !== position.kind ? { kind } : {}),
        ...(functionalLevel !== (position.functional_level ?? null) ? { functional_level: functionalLevel } : {}),
        ...(unitId !== (position.org_unit_id ?? null) ? { org_unit_id: unitId } : {}),
        ...(active !== position.active ? { active } : {}),
      };
      if (Object.keys(patch).length === 0) return onDone(position);
      update.mutate({ id: position.id, patch }, { onSuccess: onDone, onError: errors.fail });
    } else {
      create.mutate(
        {
          code: code.trim(),
          title: title.trim(),
          kind,
          functional_level: functionalLevel,
          org_unit_id: unitId,
          ...(session.isSuperAdmin && agencyId ? { agency_id: agencyId } : {}),
        },
        { onSuccess: onDone, onError: errors.fail },
      );
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : null}
      {askAgency ? (
        <AgencySelect
          value={agencyId}
          onChange={(id) => {
            setAgencyId(id);
            setUnitId(null);
          }}
          error={errors.at("agency_id")}
          required
        />
      ) : null}
      <div className="form-grid">
        <TextField label={t("positions.code")} name="code" required value={code} onChange={(e) => setCode(e.target.value)} error={errors.at("code")} hint={t("positions.codeHint")} maxLength={30} autoComplete="off" />
        <TextField label={t("positions.name")} name="title" required value={title} onChange={(e) => setTitle(e.target.value)} error={errors.at("title")} />
        <SelectField label={t("positions.kind")} name="kind" required value={kind} onChange={(e) => setKind(e.target.value as PositionKind | "")} error={errors.at("kind")}>
          <option value="">{t("choose")}</option>
          {POSITION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`enums:positionKind.${k}`)}
            </option>
          ))}
        </SelectField>
        {functional ? (
          <SelectField label={t("positions.level")} name="functional_level" required value={level} onChange={(e) => setLevel(e.target.value as FunctionalLevel | "")} error={errors.at("functional_level")}>
            <option value="">{t("choose")}</option>
            {FUNCTIONAL_LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`enums:functionalLevel.${l}`)}
              </option>
            ))}
          </SelectField>
        ) : null}
      </div>
      <UnitPicker agencyId={agencyId} name="org_unit_id" label={t("positions.unit")} noneLabel={t("positions.noUnit")} value={unitId} onChange={setUnitId} error={errors.at("org_unit_id")} />
      {position ? <CheckboxField label={t("positions.activeLabel")} name="active" checked={active} onChange={(e) => setActive(e.target.checked)} error={errors.at("active")} /> : null}
      <FormActions busy={busy} onCancel={onCancel} />
    </form>
  );
}
