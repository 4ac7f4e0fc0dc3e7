// Answering one survey task. The questions' inputs, their values and the required check are
// shared with the public survey page (./questions); the API's `answers[i]` errors show at the
// question in that position.
import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../i18n/format";
import { Button } from "../../ui/Button";
import { PageHeader } from "../../ui/PageHeader";
import { ErrorState, Loading, Notice } from "../../ui/States";
import { useAnswerTask, useMyTasks, useTask, type Task, type TaskSurvey } from "./api";
import { paths } from "./paths";
import { collectAnswers, inOrder, placeAnswerError, QuestionList, type Entries } from "./questions";
import { useFormErrors } from "./shared";

function AnswerForm({ taskId, survey, task }: { taskId: string; survey: TaskSurvey; task: Task | undefined }) {
  const { t } = useTranslation("surveys");
  const navigate = useNavigate();
  const questions = inOrder(survey.questions);
  const [entries, setEntries] = useState<Entries>({});
  const errors = useFormErrors(placeAnswerError);
  const send = useAnswerTask();

  function submit(e: FormEvent) {
    e.preventDefault();
    const { answers, missing } = collectAnswers(questions, entries);
    if (!errors.mark(missing)) return;
    // mutateAsync, not mutate's callbacks: the page may re-render without this form (the task
    // now answered) before they would run.
    send.mutateAsync({ id: taskId, answers }).then(() => navigate(paths.tasks, { state: { answered: survey.title } }), errors.fail);
  }

  return (
    <form onSubmit={submit} noValidate aria-label={survey.title}>
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : errors.any ? <Notice kind="error">{t("common:form.fixErrors")}</Notice> : null}
      {survey.description ? <p>{survey.description}</p> : null}
      {task ? <p className="muted">{task.about_self ? t("answer.aboutSelf") : t("answer.aboutReport", { name: task.subject_name })}</p> : null}
      <QuestionList questions={questions} entries={entries} errorAt={errors.at} onChange={(id, v) => setEntries((es) => ({ ...es, [id]: v }))} />
      <div className="form-actions">
        <Button type="submit" variant="primary" disabled={send.isPending}>
          {send.isPending ? t("answer.sending") : t("answer.submit")}
        </Button>
        <Link to={paths.tasks} className="btn">
          {t("common:actions.cancel")}
        </Link>
      </div>
    </form>
  );
}

export function AnswerPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation("surveys");
  const tasks = useMyTasks();
  const task = tasks.data?.find((x) => x.id === id);
  const survey = useTask(id);
  const back = (
    <p>
      <Link to={paths.tasks}>← {t("answer.back")}</Link>
    </p>
  );
  if (survey.isPending || tasks.isPending) return <Loading />;
  if (survey.isError) {
    return (
      <>
        <ErrorState error={survey.error} />
        {back}
      </>
    );
  }
  return (
    <>
      <PageHeader title={survey.data.title} />
      {task?.submitted_at ? (
        <>
          <Notice kind="info">{t("answer.already", { date: formatDateTime(task.submitted_at, i18n.language) })}</Notice>
          {back}
        </>
      ) : (
        <AnswerForm taskId={id} survey={survey.data} task={task} />
      )}
    </>
  );
}
