// Agencies: the provinces, regencies and cities whose records Pembina keeps. Super admins
// register and rename any; an agency admin may rename their own (name and seat).
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session/SessionProvider";
import { Button, Named } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { SelectField, TextField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { PageHeader } from "../../ui/PageHeader";
import { Pagination } from "../../ui/Pagination";
import { Empty, ErrorState, Loading, Notice } from "../../ui/States";
import { positiveInt } from "../../ui/urlParams";
import { AGENCY_KINDS, useAgencies, useCreateAgency, useUpdateAgency, type Agency, type AgencyKind } from "./api";
import { useFormErrors, useUrlState } from "./shared";

const LIST_DEFAULTS = { page: "1", per_page: "20" };

type Editing = { mode: "create" } | { mode: "edit"; agency: Agency } | null;

export function AgenciesPage() {
  const { t } = useTranslation("org");
  const { isSuperAdmin, has, me } = useSession();
  const [get, set] = useUrlState(LIST_DEFAULTS);
  const page = positiveInt(get("page")) ?? 1;
  const perPage = positiveInt(get("per_page")) ?? 20;
  const list = useAgencies({ page, perPage });
  const [editing, setEditing] = useState<Editing>(null);
  const [flash, setFlash] = useState<string | null>(null);

  const canEdit = (a: Agency) => isSuperAdmin || (has("agency_admin") && me?.agency?.id === a.id);
  const anyEditable = isSuperAdmin || has("agency_admin");

  return (
    <>
      <PageHeader
        title={t("agencies.title")}
        subtitle={t("agencies.subtitle")}
        actions={
          isSuperAdmin ? (
            <Button variant="primary" onClick={() => setEditing({ mode: "create" })}>
              {t("agencies.create")}
            </Button>
          ) : null
        }
      />
      {flash ? <Notice kind="success">{flash}</Notice> : null}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty />
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("agencies.list")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("agencies.code")}</th>
                  <th scope="col">{t("agencies.name")}</th>
                  <th scope="col">{t("agencies.kind")}</th>
                  <th scope="col">{t("agencies.seat")}</th>
                  {anyEditable ? (
                    <th scope="col">
                      <span className="visually-hidden">{t("actions")}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((a) => (
                  <tr key={a.id}>
                    <td>{a.code}</td>
                    <td>{a.name}</td>
                    <td>{t(`enums:agencyKind.${a.kind}`)}</td>
                    <td>{a.seat}</td>
                    {anyEditable ? (
                      <td>
                        {canEdit(a) ? (
                          <Button onClick={() => setEditing({ mode: "edit", agency: a })}>
                            <Named label={t("common:actions.edit")} name={a.name} />
                          </Button>
                        ) : null}
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
      <Dialog
        open={editing !== null}
        title={editing?.mode === "edit" ? t("agencies.editTitle", { name: editing.agency.name }) : t("agencies.createTitle")}
        onClose={() => setEditing(null)}
      >
        {editing ? (
          <AgencyForm
            key={editing.mode === "edit" ? editing.agency.id : "new"}
            agency={editing.mode === "edit" ? editing.agency : null}
            onDone={(saved) => {
              setEditing(null);
              setFlash(t(editing.mode === "edit" ? "agencies.saved" : "agencies.created", { name: saved.name }));
            }}
            onCancel={() => setEditing(null)}
          />
        ) : null}
      </Dialog>
    </>
  );
}

const FIELDS = ["code", "name", "kind", "seat"] as const;

function AgencyForm({ agency, onDone, onCancel }: { agency: Agency | null; onDone: (a: Agency) => void; onCancel: () => void }) {
  const { t } = useTranslation("org");
  const [code, setCode] = useState(agency?.code ?? "");
  const [name, setName] = useState(agency?.name ?? "");
  const [kind, setKind] = useState<AgencyKind | "">(agency?.kind ?? "");
  const [seat, setSeat] = useState(agency?.seat ?? "");
  const errors = useFormErrors(FIELDS);
  const create = useCreateAgency();
  const update = useUpdateAgency();
  const busy = create.isPending || update.isPending;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (agency) {
      if (!errors.requireFilled({ name, seat })) return;
      const patch = { ...(name.trim() !== agency.name ? { name: name.trim() } : {}), ...(seat.trim() !== agency.seat ? { seat: seat.trim() } : {}) };
      if (Object.keys(patch).length === 0) return onDone(agency);
      update.mutate({ id: agency.id, patch }, { onSuccess: onDone, onError: errors.fail });
    } else {
      if (!errors.requireFilled({ code, name, kind, seat }) || kind === "") return;
      create.mutate({ code: code.trim(), name: name.trim(), kind, seat: seat.trim() }, { onSuccess: onDone, onError: errors.fail });
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : null}
      <div className="form-grid">
        {agency ? (
          <dl className="props">
            <dt>{t("agencies.code")}</dt>
            <dd>{agency.code}</dd>
            <dt>{t("agencies.kind")}</dt>
            <dd>{t(`enums:agencyKind.${agency.kind}`)}</dd>
          </dl>
        ) : (
          <>
            <TextField label={t("agencies.code")} name="code" required value={code} onChange={(e) => setCode(e.target.value)} hint={t("agencies.codeHint")} error={errors.at("code")} inputMode="numeric" maxLength={4} />
            <SelectField label={t("agencies.kind")} name="kind" required value={kind} onChange={(e) => setKind(e.target.value as AgencyKind | "")} error={errors.at("kind")}>
              <option value="">{t("choose")}</option>
              {AGENCY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`enums:agencyKind.${k}`)}
                </option>
              ))}
            </SelectField>
          </>
        )}
        <TextField label={t("agencies.name")} name="name" required value={name} onChange={(e) => setName(e.target.value)} error={errors.at("name")} placeholder={t("agencies.namePlaceholder")} />
        <TextField label={t("agencies.seat")} name="seat" required value={seat} onChange={(e) => setSeat(e.target.value)} error={errors.at("seat")} />
      </div>
      <FormActions busy={busy} onCancel={onCancel} />
    </form>
  );
}
