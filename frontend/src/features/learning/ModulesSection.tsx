// A programme's modules in order — added, changed, removed and moved up or down — each with its
// materials (links, and files uploaded as they are) and its quiz.
import { useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { saveBlob } from "../../api/download";
import { formatNumber } from "../../i18n/format";
import { Button, Named } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { FieldMessages, TextAreaField, TextField, describedBy } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { Notice } from "../../ui/States";
import { useProblemText } from "../../ui/problemText";
import {
  fetchMaterial,
  useAddLink,
  useAddModule,
  useDeleteMaterial,
  useDeleteModule,
  useReorderModules,
  useUpdateModule,
  useUploadFile,
  type Material,
  type Module,
  type ModuleRequest,
  type ProgrammeDetail,
  type Test,
} from "./api";
import { useFormErrors } from "./shared";
import { TestEditor } from "./TestEditor";

/** The file types the API takes, for the file picker. */
const ACCEPT = ".pdf,.pptx,.docx,.xlsx,.ppt,.doc,.mp4,.webm,.mp3,.png,.jpg,.jpeg,.txt";

const MODULE_FIELDS = ["title", "minutes", "summary"];
const LINK_FIELDS = ["title", "url"];

/** A module's title, minutes and summary: adding a module, or changing one. */
type ModuleFieldsProps = {
  module: Module | null;
  busy: boolean;
  onSubmit: (b: ModuleRequest, errors: ReturnType<typeof useFormErrors>) => void;
  onCancel?: () => void;
  submitLabel: string;
};

function ModuleFields({ module, busy, onSubmit, onCancel, submitLabel }: ModuleFieldsProps) {
  const { t } = useTranslation("learning");
  const [title, setTitle] = useState(module?.title ?? "");
  const [minutes, setMinutes] = useState(module ? String(module.minutes) : "");
  const [summary, setSummary] = useState(module?.summary ?? "");
  const errors = useFormErrors((f) => (MODULE_FIELDS.includes(f) ? f : null));
  const prefix = module ? `m-${module.id}` : "new-module";

  function submit(e: FormEvent) {
    e.preventDefault();
    const n = Number(minutes);
    const found: Record<string, string> = {};
    if (!title.trim()) found.title = "required";
    if (!minutes.trim()) found.minutes = "required";
    else if (!Number.isInteger(n) || n < 1 || n > 10000) found.minutes = "out_of_range";
    if (!errors.mark(found)) return;
    onSubmit({ title: title.trim(), minutes: n, summary: summary.trim() || null }, errors);
  }

  return (
    <form onSubmit={submit} noValidate aria-label={submitLabel} className="module-form">
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : null}
      <div className="form-grid">
        <TextField label={t("module.title")} name={`${prefix}-title`} required value={title} onChange={(e) => setTitle(e.target.value)} error={errors.at("title")} maxLength={200} />
        <TextField
          label={t("module.minutes")}
          name={`${prefix}-minutes`}
          type="number"
          inputMode="numeric"
          min={1}
          max={10000}
          required
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          error={errors.at("minutes")}
        />
      </div>
      <TextAreaField label={t("module.summary")} name={`${prefix}-summary`} rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} error={errors.at("summary")} maxLength={4000} />
      {onCancel ? (
        <FormActions busy={busy} onCancel={onCancel} submitLabel={submitLabel} />
      ) : (
        <div className="form-actions">
          <Button type="submit" variant="primary" disabled={busy}>
            {busy ? t("common:actions.saving") : submitLabel}
          </Button>
        </div>
      )}
    </form>
  );
}

function AddModule({ programmeId, onAdded }: { programmeId: string; onAdded: (m: Module) => void }) {
  const { t } = useTranslation("learning");
  const add = useAddModule(programmeId);
  // A fresh form after each module added.
  const [round, setRound] = useState(0);
  return (
    <section className="panel" aria-labelledby="add-module">
      <h3 id="add-module">{t("module.add")}</h3>
      <ModuleFields
        key={round}
        module={null}
        busy={add.isPending}
        submitLabel={t("module.addButton")}
        onSubmit={(b, errors) =>
          add.mutate(b, {
            onSuccess: (m) => {
              setRound((r) => r + 1);
              onAdded(m);
            },
            onError: errors.fail,
          })
        }
      />
    </section>
  );
}

