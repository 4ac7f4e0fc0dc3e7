// Tindak Lanjut Evaluasi, for administrators: the agency's behaviour follow-ups (Kirkpatrick
// level 3) by due date, oldest first — overdue ones by default, the list to chase — filtered by
// status and session, with who answers (and in which role), about whom, and how often they were
// reminded; the scheduler run on demand with what it did; and the agency's follow-up settings
// (when the follow-up falls due, how often it is reminded).
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { formatDate, formatNumber } from "../../i18n/format";
import { useSession } from "../../session/SessionProvider";
import { Button } from "../../ui/Button";
import { SelectField, TextField } from "../../ui/Field";
import { useFormErrors, useUrlState } from "../../ui/formErrors";
import { PageHeader } from "../../ui/PageHeader";
import { Pagination } from "../../ui/Pagination";
import { useProblemText } from "../../ui/problemText";
import { Empty, ErrorState, Loading, Notice } from "../../ui/States";
import { positiveInt } from "../../ui/urlParams";
import {
  DAYS,
  LIST_STATUSES,
  MONTHS,
  useFollowUps,
  usePutSettings,
  useRunFollowUps,
  useSessionOptions,
  useSettings,
  type ListStatus,
  type RunResult,
  type Settings,
} from "./api";
import { paths } from "./paths";
import { ChooseAgency, StatusBadge } from "./shared";

const URL_DEFAULTS = { status: "overdue", session_id: "", page: "1", per_page: "20" };
const isListStatus = (v: string): v is ListStatus => (LIST_STATUSES as readonly string[]).includes(v);
const SETTINGS_FIELDS = ["follow_up_months", "reminder_days"];

/** A whole number typed in a field, in `range`: the number, or the reason it is not one. */
export function wholeIn(v: string, range: { min: number; max: number }): number | "required" | "out_of_range" {
  const s = v.trim();
  if (!s) return "required";
  const n = Number(s);
  return Number.isInteger(n) && n >= range.min && n <= range.max ? n : "out_of_range";
}

function RunSummary({ result }: { result: RunResult }) {
  const { t, i18n } = useTranslation("evaluation");
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <Notice kind="success">
      <p className="eval-run-title">{t("admin.ran", { date: formatDate(result.today, i18n.language) })}</p>
      <ul className="eval-run">
        <li>{t("admin.ranParticipant", { n: n(result.participant_tasks) })}</li>
        <li>{t("admin.ranSupervisor", { n: n(result.supervisor_tasks) })}</li>
        <li>{t("admin.ranWithout", { n: n(result.without_supervisor) })}</li>
        <li>{t("admin.ranReminders", { n: n(result.reminders) })}</li>
      </ul>
    </Notice>
  );
}

function SettingsForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation("evaluation");
  const { agencyId, isSuperAdmin } = useSession();
  const [months, setMonths] = useState(String(settings.follow_up_months));
  const [days, setDays] = useState(String(settings.reminder_days));
  const [saved, setSaved] = useState<Settings | null>(null);
  const errors = useFormErrors((f) => (SETTINGS_FIELDS.includes(f) ? f : null));
  const put = usePutSettings(agencyId);
  const current = saved ?? settings;

  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    const m = wholeIn(months, MONTHS);
    const d = wholeIn(days, DAYS);
    const marks: Record<string, string> = {};
    if (typeof m === "string") marks.follow_up_months = m;
    if (typeof d === "string") marks.reminder_days = d;
    if (!errors.mark(marks) || typeof m === "string" || typeof d === "string") return;
    put.mutate(
      { follow_up_months: m, reminder_days: d, ...(isSuperAdmin && agencyId ? { agency_id: agencyId } : {}) },
      {
        onSuccess: (s) => {
          setSaved(s);
          setMonths(String(s.follow_up_months));
          setDays(String(s.reminder_days));
        },
        onError: (err) => errors.fail(err),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t("settings.title")}>
      <div aria-live="polite">{saved ? <Notice kind="success">{t("settings.saved")}</Notice> : null}</div>
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : null}
      {current.is_default ? <p className="muted">{t("settings.isDefault")}</p> : null}
      <div className="form-grid">
        <TextField
          label={t("settings.months")}
          name="follow_up_months"
          type="number"
          inputMode="numeric"
          min={MONTHS.min}
          max={MONTHS.max}
          step={1}
          required
          hint={t("settings.monthsHint")}
          error={errors.at("follow_up_months")}
          value={months}
          onChange={(e) => setMonths(e.target.value)}
        />
        <TextField
          label={t("settings.days")}
          name="reminder_days"
          type="number"
          inputMode="numeric"
          min={DAYS.min}
          max={DAYS.max}
          step={1}
          required
          hint={t("settings.daysHint")}
          error={errors.at("reminder_days")}
          value={days}
          onChange={(e) => setDays(e.target.value)}
        />
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary" disabled={put.isPending}>
          {put.isPending ? t("common:actions.saving") : t("settings.save")}
        </Button>
      </div>
    </form>
  );
}

