// Daftarkan ke angkatan: enrols a training need's staff below standard in a session (angkatan)
// still running or to come — by default of the published programmes aimed at the need's
// competency — with the source `training_needs`. Places go first, then the waiting list; staff
// already in the session stay as they are. Afterwards it says how many were enrolled, waitlisted
// or already in.
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../i18n/format";
import { useSession } from "../../session/SessionProvider";
import { Button } from "../../ui/Button";
import { CheckboxField, FieldMessages, SelectField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { ErrorState, Loading, Notice } from "../../ui/States";
import { useEnrolFromNeeds, useSessionChoices, type EnrolResult, type Session, type TrainingNeed } from "./api";
import { paths } from "./paths";
import { useFormErrors } from "./shared";

/** How many of an enrolment's results were enrolled, waitlisted, or already in the session. */
export function countResults(results: EnrolResult[]) {
  return {
    enrolled: results.filter((r) => r.added && r.status === "enrolled").length,
    waitlisted: results.filter((r) => r.added && r.status === "waitlisted").length,
    already: results.filter((r) => !r.added).length,
  };
}

/** Where an API field's error shows: one participant (`employee_ids[1]`), the list, or the session. */
function placeEnrolError(field: string, sent: string[]): string | null {
  if (field === "employee_ids") return field;
  const m = /^employee_ids\[(\d+)\]$/.exec(field);
  if (!m) return null;
  const id = sent[Number(m[1])];
  return id ? `employee:${id}` : "employee_ids";
}

function useSessionLabel() {
  const { t, i18n } = useTranslation("competency");
  const lng = i18n.language;
  return (s: Session) => {
    const dates = s.start_date ? (s.end_date && s.end_date !== s.start_date ? `${formatDate(s.start_date, lng)} – ${formatDate(s.end_date, lng)}` : formatDate(s.start_date, lng)) : null;
    const seats = s.capacity != null ? t("enrol.seats", { enrolled: s.enrolled, capacity: s.capacity }) : t("enrol.seatsOpen", { enrolled: s.enrolled });
    const waiting = s.waitlisted > 0 ? `, ${t("enrol.waiting", { n: s.waitlisted })}` : "";
    return `${s.programme_title} — ${s.name} (${dates ? `${dates}; ` : ""}${seats}${waiting})`;
  };
}

type Props = { need: TrainingNeed; below: (e: TrainingNeed["employees_below"][number]) => string; onClose: () => void };

export function EnrolForm({ need, below, onClose }: Props) {
  const { t } = useTranslation("competency");
  const { agencyId, isSuperAdmin } = useSession();
  const [onlyMatching, setOnlyMatching] = useState(true);
  const choices = useSessionChoices(isSuperAdmin ? agencyId : null, onlyMatching ? need.competency.id : null);
  const [sessionId, setSessionId] = useState("");
  const [chosen, setChosen] = useState<string[]>(() => need.employees_below.map((e) => e.employee_id));
  const [done, setDone] = useState<{ session: Session; results: EnrolResult[] } | null>(null);
  const sent = need.employees_below.map((e) => e.employee_id).filter((id) => chosen.includes(id));
  const errors = useFormErrors((f) => placeEnrolError(f, sent));
  const enrol = useEnrolFromNeeds();
  const label = useSessionLabel();
  const unlisted = Math.max(0, need.below_count - need.employees_below.length);

  if (done) {
    const n = countResults(done.results);
    return (
      <div data-testid="enrol-result">
        <Notice kind="success">
          <p>{t("enrol.done", { session: `${done.session.programme_title} — ${done.session.name}` })}</p>
          <ul>
            <li>{t("enrol.enrolled", { n: n.enrolled })}</li>
            <li>{t("enrol.waitlisted", { n: n.waitlisted })}</li>
            <li>{t("enrol.already", { n: n.already })}</li>
          </ul>
        </Notice>
        <div className="form-actions">
          <Link to={paths.session(done.session.id)} className="btn">
            {t("enrol.seeSession")}
          </Link>
          <Button variant="primary" onClick={onClose}>
            {t("common:actions.close")}
          </Button>
        </div>
      </div>
    );
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const marks: Record<string, string> = {};
    if (!sessionId) marks.session = "required";
    if (sent.length === 0) marks.employee_ids = "required";
    if (!errors.mark(marks)) return;
    const session = choices.sessions.find((s) => s.id === sessionId);
    if (!session) return;
    enrol.mutate({ sessionId, employeeIds: sent }, { onSuccess: (results) => setDone({ session, results }), onError: errors.fail });
  }

  const toggle = (id: string, on: boolean) => setChosen((c) => (on ? [...c, id] : c.filter((x) => x !== id)));
  const targetsError = errors.at("employee_ids");
  return (
    <form onSubmit={submit} noValidate aria-label={t("enrol.titleFor", { competency: `${need.competency.code} · ${need.competency.name}` })}>
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : null}
      <CheckboxField
        name="only-matching"
        label={t("enrol.onlyMatching")}
        checked={onlyMatching}
        onChange={(e) => {
          setOnlyMatching(e.target.checked);
          setSessionId("");
        }}
      />
      {choices.isPending ? (
        <Loading />
      ) : choices.error ? (
        <ErrorState error={choices.error} onRetry={choices.refetch} />
      ) : choices.sessions.length === 0 ? (
        <p className="muted" data-testid="no-sessions">
          {onlyMatching ? t("enrol.noSessionsMatching") : t("enrol.noSessions")} <Link to={paths.sessions}>{t("enrol.toSessions")}</Link>
        </p>
      ) : (
        <SelectField label={t("enrol.session")} name="session" required value={sessionId} onChange={(e) => setSessionId(e.target.value)} error={errors.at("session")}>
          <option value="">{t("choose")}</option>
          {choices.sessions.map((s) => (
            <option key={s.id} value={s.id}>
              {label(s)}
            </option>
          ))}
        </SelectField>
      )}
      <fieldset className="levels-fieldset targets" aria-describedby={targetsError ? "enrol-targets-error" : undefined}>
        <legend>{t("enrol.participants", { n: sent.length })}</legend>
        <FieldMessages id="enrol-targets" error={targetsError} />
        {need.employees_below.map((x) => (
          <CheckboxField
            key={x.employee_id}
            name={`enrol-${x.employee_id}`}
            label={`${x.name} (${x.nip}) — ${below(x)}`}
            checked={chosen.includes(x.employee_id)}
            onChange={(e) => toggle(x.employee_id, e.target.checked)}
            error={errors.at(`employee:${x.employee_id}`)}
          />
        ))}
        {unlisted ? <p className="hint">{t("plan.unlisted", { n: unlisted })}</p> : null}
      </fieldset>
      <FormActions busy={enrol.isPending} onCancel={onClose} submitLabel={t("enrol.submit")} />
    </form>
  );
}