/** A link added to a module: its title and address. */
function AddLink({ programmeId, module, name, onAdded }: { programmeId: string; module: Module; name: string; onAdded: (m: Material) => void }) {
  const { t } = useTranslation("learning");
  const [title, setTitle] = useState("");
  const [url, setUrl] = useState("");
  const errors = useFormErrors((f) => (LINK_FIELDS.includes(f) ? f : null));
  const add = useAddLink(programmeId);
  const of = t("material.ofModule", { module: name });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!errors.requireFilled({ title, url })) return;
    add.mutate(
      { moduleId: module.id, title: title.trim(), url: url.trim() },
      {
        onSuccess: (m) => {
          setTitle("");
          setUrl("");
          onAdded(m);
        },
        onError: errors.fail,
      },
    );
  }
  return (
    <form onSubmit={submit} noValidate className="material-form" aria-label={`${t("material.addLink")} ${of}`}>
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : null}
      <div className="form-grid">
        <TextField label={t("material.linkTitle")} name={`link-title-${module.id}`} required value={title} onChange={(e) => setTitle(e.target.value)} error={errors.at("title")} maxLength={200} />
        <TextField label={t("material.url")} name={`link-url-${module.id}`} type="url" inputMode="url" required value={url} onChange={(e) => setUrl(e.target.value)} error={errors.at("url")} placeholder="https://" />
      </div>
      <Button type="submit" disabled={add.isPending}>
        <Named label={add.isPending ? t("common:actions.saving") : t("material.addLink")} name={of} />
      </Button>
    </form>
  );
}

/** A file uploaded to a module as it is (its own type), with an optional title. */
function UploadFile({ programmeId, module, name, onAdded }: { programmeId: string; module: Module; name: string; onAdded: (m: Material) => void }) {
  const { t } = useTranslation("learning");
  const text = useProblemText();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  const upload = useUploadFile(programmeId);
  const of = t("material.ofModule", { module: name });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) {
      setError(t("material.chooseFile"));
      return;
    }
    setError(undefined);
    upload.mutate(
      { moduleId: module.id, file, title: title.trim() },
      {
        onSuccess: (m) => {
          setFile(null);
          setTitle("");
          if (input.current) input.current.value = "";
          onAdded(m);
        },
        onError: (err) => setError(text.problem(err)),
      },
    );
  }
  return (
    <form onSubmit={submit} noValidate className="material-form" aria-label={`${t("material.upload")} ${of}`}>
      <div className="form-grid">
        <div className={`field${error ? " field-invalid" : ""}`}>
          <label htmlFor={`${id}-file`}>
            {t("material.file")}
            <span className="req" aria-hidden="true">
              {" "}
              *
            </span>
          </label>
          <input
            id={`${id}-file`}
            ref={input}
            type="file"
            name={`file-${module.id}`}
            accept={ACCEPT}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy(`${id}-file`, error, t("material.fileHint"))}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <FieldMessages id={`${id}-file`} error={error} hint={t("material.fileHint")} />
        </div>
        <TextField label={t("material.fileTitle")} name={`file-title-${module.id}`} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} hint={t("material.fileTitleHint")} />
      </div>
      <Button type="submit" disabled={upload.isPending}>
        <Named label={upload.isPending ? t("material.uploading") : t("material.upload")} name={of} />
      </Button>
    </form>
  );
}

