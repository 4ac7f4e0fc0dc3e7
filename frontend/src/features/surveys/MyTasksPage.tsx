// Survei Saya: the signed-in employee's survey tasks in open surveys — about themselves or, for a
// supervisor, about each report — unanswered first.
import { useState } from "react";
import { Link, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../i18n/format";
import { useSession } from "../../session/SessionProvider";
import { Badge } from "../../ui/Badge";
import { Named } from "../../ui/Button";
import { PageHeader } from "../../ui/PageHeader";
import { Empty, ErrorState, Loading, Notice } from "../../ui/States";
import { useMyTasks } from "./api";
import { paths } from "./paths";

function answeredTitle(state: unknown): string | null {
  return typeof state === "object" && state !== null && "answered" in state && typeof state.answered === "string" ? state.answered : null;
}

export function MyTasksPage() {
  const { t, i18n } = useTranslation("surveys");
  const { me } = useSession();
  const location = useLocation();
  const [answered] = useState(() => answeredTitle(location.state));
  const tasks = useMyTasks(Boolean(me?.employee_id));
  const open = tasks.data?.filter((x) => !x.submitted_at).length ?? 0;

  return (
    <>
      <PageHeader title={t("tasks.title")} subtitle={t("tasks.subtitle")} />
      {answered ? <Notice kind="success">{t("answer.sent", { title: answered })}</Notice> : null}
      {!me?.employee_id ? (
        <Notice kind="info">{t("tasks.noEmployee")}</Notice>
      ) : tasks.isPending ? (
        <Loading />
      ) : tasks.isError ? (
        <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : tasks.data.length === 0 ? (
        <Empty>{t("tasks.empty")}</Empty>
      ) : (
        <>
          <p aria-live="polite">{open > 0 ? t("tasks.waiting", { n: open }) : t("tasks.allDone")}</p>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("tasks.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("tasks.survey")}</th>
                  <th scope="col">{t("tasks.about")}</th>
                  <th scope="col">{t("fields.status")}</th>
                  <th scope="col">{t("tasks.action")}</th>
                </tr>
              </thead>
              <tbody>
                {tasks.data.map((task) => (
                  <tr key={task.id} data-task={task.id}>
                    <th scope="row">
                      {task.title}
                      {task.description ? <div className="muted small">{task.description}</div> : null}
                    </th>
                    <td>{task.about_self ? t("tasks.aboutSelf") : t("tasks.aboutReport", { name: task.subject_name })}</td>
                    <td>
                      {task.submitted_at ? (
                        <>
                          <Badge tone="active">{t("tasks.answered")}</Badge>
                          <div className="muted small">{formatDateTime(task.submitted_at, i18n.language)}</div>
                        </>
                      ) : (
                        <Badge tone="warning">{t("tasks.notAnswered")}</Badge>
                      )}
                    </td>
                    <td>
                      {task.submitted_at ? null : (
                        <Link to={paths.task(task.id)} className="btn btn-primary">
                          <Named label={t("tasks.answer")} name={task.about_self ? task.title : `${task.title} — ${task.subject_name}`} />
                        </Link>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
