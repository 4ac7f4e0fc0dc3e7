// The module player (/learning/:enrolmentId): the programme's modules with ticks for those done,
// resuming where the learner left off (else at the first not done); a module's summary and
// materials (links in a new tab; files fetched with the session's token, PDFs, videos, sound and
// pictures shown in the page); its quiz; marking it done; the pre- and post-test; and, once the
// enrolment is completed, the JP earned and the certificate. One column on a phone.
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { ApiProblem } from "../../api/problem";
import { saveBlob } from "../../api/download";
import { formatNumber } from "../../i18n/format";
import { Button, Named } from "../../ui/Button";
import { PageHeader } from "../../ui/PageHeader";
import { ErrorState, Loading, Notice } from "../../ui/States";
import { useProblemText } from "../../ui/problemText";
import { fetchMaterial, useCompleteModule, useDownloadMyCertificate, useLearnerView, useOpenModule, type LearnerModule, type LearnerView, type Material } from "./api";
import { paths } from "./paths";
import { EnrolmentStatusBadge, unmetText } from "./shared";
import { TestRunner } from "./TestRunner";

/** Where the player opens: the last module the learner was in, else the first not done, else the first. */
export function resumeAt(view: Pick<LearnerView, "enrolment" | "modules">): string | null {
  const modules = [...view.modules].sort((a, b) => a.seq - b.seq);
  const last = view.enrolment.last_module_id;
  if (last && modules.some((m) => m.id === last)) return last;
  return (modules.find((m) => !m.done) ?? modules[0])?.id ?? null;
}

/** Kinds of file a browser shows in the page. */
function inlineKind(type: string | null | undefined): "pdf" | "video" | "audio" | "image" | null {
  if (!type) return null;
  if (type === "application/pdf") return "pdf";
  if (type.startsWith("video/")) return "video";
  if (type.startsWith("audio/")) return "audio";
  if (type.startsWith("image/")) return "image";
  return null;
}

type Shown = { material: Material; url: string; kind: "pdf" | "video" | "audio" | "image" };

function Materials({ module }: { module: LearnerModule }) {
  const { t } = useTranslation("learning");
  const text = useProblemText();
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Object URLs are let go when another file is shown or the module closes.
  useEffect(() => () => {
    if (shown) URL.revokeObjectURL(shown.url);
  }, [shown]);

  async function open(m: Material, mode: "show" | "save") {
    setError(null);
    setBusy(m.id);
    try {
      const blob = await fetchMaterial(m);
      const kind = inlineKind(m.content_type ?? blob.type);
      if (mode === "show" && kind) setShown({ material: m, url: URL.createObjectURL(blob), kind });
      else saveBlob(blob, m.file_name ?? m.title);
    } catch (err) {
      setError(text.problem(err));
    } finally {
      setBusy(null);
    }
  }

  const materials = [...module.materials].sort((a, b) => a.seq - b.seq);
  if (materials.length === 0) return null;
  return (
    <section aria-labelledby={`materials-${module.id}`} className="player-materials">
      <h3 id={`materials-${module.id}`}>{t("player.materials")}</h3>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <ul className="materials">
        {materials.map((m) => (
          <li key={m.id} className="tree-row">
            {m.kind === "link" && m.url ? (
              <a href={m.url} target="_blank" rel="noopener noreferrer" className="material-link">
                {m.title}
                {" "}
                <span className="visually-hidden">{t("material.newTab")}</span>
                <span aria-hidden="true"> ↗</span>
              </a>
            ) : (
              <>
                <span className="material-title">{m.title}</span>
                {inlineKind(m.content_type) ? (
                  <Button onClick={() => void open(m, "show")} disabled={busy === m.id}>
                    <Named label={busy === m.id ? t("player.opening") : t("player.show")} name={m.title} />
                  </Button>
                ) : null}
                <Button onClick={() => void open(m, "save")} disabled={busy === m.id}>
                  <Named label={t("material.download")} name={m.title} />
                </Button>
              </>
            )}
          </li>
        ))}
      </ul>
      {shown ? (
        <figure className="viewer">
          {shown.kind === "pdf" ? (
            <iframe src={shown.url} title={shown.material.title} />
          ) : shown.kind === "video" ? (
            <video src={shown.url} controls aria-label={shown.material.title} />
          ) : shown.kind === "audio" ? (
            <audio src={shown.url} controls aria-label={shown.material.title} />
          ) : (
            <img src={shown.url} alt={shown.material.title} />
          )}
          <figcaption>
            {shown.material.title}{" "}
            <Button variant="ghost" onClick={() => setShown(null)}>
              <Named label={t("common:actions.close")} name={shown.material.title} />
            </Button>
          </figcaption>
        </figure>
      ) : null}
    </section>
  );
}

