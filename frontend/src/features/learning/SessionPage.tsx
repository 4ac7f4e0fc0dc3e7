// One session (angkatan): its details; its participants — status (waiting list too), days present,
// modules done, pre- and post-test scores and what each still lacks; enrolling employees; the
// attendance of one day; completing the session (who completed, who is pending and why); a
// participant's certificate. Trainers see the participants and take attendance; the rest is for
// administrators.
import { useMemo, useState, type FormEvent } from "react";
import { Link, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { formatDate, formatNumber } from "../../i18n/format";
import { useSession as useSignedIn } from "../../session/SessionProvider";
import { Button, Named } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { SelectField, TextField } from "../../ui/Field";
import { PageHeader } from "../../ui/PageHeader";
import { Empty, ErrorState, Loading, Notice } from "../../ui/States";
import { useDebounced } from "../../ui/hooks";
import { useProblemText } from "../../ui/problemText";
import {
  takesAttendance,
  useAttendance,
  useCancelEnrolment,
  useCompleteSession,
  useDownloadParticipantCertificate,
  useEmployeeSearch,
  useEnrol,
  useParticipants,
  useProgramme,
  usePutAttendance,
  useSession,
  type AttendanceEntry,
  type CompletionResult,
  type Employee,
  type EnrolResult,
  type Participant,
  type Session,
} from "./api";
import { paths } from "./paths";
import { EnrolmentStatusBadge, dateRange, unmetText } from "./shared";

function justSaved(state: unknown): boolean {
  return typeof state === "object" && state !== null && "saved" in state && state.saved === true;
}

/** Every day of a session, first to last (`2026-03-02` …), at most a year of them. */
export function sessionDays(start: string | null | undefined, end: string | null | undefined): string[] {
  if (!start || !end) return [];
  const out: string[] = [];
  const d = new Date(`${start}T00:00:00Z`);
  const last = new Date(`${end}T00:00:00Z`);
  while (d <= last && out.length < 366) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

const percent = (v: number | null | undefined, lng: string) => (v == null ? "—" : `${formatNumber(v, lng, v % 1 === 0 ? 0 : 1)}%`);

/** Whether a participant holds a place (and so is on the attendance list). */
const holdsPlace = (p: Participant) => p.enrolment.status === "enrolled" || p.enrolment.status === "completed";

function Details({ session }: { session: Session }) {
  const { t, i18n } = useTranslation("learning");
  const lng = i18n.language;
  const n = (v: number) => formatNumber(v, lng);
  return (
    <section className="panel" aria-labelledby="session-details">
      <h2 id="session-details">{t("session.details")}</h2>
      <dl className="props">
        <dt>{t("sessionFields.programme")}</dt>
        <dd>{session.programme_title}</dd>
        <dt>{t("sessionFields.delivery")}</dt>
        <dd>{t(`enums:delivery.${session.delivery}`)}</dd>
        <dt>{t("sessionFields.dates")}</dt>
        <dd>
          {dateRange(session.start_date, session.end_date, lng, t("sessions.openEnded"))}
          {session.days > 0 ? ` (${t("session.daysN", { n: session.days })})` : ""}
        </dd>
        {session.place ? (
          <>
            <dt>{t("sessionFields.place")}</dt>
            <dd>{session.place}</dd>
          </>
        ) : null}
        {session.online_url ? (
          <>
            <dt>{t("sessionFields.onlineUrl")}</dt>
            <dd>
              <a href={session.online_url} target="_blank" rel="noopener noreferrer">
                {session.online_url}
              </a>
            </dd>
          </>
        ) : null}
        <dt>{t("sessionFields.trainers")}</dt>
        <dd>{session.trainers.length > 0 ? session.trainers.join(", ") : "—"}</dd>
        <dt>{t("sessions.participants")}</dt>
        <dd>
          {session.capacity != null ? t("sessions.placesOf", { n: n(session.enrolled), capacity: n(session.capacity) }) : t("sessions.places", { n: n(session.enrolled) })}
          {session.waitlisted > 0 ? ` · ${t("sessions.waiting", { n: n(session.waitlisted) })}` : ""}
          {session.completed > 0 ? ` · ${t("sessions.completedN", { n: n(session.completed) })}` : ""}
        </dd>
        <dt>{t("sessionFields.selfRegistration")}</dt>
        <dd>{session.self_registration ? t("common:yes") : t("common:no")}</dd>
      </dl>
    </section>
  );
}

type ParticipantsProps = {
  session: Session;
  participants: Participant[];
  modulesTotal: number | null;
  isAdmin: boolean;
  onCancel: (p: Participant) => void;
};

function ParticipantsTable({ session, participants, modulesTotal, isAdmin, onCancel }: ParticipantsProps) {
  const { t, i18n } = useTranslation("learning");
  const text = useProblemText();
  const lng = i18n.language;
  const download = useDownloadParticipantCertificate();
  const attendance = takesAttendance(session.delivery) && session.days > 0;
  return (
    <>
      {download.isError ? <Notice kind="error">{text.problem(download.error)}</Notice> : null}
      <div className="table-wrap">
        <table className="participants">
          <caption className="visually-hidden">{t("session.participants", { n: participants.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("session.name")}</th>
              <th scope="col">{t("fields.status")}</th>
              {attendance ? <th scope="col">{t("session.attendance")}</th> : null}
              <th scope="col">{t("session.modules")}</th>
              <th scope="col">{t("session.preTest")}</th>
              <th scope="col">{t("session.postTest")}</th>
              <th scope="col">{t("session.unmet")}</th>
              {isAdmin ? <th scope="col">{t("session.actions")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {participants.map((p) => (
              <tr key={p.enrolment.id} data-enrolment={p.enrolment.id}>
                <th scope="row">
                  {p.name}
                  <div className="muted small">{t("session.nip", { nip: p.nip })}</div>
                </th>
                <td>
                  <EnrolmentStatusBadge status={p.enrolment.status} />
                  {p.enrolment.completed_on ? <div className="muted small">{formatDate(p.enrolment.completed_on, lng)}</div> : null}
                </td>
                {attendance ? <td className="num">{t("session.daysOf", { n: formatNumber(p.days_present, lng), days: formatNumber(session.days, lng) })}</td> : null}
                <td className="num">{modulesTotal != null ? t("session.modulesOf", { n: formatNumber(p.modules_done, lng), total: formatNumber(modulesTotal, lng) }) : formatNumber(p.modules_done, lng)}</td>
                <td className="num">{percent(p.pre_test_percent, lng)}</td>
                <td className="num">
                  {percent(p.post_test_percent, lng)}
                  {p.post_test_passed != null ? <div className="muted small">{p.post_test_passed ? t("session.passed") : t("session.notPassed")}</div> : null}
                </td>
                <td>{p.enrolment.status === "enrolled" ? unmetText(p.unmet, t) : "—"}</td>
                {isAdmin ? (
                  <td className="actions">
                    <div className="row-actions">
                      {p.enrolment.status === "completed" && p.enrolment.certificate_code ? (
                        <Button disabled={download.isPending} onClick={() => download.mutate({ enrolmentId: p.enrolment.id, code: p.enrolment.certificate_code ?? "" })}>
                          <Named label={t("session.certificate")} name={p.name} />
                        </Button>
                      ) : null}
                      {p.enrolment.status === "enrolled" || p.enrolment.status === "waitlisted" ? (
                        <Button variant="danger" onClick={() => onCancel(p)}>
                          <Named label={t("session.cancel")} name={p.name} />
                        </Button>
                      ) : null}
                    </div>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The attendance of one day: a checkbox per participant holding a place, saved at once. */
function AttendanceDay({ session, day, participants, entries }: { session: Session; day: string; participants: Participant[]; entries: AttendanceEntry[] }) {
  const { t, i18n } = useTranslation("learning");
  const text = useProblemText();
  const recorded = entries.filter((e) => e.day === day);
  const [marks, setMarks] = useState<Record<string, boolean>>(() => Object.fromEntries(recorded.map((e) => [e.enrolment_id, e.present])));
  const [saved, setSaved] = useState(false);
  const put = usePutAttendance(session.id);
  const dayName = formatDate(day, i18n.language);
  const present = participants.filter((p) => marks[p.enrolment.id]).length;

  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    put.mutate({ day, marks: participants.map((p) => ({ enrolment_id: p.enrolment.id, present: marks[p.enrolment.id] ?? false })) }, { onSuccess: () => setSaved(true) });
  }

  return (
    <form onSubmit={submit} aria-label={t("attendance.formOf", { day: dayName })}>
      <p className="muted" aria-live="polite">
        {recorded.length === 0 ? t("attendance.notRecorded") : t("attendance.recorded", { n: recorded.filter((e) => e.present).length, of: recorded.length })}
      </p>
      <div className="table-wrap">
        <table className="attendance">
          <caption className="visually-hidden">{t("attendance.caption", { day: dayName })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("session.name")}</th>
              <th scope="col">{t("attendance.present")}</th>
            </tr>
          </thead>
          <tbody>
            {participants.map((p) => (
              <tr key={p.enrolment.id}>
                <th scope="row">
                  {p.name}
                  <div className="muted small">{t("session.nip", { nip: p.nip })}</div>
                </th>
                <td>
                  <label className="inline">
                    <input type="checkbox" checked={marks[p.enrolment.id] ?? false} onChange={(e) => setMarks((m) => ({ ...m, [p.enrolment.id]: e.target.checked }))} />
                    <Named label={t("attendance.present")} name={p.name} />
                  </label>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>{t("attendance.count", { n: present, of: participants.length })}</p>
      {put.isError ? <Notice kind="error">{text.problem(put.error)}</Notice> : null}
      <div aria-live="polite">{saved ? <Notice kind="success">{t("attendance.saved", { day: dayName })}</Notice> : null}</div>
      <div className="form-actions">
        <Button type="submit" variant="primary" disabled={put.isPending}>
          {put.isPending ? t("common:actions.saving") : t("attendance.save")}
        </Button>
        <Button onClick={() => setMarks(Object.fromEntries(participants.map((p) => [p.enrolment.id, true])))}>{t("attendance.allPresent")}</Button>
      </div>
    </form>
  );
}

function AttendancePanel({ session, participants }: { session: Session; participants: Participant[] }) {
  const { t, i18n } = useTranslation("learning");
  const days = useMemo(() => sessionDays(session.start_date, session.end_date), [session.start_date, session.end_date]);
  const now = new Date();
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
  const [day, setDay] = useState(() => (days.includes(today) ? today : (days[0] ?? "")));
  const attendance = useAttendance(session.id, days.length > 0);
  const holding = participants.filter(holdsPlace);
  return (
    <section className="panel" aria-labelledby="attendance-heading">
      <h2 id="attendance-heading">{t("attendance.heading")}</h2>
      {days.length === 0 ? (
        <p className="muted">{t("attendance.noDays")}</p>
      ) : (
        <>
          <div className="filters">
            <SelectField label={t("attendance.day")} name="day" value={day} onChange={(e) => setDay(e.target.value)} optionalMarker={false}>
              {days.map((d, i) => (
                <option key={d} value={d}>
                  {t("attendance.dayN", { n: i + 1, date: formatDate(d, i18n.language) })}
                </option>
              ))}
            </SelectField>
          </div>
          {holding.length === 0 ? (
            <Empty>{t("attendance.nobody")}</Empty>
          ) : attendance.isPending ? (
            <Loading />
          ) : attendance.isError ? (
            <ErrorState error={attendance.error} onRetry={() => void attendance.refetch()} />
          ) : (
            <AttendanceDay key={day} session={session} day={day} participants={holding} entries={attendance.data} />
          )}
        </>
      )}
    </section>
  );
}

/** Enrolling employees: search, pick any number, enrol them; each one's result is shown. */
function EnrolPanel({ session, participants }: { session: Session; participants: Participant[] }) {
  const { t } = useTranslation("learning");
  const text = useProblemText();
  const [q, setQ] = useState("");
  const query = useDebounced(q.trim());
  const searching = query.length >= 2;
  const found = useEmployeeSearch(session.agency_id, query, searching);
  const [picked, setPicked] = useState<Employee[]>([]);
  const [results, setResults] = useState<{ result: EnrolResult; name: string }[] | null>(null);
  const enrol = useEnrol(session.id);
  const inSession = new Set(participants.map((p) => p.enrolment.employee_id));

  function send() {
    const names = new Map(picked.map((e) => [e.id, e.full_name]));
    enrol.mutate(
      picked.map((e) => e.id),
      {
        onSuccess: (res) => {
          setResults(res.map((r) => ({ result: r, name: names.get(r.employee_id) ?? r.employee_id })));
          setPicked([]);
        },
      },
    );
  }

  const resultText = (r: EnrolResult) => (!r.added ? t("enrol.already", { status: t(`enums:enrolmentStatus.${r.status}`) }) : r.status === "waitlisted" ? t("enrol.waitlisted") : t("enrol.enrolled"));

  return (
    <section className="panel" aria-labelledby="enrol-heading">
      <h2 id="enrol-heading">{t("enrol.heading")}</h2>
      <p className="hint">{session.capacity != null ? t("enrol.hintCapacity", { capacity: session.capacity }) : t("enrol.hint")}</p>
      <TextField label={t("enrol.search")} name="employee-search" type="search" autoComplete="off" value={q} onChange={(e) => setQ(e.target.value)} optionalMarker={false} hint={t("enrol.searchHint")} />
      {searching ? (
        found.isPending ? (
          <Loading />
        ) : found.isError ? (
          <ErrorState error={found.error} onRetry={() => void found.refetch()} />
        ) : found.data.length === 0 ? (
          <p className="muted" role="status">
            {t("enrol.noResults")}
          </p>
        ) : (
          <ul className="tree" aria-label={t("enrol.results")}>
            {found.data.map((e) => {
              const already = inSession.has(e.id);
              const chosen = picked.some((p) => p.id === e.id);
              return (
                <li key={e.id} className="tree-row">
                  <Button onClick={() => setPicked((ps) => [...ps, e])} disabled={already || chosen}>
                    <Named label={t("enrol.pick")} name={e.full_name} />
                  </Button>
                  <span>
                    {e.full_name} <span className="muted">{t("session.nip", { nip: e.nip })}</span>
                    {already ? <span className="muted"> · {t("enrol.inSession")}</span> : chosen ? <span className="muted"> · {t("enrol.picked")}</span> : null}
                  </span>
                </li>
              );
            })}
          </ul>
        )
      ) : null}
      {picked.length > 0 ? (
        <>
          <h3>{t("enrol.toEnrol", { n: picked.length })}</h3>
          <ul className="chips" aria-label={t("enrol.toEnrolList")}>
            {picked.map((e) => (
              <li key={e.id} className="chip">
                <span>{e.full_name}</span>
                <Button variant="ghost" onClick={() => setPicked((ps) => ps.filter((p) => p.id !== e.id))}>
                  <Named label={t("targets.remove")} name={e.full_name} />
                </Button>
              </li>
            ))}
          </ul>
          <Button variant="primary" onClick={send} disabled={enrol.isPending}>
            {enrol.isPending ? t("common:actions.saving") : t("enrol.submit", { n: picked.length })}
          </Button>
        </>
      ) : null}
      {enrol.isError ? <Notice kind="error">{text.problem(enrol.error)}</Notice> : null}
      <div aria-live="polite">
        {results ? (
          <div className="notice notice-success" data-testid="enrol-results">
            <p>{t("enrol.done")}</p>
            <ul>
              {results.map(({ result, name }) => (
                <li key={result.employee_id}>
                  <strong>{name}</strong>: {resultText(result)}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </section>
  );
}

function CompletionReport({ result, participants }: { result: CompletionResult; participants: Participant[] }) {
  const { t } = useTranslation("learning");
  const byId = new Map(participants.map((p) => [p.enrolment.id, p]));
  return (
    <section className="notice notice-success completion" aria-labelledby="completion-heading" data-testid="completion-result">
      <h2 id="completion-heading">{t("complete.resultTitle")}</h2>
      <p>{t("complete.completed", { n: result.completed })}</p>
      {result.pending.length === 0 ? (
        <p>{t("complete.nonePending")}</p>
      ) : (
        <>
          <p>{t("complete.pending", { n: result.pending.length })}</p>
          <ul>
            {result.pending.map((p) => {
              const who = byId.get(p.enrolment_id);
              return (
                <li key={p.enrolment_id}>
                  <strong>{who ? `${who.name} (${who.nip})` : p.enrolment_id}</strong>: {unmetText(p.unmet, t)}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

export function SessionPage({ id }: { id: string }) {
  const { t } = useTranslation("learning");
  const { isAdmin } = useSignedIn();
  const location = useLocation();
  const text = useProblemText();
  const session = useSession(id);
  const participants = useParticipants(id);
  const programme = useProgramme(session.data?.programme_id ?? null);
  const complete = useCompleteSession(id);
  const cancel = useCancelEnrolment(id);
  const [confirmingComplete, setConfirmingComplete] = useState(false);
  const [cancelling, setCancelling] = useState<Participant | null>(null);
  const [result, setResult] = useState<CompletionResult | null>(null);
  const [flash, setFlash] = useState<string | null>(justSaved(location.state) ? t("session.saved") : null);
  const [failure, setFailure] = useState<string | null>(null);

  if (session.isPending) return <Loading />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  const s = session.data;
  const attendance = takesAttendance(s.delivery);
  const list = participants.data ?? [];

  return (
    <>
      <p>
        <Link to={paths.sessionsOf(s.programme_id)}>← {t("session.back")}</Link>
      </p>
      <PageHeader
        title={s.name}
        subtitle={isAdmin ? <Link to={paths.programme(s.programme_id)}>{s.programme_title}</Link> : s.programme_title}
        actions={
          <>
            <Link to={paths.evaluation(s.id)} className="btn">
              {t("session.evaluation")}
            </Link>
            <Link to={paths.outcomes(s.id)} className="btn">
              {t("session.outcomes")}
            </Link>
            {isAdmin ? (
              <>
                <Link to={paths.editSession(s.id)} className="btn">
                  {t("session.edit")}
                </Link>
                {attendance ? (
                  <Button
                    variant="primary"
                    onClick={() => {
                      setFailure(null);
                      setConfirmingComplete(true);
                    }}
                  >
                    {t("complete.button")}
                  </Button>
                ) : null}
              </>
            ) : null}
          </>
        }
      />
      <div aria-live="polite">{flash ? <Notice kind="success">{flash}</Notice> : null}</div>
      {failure ? <Notice kind="error">{failure}</Notice> : null}
      {result ? <CompletionReport result={result} participants={list} /> : null}
      {!attendance ? <Notice kind="info">{t("session.selfPaced")}</Notice> : null}
      <Details session={s} />
      <section aria-labelledby="participants-heading">
        <h2 id="participants-heading">{t("session.participants", { n: list.length })}</h2>
        {participants.isPending ? (
          <Loading />
        ) : participants.isError ? (
          <ErrorState error={participants.error} onRetry={() => void participants.refetch()} />
        ) : list.length === 0 ? (
          <Empty>{t("session.noParticipants")}</Empty>
        ) : (
          <ParticipantsTable session={s} participants={list} modulesTotal={programme.data?.modules.length ?? null} isAdmin={isAdmin} onCancel={setCancelling} />
        )}
      </section>
      {isAdmin && participants.isSuccess ? <EnrolPanel session={s} participants={list} /> : null}
      {attendance && participants.isSuccess ? <AttendancePanel session={s} participants={list} /> : null}
      <Dialog open={confirmingComplete} title={t("complete.title")} onClose={() => setConfirmingComplete(false)}>
        <p>{t("complete.text", { name: s.name })}</p>
        <div className="form-actions">
          <Button
            variant="primary"
            disabled={complete.isPending}
            onClick={() =>
              complete.mutate(undefined, {
                onSuccess: (r) => {
                  setConfirmingComplete(false);
                  setFlash(null);
                  setResult(r);
                },
                onError: (err) => {
                  setConfirmingComplete(false);
                  setFailure(text.problem(err));
                },
              })
            }
          >
            {t("complete.confirm")}
          </Button>
          <Button onClick={() => setConfirmingComplete(false)}>{t("common:actions.cancel")}</Button>
        </div>
      </Dialog>
      <Dialog open={cancelling !== null} title={t("session.cancelTitle")} onClose={() => setCancelling(null)}>
        <p>{t("session.cancelText", { name: cancelling?.name ?? "" })}</p>
        <div className="form-actions">
          <Button
            variant="danger"
            disabled={cancel.isPending}
            onClick={() =>
              cancelling &&
              cancel.mutate(cancelling.enrolment.id, {
                onSuccess: () => {
                  setFlash(t("session.cancelled", { name: cancelling.name }));
                  setCancelling(null);
                },
                onError: (err) => {
                  setCancelling(null);
                  setFailure(text.problem(err));
                },
              })
            }
          >
            {t("session.confirmCancel")}
          </Button>
          <Button onClick={() => setCancelling(null)}>{t("session.keep")}</Button>
        </div>
      </Dialog>
    </>
  );
}
