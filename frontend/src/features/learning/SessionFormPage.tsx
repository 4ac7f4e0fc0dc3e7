// A session (angkatan) of a programme, new or changed: its name, how it is delivered (in a
// classroom, online, or self-paced e-learning), its dates, place or online link, trainers,
// capacity and whether employees may register themselves.
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useSession as useSignedIn } from "../../session/SessionProvider";
import { CheckboxField, FieldMessages, SelectField, TextAreaField, TextField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { PageHeader } from "../../ui/PageHeader";
import { ErrorState, Loading, Notice } from "../../ui/States";
import { DELIVERIES, useProgrammeOptions, useSaveSession, useSession, type Delivery, type Programme, type Session, type SessionRequest } from "./api";
import { paths } from "./paths";
import { ChooseAgency, useFormErrors } from "./shared";

const FIELDS = ["programme_id", "name", "delivery", "start_date", "end_date", "place", "online_url", "trainers", "capacity", "self_registration"];

export const placeSessionError = (field: string): string | null => (FIELDS.includes(field) ? field : /^trainers\[\d+\]$/.test(field) ? "trainers" : null);

type Values = {
  programmeId: string;
  name: string;
  delivery: Delivery;
  start: string;
  end: string;
  place: string;
  onlineUrl: string;
  trainers: string;
  capacity: string;
  selfRegistration: boolean;
};

/** The request body: trainers one per line, blanks left out; what the delivery does not use sent as null. */
export function sessionBody(v: Values, creating: boolean): SessionRequest {
  return {
    ...(creating ? { programme_id: v.programmeId } : {}),
    name: v.name.trim(),
    delivery: v.delivery,
    start_date: v.start || null,
    end_date: v.end || null,
    place: v.delivery === "classroom" ? v.place.trim() || null : null,
    online_url: v.delivery === "online" ? v.onlineUrl.trim() || null : null,
    trainers: v.trainers
      .split("\n")
      .map((s) => s.trim())
      .filter(Boolean),
    capacity: v.capacity.trim() ? Number(v.capacity) : null,
    self_registration: v.selfRegistration,
  };
}

function check(v: Values, creating: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  if (creating && !v.programmeId) out.programme_id = "required";
  if (!v.name.trim()) out.name = "required";
  if (v.delivery !== "e_learning") {
    if (!v.start) out.start_date = "required";
    if (!v.end) out.end_date = "required";
  }
  if (v.start && v.end && v.end < v.start) out.end_date = "before_start";
  if (v.delivery === "classroom" && !v.place.trim()) out.place = "required";
  if (v.delivery === "online" && !v.onlineUrl.trim()) out.online_url = "required";
  const cap = Number(v.capacity);
  if (v.capacity.trim() && (!Number.isInteger(cap) || cap < 1 || cap > 100000)) out.capacity = "out_of_range";
  return out;
}

function SessionForm({ session, programmes, programmeId }: { session: Session | null; programmes: Programme[]; programmeId: string }) {
  const { t } = useTranslation("learning");
  const navigate = useNavigate();
  const [v, setV] = useState<Values>(() => ({
    programmeId: session?.programme_id ?? programmeId,
    name: session?.name ?? "",
    delivery: session?.delivery ?? "classroom",
    start: session?.start_date ?? "",
    end: session?.end_date ?? "",
    place: session?.place ?? "",
    onlineUrl: session?.online_url ?? "",
    trainers: (session?.trainers ?? []).join("\n"),
    capacity: session?.capacity != null ? String(session.capacity) : "",
    selfRegistration: session?.self_registration ?? false,
  }));
  const set = (patch: Partial<Values>) => setV((old) => ({ ...old, ...patch }));
  const errors = useFormErrors(placeSessionError);
  const save = useSaveSession();
  const creating = session === null;
  const deliveryName = "delivery";
  const deliveryError = errors.at("delivery");

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!errors.mark(check(v, creating))) return;
    save.mutate({ id: session?.id ?? null, b: sessionBody(v, creating) }, { onSuccess: (saved) => navigate(paths.session(saved.id), { state: { saved: true } }), onError: errors.fail });
  }

  // Only programmes that take sessions are offered: not archived (the one already chosen stays).
  const offered = programmes.filter((p) => p.status !== "archived" || p.id === v.programmeId);
  return (
    <form onSubmit={submit} noValidate aria-label={creating ? t("sessionForm.createTitle") : t("sessionForm.editTitle", { name: session.name })}>
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : errors.any ? <Notice kind="error">{t("common:form.fixErrors")}</Notice> : null}
      {creating ? (
        <SelectField label={t("sessionFields.programme")} name="programme_id" required value={v.programmeId} onChange={(e) => set({ programmeId: e.target.value })} error={errors.at("programme_id")} hint={t("sessionForm.programmeHint")}>
          <option value="">{t("sessionForm.chooseProgramme")}</option>
          {offered.map((p) => (
            <option key={p.id} value={p.id}>
              {`${p.code} · ${p.title}${p.status === "draft" ? ` (${t("enums:programmeStatus.draft")})` : ""}`}
            </option>
          ))}
        </SelectField>
      ) : (
        <p>
          <strong>{t("sessionFields.programme")}:</strong> {session.programme_title}
        </p>
      )}
      <TextField label={t("sessionFields.name")} name="name" required value={v.name} onChange={(e) => set({ name: e.target.value })} error={errors.at("name")} maxLength={200} placeholder={t("sessionForm.namePlaceholder")} />
      <fieldset className="panel audience" aria-describedby={deliveryError ? `${deliveryName}-error` : undefined}>
        <legend>{t("sessionFields.delivery")}</legend>
        <FieldMessages id={deliveryName} error={deliveryError} />
        {DELIVERIES.map((d) => (
          <div key={d} className="choice">
            <label className="inline">
              <input type="radio" name={deliveryName} value={d} checked={v.delivery === d} onChange={() => set({ delivery: d })} aria-describedby={`delivery-${d}-hint`} />
              {t(`enums:delivery.${d}`)}
            </label>
            <p id={`delivery-${d}-hint`} className="hint">
              {t(`sessionForm.deliveryHint.${d}`)}
            </p>
          </div>
        ))}
      </fieldset>
      <div className="form-grid">
        <TextField label={t("sessionFields.start")} name="start_date" type="date" required={v.delivery !== "e_learning"} value={v.start} onChange={(e) => set({ start: e.target.value })} error={errors.at("start_date")} />
        <TextField label={t("sessionFields.end")} name="end_date" type="date" required={v.delivery !== "e_learning"} value={v.end} onChange={(e) => set({ end: e.target.value })} error={errors.at("end_date")} hint={v.delivery === "e_learning" ? t("sessionForm.openEndedHint") : undefined} />
      </div>
      {v.delivery === "classroom" ? (
        <TextField label={t("sessionFields.place")} name="place" required value={v.place} onChange={(e) => set({ place: e.target.value })} error={errors.at("place")} maxLength={300} />
      ) : v.delivery === "online" ? (
        <TextField label={t("sessionFields.onlineUrl")} name="online_url" type="url" inputMode="url" required value={v.onlineUrl} onChange={(e) => set({ onlineUrl: e.target.value })} error={errors.at("online_url")} placeholder="https://" />
      ) : null}
      <TextAreaField label={t("sessionFields.trainers")} name="trainers" rows={3} value={v.trainers} onChange={(e) => set({ trainers: e.target.value })} error={errors.at("trainers")} hint={t("sessionForm.trainersHint")} />
      <div className="form-grid">
        <TextField
          label={t("sessionFields.capacity")}
          name="capacity"
          type="number"
          inputMode="numeric"
          min={1}
          value={v.capacity}
          onChange={(e) => set({ capacity: e.target.value })}
          error={errors.at("capacity")}
          hint={t("sessionForm.capacityHint")}
        />
      </div>
      <CheckboxField label={t("sessionFields.selfRegistration")} name="self_registration" checked={v.selfRegistration} onChange={(e) => set({ selfRegistration: e.target.checked })} hint={t("sessionForm.selfRegistrationHint")} error={errors.at("self_registration")} />
      <FormActions busy={save.isPending} cancelTo={session ? paths.session(session.id) : paths.sessions} submitLabel={creating ? t("sessionForm.create") : t("common:actions.save")} />
    </form>
  );
}