function ModuleView({ view, module, index, canTake, onNext, headingRef }: {
  view: LearnerView;
  module: LearnerModule;
  index: number;
  canTake: boolean;
  onNext: (() => void) | null;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}) {
  const { t, i18n } = useTranslation("learning");
  const text = useProblemText();
  const complete = useCompleteModule(view.enrolment.id);
  const [failure, setFailure] = useState<string | null>(null);
  const name = t("module.name", { n: index + 1, title: module.title });

  function markDone() {
    setFailure(null);
    complete.mutate(module.id, {
      onError: (err) => setFailure(err instanceof ApiProblem && err.code === "quiz_not_passed" ? t("player.passQuizFirst") : text.problem(err)),
    });
  }

  return (
    <article className="player-module" aria-labelledby={`module-heading-${module.id}`}>
      <h2 id={`module-heading-${module.id}`} ref={headingRef} tabIndex={-1}>
        {name}
      </h2>
      <p className="muted">
        {t("module.minutesValue", { n: formatNumber(module.minutes, i18n.language) })}
        {module.done ? ` · ${t("player.doneBadge")}` : ""}
      </p>
      {module.summary ? <p className="pre-line">{module.summary}</p> : null}
      <Materials key={module.id} module={module} />
      {module.quiz ? (
        <section aria-labelledby={`quiz-${module.id}`} className="player-quiz">
          <h3 id={`quiz-${module.id}`}>{t("module.quiz")}</h3>
          <TestRunner key={module.quiz.id} enrolmentId={view.enrolment.id} test={module.quiz} title={t("module.quizOf", { module: name })} canTake={canTake} />
        </section>
      ) : null}
      <div className="player-actions">
        {failure ? <Notice kind="error">{failure}</Notice> : null}
        {module.done ? (
          <p className="done-note">
            <span aria-hidden="true">✓ </span>
            {t("player.moduleDone")}
          </p>
        ) : canTake ? (
          <Button variant="primary" onClick={markDone} disabled={complete.isPending}>
            {complete.isPending ? t("common:actions.saving") : t("player.markDone")}
          </Button>
        ) : null}
        {onNext ? <Button onClick={onNext}>{t("player.next")}</Button> : null}
      </div>
    </article>
  );
}

/** The banner of a completed enrolment: JP earned and the certificate. */
function Completed({ view, fresh }: { view: LearnerView; fresh: boolean }) {
  const { t, i18n } = useTranslation("learning");
  const text = useProblemText();
  const download = useDownloadMyCertificate();
  const heading = useRef<HTMLHeadingElement>(null);
  // Completed just now (the last module, the post-test): the news is brought into view.
  useEffect(() => {
    if (fresh) heading.current?.focus();
  }, [fresh]);
  const e = view.enrolment;
  const code = e.certificate_code;
  return (
    <section className="notice notice-success completed-banner" role="status" aria-labelledby="completed-heading">
      <h2 id="completed-heading" ref={heading} tabIndex={-1}>
        {t("player.completedTitle")}
      </h2>
      <p>{t("player.completedText", { title: view.programme.title, jp: formatNumber(view.programme.jp, i18n.language) })}</p>
      {code ? (
        <>
          <p>
            {t("mine.certificateCode")}{" "}
            <code className="certificate-code" data-testid="certificate-code">
              {code}
            </code>
          </p>
          <div className="row-actions">
            <Button variant="primary" disabled={download.isPending} onClick={() => download.mutate({ enrolmentId: e.id, code })}>
              {download.isPending ? t("mine.downloading") : t("mine.downloadCertificate")}
            </Button>
            <Link to={paths.certificate(code)}>{t("mine.verifyLink")}</Link>
          </div>
        </>
      ) : null}
      {download.isError ? <Notice kind="error">{text.problem(download.error)}</Notice> : null}
    </section>
  );
}

type Step = { kind: "pre" } | { kind: "post" } | { kind: "module"; id: string };