function SettingsSection() {
  const { t } = useTranslation("evaluation");
  const { agencyId, isSuperAdmin } = useSession();
  const needsAgency = isSuperAdmin && !agencyId;
  const settings = useSettings(agencyId, !needsAgency);
  return (
    <section className="panel eval-settings" aria-labelledby="evaluation-settings">
      <h2 id="evaluation-settings">{t("settings.title")}</h2>
      {needsAgency ? (
        <ChooseAgency />
      ) : settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <SettingsForm key={settings.data.agency_id} settings={settings.data} />
      )}
    </section>
  );
}

export function FollowUpsPage() {
  const { t, i18n } = useTranslation("evaluation");
  const text = useProblemText();
  const { agencyId, isSuperAdmin } = useSession();
  const [get, set] = useUrlState(URL_DEFAULTS);
  const rawStatus = get("status");
  const status: ListStatus = isListStatus(rawStatus) ? rawStatus : "overdue";
  const sessionId = get("session_id") || null;
  const page = positiveInt(get("page")) ?? 1;
  const perPage = positiveInt(get("per_page")) ?? 20;
  // Agency admins see their own agency's; super admins the chosen agency's, else every agency's.
  const list = useFollowUps({ agencyId: isSuperAdmin ? agencyId : null, status, sessionId, page, perPage });
  const sessions = useSessionOptions(agencyId);
  const run = useRunFollowUps();
  const lng = i18n.language;
  const n = (v: number) => formatNumber(v, lng);
  const listed = sessionId === null || (sessions.data ?? []).some((s) => s.id === sessionId);

  return (
    <>
      <PageHeader
        title={t("admin.title")}
        subtitle={t("admin.subtitle")}
        actions={
          <Button variant="primary" disabled={run.isPending} onClick={() => run.mutate(isSuperAdmin ? agencyId : null)}>
            {run.isPending ? t("admin.running") : t("admin.run")}
          </Button>
        }
      />
      <p className="hint">{t("admin.runHint")}</p>
      <div aria-live="polite">
        {run.data ? <RunSummary result={run.data} /> : null}
        {run.isError ? <Notice kind="error">{text.problem(run.error)}</Notice> : null}
      </div>
      <div className="filters">
        <SelectField label={t("admin.status")} name="status" value={status} onChange={(e) => set({ status: e.target.value, page: "1" })} optionalMarker={false}>
          {LIST_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s === "all" ? t("admin.statusAll") : t(`status.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("admin.session")}
          name="session_id"
          value={sessionId ?? ""}
          onChange={(e) => set({ session_id: e.target.value, page: "1" })}
          optionalMarker={false}
          aria-busy={sessions.isPending}
        >
          <option value="">{t("admin.allSessions")}</option>
          {!listed && sessionId !== null ? <option value={sessionId}>{t("admin.chosenSession")}</option> : null}
          {(sessions.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {`${s.programme_title} — ${s.name}`}
            </option>
          ))}
        </SelectField>
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty>{t("admin.empty")}</Empty>
      ) : (
        <>
          <div className="table-wrap" aria-busy={list.isFetching}>
            <table className="eval-follow-ups">
              <caption className="visually-hidden">{t("admin.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("admin.respondent")}</th>
                  <th scope="col">{t("admin.role")}</th>
                  <th scope="col">{t("admin.participant")}</th>
                  <th scope="col">{t("admin.training")}</th>
                  <th scope="col">{t("admin.due")}</th>
                  <th scope="col">{t("admin.status")}</th>
                  <th scope="col">{t("admin.reminders")}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((f) => (
                  <tr key={f.id} data-follow-up={f.id}>
                    <th scope="row">
                      {f.respondent_name}
                      <span className="muted small eval-nip">{f.respondent_nip}</span>
                    </th>
                    <td>{t(`role.${f.role}`)}</td>
                    <td>{f.participant_name}</td>
                    <td>
                      <Link to={paths.session(f.session_id)}>{f.programme_title}</Link>
                      <span className="muted small eval-nip">{f.session_name}</span>
                    </td>
                    <td>{formatDate(f.due_on, lng)}</td>
                    <td>
                      <StatusBadge status={f.status} />
                    </td>
                    <td>
                      {t("admin.remindersN", { n: n(f.reminder_count) })}
                      {f.last_reminded_on ? <span className="muted small eval-nip">{t("admin.lastReminded", { date: formatDate(f.last_reminded_on, lng) })}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={page} perPage={perPage} total={list.data.total} onPage={(p) => set({ page: String(p) })} onPerPage={(v) => set({ per_page: String(v), page: "1" })} />
        </>
      )}
      <SettingsSection />
    </>
  );
}
