// The public needs survey: anyone holding the link `/s/:token` — a citizen using a service, or an
// employee — answers anonymously, without signing in, mostly on a phone. Outside the signed-in
// shell: no navigation, no session (the API client sends no token to `/api/v1/public/…`), so
// nothing here can lead to the sign-in page. The questions are those of an employee's task
// (./questions). The page speaks the language chosen in this browser, else the browser's own,
// else Indonesian, without changing the language of the rest of the app.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { ApiProblem } from "../../api/problem";
import { Button } from "../../ui/Button";
import { PublicPage } from "../../ui/PublicPage";
import { ErrorState, Loading, Notice } from "../../ui/States";
import { useAnswerPublicSurvey, usePublicSurvey, type PublicSurvey } from "./api";
import { collectAnswers, inOrder, placeAnswerError, QuestionList, type Entries } from "./questions";
import { useFormErrors } from "./shared";

/** The link's token names no open survey: unknown, mistyped, or the survey has been closed. */
function isGone(err: unknown): boolean {
  return err instanceof ApiProblem && (err.status === 404 || err.code === "not_open");
}

/** The route `/s/:token`: a fresh page per token. */
export default function PublicSurveyRoute() {
  const { token = "" } = useParams();
  return <PublicSurveyPage key={token} token={token} />;
}

export function PublicSurveyPage({ token }: { token: string }) {
  return (
    <PublicPage>
      <Survey token={token} />
    </PublicPage>
  );
}

function Survey({ token }: { token: string }) {
  const { t } = useTranslation("surveys");
  const survey = usePublicSurvey(token);
  const [state, setState] = useState<"answering" | "sent" | "gone">("answering");
  const title = survey.data?.title;
  useEffect(() => {
    if (!title) return;
    const before = document.title;
    document.title = `${title} · ${t("common:appName")}`;
    return () => {
      document.title = before;
    };
  }, [title, t]);

  if (survey.isPending) return <Loading />;
  // A malformed token is as unknown as a wrong one.
  if (state === "gone" || (survey.isError && (isGone(survey.error) || (survey.error instanceof ApiProblem && survey.error.status === 422)))) {
    return <Ended title={t("public.notFoundTitle")} text={t("public.notFound")} />;
  }
  if (survey.isError) return <ErrorState error={survey.error} onRetry={() => void survey.refetch()} />;
  if (state === "sent") return <Ended title={t("public.thanksTitle")} text={t("public.thanks", { title: survey.data.title })} more={t("public.thanksClose")} />;
  return <PublicForm token={token} survey={survey.data} onSent={() => setState("sent")} onGone={() => setState("gone")} />;
}

/** The end of the visit: thanks, or the survey is not there. Focus moves to its heading. */
function Ended({ title, text, more }: { title: string; text: string; more?: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="panel public-ended" aria-labelledby="public-ended-title">
      <h1 id="public-ended-title" ref={heading} tabIndex={-1}>
        {title}
      </h1>
      <p>{text}</p>
      {more ? <p className="muted">{more}</p> : null}
    </section>
  );
}

function PublicForm({ token, survey, onSent, onGone }: { token: string; survey: PublicSurvey; onSent: () => void; onGone: () => void }) {
  const { t } = useTranslation("surveys");
  const questions = inOrder(survey.questions);
  const [entries, setEntries] = useState<Entries>({});
  const errors = useFormErrors(placeAnswerError);
  const send = useAnswerPublicSurvey(token);
  const form = useRef<HTMLFormElement>(null);
  const top = useRef<HTMLDivElement>(null);
  // Bumped whenever errors are shown: focus then goes to the first question with an error (on a
  // phone it is usually off screen), or to the message above the form.
  const [shown, setShown] = useState(0);
  useEffect(() => {
    if (shown === 0) return;
    const first = form.current?.querySelector<HTMLElement>(".field-invalid input, .field-invalid textarea");
    (first ?? top.current)?.focus();
  }, [shown]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const { answers, missing } = collectAnswers(questions, entries);
    if (!errors.mark(missing)) {
      setShown((n) => n + 1);
      return;
    }
    send.mutateAsync(answers).then(onSent, (err: unknown) => {
      if (isGone(err)) return onGone();
      errors.fail(err);
      setShown((n) => n + 1);
    });
  }

  return (
    <>
      <h1>{survey.title}</h1>
      {survey.description ? <p className="public-description">{survey.description}</p> : null}
      <section className="notice notice-info public-privacy" aria-labelledby="public-privacy-title">
        <h2 id="public-privacy-title">{t("public.privacyTitle")}</h2>
        <p>{t("public.privacy")}</p>
        <p>{t("public.privacyText")}</p>
      </section>
      <form ref={form} onSubmit={submit} noValidate aria-label={survey.title}>
        <div ref={top} tabIndex={-1} className="public-messages">
          {errors.general ? <Notice kind="error">{errors.general}</Notice> : errors.any ? <Notice kind="error">{t("common:form.fixErrors")}</Notice> : null}
        </div>
        <p className="muted">{t("public.requiredNote")}</p>
        <QuestionList questions={questions} entries={entries} errorAt={errors.at} onChange={(id, v) => setEntries((es) => ({ ...es, [id]: v }))} />
        <div className="form-actions">
          <Button type="submit" variant="primary" disabled={send.isPending}>
            {send.isPending ? t("answer.sending") : t("answer.submit")}
          </Button>
        </div>
      </form>
    </>
  );
}