function Player({ view }: { view: LearnerView }) {
  const { t } = useTranslation("learning");
  const modules = [...view.modules].sort((a, b) => a.seq - b.seq);
  const [step, setStep] = useState<Step>(() => {
    const at = resumeAt(view);
    return at ? { kind: "module", id: at } : view.pre_test ? { kind: "pre" } : { kind: "post" };
  });
  const canTake = view.enrolment.status === "enrolled" || view.enrolment.status === "completed";
  const { mutate: openModule } = useOpenModule(view.enrolment.id);
  const opened = useRef<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const moduleId = step.kind === "module" ? step.id : null;

  // Opening a module is the resume point; each module is told once per visit of it.
  useEffect(() => {
    if (!moduleId || !canTake || opened.current === moduleId) return;
    opened.current = moduleId;
    openModule(moduleId);
  }, [moduleId, canTake, openModule]);

  // After the learner picks another step, focus goes to its heading (not on first load).
  useEffect(() => {
    if (moved.current) heading.current?.focus();
  }, [step]);

  const go = (s: Step) => {
    moved.current = true;
    setStep(s);
  };
  const current = moduleId ? modules.findIndex((m) => m.id === moduleId) : -1;
  const currentModule = current >= 0 ? modules[current] : undefined;
  const next = current >= 0 && current < modules.length - 1 ? modules[current + 1] : undefined;
  const isCurrent = (s: Step) => (s.kind === "module" ? moduleId === s.id : step.kind === s.kind);
  const doneCount = modules.filter((m) => m.done).length;

  const preFirst = view.pre_test && view.pre_test.attempts === 0 && view.enrolment.status === "enrolled" && step.kind !== "pre";
  return (
    <div className="player">
      {preFirst ? (
        <div className="notice notice-info player-pre">
          <p>{t("player.preFirst")}</p>
          <Button onClick={() => go({ kind: "pre" })}>{t("player.takePre")}</Button>
        </div>
      ) : null}
      <nav className="player-nav" aria-label={t("player.contents")}>
        <p className="small">{t("mine.modulesDone", { done: doneCount, total: modules.length })}</p>
        <ol>
          {view.pre_test ? (
            <li>
              <button type="button" className="step" aria-current={isCurrent({ kind: "pre" }) ? "step" : undefined} onClick={() => go({ kind: "pre" })}>
                {view.pre_test.attempts > 0 ? <span aria-hidden="true" className="tick">✓</span> : <span aria-hidden="true" className="tick" />}
                {t("test.pre")}
                {view.pre_test.attempts > 0 ? <> <span className="visually-hidden">{`(${t("player.taken")})`}</span></> : null}
              </button>
            </li>
          ) : null}
          {modules.map((m, i) => (
            <li key={m.id}>
              <button type="button" className="step" aria-current={isCurrent({ kind: "module", id: m.id }) ? "step" : undefined} onClick={() => go({ kind: "module", id: m.id })}>
                <span aria-hidden="true" className="tick">
                  {m.done ? "✓" : ""}
                </span>
                {t("module.name", { n: i + 1, title: m.title })}
                {m.done ? <> <span className="visually-hidden">{`(${t("player.done")})`}</span></> : null}
              </button>
            </li>
          ))}
          {view.post_test ? (
            <li>
              <button type="button" className="step" aria-current={isCurrent({ kind: "post" }) ? "step" : undefined} onClick={() => go({ kind: "post" })}>
                <span aria-hidden="true" className="tick">
                  {view.post_test.passed ? "✓" : ""}
                </span>
                {t("test.post")}
                {view.post_test.passed ? <> <span className="visually-hidden">{`(${t("player.passed")})`}</span></> : null}
              </button>
            </li>
          ) : null}
        </ol>
      </nav>
      <div className="player-main">
        {step.kind === "module" && currentModule ? (
          <ModuleView
            key={currentModule.id}
            view={view}
            module={currentModule}
            index={current}
            canTake={canTake}
            headingRef={heading}
            onNext={next ? () => go({ kind: "module", id: next.id }) : view.post_test ? () => go({ kind: "post" }) : null}
          />
        ) : step.kind !== "module" ? (
          <section aria-labelledby="test-heading" className="player-module">
            <h2 id="test-heading" ref={heading} tabIndex={-1}>
              {t(`test.${step.kind}`)}
            </h2>
            <p className="hint">{t(`player.${step.kind}Hint`)}</p>
            {step.kind === "pre" && view.pre_test ? (
              <TestRunner key={view.pre_test.id} enrolmentId={view.enrolment.id} test={view.pre_test} title={t("test.pre")} canTake={canTake} />
            ) : step.kind === "post" && view.post_test ? (
              <TestRunner key={view.post_test.id} enrolmentId={view.enrolment.id} test={view.post_test} title={t("test.post")} canTake={canTake} />
            ) : null}
            {step.kind === "pre" && modules[0] ? <Button onClick={() => go({ kind: "module", id: modules[0]?.id ?? "" })}>{t("player.toModules")}</Button> : null}
          </section>
        ) : (
          <p className="muted">{t("player.noModules")}</p>
        )}
      </div>
    </div>
  );
}

/** A loaded enrolment: its header, its state (completed, waiting, cancelled, what is missing) and the player. */
function Learning({ view }: { view: LearnerView }) {
  const { t } = useTranslation("learning");
  // The status the page opened with: a completion after that is news.
  const [firstStatus] = useState(view.enrolment.status);
  const status = view.enrolment.status;
  return (
    <>
      <PageHeader
        title={view.programme.title}
        subtitle={
          <>
            {view.session.name} · <EnrolmentStatusBadge status={status} />
          </>
        }
      />
      {status === "completed" ? <Completed view={view} fresh={firstStatus !== "completed"} /> : null}
      {status === "waitlisted" ? <Notice kind="info">{t("player.waitlisted")}</Notice> : null}
      {status === "cancelled" ? <Notice kind="info">{t("player.cancelled")}</Notice> : null}
      {status === "enrolled" && view.unmet.length > 0 ? <p className="muted">{t("player.unmet", { list: unmetText(view.unmet, t) })}</p> : null}
      <Player view={view} />
    </>
  );
}

export function PlayerPage({ enrolmentId }: { enrolmentId: string }) {
  const { t } = useTranslation("learning");
  const view = useLearnerView(enrolmentId);
  const back = (
    <p>
      <Link to={paths.myLearning}>← {t("player.back")}</Link>
    </p>
  );
  if (view.isPending) return <Loading />;
  return (
    <>
      {back}
      {view.isError ? <ErrorState error={view.error} onRetry={() => void view.refetch()} /> : <Learning view={view.data} />}
    </>
  );
}