function sizeOf(bytes: number | null | undefined, lng: string): string {
  if (bytes == null) return "";
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)), lng)} KB`;
  return `${formatNumber(bytes / (1024 * 1024), lng, 1)} MB`;
}

type Removing = { kind: "module" | "material"; id: string; name: string };

type CardProps = {
  programme: ProgrammeDetail;
  module: Module;
  index: number;
  count: number;
  quiz: Test | null;
  onMove: (by: -1 | 1) => void;
  onRemove: (r: Removing) => void;
  onFlash: (text: string) => void;
  moving: boolean;
};

function ModuleCard({ programme, module: m, index, count, quiz, onMove, onRemove, onFlash, moving }: CardProps) {
  const { t, i18n } = useTranslation("learning");
  const text = useProblemText();
  const [editing, setEditing] = useState(false);
  const [editingQuiz, setEditingQuiz] = useState(false);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const update = useUpdateModule(programme.id);
  const name = t("module.name", { n: index + 1, title: m.title });
  const headingId = `module-${m.id}`;
  const lng = i18n.language;

  async function download(mat: Material) {
    setDownloadError(null);
    try {
      saveBlob(await fetchMaterial(mat), mat.file_name ?? mat.title);
    } catch (err) {
      setDownloadError(text.problem(err));
    }
  }

  return (
    <li className="module-card" data-module={index + 1}>
      <section className="panel" aria-labelledby={headingId}>
        <h3 id={headingId}>{name}</h3>
        {editing ? (
          <ModuleFields
            module={m}
            busy={update.isPending}
            submitLabel={t("module.save")}
            onCancel={() => setEditing(false)}
            onSubmit={(b, errors) =>
              update.mutate(
                { id: m.id, b },
                {
                  onSuccess: (saved) => {
                    setEditing(false);
                    onFlash(t("module.saved", { title: saved.title }));
                  },
                  onError: errors.fail,
                },
              )
            }
          />
        ) : (
          <>
            <p className="muted">{t("module.minutesValue", { n: formatNumber(m.minutes, lng) })}</p>
            {m.summary ? <p className="pre-line">{m.summary}</p> : null}
            <div className="question-actions">
              <Button onClick={() => setEditing(true)}>
                <Named label={t("common:actions.edit")} name={name} />
              </Button>
              <Button onClick={() => onMove(-1)} disabled={index === 0 || moving}>
                <Named label={t("module.moveUp")} name={name} />
              </Button>
              <Button onClick={() => onMove(1)} disabled={index === count - 1 || moving}>
                <Named label={t("module.moveDown")} name={name} />
              </Button>
              <Button variant="danger" onClick={() => onRemove({ kind: "module", id: m.id, name: m.title })}>
                <Named label={t("module.remove")} name={name} />
              </Button>
            </div>
          </>
        )}
        <h4>{t("material.title")}</h4>
        {downloadError ? <Notice kind="error">{downloadError}</Notice> : null}
        {m.materials.length === 0 ? (
          <p className="muted">{t("material.none")}</p>
        ) : (
          <ul className="materials">
            {[...m.materials]
              .sort((a, b) => a.seq - b.seq)
              .map((mat) => (
                <li key={mat.id} className="tree-row">
                  {mat.kind === "link" && mat.url ? (
                    <a href={mat.url} target="_blank" rel="noopener noreferrer">
                      {mat.title}
                      {" "}
                <span className="visually-hidden">{t("material.newTab")}</span>
                    </a>
                  ) : (
                    <Button variant="ghost" onClick={() => void download(mat)}>
                      <Named label={t("material.download")} name={mat.title} />
                    </Button>
                  )}
                  <span className="muted small">
                    {mat.kind === "link" ? t("material.link") : [t("material.fileKind"), mat.file_name, sizeOf(mat.size_bytes, lng)].filter(Boolean).join(" · ")}
                  </span>
                  <Button variant="danger" className="tree-actions" onClick={() => onRemove({ kind: "material", id: mat.id, name: mat.title })}>
                    <Named label={t("material.remove")} name={mat.title} />
                  </Button>
                </li>
              ))}
          </ul>
        )}
        <details className="material-add">
          <summary>{t("material.addMore")}</summary>
          <AddLink programmeId={programme.id} module={m} name={name} onAdded={(mat) => onFlash(t("material.added", { title: mat.title }))} />
          <UploadFile programmeId={programme.id} module={m} name={name} onAdded={(mat) => onFlash(t("material.added", { title: mat.title }))} />
        </details>
        <h4>{t("module.quiz")}</h4>
        {editingQuiz ? (
          <TestEditor
            programmeId={programme.id}
            target={{ kind: "module", moduleId: m.id }}
            test={quiz}
            title={t("module.quizOf", { module: name })}
            onCancel={() => setEditingQuiz(false)}
            onSaved={(saved) => {
              setEditingQuiz(false);
              onFlash(t("test.saved", { title: t("module.quizOf", { module: name }), n: saved.questions.length }));
            }}
          />
        ) : (
          <>
            <p className="muted">{quiz ? t("test.summary", { n: quiz.questions.length, mark: quiz.pass_mark }) : t("module.noQuiz")}</p>
            <Button onClick={() => setEditingQuiz(true)}>
              <Named label={quiz ? t("module.editQuiz") : t("module.createQuiz")} name={name} />
            </Button>
          </>
        )}
      </section>
    </li>
  );
}

export function ModulesSection({ programme }: { programme: ProgrammeDetail }) {
  const { t } = useTranslation("learning");
  const text = useProblemText();
  const modules = [...programme.modules].sort((a, b) => a.seq - b.seq);
  const quizOf = (moduleId: string) => programme.tests.find((x) => x.kind === "module" && x.module_id === moduleId) ?? null;
  const reorder = useReorderModules(programme.id);
  const deleteModule = useDeleteModule(programme.id);
  const deleteMaterial = useDeleteMaterial(programme.id);
  const [flash, setFlash] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Removing | null>(null);
  const flashOf = (s: string) => {
    setFailure(null);
    setFlash(s);
  };

  function move(index: number, by: -1 | 1) {
    const to = index + by;
    if (to < 0 || to >= modules.length) return;
    const ids = modules.map((m) => m.id);
    const [id] = ids.splice(index, 1);
    if (id) ids.splice(to, 0, id);
    setFlash(null);
    reorder.mutate(ids, { onError: (err) => setFailure(text.problem(err)) });
  }

  function confirmRemove() {
    if (!removing) return;
    const r = removing;
    const done = {
      onSuccess: () => {
        setRemoving(null);
        flashOf(r.kind === "module" ? t("module.removed", { title: r.name }) : t("material.removed", { title: r.name }));
      },
      onError: (err: unknown) => {
        setRemoving(null);
        setFlash(null);
        setFailure(text.problem(err));
      },
    };
    if (r.kind === "module") deleteModule.mutate(r.id, done);
    else deleteMaterial.mutate(r.id, done);
  }

  return (
    <section aria-labelledby="modules-heading" className="modules">
      <h2 id="modules-heading">{t("module.heading", { n: modules.length })}</h2>
      <p className="hint">{t("module.hint")}</p>
      <div aria-live="polite">{flash ? <Notice kind="success">{flash}</Notice> : null}</div>
      {failure ? <Notice kind="error">{failure}</Notice> : null}
      {modules.length === 0 ? <p className="muted">{t("module.none")}</p> : null}
      <ol className="module-list">
        {modules.map((m, i) => (
          <ModuleCard
            key={m.id}
            programme={programme}
            module={m}
            index={i}
            count={modules.length}
            quiz={quizOf(m.id)}
            onMove={(by) => move(i, by)}
            onRemove={setRemoving}
            onFlash={flashOf}
            moving={reorder.isPending}
          />
        ))}
      </ol>
      <AddModule programmeId={programme.id} onAdded={(m) => flashOf(t("module.added", { title: m.title }))} />
      <Dialog open={removing !== null} title={removing?.kind === "material" ? t("material.removeTitle") : t("module.removeTitle")} onClose={() => setRemoving(null)}>
        <p>{removing?.kind === "material" ? t("material.removeText", { title: removing.name }) : t("module.removeText", { title: removing?.name ?? "" })}</p>
        <div className="form-actions">
          <Button variant="danger" onClick={confirmRemove} disabled={deleteModule.isPending || deleteMaterial.isPending}>
            {t("module.confirmRemove")}
          </Button>
          <Button onClick={() => setRemoving(null)}>{t("common:actions.cancel")}</Button>
        </div>
      </Dialog>
    </section>
  );
}
