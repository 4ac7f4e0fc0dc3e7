// Bukti dukung: the files uploaded to a quarter's realisation — each downloaded with the
// session's token (the content is not public) — and, for the owner while realisations may be
// recorded, uploading another (at most ten a quarter) and deleting one after confirming.
import { useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { saveBlob } from "../../api/download";
import { Button, Named } from "../../ui/Button";
import { FieldMessages, describedBy } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { Notice } from "../../ui/States";
import { useProblemText } from "../../ui/problemText";
import { MAX_EVIDENCE_FILES, fetchEvidence, useDeleteEvidence, useUploadEvidence, type Evidence, type Plan, type Realisation } from "./api";
import { formatSize, useOwnTexts } from "./shared";

/** The file types the API takes (those of training materials), for the file picker. */
const ACCEPT = ".pdf,.pptx,.docx,.xlsx,.ppt,.doc,.mp4,.webm,.mp3,.png,.jpg,.jpeg,.txt";

/** Downloads an evidence file; `error` says why the last one failed. */
export function useEvidenceDownload() {
  const text = useProblemText();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function download(e: Evidence) {
    setError(null);
    setBusy(e.id);
    try {
      saveBlob(await fetchEvidence(e), e.file_name);
    } catch (err) {
      setError(text.problem(err));
    } finally {
      setBusy(null);
    }
  }
  return { download, busy, error };
}

type ListProps = {
  realisation: Realisation;
  /** Whether files may be deleted (the owner, while realisations may be recorded). */
  mayChange: boolean;
  busy: string | null;
  onDownload: (e: Evidence) => void;
  onRemove: (e: Evidence) => void;
};

export function EvidenceList({ realisation, mayChange, busy, onDownload, onRemove }: ListProps) {
  const { t, i18n } = useTranslation("skp");
  if (realisation.evidence.length === 0) return null;
  return (
    <ul className="skp-evidence" aria-label={t("evidence.listOf", { quarter: t(`quarter.${realisation.quarter}`) })}>
      {realisation.evidence.map((e) => (
        <li key={e.id}>
          <Button variant="ghost" disabled={busy === e.id} onClick={() => onDownload(e)}>
            <span className="visually-hidden">{t("evidence.download")}</span> {e.file_name}
          </Button>
          <span className="muted small">{formatSize(e.size_bytes, i18n.language)}</span>
          {mayChange ? (
            <Button variant="danger" onClick={() => onRemove(e)}>
              <Named label={t("evidence.remove")} name={e.file_name} />
            </Button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

type UploadProps = { plan: Pick<Plan, "id" | "year">; realisation: Realisation; onDone: (file: Evidence) => void; onCancel: () => void };

/** The upload form of one realisation, shown in a dialog. */
export function UploadEvidenceForm({ plan, realisation, onDone, onCancel }: UploadProps) {
  const { t } = useTranslation("skp");
  const text = useProblemText();
  const own = useOwnTexts();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  const upload = useUploadEvidence(plan);
  const full = realisation.evidence.length >= MAX_EVIDENCE_FILES;
  const hint = t("evidence.fileHint", { max: MAX_EVIDENCE_FILES, n: realisation.evidence.length });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) {
      setError(t("evidence.chooseFile"));
      return;
    }
    setError(undefined);
    upload.mutate(
      { realisationId: realisation.id, file },
      {
        onSuccess: (saved) => {
          setFile(null);
          if (input.current) input.current.value = "";
          onDone(saved);
        },
        onError: (err) => setError(text.problem(own(err))),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t("evidence.uploadTitle", { quarter: t(`quarter.${realisation.quarter}`) })}>
      {full ? <Notice kind="info">{t("evidence.full", { max: MAX_EVIDENCE_FILES })}</Notice> : null}
      <div className={`field${error ? " field-invalid" : ""}`}>
        <label htmlFor={`${id}-file`}>
          {t("evidence.file")}
          <span className="req" aria-hidden="true">
            {" "}
            *
          </span>
        </label>
        <input
          id={`${id}-file`}
          ref={input}
          type="file"
          name="file"
          accept={ACCEPT}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(`${id}-file`, error, hint)}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setError(undefined);
          }}
        />
        <FieldMessages id={`${id}-file`} error={error} hint={hint} />
      </div>
      <FormActions busy={upload.isPending} onCancel={onCancel} submitLabel={t("evidence.upload")} />
    </form>
  );
}

type RemoveProps = { plan: Pick<Plan, "id" | "year">; evidence: Evidence; onDone: () => void; onCancel: () => void };

/** Deleting a file, once confirmed (shown in a dialog). */
export function RemoveEvidence({ plan, evidence, onDone, onCancel }: RemoveProps) {
  const { t } = useTranslation("skp");
  const text = useProblemText();
  const remove = useDeleteEvidence(plan);
  return (
    <>
      <p>{t("evidence.removeText", { name: evidence.file_name })}</p>
      {remove.isError ? <Notice kind="error">{text.problem(remove.error)}</Notice> : null}
      <div className="form-actions">
        <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate(evidence.id, { onSuccess: onDone })}>
          {t("evidence.remove")}
        </Button>
        <Button onClick={onCancel}>{t("common:actions.cancel")}</Button>
      </div>
    </>
  );
}