export function SessionFormPage({ id }: { id?: string }) {
  const { t } = useTranslation("learning");
  const { agencyId, isSuperAdmin } = useSignedIn();
  const [params] = useSearchParams();
  const existing = useSession(id ?? null);
  const needsAgency = !id && isSuperAdmin && !agencyId;
  const programmes = useProgrammeOptions(agencyId, !id && !needsAgency);
  const back = (
    <p>
      <Link to={id ? paths.session(id) : paths.sessions}>← {id ? t("sessionForm.backToSession") : t("sessionForm.back")}</Link>
    </p>
  );
  if (!id) {
    return (
      <>
        {back}
        <PageHeader title={t("sessionForm.createTitle")} subtitle={t("sessionForm.subtitle")} />
        {needsAgency ? (
          <ChooseAgency />
        ) : programmes.isPending ? (
          <Loading />
        ) : programmes.isError ? (
          <ErrorState error={programmes.error} onRetry={() => void programmes.refetch()} />
        ) : (
          <SessionForm session={null} programmes={programmes.data} programmeId={params.get("programme_id") ?? ""} />
        )}
      </>
    );
  }
  if (existing.isPending) return <Loading />;
  if (existing.isError) return <ErrorState error={existing.error} onRetry={() => void existing.refetch()} />;
  return (
    <>
      {back}
      <PageHeader title={t("sessionForm.editTitle", { name: existing.data.name })} subtitle={existing.data.programme_title} />
      <SessionForm session={existing.data} programmes={[]} programmeId={existing.data.programme_id} />
    </>
  );
}
