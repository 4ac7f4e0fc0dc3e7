// The programme editor: a new programme's data first; once saved, the same page also holds its
// modules (with materials and quizzes) and its pre- and post-test.
import { useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session/SessionProvider";
import { Button } from "../../ui/Button";
import { PageHeader } from "../../ui/PageHeader";
import { ErrorState, Loading, Notice } from "../../ui/States";
import { useProgramme, type ProgrammeDetail } from "./api";
import { ModulesSection } from "./ModulesSection";
import { paths } from "./paths";
import { ProgrammeForm } from "./ProgrammeForm";
import { ChooseAgency, ProgrammeStatusBadge } from "./shared";
import { TestEditor } from "./TestEditor";

function justSaved(state: unknown): boolean {
  return typeof state === "object" && state !== null && "saved" in state && state.saved === true;
}

/** The programme's pre-test (before the modules) or post-test (after them). */
function ProgrammeTest({ programme, kind }: { programme: ProgrammeDetail; kind: "pre" | "post" }) {
  const { t } = useTranslation("learning");
  const test = programme.tests.find((x) => x.kind === kind) ?? null;
  const [editing, setEditing] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);
  const name = t(`test.${kind}`);
  return (
    <section className="panel" aria-labelledby={`test-${kind}`}>
      <h3 id={`test-${kind}`}>{name}</h3>
      <p className="hint">{t(`test.${kind}Hint`)}</p>
      <div aria-live="polite">{flash ? <Notice kind="success">{flash}</Notice> : null}</div>
      {editing ? (
        <TestEditor
          programmeId={programme.id}
          target={{ kind }}
          test={test}
          title={name}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            setFlash(t("test.saved", { title: name, n: saved.questions.length }));
          }}
        />
      ) : (
        <>
          <p className="muted">{test ? t("test.summary", { n: test.questions.length, mark: test.pass_mark }) : t("test.none")}</p>
          <Button
            onClick={() => {
              setFlash(null);
              setEditing(true);
            }}
          >
            {test ? t(`test.edit.${kind}`) : t(`test.create.${kind}`)}
          </Button>
        </>
      )}
    </section>
  );
}

function Editor({ programme }: { programme: ProgrammeDetail }) {
  const { t } = useTranslation("learning");
  const location = useLocation();
  const [flash, setFlash] = useState<string | null>(justSaved(location.state) ? t("editor.created") : null);
  return (
    <>
      <p>
        <Link to={paths.programmes}>← {t("editor.back")}</Link>
      </p>
      <PageHeader
        title={`${programme.code} · ${programme.title}`}
        subtitle={<ProgrammeStatusBadge status={programme.status} />}
        actions={
          <>
            <Link to={paths.sessionsOf(programme.id)} className="btn">
              {t("editor.sessions")}
            </Link>
            <Link to={paths.programmeEvaluation(programme.id)} className="btn">
              {t("editor.evaluation")}
            </Link>
          </>
        }
      />
      <nav aria-label={t("editor.parts")} className="in-page">
        <a href="#programme-data">{t("editor.data")}</a> · <a href="#modules-heading">{t("editor.modulesLink")}</a> · <a href="#tests-heading">{t("editor.testsLink")}</a>
      </nav>
      <div aria-live="polite">{flash ? <Notice kind="success">{flash}</Notice> : null}</div>
      <section aria-labelledby="programme-data">
        <h2 id="programme-data">{t("editor.data")}</h2>
        <ProgrammeForm programme={programme} onSaved={(saved) => setFlash(t("editor.saved", { title: saved.title }))} />
      </section>
      <ModulesSection programme={programme} />
      <section aria-labelledby="tests-heading">
        <h2 id="tests-heading">{t("test.heading")}</h2>
        <ProgrammeTest programme={programme} kind="pre" />
        <ProgrammeTest programme={programme} kind="post" />
      </section>
    </>
  );
}

export function ProgrammeEditorPage({ id }: { id?: string }) {
  const { t } = useTranslation("learning");
  const { agencyId, isSuperAdmin } = useSession();
  const navigate = useNavigate();
  const programme = useProgramme(id ?? null);
  if (!id) {
    return (
      <>
        <p>
          <Link to={paths.programmes}>← {t("editor.back")}</Link>
        </p>
        <PageHeader title={t("editor.createTitle")} subtitle={t("editor.createSubtitle")} />
        {isSuperAdmin && !agencyId ? <ChooseAgency /> : <ProgrammeForm programme={null} onSaved={(saved) => navigate(paths.programme(saved.id), { state: { saved: true } })} />}
      </>
    );
  }
  if (programme.isPending) return <Loading />;
  if (programme.isError) return <ErrorState error={programme.error} onRetry={() => void programme.refetch()} />;
  return <Editor programme={programme.data} />;
}
