// Evaluasi Pasca Pelatihan (Kirkpatrick level 3): the signed-in employee's follow-up tasks —
// about their own training and, as a direct supervisor, about their team members' — with the
// programme, the session's dates, the participant, the due date and the status. Each is answered
// here (is what was learnt applied at work, with examples and barriers) and may be amended for 7
// days after the first answer. Made for a phone: one column of cards.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ApiProblem } from "../../api/problem";
import { formatDate, formatDateTime } from "../../i18n/format";
import { useSession } from "../../session/SessionProvider";
import { Button, Named } from "../../ui/Button";
import { FieldMessages, TextAreaField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { useFormErrors } from "../../ui/formErrors";
import { PageHeader } from "../../ui/PageHeader";
import { Empty, ErrorState, Loading, Notice } from "../../ui/States";
import { MAX_TEXT, USAGES, useAnswerFollowUp, useMyFollowUps, type FollowUp, type Usage } from "./api";
import { dateRange } from "./format";
import { StatusBadge } from "./shared";

const FIELDS = ["usage", "examples", "barriers"];

/** Whether an answer may still be changed at `now` (the API has the last word). */
export function amendable(task: FollowUp, now = Date.now()): boolean {
  return task.status === "answered" && task.amendable_until != null && new Date(task.amendable_until).getTime() > now;
}

type FormProps = { task: FollowUp; onSaved: () => void; onCancel: () => void };

/** The answer: how far the learning is applied (required), examples (required unless not applied), barriers. */
function AnswerForm({ task, onSaved, onCancel }: FormProps) {
  const { t } = useTranslation("evaluation");
  const [usage, setUsage] = useState<Usage | null>(task.usage ?? null);
  const [examples, setExamples] = useState(task.examples ?? "");
  const [barriers, setBarriers] = useState(task.barriers ?? "");
  const [refusal, setRefusal] = useState<string | null>(null);
  const errors = useFormErrors((f) => (FIELDS.includes(f) ? f : null));
  const answer = useAnswerFollowUp();
  const examplesRequired = usage !== "not_used";
  const groupId = `usage-${task.id}`;
  const usageError = errors.at("usage");

  function submit(e: FormEvent) {
    e.preventDefault();
    setRefusal(null);
    const marks: Record<string, string> = {};
    if (usage === null) marks.usage = "required";
    if (examplesRequired && !examples.trim()) marks.examples = "required";
    if (!errors.mark(marks) || usage === null) return;
    answer.mutate(
      { id: task.id, b: { usage, examples: examples.trim() || null, barriers: barriers.trim() || null } },
      {
        onSuccess: onSaved,
        onError: (err) => {
          if (err instanceof ApiProblem && err.code === "amend_window_closed") setRefusal(t("answer.amendClosed"));
          else if (err instanceof ApiProblem && err.status === 404) setRefusal(t("answer.notFound"));
          else errors.fail(err);
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label={`${t(task.answered_at ? "mine.amend" : "mine.answer")}: ${task.programme_title}`} className="eval-answer">
      <fieldset
        className={`answer${usageError ? " field-invalid" : ""}`}
        role="radiogroup"
        aria-required="true"
        aria-invalid={usageError ? true : undefined}
        aria-describedby={usageError ? `${groupId}-error` : undefined}
      >
        <legend>
          {task.role === "supervisor" ? t("answer.usageSupervisor", { name: task.participant_name }) : t("answer.usageParticipant")}
          <span className="req" aria-hidden="true">
            {" "}
            *
          </span>
        </legend>
        {USAGES.map((u) => (
          <label key={u} className="inline choice">
            <input type="radio" name={groupId} value={u} checked={usage === u} onChange={() => setUsage(u)} />
            {t(`usage.${u}`)}
          </label>
        ))}
        <FieldMessages id={groupId} error={usageError} />
      </fieldset>
      <TextAreaField
        label={t("answer.examples")}
        name="examples"
        rows={4}
        maxLength={MAX_TEXT}
        required={examplesRequired}
        hint={examplesRequired ? t("answer.examplesHint") : t("answer.examplesNotUsedHint")}
        error={errors.at("examples")}
        value={examples}
        onChange={(e) => setExamples(e.target.value)}
      />
      <TextAreaField
        label={t("answer.barriers")}
        name="barriers"
        rows={3}
        maxLength={MAX_TEXT}
        hint={t("answer.barriersHint")}
        error={errors.at("barriers")}
        value={barriers}
        onChange={(e) => setBarriers(e.target.value)}
      />
      <div aria-live="polite">
        {refusal ? <Notice kind="error">{refusal}</Notice> : null}
        {errors.general ? <Notice kind="error">{errors.general}</Notice> : null}
      </div>
      <FormActions busy={answer.isPending} submitLabel={task.answered_at ? t("answer.save") : t("answer.submit")} onCancel={onCancel} />
    </form>
  );
}

function FollowUpCard({ task }: { task: FollowUp }) {
  const { t, i18n } = useTranslation("evaluation");
  const lng = i18n.language;
  const [editing, setEditing] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);
  const headingId = `follow-up-${task.id}`;
  const answered = task.status === "answered";
  const canAmend = amendable(task);
  return (
    <li>
      <article className="panel learning-card eval-task" aria-labelledby={headingId} data-follow-up={task.id}>
        <h3 id={headingId}>{task.programme_title}</h3>
        <p>
          <StatusBadge status={task.status} />
        </p>
        <dl className="props">
          <dt>{t("mine.session")}</dt>
          <dd>
            {task.session_name} · {dateRange(task.session_start_date, task.session_end_date, lng, t("programme.openEnded"))}
          </dd>
          {task.role === "supervisor" ? (
            <>
              <dt>{t("mine.participant")}</dt>
              <dd>{`${task.participant_name} (${task.participant_nip})`}</dd>
            </>
          ) : null}
          <dt>{t("mine.due")}</dt>
          <dd>{formatDate(task.due_on, lng)}</dd>
          {answered && !editing ? (
            <>
              <dt>{t("mine.usage")}</dt>
              <dd>{task.usage ? t(`usage.${task.usage}`) : t("dash")}</dd>
              {task.examples ? (
                <>
                  <dt>{t("mine.examples")}</dt>
                  <dd className="pre-line">{task.examples}</dd>
                </>
              ) : null}
              {task.barriers ? (
                <>
                  <dt>{t("mine.barriers")}</dt>
                  <dd className="pre-line">{task.barriers}</dd>
                </>
              ) : null}
            </>
          ) : null}
        </dl>
        {!answered && task.reminder_count > 0 ? <p className="hint">{t("mine.reminded", { n: task.reminder_count, date: formatDate(task.last_reminded_on, lng) })}</p> : null}
        {answered && task.answered_at ? <p className="hint">{t("mine.answeredOn", { date: formatDateTime(task.answered_at, lng) })}</p> : null}
        {canAmend && !editing ? <p className="hint">{t("mine.amendUntil", { date: formatDateTime(task.amendable_until, lng) })}</p> : null}
        <div aria-live="polite">{flash ? <Notice kind="success">{flash}</Notice> : null}</div>
        {editing ? (
          <AnswerForm
            task={task}
            onCancel={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              setFlash(t("mine.saved"));
            }}
          />
        ) : !answered || canAmend ? (
          <Button
            variant={answered ? "secondary" : "primary"}
            onClick={() => {
              setFlash(null);
              setEditing(true);
            }}
          >
            <Named label={answered ? t("mine.amend") : t("mine.answer")} name={task.role === "supervisor" ? `${task.programme_title} — ${task.participant_name}` : task.programme_title} />
          </Button>
        ) : null}
      </article>
    </li>
  );
}

function TaskList({ id, title, tasks }: { id: string; title: string; tasks: FollowUp[] }) {
  return (
    <section aria-labelledby={id} className="learning-section">
      <h2 id={id}>{title}</h2>
      <ul className="cards-list">
        {tasks.map((f) => (
          <FollowUpCard key={f.id} task={f} />
        ))}
      </ul>
    </section>
  );
}

export function MyFollowUpsPage() {
  const { t } = useTranslation("evaluation");
  const { me } = useSession();
  const employee = Boolean(me?.employee_id);
  const list = useMyFollowUps(employee);
  const header = <PageHeader title={t("mine.title")} subtitle={t("mine.subtitle")} />;
  if (!employee) {
    return (
      <>
        {header}
        <Notice kind="info">{t("mine.noEmployee")}</Notice>
      </>
    );
  }
  if (list.isPending) {
    return (
      <>
        {header}
        <Loading />
      </>
    );
  }
  if (list.isError) {
    return (
      <>
        {header}
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      </>
    );
  }
  const own = list.data.filter((f) => f.role === "participant");
  const team = list.data.filter((f) => f.role === "supervisor");
  return (
    <>
      {header}
      {list.data.length === 0 ? (
        <Empty>{t("mine.empty")}</Empty>
      ) : (
        <>
          {own.length > 0 ? <TaskList id="follow-ups-own" title={t("mine.asParticipant")} tasks={own} /> : null}
          {team.length > 0 ? <TaskList id="follow-ups-team" title={t("mine.asSupervisor")} tasks={team} /> : null}
        </>
      )}
    </>
  );
}
